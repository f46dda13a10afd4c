/* SPDX-License-Identifier: MIT */
/*
 * The session's event ring: one memfd shared by every process of a demo,
 * written by many producers (the probe in each process, and the supervisor
 * itself), read by one consumer (the supervisor).
 *
 * The mapping is a header (magic, version, capacity; the producer head, the
 * drop and torn counters, the object-id counter, the step gate and the clock
 * each on their own cache line) followed by `capacity` 64-byte slots holding
 * struct ps_event_rec heads and struct ps_event_cont continuations
 * (core/event.h). The model and its memory-ordering pairs are explained at the
 * top of ring.c.
 *
 * struct ps_ring is the process-local handle. Its fields are private to
 * ring.c; it is defined here only so that the probe can keep one in static
 * storage (the probe never allocates). A handle is used by one thread at a
 * time for reading; emitting is safe from any number of processes and threads.
 */
#ifndef PS_CORE_RING_H
#define PS_CORE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/clock.h"
#include "core/event.h"

#define PS_RING_DEFAULT_SLOTS 65536u
#define PS_RING_MIN_SLOTS 64u
#define PS_RING_MAX_SLOTS (1u << 24)

/* Default time a reserved slot may stay unpublished before the reader skips it. */
#define PS_RING_TORN_DEADLINE_NS 200000000u
/* Longest time a producer waits for room in a full ring before dropping. */
#define PS_RING_FULL_WAIT_NS 3000000u

/* Flags for ps_ring_emit() and ps_ring_reserve(). */
#define PS_RING_EMIT_NOGATE 0x1u /* pass the step gate without a permit */
#define PS_RING_EMIT_TRY 0x2u    /* full ring: fail at once with -EAGAIN, count no drop */

/*
 * How producers stamp events (recorded in the header by the creator). With
 * the TSC, a slot's t_ns holds ticks and PS_RING_RECF_TICKS is set in its
 * flags; the reader converts it to CLOCK_MONOTONIC ns before anyone sees it.
 */
enum ps_ring_clock {
    PS_RING_CLOCK_MONO = 0, /* clock_gettime(CLOCK_MONOTONIC) per event */
    PS_RING_CLOCK_TSC = 1,  /* the TSC, when ps_clock_tsc_usable() and calibrated */
};

/* In ps_event_rec.flags only (never in a delivered event): t_ns holds TSC ticks. */
#define PS_RING_RECF_TICKS 0x80u

struct ps_ring_shm;

struct ps_ring {
    struct ps_ring_shm *shm; /* the mapping: header, then slots */
    unsigned char *slots;    /* first slot */
    size_t map_size;
    uint64_t mask; /* capacity - 1, validated copy (never re-read from shm) */
    uint32_t capacity;
    int fd;      /* the memfd; -1 when closed */
    int wake_fd; /* the reader's eventfd, or -1 */
    bool wake_own; /* this handle created wake_fd and closes it */
    bool tsc; /* stamp with the TSC and convert with tsc_cal (the header says so, sanely) */
    /* reader state (only the consumer uses these) */
    uint64_t read_pos;                /* next ring position to read */
    uint64_t delivered;               /* events delivered: the next event's seq */
    uint64_t torn_seen;               /* slots skipped as torn by this reader */
    uint64_t corrupt_seen;            /* impossible head or sequence values this reader met */
    uint64_t stuck_head;              /* the head when a stall began: slots before it are old */
    uint64_t stuck_since;             /* when (mono ns) that stall began, outside pauses */
    uint64_t repair_at;               /* when (mono ns) the slots past the head are checked next */
    uint64_t torn_deadline_ns;        /* how long an unpublished slot is waited for */
    bool paused;                      /* the session is stopped: never declare a slot torn */
    struct ps_clock_tsc tsc_cal;      /* converts TSC stamps (mult 0: cannot) */
    struct ps_clock_tsc tsc_origin;   /* the first calibration: the base of the measured rate */
    uint64_t tsc_sync_at;             /* when (mono ns) tsc_cal is re-anchored next */
    uint64_t tsc_limit_ns;            /* no converted stamp lies past this (drain start + 1 s) */
    char text[PS_EVENT_TEXT_MAX + 1]; /* the decoded event's text (reader-owned) */
};

/* Slots one ps_ring_drain() call examines at most: one lap, and an event's worth more. */
#define PS_RING_DRAIN_SLOTS(capacity) ((size_t)(capacity) + PS_EVENT_MAX_SLOTS)

/* Called by ps_ring_drain() for each event; returns 0, or a negative errno to stop. */
typedef int (*ps_ring_event_fn)(void *ctx, const struct ps_event *ev);

/*
 * Create a ring of `slots` slots (0: default; otherwise a power of two between
 * PS_RING_MIN_SLOTS and PS_RING_MAX_SLOTS) in a new close-on-exec memfd,
 * sealed against any change of size (so no child can make the reader fault),
 * and record the caller as the session's supervisor. `ring` is caller storage; it
 * becomes the consumer's handle. Events are stamped with the TSC when
 * ps_clock_tsc_usable() and a short calibration (a few ms) succeeds, else with
 * CLOCK_MONOTONIC. Returns 0, -EINVAL for a bad size, or the -errno of
 * memfd_create/ftruncate/fcntl(F_ADD_SEALS)/mmap. Supervisor only.
 */
int ps_ring_create(struct ps_ring *ring, uint32_t slots);

/* As ps_ring_create; PS_RING_CLOCK_MONO never uses the TSC (the fallback, for tests). */
int ps_ring_create_clock(struct ps_ring *ring, uint32_t slots, enum ps_ring_clock clock);

/* How this handle stamps the events it emits. */
enum ps_ring_clock ps_ring_clock(const struct ps_ring *ring);

/*
 * Map the ring in memfd `fd` (on success the handle owns and closes it) after
 * checking its size and header. The header's clock is taken once, here: a TSC
 * calibration that is implausible (rate, or converting now to more than
 * 100 µs + 0.1 % of its age from CLOCK_MONOTONIC now) is ignored and the
 * handle stamps with CLOCK_MONOTONIC. Returns 0, -EPROTO when the header is
 * not a ring of this version or does not match the file size, or -errno of
 * fstat/mmap. Nothing is allocated. Any process (the probe uses it).
 */
int ps_ring_attach(struct ps_ring *ring, int fd);

/* Unmap and close. Safe on a zeroed or already closed handle. */
void ps_ring_close(struct ps_ring *ring);

/* The memfd (to pass to a child), or -1. */
int ps_ring_fd(const struct ps_ring *ring);

/* Slots in the ring. */
uint32_t ps_ring_capacity(const struct ps_ring *ring);

/*
 * Append one event. `ev->type`, obj, peer, a, b, pid and the text
 * (`ev->text`, `ev->text_len` bytes, may be NULL when text_len is 0) are
 * copied into the ring; `ev->seq` and `ev->flags` are ignored; text longer
 * than PS_EVENT_TEXT_MAX is cut and flagged. When `ev->t_ns` is 0 the event
 * is stamped once its slots are reserved (so timestamps follow ring order),
 * with the ring's clock (ps_ring_clock); otherwise `ev->t_ns` must be
 * CLOCK_MONOTONIC ns and is kept as it is. No syscall, lock or allocation
 * unless the ring is full or the step gate is closed. Returns 0; -ENOBUFS when the ring stayed full
 * for PS_RING_FULL_WAIT_NS and the event was dropped (and counted); -EAGAIN
 * when full with PS_RING_EMIT_TRY (nothing counted); -EIO when the reader had
 * already skipped the reservation as torn; -EINVAL for a bad type. Any process.
 */
int ps_ring_emit(struct ps_ring *ring, const struct ps_event *ev, unsigned flags);

/*
 * Reserve `n` (1..PS_EVENT_MAX_SLOTS) contiguous slots, passing the step gate
 * first, and store the first position in *pos. The caller must then fill and
 * publish them (ps_ring_emit does all three); a reservation never published
 * is what the reader reports as torn, which is why tests call this alone.
 * Returns 0, -ENOBUFS, -EAGAIN or -EINVAL as ps_ring_emit.
 */
int ps_ring_reserve(struct ps_ring *ring, unsigned n, unsigned flags, uint64_t *pos);

/*
 * Deliver up to `max` published events, in ring order, to `fn`. Each event's
 * seq is the count of events this reader delivered before it (0, 1, 2 …
 * without gaps); its t_ns is CLOCK_MONOTONIC ns (TSC stamps converted with
 * the handle's calibration, which is re-anchored against CLOCK_MONOTONIC about
 * every 50 ms when the ring is drained empty, never moving a conversion back,
 * and kept between the ring's creation and a second past the drain; a TSC
 * stamp the handle cannot convert gets the time it is read); its text is
 * NUL-terminated in the handle's buffer, valid until the next call. Slots
 * whose producer never published and records that fail validation are
 * skipped and counted as torn: a slot is waited for until the torn deadline
 * has passed since the reader first found the ring stalled with that slot
 * already reserved (never while paused), so a whole reservation costs one
 * deadline, not one per slot. Nothing in shared memory can make a call run
 * long: it examines at most PS_RING_DRAIN_SLOTS(capacity) slots; a head more
 * than a lap ahead of (or behind) the reader, or a sequence word no producer
 * writes, is counted as corruption (ps_ring_corrupt) and the ring is
 * resynchronised: the head is set one lap past the reader, whose slots are
 * delivered if published and skipped as torn otherwise. When the ring is
 * empty the reader also repairs garbage in the slots just past the head
 * (about once a millisecond), which would otherwise stall every producer.
 * Returns the number of events delivered, or the callback's negative value
 * (the event it refused is consumed). Consumer only.
 */
int ps_ring_drain(struct ps_ring *ring, ps_ring_event_fn fn, void *ctx, size_t max);

/*
 * The reader's wake-up, so that it can sleep without the ring overflowing
 * while it does. ps_ring_sleep_begin() tells producers the reader is about
 * to sleep and returns false when the ring is not empty (drain instead of
 * sleeping; the reader is then awake again). Otherwise the caller sleeps in
 * poll(2) with ps_ring_wake_fd() (POLLIN) among its fds, then calls
 * ps_ring_sleep_end(). While the reader sleeps, the first producer whose
 * event ends 1/8 of the ring past the reader writes to that eventfd: one
 * write(2) per sleep at most, and no cost to any other emit but one load.
 * Consumer only; the creator's handle alone has a wake fd.
 */
bool ps_ring_sleep_begin(struct ps_ring *ring);
void ps_ring_sleep_end(struct ps_ring *ring);
int ps_ring_wake_fd(const struct ps_ring *ring);

/*
 * Let the ring's fds survive exec: call in a child between fork and exec.
 * Returns 0 or -errno.
 */
int ps_ring_inherit(const struct ps_ring *ring);

/* True when every reserved slot has been read or skipped. Consumer only. */
bool ps_ring_empty(const struct ps_ring *ring);

/* How long an unpublished slot is waited for (0: skip at once). Consumer only. */
void ps_ring_set_torn_deadline(struct ps_ring *ring, uint64_t ns);

/* Tell the reader (and the header) that the session is stopped or running again. */
void ps_ring_set_paused(struct ps_ring *ring, bool paused);

/* Events dropped because the ring was full (counter in the header). */
uint64_t ps_ring_drops(const struct ps_ring *ring);

/* Slots this reader skipped as torn. Consumer only. */
uint64_t ps_ring_torn(const struct ps_ring *ring);

/* Impossible head or sequence values this reader found (and repaired). Consumer only. */
uint64_t ps_ring_corrupt(const struct ps_ring *ring);

/* A new object id, unique within the session (1, 2, …). Any process. */
uint32_t ps_ring_new_object_id(struct ps_ring *ring);

/*
 * The step gate. While it is on, every producer must take one permit before
 * reserving (PS_RING_EMIT_NOGATE excepted) and naps until one is granted, the
 * gate is turned off, or the supervisor recorded in the header is gone.
 * Turning the gate on or off discards unused permits. Supervisor only.
 */
void ps_ring_gate_set(struct ps_ring *ring, bool on);
bool ps_ring_gate_on(const struct ps_ring *ring);
void ps_ring_gate_grant(struct ps_ring *ring, unsigned n);
/* Permits granted and not yet taken. */
uint32_t ps_ring_gate_permits(const struct ps_ring *ring);

/*
 * When the first producer began waiting at the gate for a permit since the
 * last call (CLOCK_MONOTONIC ns), 0: none did; resets it. Supervisor only.
 */
uint64_t ps_ring_gate_take_since(struct ps_ring *ring);

/*
 * What the producers waiting at the gate are about to emit. Each fills a
 * pending record before it naps (only on the gated path) and clears it when
 * it passes. The records are written by children: a copy is consistent with
 * itself (or left out) but every field is untrusted. Supervisor only.
 */
#define PS_RING_PENDING_MAX 56u
#define PS_RING_PENDING_TEXT 32u
struct ps_ring_waiter {
    int32_t pid;
    uint32_t type; /* unchecked: any value */
    uint32_t obj;
    int64_t a;
    uint64_t since_ns;
    unsigned slot;                         /* which record (for ps_ring_gate_drop) */
    char text[PS_RING_PENDING_TEXT + 1];   /* NUL-terminated, bytes unchecked */
};
/* Copy up to `max` records of waiting producers into `out`, in record order. Returns the count. */
unsigned ps_ring_gate_waiters(const struct ps_ring *ring, struct ps_ring_waiter *out, unsigned max);
/* Free record `slot` if it still belongs to `pid` (a producer that died waiting). */
void ps_ring_gate_drop(struct ps_ring *ring, unsigned slot, int32_t pid);
/* Only `pid` may take permits until it took one (it then clears this); 0: anyone. */
void ps_ring_gate_choose(struct ps_ring *ring, int32_t pid);
int32_t ps_ring_gate_chosen(const struct ps_ring *ring);
/* Clear the choice if it is still `pid` (the chosen producer is gone). */
void ps_ring_gate_unchoose(struct ps_ring *ring, int32_t pid);

#endif /* PS_CORE_RING_H */
