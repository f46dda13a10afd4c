/* SPDX-License-Identifier: MIT */
/*
 * The event log's insides, shared by evlog.c (memory) and evlog_spill.c (the
 * window of a live log: old chunks on disk). Internal to src/session.
 */
#ifndef PS_SESSION_EVLOG_INTERNAL_H
#define PS_SESSION_EVLOG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session/evlog.h"

#define PS_EVLOG_SHIFT 16
#define PS_EVLOG_CHUNK (1u << PS_EVLOG_SHIFT) /* records per chunk */
#define PS_EVLOG_MASK (PS_EVLOG_CHUNK - 1)
#define PS_EVLOG_ARENA_SHIFT 20
#define PS_EVLOG_ARENA_CHUNK (1u << PS_EVLOG_ARENA_SHIFT) /* text bytes per chunk */
#define PS_EVLOG_ARENA_MAX 4096u                           /* 4096 x 1 MiB */
#define PS_EVLOG_NO_TEXT UINT32_MAX

/* One stored event (its seq is its index). */
struct ps_evlog_rec {
    uint64_t t_ns;
    int32_t pid;
    uint16_t type;
    uint8_t flags;
    uint8_t pad_;
    uint32_t obj;
    int32_t peer;
    int64_t a;
    int64_t b;
    uint32_t text_ref; /* arena chunk << 20 | offset, or PS_EVLOG_NO_TEXT */
    uint32_t text_len;
};

_Static_assert(sizeof(struct ps_evlog_rec) == 48, "48 bytes per event");

struct ps_evlog {
    uint64_t count;
    struct ps_evlog_rec **chunks; /* record chunks */
    size_t nchunks, capchunks;
    char **arena;                 /* text chunks */
    size_t narena, caparena;
    uint32_t arena_used;          /* bytes used in the last text chunk */
    struct ps_evlog_source src;   /* valid while has_src */
    uint64_t total;               /* count + pending events of src (while has_src) */
    bool has_src;
    bool filling;                 /* src.fill is running: its appends are the pending events */
    struct ps_evlog_spill *spill; /* the window: chunks before spill->first are on disk */
};

struct ps_evlog_spill;

/* Text of a record in memory (NULL when it has none). */
const char *ps_evlog_rec_text(const struct ps_evlog *log, const struct ps_evlog_rec *rec);

/*
 * A new record chunk number `chunk` was just allocated: with a window, move
 * the chunk that falls out of it (records and texts) to disk; 0 or -errno.
 */
int ps_evlog_spill_after_grow(struct ps_evlog *log, size_t chunk);

/* The record of spilled event i (chunk below spill->first), read back; its text in *text. */
int ps_evlog_spill_get(struct ps_evlog *log, uint64_t i, const struct ps_evlog_rec **rec,
                       const char **text);

/* Free the window's state and close its file. */
void ps_evlog_spill_free(struct ps_evlog *log);

/* Bytes the window holds in memory (its tables and the chunk read back). */
uint64_t ps_evlog_spill_bytes(const struct ps_evlog *log);

#endif /* PS_SESSION_EVLOG_INTERNAL_H */
