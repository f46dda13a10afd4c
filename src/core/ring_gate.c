/* SPDX-License-Identifier: MIT */
/*
 * The ring's step gate: permits the supervisor grants, the pending records a
 * waiting producer fills so the supervisor can list what it is about to emit,
 * and the "chosen" pid that lets exactly one waiting producer through.
 *
 * Producer side (ps_ring_gate_pass) runs only while the gate is on: with the
 * gate off a producer never reaches this file (ps_ring_reserve checks gate_on
 * first), so stepping costs nothing when it is not in use.
 *
 * Memory ordering:
 *   D  supervisor's release store of permits -> producer's acquire CAS (ring.c)
 *   E  supervisor's store of `chosen` happens before its grant (release), so a
 *      producer that took that permit (acquire) sees the choice and, when it
 *      is not the chosen one, gives the permit back.
 *   F  a pending record's owner claims it as pid -1, writes it, bumps `gen` and
 *      stores its pid (release); the reader loads the pid (acquire), copies,
 *      and keeps the copy only if pid and `gen` did not change meanwhile.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/ring.h"
#include "core/ring_internal.h"

/* Whether the supervisor that owns the gate has gone away. */
static bool ps_ring_supervisor_gone(const struct ps_ring *ring)
{
    pid_t pid = ring->shm->supervisor_pid;
    return pid <= 0 || (kill(pid, 0) < 0 && errno == ESRCH);
}

/* Take one permit unless another producer is chosen. Returns whether it took one. */
static bool ps_ring_gate_take(struct ps_ring_shm *shm, int32_t self)
{
    int32_t ch = atomic_load_explicit(&shm->chosen, memory_order_acquire);
    if (ch != 0 && ch != self) {
        return false;
    }
    uint32_t n = atomic_load_explicit(&shm->permits, memory_order_relaxed);
    while (n > 0) {
        /* D: acquire pairs with the release in ps_ring_gate_grant. */
        if (atomic_compare_exchange_weak_explicit(&shm->permits, &n, n - 1, memory_order_acquire,
                                                  memory_order_relaxed)) {
            /* E: the permit may have been granted for a producer chosen after our first look. */
            ch = atomic_load_explicit(&shm->chosen, memory_order_relaxed);
            if (ch != 0 && ch != self) {
                atomic_fetch_add_explicit(&shm->permits, 1, memory_order_release);
                return false;
            }
            if (ch == self) {
                atomic_compare_exchange_strong_explicit(&shm->chosen, &ch, 0, memory_order_relaxed,
                                                        memory_order_relaxed);
            }
            return true;
        }
    }
    return false;
}

/* Claim a free pending record and fill it with `ev`. Returns it, or NULL when all are taken. */
static struct ps_ring_pending *ps_ring_pending_claim(struct ps_ring *ring, int32_t self,
                                                     const struct ps_event *ev)
{
    for (unsigned i = 0; i < PS_RING_PENDING_MAX; i++) {
        struct ps_ring_pending *rec = ps_ring_pending_at(ring, i);
        int32_t free_pid = 0;
        if (!atomic_compare_exchange_strong_explicit(&rec->pid, &free_pid, -1,
                                                     memory_order_relaxed, memory_order_relaxed)) {
            continue;
        }
        rec->since_ns = ps_clock_mono_ns();
        rec->type = ev->type;
        rec->obj = ev->obj;
        rec->a = ev->a;
        size_t len = ev->text ? ev->text_len : 0;
        len = len < PS_RING_PENDING_TEXT ? len : PS_RING_PENDING_TEXT;
        memset(rec->text, 0, sizeof rec->text);
        if (len > 0) {
            memcpy(rec->text, ev->text, len);
        }
        atomic_fetch_add_explicit(&rec->gen, 1, memory_order_relaxed);
        /* F: release: the fields and the new generation before the owner's pid. */
        atomic_store_explicit(&rec->pid, self, memory_order_release);
        return rec;
    }
    return NULL;
}

void ps_ring_gate_pass(struct ps_ring *ring, const struct ps_event *ev)
{
    struct ps_ring_shm *shm = ring->shm;
    int32_t self = (int32_t)getpid();
    struct ps_ring_pending *mine = NULL;
    bool tried = ev == NULL;
    bool waited = false;
    while (atomic_load_explicit(&shm->gate_on, memory_order_relaxed)) {
        if (ps_ring_gate_take(shm, self) || ps_ring_supervisor_gone(ring)) {
            break;
        }
        if (!tried) {
            mine = ps_ring_pending_claim(ring, self, ev);
            tried = true;
        }
        if (!waited) { /* the first to wait since the last grant says when (step_clock.h) */
            uint64_t none = 0;
            atomic_compare_exchange_strong_explicit(&shm->gate_since, &none, ps_clock_mono_ns(),
                                                    memory_order_relaxed, memory_order_relaxed);
            waited = true;
        }
        ps_clock_sleep_ns(PS_RING_GATE_NAP_NS);
    }
    if (mine != NULL) {
        atomic_store_explicit(&mine->pid, 0, memory_order_release);
    }
}

/* Copy record `rec` into `out` if it is a whole, unchanged record of a waiting producer. */
static bool ps_ring_pending_copy(struct ps_ring_pending *r, struct ps_ring_waiter *out)
{
    int32_t pid = atomic_load_explicit(&r->pid, memory_order_acquire);
    uint32_t gen = atomic_load_explicit(&r->gen, memory_order_relaxed);
    if (pid <= 0) {
        return false;
    }
    out->pid = pid;
    out->type = r->type;
    out->obj = r->obj;
    out->a = r->a;
    out->since_ns = r->since_ns;
    memcpy(out->text, r->text, PS_RING_PENDING_TEXT);
    out->text[PS_RING_PENDING_TEXT] = '\0';
    atomic_thread_fence(memory_order_acquire); /* F: the copy before the second look */
    int32_t pid2 = atomic_load_explicit(&r->pid, memory_order_acquire);
    return pid2 == pid && atomic_load_explicit(&r->gen, memory_order_relaxed) == gen;
}

unsigned ps_ring_gate_waiters(const struct ps_ring *ring, struct ps_ring_waiter *out, unsigned max)
{
    unsigned n = 0;
    for (unsigned i = 0; i < PS_RING_PENDING_MAX && n < max; i++) {
        if (ps_ring_pending_copy(ps_ring_pending_at(ring, i), &out[n])) {
            out[n].slot = i;
            n++;
        }
    }
    return n;
}

void ps_ring_gate_drop(struct ps_ring *ring, unsigned slot, int32_t pid)
{
    if (slot < PS_RING_PENDING_MAX && pid > 0) {
        atomic_compare_exchange_strong_explicit(&ps_ring_pending_at(ring, slot)->pid, &pid, 0,
                                                memory_order_relaxed, memory_order_relaxed);
    }
}

void ps_ring_gate_choose(struct ps_ring *ring, int32_t pid)
{
    atomic_store_explicit(&ring->shm->chosen, pid > 0 ? pid : 0, memory_order_relaxed);
}

int32_t ps_ring_gate_chosen(const struct ps_ring *ring)
{
    return atomic_load_explicit(&ring->shm->chosen, memory_order_relaxed);
}

void ps_ring_gate_unchoose(struct ps_ring *ring, int32_t pid)
{
    atomic_compare_exchange_strong_explicit(&ring->shm->chosen, &pid, 0, memory_order_relaxed,
                                            memory_order_relaxed);
}

void ps_ring_gate_set(struct ps_ring *ring, bool on)
{
    atomic_store_explicit(&ring->shm->permits, 0, memory_order_relaxed);
    atomic_store_explicit(&ring->shm->chosen, 0, memory_order_relaxed);
    atomic_store_explicit(&ring->shm->gate_on, on ? 1u : 0u, memory_order_relaxed);
}

bool ps_ring_gate_on(const struct ps_ring *ring)
{
    return atomic_load_explicit(&ring->shm->gate_on, memory_order_relaxed) != 0;
}

void ps_ring_gate_grant(struct ps_ring *ring, unsigned n)
{
    /* D, E: release pairs with the producer's acquire CAS in ps_ring_gate_take. */
    atomic_fetch_add_explicit(&ring->shm->permits, n, memory_order_release);
}

uint64_t ps_ring_gate_take_since(struct ps_ring *ring)
{
    return atomic_exchange_explicit(&ring->shm->gate_since, 0, memory_order_relaxed);
}

uint32_t ps_ring_gate_permits(const struct ps_ring *ring)
{
    return atomic_load_explicit(&ring->shm->permits, memory_order_relaxed);
}
