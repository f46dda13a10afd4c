/* SPDX-License-Identifier: MIT */
/*
 * The one way blocks come out of a recording, for the push reader
 * (trace_reader.c) and the lazy loader (trace_load.c) alike.
 *
 * A source is an open file read with pread(2) (never mapped: a file cut
 * while it is read gives a short read, reported as -EIO "file changed while
 * reading", where a mapping would die of SIGBUS) or bytes in memory (tests,
 * the fuzzer). Its size is fixed when it is opened; a block is framed
 * against that size (kind, length, whole payload inside the file) before its
 * payload is read, and its CRC is checked by ps_trace_block_crc_ok.
 *
 * A source with a file belongs to one thread (its block buffer); threads
 * checking ahead each make their own with ps_trace_src_dup. Internal to
 * src/trace.
 */
#ifndef PS_TRACE_TRACE_BLOCKS_H
#define PS_TRACE_TRACE_BLOCKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace/trace_format.h"

/* Where the bytes of a recording come from. */
struct ps_trace_src {
    int fd;             /* the file (not owned), or -1 for memory */
    const uint8_t *mem; /* fd < 0: the recording */
    uint64_t size;      /* bytes: the file's size when the source was made */
    uint8_t *buf;       /* fd >= 0: the last payload read (owned) */
    size_t cap;
};

/* What the framing of the block at an offset says. */
enum ps_trace_frame {
    PS_TRACE_FRAME_OK,   /* known kind, sane length, payload inside the file */
    PS_TRACE_FRAME_CUT,  /* the file ends inside its header or payload */
    PS_TRACE_FRAME_KIND, /* unknown block kind */
    PS_TRACE_FRAME_LEN,  /* absurd payload length */
};

/* A source over len bytes at data (not copied). */
void ps_trace_src_mem(struct ps_trace_src *src, const void *data, size_t len);

/* A source over the open file fd (size from fstat); 0 or -errno. */
int ps_trace_src_file(struct ps_trace_src *src, int fd);

/* A second source over the same bytes with a buffer of its own (for another thread). */
void ps_trace_src_dup(struct ps_trace_src *dst, const struct ps_trace_src *src);

/* Free the source's buffer (the file stays open). */
void ps_trace_src_done(struct ps_trace_src *src);

/*
 * Read len bytes at off (off + len <= size) into dst; 0, or -EIO when the
 * file ended early (it changed while being read) or the read failed.
 */
int ps_trace_src_read(struct ps_trace_src *src, uint64_t off, void *dst, size_t len);

/*
 * Read the header of the block at off into *b and check its framing; returns
 * a PS_TRACE_FRAME_* value, or -EIO as ps_trace_src_read.
 */
int ps_trace_src_frame(struct ps_trace_src *src, uint64_t off, struct ps_trace_block *b);

/*
 * The payload of the framed block b at off: *p points at its payload_len
 * bytes (valid until the next call on src). 0, -ENOMEM or -EIO.
 */
int ps_trace_src_payload(struct ps_trace_src *src, uint64_t off, const struct ps_trace_block *b,
                         const uint8_t **p);

/* True when block b's CRC matches its header (crc field as zero) and payload p. */
bool ps_trace_block_crc_ok(const struct ps_trace_block *b, const uint8_t *p);

#endif /* PS_TRACE_TRACE_BLOCKS_H */
