/* SPDX-License-Identifier: MIT */
/*
 * The lazy replay loader: a checking read that records the event blocks (for
 * a large file, their CRCs and events checked ahead on two threads), then an
 * event-log source that decodes them one at a time, in order.
 */
#include "trace/trace_load.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/evlog.h"
#include "trace/trace_blocks.h"
#include "trace/trace_codec.h"
#include "trace/trace_format.h"
#include "trace/trace_reader_internal.h"

/* Below this many event blocks a file is checked on one thread (a thread costs more). */
#define PS_TRACE_LOAD_PAR_MIN 64u
/* At most this many blocks are checked ahead (under 6 MiB); the rest on the reading thread. */
#define PS_TRACE_LOAD_AHEAD_MAX 65536u

/* Where one checked event block is. */
struct ps_trace_load_block {
    uint64_t offset;            /* file offset of its header */
    struct ps_trace_block head; /* its header as checked */
};

/* The source's state: the open file, its blocks, the next one to decode. */
struct ps_trace_load {
    int fd;
    struct ps_trace_src src; /* the file, for fills (its buffer holds one block) */
    struct ps_trace_load_block *blocks;
    size_t nblocks, capblocks;
    size_t next;
    uint32_t stored; /* events of block `next` already appended (a fill that failed midway) */
    uint32_t skip;   /* during a fill: events still to pass over before appending */
    struct ps_evlog *log; /* the log being filled, during a fill */
    struct ps_trace_ahead *ahead; /* during loading: the blocks checked ahead */
    size_t nahead, capahead;
};

/* A range of the ahead table for one thread to check, with its own source. */
struct ps_trace_load_part {
    struct ps_trace_src src;
    struct ps_trace_ahead *from, *to;
};

/* Check the CRC and the events of one framed event block, as the reader would. */
static void ps_trace_load_check_one(struct ps_trace_src *src, struct ps_trace_ahead *a)
{
    const struct ps_trace_block *b = &a->head;
    const uint8_t *p = NULL;
    a->ok = false;
    if (b->count == 0 || b->count > b->payload_len ||
        ps_trace_src_payload(src, a->offset, b, &p) < 0 || !ps_trace_block_crc_ok(b, p)) {
        return; /* the reader finds out again what is wrong, and says it */
    }
    struct ps_trace_codec c = {0};
    ps_trace_codec_start(&c, b->first_seq, b->first_t_ns);
    a->ok = ps_trace_codec_check(&c, p, b->payload_len, b->count) == 0;
    a->after = c;
}

/* Thread body: check every block of one part. */
static void *ps_trace_load_check_part(void *arg)
{
    struct ps_trace_load_part *part = arg;
    for (struct ps_trace_ahead *a = part->from; a < part->to; a++) {
        ps_trace_load_check_one(&part->src, a);
    }
    ps_trace_src_done(&part->src);
    return NULL;
}

/*
 * Walk the framing of the event blocks after the file header (kind, lengths,
 * nothing else trusted; trace_blocks.h) into the ahead table, up to the first
 * block that is not a whole event block or PS_TRACE_LOAD_AHEAD_MAX blocks;
 * 0 or -ENOMEM.
 */
static int ps_trace_load_frame(struct ps_trace_load *ld, const struct ps_trace_src *from)
{
    struct ps_trace_src src;
    ps_trace_src_dup(&src, from);
    uint64_t off = PS_TRACE_HEADER_SIZE;
    struct ps_trace_block b;
    while (ld->nahead < PS_TRACE_LOAD_AHEAD_MAX &&
           ps_trace_src_frame(&src, off, &b) == PS_TRACE_FRAME_OK &&
           b.kind == PS_TRACE_BLOCK_EVENTS) {
        if (ld->nahead == ld->capahead) {
            size_t ncap = ld->capahead ? ld->capahead * 2 : 256;
            struct ps_trace_ahead *grown = realloc(ld->ahead, ncap * sizeof(*grown));
            if (!grown) {
                return -ENOMEM;
            }
            ld->ahead = grown;
            ld->capahead = ncap;
        }
        ld->ahead[ld->nahead++] = (struct ps_trace_ahead){.offset = off, .head = b};
        off += sizeof b + b.payload_len;
    }
    return 0;
}

/* Start a thread checking `part`, with every signal blocked (they stay the caller's). */
static int ps_trace_load_spawn(pthread_t *th, struct ps_trace_load_part *part)
{
    sigset_t all;
    sigset_t old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(th, NULL, ps_trace_load_check_part, part);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}

/*
 * Reader hook: for a file of many blocks, check the second half of its event
 * blocks (by bytes) on a second thread while this one checks the first half.
 * Anything that goes wrong here only leaves the blocks to the reader.
 */
static size_t ps_trace_load_ahead(void *ctx, const struct ps_trace_src *src,
                                  const struct ps_trace_ahead **out)
{
    struct ps_trace_load *ld = ctx;
    if (src->size < PS_TRACE_HEADER_SIZE || ps_trace_load_frame(ld, src) < 0 ||
        ld->nahead < PS_TRACE_LOAD_PAR_MIN) {
        return 0;
    }
    struct ps_trace_ahead *first = ld->ahead;
    struct ps_trace_ahead *last = ld->ahead + ld->nahead - 1;
    uint64_t half = (first->offset + last->offset + last->head.payload_len) / 2;
    struct ps_trace_ahead *mid = first;
    while (mid < last && mid->offset < half) {
        mid++;
    }
    struct ps_trace_load_part mine = {.from = first, .to = mid};
    struct ps_trace_load_part theirs = {.from = mid, .to = last + 1};
    ps_trace_src_dup(&mine.src, src);
    ps_trace_src_dup(&theirs.src, src);
    pthread_t th;
    if (ps_trace_load_spawn(&th, &theirs) != 0) {
        return 0;
    }
    ps_trace_load_check_part(&mine);
    pthread_join(th, NULL);
    *out = ld->ahead;
    return ld->nahead;
}

/* Reader hook: remember a checked event block (the table grows with the file). */
static int ps_trace_load_on_block(void *ctx, uint64_t offset, const struct ps_trace_block *b)
{
    struct ps_trace_load *ld = ctx;
    if (ld->nblocks == ld->capblocks) {
        size_t ncap = ld->capblocks ? ld->capblocks * 2 : 64;
        struct ps_trace_load_block *grown = realloc(ld->blocks, ncap * sizeof(*grown));
        if (!grown) {
            return -ENOMEM;
        }
        ld->blocks = grown;
        ld->capblocks = ncap;
    }
    ld->blocks[ld->nblocks++] = (struct ps_trace_load_block){.offset = offset, .head = *b};
    return 0;
}

/* Source release: close the file, free the table. */
static void ps_trace_load_release(void *ctx)
{
    struct ps_trace_load *ld = ctx;
    if (ld->fd >= 0) {
        close(ld->fd);
    }
    ps_trace_src_done(&ld->src);
    free(ld->blocks);
    free(ld->ahead);
    free(ld);
}

/* Decode sink: append each event to the log, past those a failed fill already stored. */
static int ps_trace_load_append(void *ctx, const struct ps_event *ev)
{
    struct ps_trace_load *ld = ctx;
    if (ld->skip > 0) {
        ld->skip--;
        return 0;
    }
    int rc = ps_evlog_append(ld->log, ev);
    ld->stored += rc == 0;
    return rc;
}

/*
 * Source fill: read the next block again, check it is unchanged, decode it
 * into the log. A fill that failed midway (out of memory) resumes after the
 * events it stored.
 */
static int ps_trace_load_fill(void *ctx, struct ps_evlog *log)
{
    struct ps_trace_load *ld = ctx;
    if (ld->next >= ld->nblocks) {
        return -EIO;
    }
    const struct ps_trace_load_block *blk = &ld->blocks[ld->next];
    struct ps_trace_block now;
    const uint8_t *p = NULL;
    int rc = ps_trace_src_frame(&ld->src, blk->offset, &now);
    if (rc != PS_TRACE_FRAME_OK || memcmp(&now, &blk->head, sizeof now) != 0) {
        return -EIO; /* the file changed since it was loaded */
    }
    rc = ps_trace_src_payload(&ld->src, blk->offset, &now, &p);
    if (rc < 0) {
        return rc;
    }
    if (!ps_trace_block_crc_ok(&now, p)) {
        return -EIO;
    }
    struct ps_trace_codec codec = {0};
    ps_trace_codec_start(&codec, blk->head.first_seq, blk->head.first_t_ns);
    struct ps_sink sink = {.on_event = ps_trace_load_append, .ctx = ld};
    struct ps_trace_codec_error e;
    ld->log = log;
    ld->skip = ld->stored;
    rc = ps_trace_codec_decode(&codec, p, blk->head.payload_len, blk->head.count, &sink, &e);
    if (rc < 0) {
        return rc == -EBADMSG ? -EIO : rc;
    }
    ld->next++;
    ld->stored = 0;
    return 0;
}

int ps_trace_load(const char *path, struct ps_session *s, struct ps_trace_stats *stats, char *err,
                  size_t errlen)
{
    struct ps_trace_load *ld = calloc(1, sizeof(*ld));
    if (!ld) {
        return -ENOMEM;
    }
    ld->fd = ps_trace_open(path, NULL, err, errlen);
    if (ld->fd < 0) {
        int rc = ld->fd;
        ps_trace_load_release(ld);
        return rc;
    }
    struct ps_sink ss = ps_session_sink(s);
    struct ps_sink check = {.on_begin = ss.on_begin, .on_end = ss.on_end, .ctx = ss.ctx};
    struct ps_trace_stats local;
    struct ps_trace_stats *st = stats ? stats : &local;
    struct ps_trace_read_hooks hooks = {.on_block = ps_trace_load_on_block, .block_ctx = ld,
                                        .ahead = ps_trace_load_ahead, .ahead_ctx = ld};
    int rc = ps_trace_src_file(&ld->src, ld->fd);
    if (rc == 0) {
        rc = ps_trace_read_fd_hooks(ld->fd, &check, &hooks, st, err, errlen);
    }
    free(ld->ahead);
    ld->ahead = NULL;
    if (rc < 0) {
        ps_trace_load_release(ld);
        return rc;
    }
    struct ps_evlog_source src = {.count = st->events, .fill = ps_trace_load_fill,
                                  .release = ps_trace_load_release, .ctx = ld};
    return ps_session_attach(s, &src);
}
