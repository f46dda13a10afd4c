/* SPDX-License-Identifier: MIT */
/*
 * Stepping with a choice: which processes wait at the step gate and what each
 * is about to emit, read from the ring's pending records (written by the
 * children, so checked here), and letting one chosen process through.
 */
#include "supervisor/supervisor_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "core/event.h"

/* Whether waiter `w` is a live process of this session about to emit a known event. */
static bool ps_step_valid(const struct ps_supervisor *sup, const struct ps_ring_waiter *w)
{
    return w->pid > 0 && w->pid != sup->self && w->type > PS_EV_NONE && w->type < PS_EV__COUNT &&
           kill(w->pid, 0) == 0 && ps_contain_member(sup, w->pid);
}

/* Oldest first; the record order breaks ties, so the list does not jump about. */
static int ps_step_cmp(const void *pa, const void *pb)
{
    const struct ps_ring_waiter *a = pa;
    const struct ps_ring_waiter *b = pb;
    if (a->since_ns != b->since_ns) {
        return a->since_ns < b->since_ns ? -1 : 1;
    }
    return a->slot < b->slot ? -1 : (a->slot > b->slot ? 1 : 0);
}

unsigned ps_supervisor_step_next(struct ps_supervisor *sup, struct ps_ring_waiter *out,
                                 unsigned max)
{
    struct ps_ring_waiter all[PS_RING_PENDING_MAX];
    if (!sup->stepping) {
        return 0; /* the gate is open: records left are of producers on their way out */
    }
    unsigned n = ps_ring_gate_waiters(&sup->ring, all, PS_RING_PENDING_MAX);
    unsigned kept = 0;
    int32_t chosen = ps_ring_gate_chosen(&sup->ring);
    bool chosen_waits = false;
    for (unsigned i = 0; i < n; i++) {
        if (!ps_step_valid(sup, &all[i])) {
            ps_ring_gate_drop(&sup->ring, all[i].slot, all[i].pid); /* dead or not ours */
            continue;
        }
        chosen_waits = chosen_waits || all[i].pid == chosen;
        all[kept++] = all[i];
    }
    qsort(all, kept, sizeof all[0], ps_step_cmp);
    if (chosen != 0 && !chosen_waits) {
        ps_ring_gate_unchoose(&sup->ring, chosen); /* gone: its permit goes to the oldest */
        if (kept > 0 && ps_ring_gate_permits(&sup->ring) > 0) {
            ps_ring_gate_choose(&sup->ring, all[0].pid);
        }
    }
    kept = kept < max ? kept : max;
    for (unsigned i = 0; i < kept; i++) {
        out[i] = all[i];
    }
    return kept;
}

int ps_supervisor_step_pid(struct ps_supervisor *sup, pid_t pid)
{
    struct ps_ring_waiter next[PS_RING_PENDING_MAX];
    if (!sup->stepping) {
        return -EINVAL;
    }
    unsigned n = ps_supervisor_step_next(sup, next, PS_RING_PENDING_MAX);
    for (unsigned i = 0; i < n; i++) {
        if (next[i].pid == pid) {
            ps_ring_gate_choose(&sup->ring, (int32_t)pid); /* E: before the grant */
            return ps_supervisor_step(sup, 1);
        }
    }
    return -ESRCH;
}

void ps_supervisor_step_oldest(struct ps_supervisor *sup)
{
    struct ps_ring_waiter next[1];
    if (ps_ring_gate_chosen(&sup->ring) == 0 && ps_supervisor_step_next(sup, next, 1) == 1) {
        ps_ring_gate_choose(&sup->ring, next[0].pid);
    }
}
