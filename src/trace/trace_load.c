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
#include "trace/trace_codec.h"
#include "trace/trace_crc.h"
#include "trace/trace_format.h"

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
    struct ps_trace_load_block *blocks;
    size_t nblocks, capblocks;
    size_t next;
    uint32_t stored; /* events of block `next` already appended (a fill that failed midway) */
    uint32_t skip;   /* during a fill: events still to pass over before appending */
    struct ps_evlog *log; /* the log being filled, during a fill */
    uint8_t *buf; /* one block: header + payload (at most PS_TRACE_PAYLOAD_MAX + 32 bytes) */
    size_t bufcap;
    struct ps_trace_ahead *ahead; /* during loading: the blocks checked ahead */
    size_t nahead, capahead;
};

/* A range of the ahead table for one thread to check. */
struct ps_trace_load_part {
    const uint8_t *data;
    struct ps_trace_ahead *from, *to;
};

/* Check the CRC and the events of one framed event block, as the reader would. */
static void ps_trace_load_check_one(const uint8_t *data, struct ps_trace_ahead *a)
{
    const struct ps_trace_block *b = &a->head;
    const uint8_t *p = data + a->offset + sizeof *b;
    struct ps_trace_block h = *b;
    h.crc = 0;
    a->ok = false;
    if (b->count == 0 || b->count > b->payload_len ||
        ps_trace_crc32c(ps_trace_crc32c(0, &h, sizeof h), p, b->payload_len) != b->crc) {
        return;
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
        ps_trace_load_check_one(part->data, a);
    }
    return NULL;
}

/*
 * Walk the framing of the event blocks after the file header (kind, lengths,
 * nothing else trusted) into the ahead table, up to the first block that is
 * not a whole event block or PS_TRACE_LOAD_AHEAD_MAX blocks; 0 or -ENOMEM.
 */
static int ps_trace_load_frame(struct ps_trace_load *ld, const uint8_t *data, size_t len)
{
    size_t off = PS_TRACE_HEADER_SIZE;
    struct ps_trace_block b;
    while (len - off >= sizeof b && ld->nahead < PS_TRACE_LOAD_AHEAD_MAX) {
        memcpy(&b, data + off, sizeof b);
        if (b.kind != PS_TRACE_BLOCK_EVENTS || b.payload_len > PS_TRACE_PAYLOAD_MAX ||
            b.payload_len > len - off - sizeof b) {
            break;
        }
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
static size_t ps_trace_load_ahead(void *ctx, const uint8_t *data, size_t len,
                                  const struct ps_trace_ahead **out)
{
    struct ps_trace_load *ld = ctx;
    if (len < PS_TRACE_HEADER_SIZE || ps_trace_load_frame(ld, data, len) < 0 ||
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
    struct ps_trace_load_part mine = {.data = data, .from = first, .to = mid};
    struct ps_trace_load_part theirs = {.data = data, .from = mid, .to = last + 1};
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
    free(ld->blocks);
    free(ld->buf);
    free(ld->ahead);
    free(ld);
}

/* Read `len` bytes at `off` into buf; 0, or -EIO for a short file or read error. */
static int ps_trace_load_pread(int fd, uint8_t *buf, size_t len, uint64_t off)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(fd, buf + got, len - got, (off_t)(off + got));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -EIO;
        }
        got += (size_t)n;
    }
    return 0;
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
    size_t hlen = sizeof(struct ps_trace_block);
    size_t need = hlen + blk->head.payload_len; /* checked: payload_len <= PS_TRACE_PAYLOAD_MAX */
    if (need > ld->bufcap) {
        uint8_t *grown = realloc(ld->buf, need);
        if (!grown) {
            return -ENOMEM;
        }
        ld->buf = grown;
        ld->bufcap = need;
    }
    if (ps_trace_load_pread(ld->fd, ld->buf, need, blk->offset) < 0 ||
        memcmp(ld->buf, &blk->head, hlen) != 0) {
        return -EIO;
    }
    struct ps_trace_block h = blk->head;
    h.crc = 0;
    uint32_t crc = ps_trace_crc32c(ps_trace_crc32c(0, &h, hlen), ld->buf + hlen,
                                   blk->head.payload_len);
    if (crc != blk->head.crc) {
        return -EIO;
    }
    struct ps_trace_codec codec = {0};
    ps_trace_codec_start(&codec, blk->head.first_seq, blk->head.first_t_ns);
    struct ps_sink sink = {.on_event = ps_trace_load_append, .ctx = ld};
    struct ps_trace_codec_error e;
    ld->log = log;
    ld->skip = ld->stored;
    int rc = ps_trace_codec_decode(&codec, ld->buf + hlen, blk->head.payload_len,
                                   blk->head.count, &sink, &e);
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
    int rc = ps_trace_read_fd(ld->fd, &check, &hooks, st, err, errlen);
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
