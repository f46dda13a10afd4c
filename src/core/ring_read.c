/* SPDX-License-Identifier: MIT */
#include "core/ring.h"

/*
 * The consumer side of the ring (the model is at the top of ring.c). The
 * reader trusts nothing it finds in shared memory: every record is validated
 * before use, and a slot in a state no correct producer leaves it in is
 * skipped and counted as torn.
 */

#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <string.h>

#include "core/clock.h"
#include "core/ring_internal.h"

/* ps_ring_step: nothing more to read for now. */
#define PS_RING_STEP_STOP 2

/* Hand the slot at `pos` back to producers for the next lap. */
static void ps_ring_free(struct ps_ring *ring, uint64_t pos)
{
    /* A: release pairs with the producer's acquire load in ps_ring_reserve. */
    atomic_store_explicit(ps_ring_seq(ring, pos), pos + ring->capacity, memory_order_release);
}

static void ps_ring_count_torn(struct ps_ring *ring)
{
    ring->torn_seen++;
    atomic_fetch_add_explicit(&ring->shm->torn, 1, memory_order_relaxed);
}

/* Skip the slot at the read position: free it, count it torn, move on. */
static void ps_ring_skip(struct ps_ring *ring, uint64_t p)
{
    ps_ring_free(ring, p);
    ps_ring_count_torn(ring);
    ring->read_pos = p + 1;
}

/* True when some producer has reserved position `p`. */
static bool ps_ring_reserved(const struct ps_ring *ring, uint64_t p)
{
    uint64_t head = atomic_load_explicit(&ring->shm->head, memory_order_relaxed);
    return (int64_t)(head - p) > 0;
}

/* A sequence word no producer writes: count it as corruption. */
static void ps_ring_count_corrupt(struct ps_ring *ring)
{
    ring->corrupt_seen++;
}

/*
 * The slot at the read position is reserved or free but unpublished. A stall
 * begins when the reader first finds it so, and remembers the head then:
 * every slot before that head was reserved by then, so once the torn deadline
 * has passed since, each of them still unpublished is skipped at once (a
 * reservation of many slots costs one deadline). Returns 1 when the slot was
 * skipped as torn, 0 to stop reading for now, -1 to look again (it was
 * published while we decided).
 */
static int ps_ring_check_stuck(struct ps_ring *ring, uint64_t p)
{
    uint64_t head = atomic_load_explicit(&ring->shm->head, memory_order_relaxed);
    if ((int64_t)(head - p) <= 0) {
        return 0;
    }
    if (ring->paused) {
        ring->stuck_head = p; /* the time stopped does not count: a new stall after */
        return 0;
    }
    uint64_t now = ps_clock_mono_ns();
    if ((int64_t)(ring->stuck_head - p) <= 0) {
        ring->stuck_head = head;
        ring->stuck_since = now;
    }
    if (now - ring->stuck_since < ring->torn_deadline_ns) {
        return 0;
    }
    uint64_t expect = p;
    /* C: whoever wins owns the slot; a late producer's publish CAS then fails. */
    if (!atomic_compare_exchange_strong_explicit(ps_ring_seq(ring, p), &expect, p + ring->capacity,
                                                 memory_order_relaxed, memory_order_relaxed)) {
        return -1;
    }
    ps_ring_count_torn(ring);
    ring->read_pos = p + 1;
    return 1;
}

/*
 * A head more than a lap ahead of the reader, or behind it, is something no
 * producer does: count it, and set the head one lap past the reader. Producers
 * then wait for room as in a full ring while the reader delivers what is
 * published in that lap and skips the rest as torn (after one deadline).
 */
static void ps_ring_check_head(struct ps_ring *ring)
{
    uint64_t head = atomic_load_explicit(&ring->shm->head, memory_order_relaxed);
    if (head - ring->read_pos <= ring->capacity) {
        return;
    }
    ps_ring_count_corrupt(ring);
    atomic_compare_exchange_strong_explicit(&ring->shm->head, &head,
                                            ring->read_pos + ring->capacity,
                                            memory_order_relaxed, memory_order_relaxed);
}

/*
 * The ring is empty (the head is at the read position): the slots just past
 * it are free for this lap, or reserved or published by a producer since. Any
 * other value would stall every producer that needs the slot; make it free.
 */
static void ps_ring_repair_ahead(struct ps_ring *ring)
{
    uint64_t head = atomic_load_explicit(&ring->shm->head, memory_order_relaxed);
    if (head != ring->read_pos) {
        return;
    }
    for (uint64_t q = head; q < head + PS_EVENT_MAX_SLOTS; q++) {
        uint64_t seq = atomic_load_explicit(ps_ring_seq(ring, q), memory_order_relaxed);
        if (seq != q && seq != q + 1 && seq != ((q + 1) | PS_RING_CONT) &&
            atomic_compare_exchange_strong_explicit(ps_ring_seq(ring, q), &seq, q,
                                                    memory_order_relaxed, memory_order_relaxed)) {
            ps_ring_count_corrupt(ring);
        }
    }
}

/* Copy the text of the event at `p` (head copy `rec`, `n` slots) into the reader's buffer. */
static void ps_ring_copy_text(struct ps_ring *ring, const struct ps_event_rec *rec, uint64_t p,
                              unsigned n)
{
    size_t len = rec->text_len;
    size_t off = len < PS_EVENT_INLINE_TEXT ? len : PS_EVENT_INLINE_TEXT;
    memcpy(ring->text, rec->text, off);
    for (unsigned k = 1; k < n; k++) {
        const struct ps_event_cont *cont =
            (const struct ps_event_cont *)(const void *)ps_ring_slot(ring, p + k);
        size_t chunk = len - off < PS_EVENT_CONT_TEXT ? len - off : PS_EVENT_CONT_TEXT;
        memcpy(ring->text + off, cont->text, chunk);
        off += chunk;
    }
    ring->text[len] = '\0';
}

/*
 * A TSC stamp in CLOCK_MONOTONIC ns, kept between the calibration and a second
 * after this drain began (a garbage stamp must not yield an absurd time);
 * without a calibration, the time it is read.
 */
static uint64_t ps_ring_ticks_ns(const struct ps_ring *ring, uint64_t ticks)
{
    if (!ring->tsc) {
        return ps_clock_mono_ns();
    }
    uint64_t ns = ps_clock_tsc_to_ns(&ring->tsc_cal, ticks);
    if (ns < ring->tsc_origin.ns) {
        return ring->tsc_origin.ns;
    }
    return ns > ring->tsc_limit_ns ? ring->tsc_limit_ns : ns;
}

/*
 * Decode the published head at `p` into `ev`. Returns the number of slots the
 * event takes, or 0 when the record is invalid (bad type or length, or a
 * continuation that is not published as one).
 */
static unsigned ps_ring_decode(struct ps_ring *ring, uint64_t p, struct ps_event *ev)
{
    struct ps_event_rec rec;
    memcpy(&rec, ps_ring_slot(ring, p), sizeof rec);
    if (rec.type == PS_EV_NONE || rec.type >= PS_EV__COUNT || rec.text_len > PS_EVENT_TEXT_MAX) {
        return 0;
    }
    unsigned n = ps_event_slots(rec.text_len);
    for (unsigned k = 1; k < n; k++) {
        /* Ordered by the acquire load of the head (B): published before it. */
        uint64_t seq = atomic_load_explicit(ps_ring_seq(ring, p + k), memory_order_relaxed);
        if (seq != ((p + k + 1) | PS_RING_CONT)) {
            return 0;
        }
    }
    ps_ring_copy_text(ring, &rec, p, n);
    memset(ev, 0, sizeof *ev);
    ev->t_ns = rec.flags & PS_RING_RECF_TICKS ? ps_ring_ticks_ns(ring, rec.t_ns) : rec.t_ns;
    ev->pid = rec.pid;
    ev->type = rec.type;
    ev->flags = rec.flags & PS_EVF_TEXT_CUT;
    ev->obj = rec.obj;
    ev->peer = rec.peer;
    ev->a = rec.a;
    ev->b = rec.b;
    ev->text_len = rec.text_len;
    ev->text = ring->text;
    return n;
}

/* Read the published head at the read position, free its slots, and deliver it. */
static int ps_ring_deliver(struct ps_ring *ring, uint64_t p, ps_ring_event_fn fn, void *ctx)
{
    struct ps_event ev;
    unsigned n = ps_ring_decode(ring, p, &ev);
    if (n == 0) {
        ps_ring_skip(ring, p);
        return 0;
    }
    for (unsigned k = 0; k < n; k++) {
        ps_ring_free(ring, p + k); /* in position order: see the model in ring.c */
    }
    ring->read_pos = p + n;
    ev.seq = ring->delivered++;
    int err = fn(ctx, &ev);
    return err < 0 ? err : 1;
}

/*
 * Now and then, re-anchor the TSC conversion at a fresh reading, but only when
 * the ring is drained empty: the head is loaded again after the (fenced) TSC
 * read, so every event still to come was stamped after the new anchor (give
 * or take the few cycles an unfenced rdtsc may run early: the conversion is
 * continuous at the anchor) and no conversion can move back.
 */
static void ps_ring_tsc_sync(struct ps_ring *ring, uint64_t now)
{
    uint64_t ticks = 0, ns = 0;
    if (!ring->tsc || now < ring->tsc_sync_at || ps_clock_tsc_pair(&ticks, &ns) < 0 ||
        ps_ring_reserved(ring, ring->read_pos)) {
        return;
    }
    ps_clock_tsc_refine(&ring->tsc_cal, &ring->tsc_origin, ticks, ns, PS_RING_TSC_SYNC_NS);
    ring->tsc_sync_at = ns + PS_RING_TSC_SYNC_NS;
}

/* What the reader does when it finds the ring empty: the rare upkeep. */
static void ps_ring_idle(struct ps_ring *ring)
{
    if (ps_ring_reserved(ring, ring->read_pos)) {
        return;
    }
    uint64_t now = ps_clock_mono_ns();
    if (now >= ring->repair_at) {
        ring->repair_at = now + PS_RING_REPAIR_NS;
        ps_ring_repair_ahead(ring);
    }
    ps_ring_tsc_sync(ring, now);
}

/*
 * Read the slot at the read position. Returns 1 when an event was delivered,
 * 0 when the slot was skipped and reading goes on, PS_RING_STEP_STOP when
 * there is nothing more to read now, or the callback's negative value.
 */
static int ps_ring_step(struct ps_ring *ring, ps_ring_event_fn fn, void *ctx)
{
    uint64_t p = ring->read_pos;
    /* B: acquire pairs with the producer's release CAS in ps_ring_publish. */
    uint64_t seq = atomic_load_explicit(ps_ring_seq(ring, p), memory_order_acquire);
    if (seq == p + 1) {
        return ps_ring_deliver(ring, p, fn, ctx);
    }
    if (seq == ((p + 1) | PS_RING_CONT)) {
        ps_ring_skip(ring, p); /* the continuation of a torn head */
        return 0;
    }
    if (seq == p) {
        return ps_ring_check_stuck(ring, p) == 0 ? PS_RING_STEP_STOP : 0;
    }
    ps_ring_count_corrupt(ring);
    if (ps_ring_reserved(ring, p)) {
        ps_ring_skip(ring, p); /* garbage */
        return 0;
    }
    /* Garbage in a slot nobody reserved yet: make it free again. */
    atomic_compare_exchange_strong_explicit(ps_ring_seq(ring, p), &seq, p, memory_order_relaxed,
                                            memory_order_relaxed);
    return PS_RING_STEP_STOP;
}

int ps_ring_drain(struct ps_ring *ring, ps_ring_event_fn fn, void *ctx, size_t max)
{
    int count = 0;

    if (max > INT_MAX) {
        max = INT_MAX;
    }
    if (ring->tsc) {
        ring->tsc_limit_ns = ps_clock_mono_ns() + PS_RING_TSC_AHEAD_NS;
    }
    ps_ring_check_head(ring);
    for (size_t budget = PS_RING_DRAIN_SLOTS(ring->capacity); budget > 0 && (size_t)count < max;
         budget--) {
        int r = ps_ring_step(ring, fn, ctx);
        if (r == PS_RING_STEP_STOP) {
            break;
        }
        if (r < 0) {
            return r;
        }
        count += r;
    }
    ps_ring_idle(ring);
    return count;
}

bool ps_ring_empty(const struct ps_ring *ring)
{
    return !ps_ring_reserved(ring, ring->read_pos);
}

void ps_ring_set_torn_deadline(struct ps_ring *ring, uint64_t ns)
{
    ring->torn_deadline_ns = ns;
}

void ps_ring_set_paused(struct ps_ring *ring, bool paused)
{
    ring->paused = paused;
    atomic_store_explicit(&ring->shm->paused, paused ? 1u : 0u, memory_order_relaxed);
}

uint64_t ps_ring_drops(const struct ps_ring *ring)
{
    return atomic_load_explicit(&ring->shm->drops, memory_order_relaxed);
}

uint64_t ps_ring_torn(const struct ps_ring *ring)
{
    return ring->torn_seen;
}

uint64_t ps_ring_corrupt(const struct ps_ring *ring)
{
    return ring->corrupt_seen;
}
