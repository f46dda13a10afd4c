/* SPDX-License-Identifier: MIT */
/* Blocks read out of a recording: framing, payloads by pread, the block CRC. */
#include "trace/trace_blocks.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "trace/trace_crc.h"

void ps_trace_src_mem(struct ps_trace_src *src, const void *data, size_t len)
{
    *src = (struct ps_trace_src){.fd = -1, .mem = data, .size = len};
}

int ps_trace_src_file(struct ps_trace_src *src, int fd)
{
    struct stat st;
    *src = (struct ps_trace_src){.fd = fd};
    if (fstat(fd, &st) < 0) {
        return -errno;
    }
    src->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
    return 0;
}

void ps_trace_src_dup(struct ps_trace_src *dst, const struct ps_trace_src *src)
{
    *dst = (struct ps_trace_src){.fd = src->fd, .mem = src->mem, .size = src->size};
}

void ps_trace_src_done(struct ps_trace_src *src)
{
    free(src->buf);
    src->buf = NULL;
    src->cap = 0;
}

int ps_trace_src_read(struct ps_trace_src *src, uint64_t off, void *dst, size_t len)
{
    if (off > src->size || len > src->size - off) {
        return -EIO;
    }
    if (src->fd < 0) {
        memcpy(dst, src->mem + off, len);
        return 0;
    }
    size_t got = 0;
    while (got < len) {
        ssize_t n = pread(src->fd, (uint8_t *)dst + got, len - got, (off_t)(off + got));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return -EIO; /* an error, or the file is shorter than when it was opened */
        }
        got += (size_t)n;
    }
    return 0;
}

int ps_trace_src_frame(struct ps_trace_src *src, uint64_t off, struct ps_trace_block *b)
{
    if (off > src->size || src->size - off < sizeof *b) {
        return PS_TRACE_FRAME_CUT;
    }
    int rc = ps_trace_src_read(src, off, b, sizeof *b);
    if (rc < 0) {
        return rc;
    }
    if (b->kind != PS_TRACE_BLOCK_EVENTS && b->kind != PS_TRACE_BLOCK_END &&
        b->kind != PS_TRACE_BLOCK_INDEX) {
        return PS_TRACE_FRAME_KIND;
    }
    if (b->kind != PS_TRACE_BLOCK_INDEX && b->payload_len > PS_TRACE_PAYLOAD_MAX) {
        return PS_TRACE_FRAME_LEN;
    }
    return b->payload_len > src->size - off - sizeof *b ? PS_TRACE_FRAME_CUT : PS_TRACE_FRAME_OK;
}

int ps_trace_src_payload(struct ps_trace_src *src, uint64_t off, const struct ps_trace_block *b,
                         const uint8_t **p)
{
    uint64_t at = off + sizeof *b;
    if (src->fd < 0) {
        if (at > src->size || b->payload_len > src->size - at) {
            return -EIO;
        }
        *p = src->mem + at;
        return 0;
    }
    if (b->payload_len > src->cap) {
        uint8_t *grown = realloc(src->buf, b->payload_len);
        if (!grown) {
            return -ENOMEM;
        }
        src->buf = grown;
        src->cap = b->payload_len;
    }
    *p = src->buf;
    return ps_trace_src_read(src, at, src->buf, b->payload_len);
}

bool ps_trace_block_crc_ok(const struct ps_trace_block *b, const uint8_t *p)
{
    return ps_trace_block_crc(b, p) == b->crc;
}
