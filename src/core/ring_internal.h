/* SPDX-License-Identifier: MIT */
/*
 * What ring.c (producer side, set-up) and ring_read.c (consumer side) share:
 * the header layout in shared memory and slot addressing. Never included
 * outside src/core.
 */
#ifndef PS_CORE_RING_INTERNAL_H
#define PS_CORE_RING_INTERNAL_H

#include <stdalign.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/event.h"
#include "core/ring.h"

#define PS_RING_MAGIC 0x31474e4952535050ull /* "PPSRING1" little-endian */
#define PS_RING_HDR_SIZE 4096u /* struct ps_ring_shm, then the gate's pending records */
#define PS_RING_PENDING_OFF 512u
#define PS_RING_CONT (UINT64_C(1) << 63)
#define PS_RING_GATE_NAP_NS 1000000u
#define PS_RING_TSC_CALIBRATE_NS 2000000u   /* the creator's first fit of the TSC */
#define PS_RING_TSC_SYNC_NS 50000000u       /* the reader re-anchors its conversion this often */
#define PS_RING_TSC_AHEAD_NS 1000000000u    /* a converted stamp is at most this past the drain */
#define PS_RING_TSC_ATTACH_SLACK_NS 100000u /* + 0.1 % of its age: a header fit off by more */
#define PS_RING_REPAIR_NS 1000000u          /* the reader checks the slots past the head this often */
#define PS_RING_WAKE_SHIFT 3u /* a sleeping reader is woken when 1/8 of the ring is filled */

/* The shared header. Every field is untrusted by a reader that did not create it. */
struct ps_ring_shm {
    uint64_t magic;
    uint32_t version;
    uint32_t capacity;
    uint32_t hdr_size;
    int32_t supervisor_pid;
    _Atomic uint32_t paused;
    uint32_t pad0_;
    alignas(64) _Atomic uint64_t head;     /* next position to reserve */
    alignas(64) _Atomic uint64_t drops;    /* events dropped on a full ring */
    alignas(64) _Atomic uint64_t torn;     /* slots skipped as torn */
    alignas(64) _Atomic uint32_t next_obj; /* last object id handed out */
    alignas(64) _Atomic uint32_t gate_on;  /* step gate closed */
    _Atomic uint32_t permits;              /* events the gate lets through */
    _Atomic int32_t chosen;                /* only this pid may take a permit; 0: anyone */
    _Atomic uint64_t gate_since;           /* first producer waiting for a permit: mono ns */
    alignas(64) uint32_t clock;            /* enum ps_ring_clock: how producers stamp */
    uint32_t pad1_;
    struct ps_clock_tsc tsc; /* with PS_RING_CLOCK_TSC: the creator's calibration */
    /* The reader's wake-up: while `sleeping`, a producer whose reservation ends a watermark
     * past `read_pos` clears it and writes to the eventfd `wake_fd` (once per sleep). */
    alignas(64) _Atomic uint32_t sleeping;
    int32_t wake_fd;
    _Atomic uint64_t read_pos;
};

/*
 * What a producer waiting at the step gate is about to emit (one 64-byte line
 * each, PS_RING_PENDING_MAX of them after the header). `pid` 0: free, -1:
 * being written, else the waiting owner's; `gen` changes at each new record.
 * Written by children: the supervisor checks every field it reads.
 */
struct ps_ring_pending {
    _Atomic int32_t pid;
    _Atomic uint32_t gen;
    uint64_t since_ns; /* when it began to wait (CLOCK_MONOTONIC) */
    uint32_t type;
    uint32_t obj;
    int64_t a;
    char text[PS_RING_PENDING_TEXT]; /* the event's text, cut */
};

_Static_assert(sizeof(struct ps_ring_shm) <= PS_RING_PENDING_OFF, "header fits");
_Static_assert(sizeof(struct ps_ring_pending) == 64, "one line per pending record");
_Static_assert(PS_RING_PENDING_OFF + PS_RING_PENDING_MAX * sizeof(struct ps_ring_pending) <=
                   PS_RING_HDR_SIZE,
               "pending records fit");
_Static_assert(offsetof(struct ps_ring_shm, head) == 64, "head on its own line");
_Static_assert(offsetof(struct ps_ring_shm, gate_on) == 320, "layout");
_Static_assert(offsetof(struct ps_ring_shm, clock) == 384, "layout");
_Static_assert(offsetof(struct ps_ring_shm, tsc) == 392, "layout (tests poke at it)");
_Static_assert(offsetof(struct ps_ring_shm, sleeping) == 448, "wake-up on its own line");
_Static_assert((PS_RING_RECF_TICKS & PS_EVF_TEXT_CUT) == 0, "record flags are distinct");
_Static_assert(ATOMIC_LLONG_LOCK_FREE == 2, "lock-free 64-bit atomics across processes");
_Static_assert(sizeof(_Atomic uint64_t) == sizeof(uint64_t), "seq word is a plain uint64_t");
_Static_assert(alignof(_Atomic uint64_t) == alignof(uint64_t), "seq word alignment");

/* The slot at position `pos`. */
static inline struct ps_event_rec *ps_ring_slot(const struct ps_ring *ring, uint64_t pos)
{
    return (struct ps_event_rec *)(void *)(ring->slots + (pos & ring->mask) * PS_EVENT_REC_SIZE);
}

/* The publication word of the slot at `pos`. */
static inline _Atomic uint64_t *ps_ring_seq(const struct ps_ring *ring, uint64_t pos)
{
    return (_Atomic uint64_t *)(void *)&ps_ring_slot(ring, pos)->seq;
}

/* Pending record `i` (< PS_RING_PENDING_MAX). */
static inline struct ps_ring_pending *ps_ring_pending_at(const struct ps_ring *ring, unsigned i)
{
    return (struct ps_ring_pending *)(void *)((unsigned char *)ring->shm + PS_RING_PENDING_OFF +
                                              (size_t)i * sizeof(struct ps_ring_pending));
}

/* Take a gate permit for `ev`, napping until one is granted (ring_gate.c). */
void ps_ring_gate_pass(struct ps_ring *ring, const struct ps_event *ev);

static inline void ps_ring_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

#endif /* PS_CORE_RING_INTERNAL_H */
