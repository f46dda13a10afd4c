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

/*
 * Event types. The numbers are part of the recording format: append new
 * types before PS_EV__COUNT, never renumber.
 */
enum ps_event_type {
    PS_EV_NONE = 0,

    /* process lifecycle */
    PS_EV_PROC_SPAWN = 1,      /* parent created `peer` named `text`; a = daemon, obj = object no. */
    PS_EV_PROC_START = 2,      /* the process began running `text`; peer = parent, a = daemon */
    PS_EV_PROC_NAME = 3,       /* the process is now called `text` */
    PS_EV_PROC_EXIT = 4,       /* process `peer` ended normally with exit code a */
    PS_EV_PROC_SIGNALLED = 5,  /* process `peer` was found killed by signal a (by its reaper) */
    PS_EV_PROC_JOIN = 6,       /* emitter joined `peer`: a = exitcode (-N: signal N), b = timed out */
    PS_EV_PROC_TERMINATE = 7,  /* emitter sent signal a to `peer` (terminate 15, kill 9) */

    /* pipes: a Pipe() has two connection ends, 0 and 1 */
    PS_EV_PIPE_OPEN = 8,  /* obj = pipe; a = duplex */
    PS_EV_PIPE_SEND = 9,  /* a = bytes, b = end that sent, text = value preview */
    PS_EV_PIPE_RECV = 10, /* a = bytes, b = end that received, text = value preview */
    PS_EV_PIPE_CLOSE = 11, /* the emitter closed its copy of end a */
    PS_EV_PIPE_EOF = 12,  /* end b saw end of file: every copy of the sending side is closed */

    /* queues */
    PS_EV_QUEUE_OPEN = 13,  /* obj = queue; a = capacity */
    PS_EV_QUEUE_PUT = 14,   /* a = depth after, b = bytes, text = value preview */
    PS_EV_QUEUE_GET = 15,   /* a = depth after, b = bytes, text = value preview */
    PS_EV_QUEUE_EMPTY = 16, /* empty() was asked: a = answer (1 empty), b = depth */

    /* locks */
    PS_EV_LOCK_NEW = 17,      /* obj = lock */
    PS_EV_LOCK_WANT = 18,     /* the emitter asks for the lock */
    PS_EV_LOCK_ACQUIRED = 19, /* a = wait ns, b = 1 if the previous holder had died */
    PS_EV_LOCK_RELEASED = 20, /* a = held ns */

    /* barriers */
    PS_EV_BARRIER_NEW = 21,     /* obj = barrier; a = parties */
    PS_EV_BARRIER_ARRIVE = 22,  /* a = arrival index (0-based), b = generation */
    PS_EV_BARRIER_RELEASE = 23, /* the emitter leaves the barrier: a = wait ns, b = generation */
    PS_EV_BARRIER_BROKEN = 24,  /* the barrier broke (a party died or timed out): a = arrived */

    /* pools: each worker is also a process with its own proc.* events */
    PS_EV_POOL_NEW = 25,       /* obj = pool; a = workers */
    PS_EV_POOL_WORKER = 26,    /* worker `peer` is lane a (1-based) of the pool */
    PS_EV_POOL_SUBMIT = 27,    /* task a with b items entered the backlog */
    PS_EV_POOL_START = 28,     /* the emitting worker started task a (b items) */
    PS_EV_POOL_DONE = 29,      /* the emitting worker finished task a (b items) */
    PS_EV_POOL_CLOSE = 30,     /* no more tasks will be submitted */
    PS_EV_POOL_TERMINATE = 31, /* the pool's workers are being terminated */
    PS_EV_POOL_CRASH = 32,     /* worker `peer` died while running task a: b = exitcode */

    /* namespaces */
    PS_EV_NS_SET = 33, /* obj = namespace; text = "key=value" */
    PS_EV_NS_GET = 34, /* text = "key=value" read */

    /* text */
    PS_EV_OUTPUT = 35, /* the emitter printed line `text` on stream a (1 stdout, 2 stderr) */
    PS_EV_STDIO = 36,  /* a line the supervisor captured from stream a outside the probe */
    PS_EV_MARK = 37,   /* a user mark with label `text` */

    /* the ring itself (emitted by the reader, pid = supervisor) */
    PS_EV_RING_DROPPED = 38, /* a = events dropped so far in this session */
    PS_EV_RING_TORN = 39,    /* a = torn slots skipped so far in this session */

    PS_EV__COUNT
};

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
 * What the fields of one type mean. A NULL key means the field is unused by
 * that type (it is then zero and left out of JSONL). Names are stable: the
 * JSONL schema and the recording's type names use them.
 */
struct ps_event_type_info {
    const char *name;     /* "proc.spawn" */
    const char *obj_key;  /* "pipe", "queue", … */
    const char *peer_key; /* "child", "target", … */
    const char *a_key;
    const char *b_key;
    const char *text_key;
};

/* The type's description, or NULL when `type` is not a known type. */
const struct ps_event_type_info *ps_event_type_info(unsigned type);

/* The type's name, or "unknown" when `type` is not a known type. */
const char *ps_event_type_name(unsigned type);

/* The type whose name is `name`, or -1 when there is none. */
int ps_event_type_from_name(const char *name);

/* How many ring slots an event with `text_len` bytes of text takes (1..PS_EVENT_MAX_SLOTS). */
unsigned ps_event_slots(size_t text_len);

#endif /* PS_CORE_EVENT_H */
