/* SPDX-License-Identifier: MIT */
/*
 * The `.psrec` recording format, version 1.
 *
 * File layout (all integers little-endian, the header carries an endianness
 * mark and the reader rejects a file written with the other byte order):
 *
 *   header              struct ps_trace_header (PS_TRACE_HEADER_SIZE bytes)
 *   event block * N     struct ps_trace_block + payload of encoded events
 *   end block           struct ps_trace_block (kind END) + struct ps_trace_end_rec
 *   index block         struct ps_trace_block (kind INDEX) + struct ps_trace_index_rec * N
 *   footer              struct ps_trace_footer (points at the index block)
 *
 * A file written by a crashed session (the writer's temporary file) ends after
 * its last complete event block: it has no end block, index or footer.
 *
 * Every block is self-checking: its CRC32C covers the block header (with the
 * crc field zero) followed by the payload.
 *
 * Event encoding inside an event block (the first event is relative to the
 * block header's first_seq / first_t_ns and to pid 0; the others to the
 * previous event of the same block):
 *
 *   tag      1 byte: type (bits 0-5), bit 6 PS_TRACE_TAG_EXTRA, bit 7 PS_TRACE_TAG_PID
 *   extra    [if TAG_EXTRA] 1 byte of PS_TRACE_X_* bits
 *   flags    [if X_FLAGS] 1 byte, the event's PS_EVF_* flags
 *   seq      [if X_SEQ] varint: seq delta minus 1 (the delta is 1 otherwise;
 *            the first event of a block has seq == first_seq)
 *   t_ns     zigzag varint: t_ns minus the previous t_ns (first: minus first_t_ns)
 *   pid      [if TAG_PID] zigzag varint: pid minus the previous pid
 *   obj      varint            } each present when the type's field table
 *   peer     zigzag varint of peer - pid } (ps_event_type_info) names the
 *   a, b     zigzag varints    } field, or always with X_FULL
 *   text     varint length (≤ PS_EVENT_TEXT_MAX) + bytes, when the type has
 *            text or with X_FULL
 *
 * Varints are LEB128 (7 bits per byte, low first, at most 10 bytes); zigzag
 * maps signed to unsigned (0, -1, 1, -2 … → 0, 1, 2, 3 …).
 */
#ifndef PS_TRACE_TRACE_FORMAT_H
#define PS_TRACE_TRACE_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "session/sink.h"

#define PS_TRACE_MAGIC "PSREC\0\r\n" /* 8 bytes: binary, catches text-mode mangling */
#define PS_TRACE_MAGIC_LEN 8
#define PS_TRACE_VERSION 1
#define PS_TRACE_ENDIAN_MARK 0x01020304u
#define PS_TRACE_CLOCK_MAX 16
#define PS_TRACE_HEADER_SIZE 704

/* Block kinds (four ASCII letters read as a little-endian word). */
#define PS_TRACE_BLOCK_EVENTS 0x53545645u /* "EVTS" */
#define PS_TRACE_BLOCK_END 0x20444e45u    /* "END " */
#define PS_TRACE_BLOCK_INDEX 0x58444e49u  /* "INDX" */
#define PS_TRACE_FOOTER_MAGIC "PSRECEND"

/* A writer closes an event block at this many events or payload bytes ... */
#define PS_TRACE_BLOCK_EVENTS_MAX 4096u
#define PS_TRACE_BLOCK_TARGET (64u * 1024u)
/* ... or once it spans this much session time, so a crash loses at most that much. */
#define PS_TRACE_BLOCK_SPAN_NS 250000000ull
/* The largest encoded event: tag, extra, flags, 8 varints, text length and text. */
#define PS_TRACE_EVENT_MAX_BYTES (3u + 8u * 10u + PS_EVENT_TEXT_MAX)
/* Readers reject payloads larger than this (a writer's block is far smaller). */
#define PS_TRACE_PAYLOAD_MAX (1u << 20)

#define PS_TRACE_TAG_TYPE 0x3fu
#define PS_TRACE_TAG_EXTRA 0x40u
#define PS_TRACE_TAG_PID 0x80u
#define PS_TRACE_X_FLAGS 0x01u /* a flags byte follows */
#define PS_TRACE_X_SEQ 0x02u   /* the seq delta is not 1 */
#define PS_TRACE_X_FULL 0x04u  /* every field is stored, whatever the type uses */
#define PS_TRACE_X_KNOWN 0x07u

/* The file header. */
struct ps_trace_header {
    char magic[PS_TRACE_MAGIC_LEN];   /*   0: PS_TRACE_MAGIC */
    uint32_t version;                 /*   8: PS_TRACE_VERSION */
    uint32_t header_len;              /*  12: PS_TRACE_HEADER_SIZE */
    uint32_t endian;                  /*  16: PS_TRACE_ENDIAN_MARK */
    int32_t supervisor_pid;           /*  20 */
    uint64_t start_wall_ns;           /*  24 */
    uint64_t start_mono_ns;           /*  32 */
    double time_scale;                /*  40 */
    char clock[PS_TRACE_CLOCK_MAX];   /*  48: "CLOCK_MONOTONIC", NUL-padded */
    char demo[PS_SESSION_DEMO_MAX];   /*  64: NUL-terminated */
    char host[PS_SESSION_HOST_MAX];   /* 128: NUL-terminated */
    char argv[PS_SESSION_ARGV_MAX];   /* 192: NUL-terminated */
};

/* The header of every block. */
struct ps_trace_block {
    uint32_t kind;        /*  0: PS_TRACE_BLOCK_* */
    uint32_t payload_len; /*  4: bytes after this header */
    uint32_t count;       /*  8: events (EVENTS), 1 (END) or entries (INDEX) */
    uint32_t crc;         /* 12: CRC32C of this header with crc = 0, then the payload */
    uint64_t first_seq;   /* 16: seq of the block's first event (EVENTS) */
    uint64_t first_t_ns;  /* 24: t_ns of the block's first event (EVENTS) */
};

/* The payload of the end block. */
struct ps_trace_end_rec {
    uint64_t end_mono_ns; /*  0 */
    uint64_t events;      /*  8 */
    uint64_t drops;       /* 16 */
    uint64_t torn;        /* 24 */
    int32_t exit_status;  /* 32 */
    uint8_t complete;     /* 36 */
    uint8_t containment;  /* 37: PS_CONTAIN_* of the run (0: not recorded, older files) */
    uint8_t pad_[2];      /* 38: zero */
};

/* One entry of the index block: where an event block starts. */
struct ps_trace_index_rec {
    uint64_t offset;     /*  0: file offset of the block header */
    uint64_t first_seq;  /*  8 */
    uint64_t first_t_ns; /* 16 */
};

/* The last bytes of a complete file. */
struct ps_trace_footer {
    uint64_t index_offset;             /* 0: file offset of the index block */
    char magic[PS_TRACE_MAGIC_LEN];    /* 8: PS_TRACE_FOOTER_MAGIC */
};

_Static_assert(sizeof(struct ps_trace_header) == PS_TRACE_HEADER_SIZE, "header size");
_Static_assert(offsetof(struct ps_trace_header, start_wall_ns) == 24, "layout");
_Static_assert(offsetof(struct ps_trace_header, time_scale) == 40, "layout");
_Static_assert(offsetof(struct ps_trace_header, clock) == 48, "layout");
_Static_assert(offsetof(struct ps_trace_header, demo) == 64, "layout");
_Static_assert(offsetof(struct ps_trace_header, host) == 128, "layout");
_Static_assert(offsetof(struct ps_trace_header, argv) == 192, "layout");
_Static_assert(sizeof(struct ps_trace_block) == 32, "block header size");
_Static_assert(offsetof(struct ps_trace_block, crc) == 12, "layout");
_Static_assert(offsetof(struct ps_trace_block, first_seq) == 16, "layout");
_Static_assert(sizeof(struct ps_trace_end_rec) == 40, "end record size");
_Static_assert(offsetof(struct ps_trace_end_rec, complete) == 36, "layout");
_Static_assert(sizeof(struct ps_trace_index_rec) == 24, "index record size");
_Static_assert(sizeof(struct ps_trace_footer) == 16, "footer size");
_Static_assert(PS_EV__COUNT <= PS_TRACE_TAG_TYPE + 1, "types fit in the tag");

#endif /* PS_TRACE_TRACE_FORMAT_H */
