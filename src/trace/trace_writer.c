/* SPDX-License-Identifier: MIT */
#include "trace/trace_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/atomic_file.h"
#include "trace/trace_codec.h"
#include "trace/trace_crc.h"
#include "trace/trace_format.h"

struct ps_trace_writer {
    struct ps_atomic_file out; /* the file (a temporary renamed at finish, or in place) */
    int fd;                    /* out.fd */
    int err; /* first write error (sticky), 0 when none */
    uint64_t offset; /* bytes written so far */
    uint64_t events;
    uint64_t blocks;
    bool have_prev;
    uint64_t prev_seq;
    /* the pending event block */
    struct ps_trace_codec codec;
    uint32_t count;
    uint64_t first_seq;
    uint64_t first_t_ns;
    size_t len;
    /* where each written event block starts */
    struct ps_trace_index_rec *index;
    size_t index_n;
    size_t index_cap;
    uint8_t buf[PS_TRACE_BLOCK_TARGET + PS_TRACE_EVENT_MAX_BYTES];
};

/* Write all `len` bytes, retrying short writes and EINTR; 0 or -errno. */
static int ps_trace_writer_put(struct ps_trace_writer *w, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(w->fd, p, len);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        p += n;
        len -= (size_t)n;
        w->offset += (uint64_t)n;
    }
    return 0;
}

/* Write one block (header with CRC, then payload); 0 or -errno. */
static int ps_trace_writer_block(struct ps_trace_writer *w, struct ps_trace_block hdr,
                                 const void *payload, size_t len)
{
    hdr.payload_len = (uint32_t)len;
    hdr.crc = ps_trace_block_crc(&hdr, payload);
    int rc = ps_trace_writer_put(w, &hdr, sizeof hdr);
    return rc < 0 ? rc : ps_trace_writer_put(w, payload, len);
}

/* Write the pending event block, if any, and note it in the index; 0 or -errno. */
static int ps_trace_writer_flush(struct ps_trace_writer *w)
{
    if (w->count == 0) {
        return 0;
    }
    if (w->index_n == w->index_cap) {
        size_t cap = w->index_cap ? w->index_cap * 2 : 64;
        struct ps_trace_index_rec *idx = realloc(w->index, cap * sizeof *idx);
        if (!idx) {
            return -ENOMEM;
        }
        w->index = idx;
        w->index_cap = cap;
    }
    w->index[w->index_n++] = (struct ps_trace_index_rec){w->offset, w->first_seq, w->first_t_ns};
    struct ps_trace_block hdr = {.kind = PS_TRACE_BLOCK_EVENTS, .count = w->count,
                                 .first_seq = w->first_seq, .first_t_ns = w->first_t_ns};
    int rc = ps_trace_writer_block(w, hdr, w->buf, w->len);
    w->count = 0;
    w->len = 0;
    w->blocks++;
    return rc;
}

/* Fill the file header from the session info. */
static void ps_trace_writer_header(struct ps_trace_header *h, const struct ps_session_info *info)
{
    memset(h, 0, sizeof *h);
    memcpy(h->magic, PS_TRACE_MAGIC, PS_TRACE_MAGIC_LEN);
    h->version = PS_TRACE_VERSION;
    h->header_len = PS_TRACE_HEADER_SIZE;
    h->endian = PS_TRACE_ENDIAN_MARK;
    h->supervisor_pid = info->supervisor_pid;
    h->start_wall_ns = info->start_wall_ns;
    h->start_mono_ns = info->start_mono_ns;
    h->time_scale = info->time_scale;
    snprintf(h->clock, sizeof h->clock, "%s", "CLOCK_MONOTONIC");
    snprintf(h->demo, sizeof h->demo, "%.*s", (int)sizeof info->demo - 1, info->demo);
    snprintf(h->host, sizeof h->host, "%.*s", (int)sizeof info->host - 1, info->host);
    snprintf(h->argv, sizeof h->argv, "%.*s", (int)sizeof info->argv - 1, info->argv);
}

/* Free the writer's memory (the file is already closed or never opened). */
static void ps_trace_writer_free(struct ps_trace_writer *w)
{
    free(w->index);
    free(w);
}

int ps_trace_writer_open(struct ps_trace_writer **wp, const char *path,
                         const struct ps_session_info *info)
{
    *wp = NULL;
    struct ps_trace_writer *w = calloc(1, sizeof *w);
    if (!w) {
        return -ENOMEM;
    }
    int rc = ps_atomic_open(&w->out, path, NULL);
    if (rc < 0) {
        ps_trace_writer_free(w);
        return rc;
    }
    w->fd = w->out.fd;
    struct ps_trace_header h;
    ps_trace_writer_header(&h, info);
    rc = ps_trace_writer_put(w, &h, sizeof h);
    if (rc < 0) {
        ps_trace_writer_abort(w);
        return rc;
    }
    *wp = w;
    return 0;
}

/* Sink callback: append one event to the pending block. */
static int ps_trace_writer_on_event(void *ctx, const struct ps_event *ev)
{
    struct ps_trace_writer *w = ctx;
    if (w->err) {
        return w->err;
    }
    if (ev->type >= PS_EV__COUNT || (w->have_prev && ev->seq <= w->prev_seq)) {
        return -EINVAL;
    }
    struct ps_event e = *ev;
    if (e.text_len > PS_EVENT_TEXT_MAX) {
        e.text_len = PS_EVENT_TEXT_MAX;
        e.flags |= PS_EVF_TEXT_CUT;
    }
    if (w->count == 0) {
        w->first_seq = e.seq;
        w->first_t_ns = e.t_ns;
        ps_trace_codec_start(&w->codec, e.seq, e.t_ns);
    }
    w->len += ps_trace_codec_encode(&w->codec, w->buf + w->len, &e);
    w->count++;
    w->events++;
    w->have_prev = true;
    w->prev_seq = e.seq;
    bool long_span = e.t_ns > w->first_t_ns && e.t_ns - w->first_t_ns >= PS_TRACE_BLOCK_SPAN_NS;
    if (w->count >= PS_TRACE_BLOCK_EVENTS_MAX || w->len >= PS_TRACE_BLOCK_TARGET || long_span) {
        w->err = ps_trace_writer_flush(w);
    }
    return w->err;
}

struct ps_sink ps_trace_writer_sink(struct ps_trace_writer *w)
{
    return (struct ps_sink){.on_event = ps_trace_writer_on_event, .ctx = w};
}

/* Write the pending block, the end block, the index and the footer; 0 or -errno. */
static int ps_trace_writer_tail(struct ps_trace_writer *w, const struct ps_session_end *end)
{
    int rc = ps_trace_writer_flush(w);
    if (rc < 0) {
        return rc;
    }
    struct ps_trace_end_rec rec = {.end_mono_ns = end->end_mono_ns, .events = end->events,
                                   .drops = end->drops, .torn = end->torn,
                                   .exit_status = end->exit_status, .complete = end->complete,
                                   .containment = end->containment};
    rc = ps_trace_writer_block(w, (struct ps_trace_block){.kind = PS_TRACE_BLOCK_END, .count = 1},
                               &rec, sizeof rec);
    if (rc < 0) {
        return rc;
    }
    struct ps_trace_footer foot = {.index_offset = w->offset};
    memcpy(foot.magic, PS_TRACE_FOOTER_MAGIC, PS_TRACE_MAGIC_LEN);
    struct ps_trace_block ih = {.kind = PS_TRACE_BLOCK_INDEX, .count = (uint32_t)w->index_n};
    rc = ps_trace_writer_block(w, ih, w->index, w->index_n * sizeof *w->index);
    if (rc < 0) {
        return rc;
    }
    return ps_trace_writer_put(w, &foot, sizeof foot);
}

int ps_trace_writer_finish(struct ps_trace_writer *w, const struct ps_session_end *end)
{
    int rc = w->err ? w->err : ps_trace_writer_tail(w, end);
    if (rc < 0) {
        ps_atomic_abort(&w->out);
    } else {
        rc = ps_atomic_commit(&w->out);
    }
    ps_trace_writer_free(w);
    return rc;
}

void ps_trace_writer_abort(struct ps_trace_writer *w)
{
    if (!w) {
        return;
    }
    ps_atomic_abort(&w->out);
    ps_trace_writer_free(w);
}

const char *ps_trace_writer_tmp_path(const struct ps_trace_writer *w)
{
    return w->out.tmp;
}

uint64_t ps_trace_writer_events(const struct ps_trace_writer *w)
{
    return w->events;
}

uint64_t ps_trace_writer_blocks(const struct ps_trace_writer *w)
{
    return w->blocks;
}
