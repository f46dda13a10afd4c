/* SPDX-License-Identifier: MIT */
/*
 * The reader's plumbing for the lazy loader (trace_load.c): hooks called as
 * blocks are read, and a table of blocks checked ahead on other threads.
 * Internal to src/trace; the public reader is trace_reader.h.
 */
#ifndef PS_TRACE_TRACE_READER_INTERNAL_H
#define PS_TRACE_TRACE_READER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/trace_blocks.h"
#include "trace/trace_codec.h"
#include "trace/trace_format.h"
#include "trace/trace_reader.h"

/* Called after each event block was read and decoded: its file offset and header. */
typedef int (*ps_trace_block_fn)(void *ctx, uint64_t offset, const struct ps_trace_block *b);

/* One event block checked ahead of the read (by trace_load.c, on two threads). */
struct ps_trace_ahead {
    uint64_t offset;             /* file offset of its header */
    struct ps_trace_block head;  /* its header as checked */
    struct ps_trace_codec after; /* the codec after its events, started with drops = torn = 0 */
    bool ok;                     /* its CRC and every event are good */
};

/*
 * Check event blocks of `src` (its header already checked) ahead of the read;
 * returns how many entries *out has, in file order (0: none, the read checks
 * every block itself). The table stays the callee's (ctx's) until the read
 * returns. Reading src from another thread takes a ps_trace_src_dup.
 */
typedef size_t (*ps_trace_ahead_fn)(void *ctx, const struct ps_trace_src *src,
                                    const struct ps_trace_ahead **out);

/* What a read of an open file calls besides the sink; any member may be NULL. */
struct ps_trace_read_hooks {
    ps_trace_block_fn on_block; /* after each event block; < 0 stops the read like a sink */
    void *block_ctx;
    ps_trace_ahead_fn ahead;    /* once before the blocks are read */
    void *ahead_ctx;
};

/*
 * ps_trace_read_fd with `hooks` (may be NULL). A block whose ahead entry says
 * good (same offset, same header) skips its read, CRC and event check when
 * the sink has no on_event: the result is the same, checked elsewhere.
 */
int ps_trace_read_fd_hooks(int fd, const struct ps_sink *sink,
                           const struct ps_trace_read_hooks *hooks, struct ps_trace_stats *stats,
                           char *err, size_t errlen);

#endif /* PS_TRACE_TRACE_READER_INTERNAL_H */
