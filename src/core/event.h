/* SPDX-License-Identifier: MIT */
/*
 * The event schema: the one thing every part of procscope agrees on.
 *
 * An event is what one process of a demo reports about itself: it was
 * spawned, it sent a value into a pipe, it arrived at a barrier. Events are
 * produced through the probe (src/probe), carried by the shared-memory ring
 * (src/core/ring.c), folded into the session model (src/session), written to
 * recordings (src/trace) and printed by the exporters (src/export).
 *
 * Two representations:
 *  - struct ps_event_rec: one 64-byte ring slot. It crosses a process
 *    boundary, so it has fixed-width fields, explicit layout, no pointers and
 *    static asserts on every offset. Text longer than the inline 16 bytes goes
 *    on in following slots (struct ps_event_cont, 56 bytes of text each).
 *  - struct ps_event: the decoded, process-local form handed to sinks. Its
 *    text pointer is owned by whoever produced the event and is valid only for
 *    the duration of the callback (copy what you keep).
 *
 * Field conventions: `pid` is always the process that emitted the event.
 * `peer` is the other process an event is about (the child of a spawn, the
 * target of a terminate, the worker of a pool lane), `obj` the session-unique
 * id of a pipe, queue, lock, barrier, pool or namespace. What `a`, `b` and
 * `text` mean is per type, in the table returned by ps_event_type_info(); the
 * JSONL schema uses exactly those key names.
 */
#ifndef PS_CORE_EVENT_H
#define PS_CORE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/event_types.h"

/* Version of the slot layout and of the type numbering. */
#define PS_EVENT_VERSION 1

#define PS_EVENT_REC_SIZE 64
#define PS_EVENT_INLINE_TEXT 16 /* text bytes in the first slot */
#define PS_EVENT_CONT_TEXT 56   /* text bytes in each continuation slot */
#define PS_EVENT_TEXT_MAX 1024  /* longer text is cut to this (and flagged) */

/* The longest event in slots: one head plus enough continuations. */
#define PS_EVENT_MAX_SLOTS                                                                         \
    (1 + (PS_EVENT_TEXT_MAX - PS_EVENT_INLINE_TEXT + PS_EVENT_CONT_TEXT - 1) / PS_EVENT_CONT_TEXT)

/* Flags in ps_event_rec.flags / ps_event.flags. */
#define PS_EVF_TEXT_CUT 0x01u /* the producer cut text longer than PS_EVENT_TEXT_MAX */

/* enum ps_event_type and the rows that describe each type: core/event_types.h. */

/*
 * One ring slot. `seq` is the ring's publication word (owned by ring.c: a
 * slot is readable when seq == position + 1). Everything after it is filled by
 * the producer before publishing.
 */
struct ps_event_rec {
    uint64_t seq;      /*  0: ring publication word */
    uint64_t t_ns;     /*  8: CLOCK_MONOTONIC nanoseconds */
    int32_t pid;       /* 16: emitting process */
    uint8_t type;      /* 20: enum ps_event_type */
    uint8_t flags;     /* 21: PS_EVF_* */
    uint16_t text_len; /* 22: total text bytes, inline plus continuations */
    uint32_t obj;      /* 24 */
    int32_t peer;      /* 28 */
    int64_t a;         /* 32 */
    int64_t b;         /* 40 */
    char text[PS_EVENT_INLINE_TEXT]; /* 48: first bytes of text, not NUL-terminated */
};

/* A continuation slot: the next PS_EVENT_CONT_TEXT bytes of the head's text. */
struct ps_event_cont {
    uint64_t seq; /* ring publication word */
    char text[PS_EVENT_CONT_TEXT];
};

_Static_assert(sizeof(struct ps_event_rec) == PS_EVENT_REC_SIZE, "a slot is one cache line");
_Static_assert(sizeof(struct ps_event_cont) == PS_EVENT_REC_SIZE, "a slot is one cache line");
_Static_assert(offsetof(struct ps_event_rec, seq) == 0, "layout");
_Static_assert(offsetof(struct ps_event_rec, t_ns) == 8, "layout");
_Static_assert(offsetof(struct ps_event_rec, pid) == 16, "layout");
_Static_assert(offsetof(struct ps_event_rec, type) == 20, "layout");
_Static_assert(offsetof(struct ps_event_rec, flags) == 21, "layout");
_Static_assert(offsetof(struct ps_event_rec, text_len) == 22, "layout");
_Static_assert(offsetof(struct ps_event_rec, obj) == 24, "layout");
_Static_assert(offsetof(struct ps_event_rec, peer) == 28, "layout");
_Static_assert(offsetof(struct ps_event_rec, a) == 32, "layout");
_Static_assert(offsetof(struct ps_event_rec, b) == 40, "layout");
_Static_assert(offsetof(struct ps_event_rec, text) == 48, "layout");
_Static_assert(offsetof(struct ps_event_cont, text) == 8, "layout");

/* A decoded event, as sinks see it. */
struct ps_event {
    uint64_t seq;      /* position in the session: 0, 1, 2 … with no gaps */
    uint64_t t_ns;     /* CLOCK_MONOTONIC nanoseconds */
    int32_t pid;       /* emitting process */
    uint16_t type;     /* enum ps_event_type */
    uint8_t flags;     /* PS_EVF_* */
    uint8_t pad_;
    uint32_t obj;
    int32_t peer;
    int64_t a;
    int64_t b;
    uint32_t text_len; /* bytes at text, not counting the terminating NUL */
    const char *text;  /* NUL-terminated; "" when the type has no text; borrowed */
};

/*
 * What the fields of one type mean, generated from PS_EVENT_TYPES. A NULL key
 * means the field is unused by that type (it is then zero and left out of
 * JSONL). Names are stable: the JSONL schema and the recording's type names
 * use them.
 */
struct ps_event_type_info {
    const char *name;     /* "proc.spawn" */
    const char *obj_key;  /* "pipe", "queue", … */
    const char *peer_key; /* "child", "target", … */
    const char *a_key;
    const char *b_key;
    const char *text_key;
    unsigned area;     /* enum ps_event_area */
    const char *story; /* sentence template (event_types.h) */
};

/* The keys an event of unknown type is written with: every field, generic names. */
extern const struct ps_event_type_info ps_event_type_raw;

/* The type's description, or NULL when `type` is not a known type. */
const struct ps_event_type_info *ps_event_type_info(unsigned type);

/* The type's name, or "unknown" when `type` is not a known type. */
const char *ps_event_type_name(unsigned type);

/* The type whose name is `name`, or -1 when there is none. */
int ps_event_type_from_name(const char *name);

/* The wait kind's name ("recv", "sleep"), or NULL when `kind` is not a known kind. */
const char *ps_wait_kind_name(unsigned kind);

/* The wait kind's description template ("recv on pipe {obj}"), or NULL. */
const char *ps_wait_kind_story(unsigned kind);

/* The area's name ("proc", "pipe", …), or NULL when `area` is not a known area. */
const char *ps_event_area_name(unsigned area);

/* How many ring slots an event with `text_len` bytes of text takes (1..PS_EVENT_MAX_SLOTS). */
unsigned ps_event_slots(size_t text_len);

#endif /* PS_CORE_EVENT_H */
