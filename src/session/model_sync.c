/* SPDX-License-Identifier: MIT */
/*
 * The session model's fold for locks, barriers, pools and namespaces.
 */
#include "session/model_internal.h"

#include <string.h>

/* The lock `obj`, created when new; NULL (counted) on a bad id or a full table. */
static struct ps_model_lock *ps_model_lock_get(struct ps_model *m, uint32_t obj)
{
    const struct ps_model_lock *found = ps_model_lock_find(m, obj);
    struct ps_model_lock *l = found ? &m->locks[found - m->locks] : NULL;
    if (l || obj == 0) {
        m->bad += obj == 0;
        return l;
    }
    if (m->nlocks >= PS_MODEL_LOCKS) {
        m->overflow.locks++;
        return NULL;
    }
    l = &m->locks[m->nlocks++];
    l->obj = obj;
    return l;
}

/* Remove pid from the lock's waiters, keeping arrival order. */
static void ps_model_lock_unwait(struct ps_model_lock *l, int32_t pid)
{
    for (uint32_t i = 0; i < l->nwaiters; i++) {
        if (l->waiters[i].pid == pid) {
            memmove(&l->waiters[i], &l->waiters[i + 1],
                    (l->nwaiters - i - 1) * sizeof(l->waiters[0]));
            l->nwaiters--;
            return;
        }
    }
}

/* lock.acquired: the emitter now holds the lock. */
static void ps_model_lock_acquired(struct ps_model_lock *l, const struct ps_event *ev)
{
    ps_model_lock_unwait(l, ev->pid);
    struct ps_model_handoff *h = &l->handoffs[l->nhandoffs++ % PS_MODEL_LOCK_HANDOFFS];
    *h = (struct ps_model_handoff){
        .t_ns = ev->t_ns, .from = l->holder ? l->holder : l->last_holder, .to = ev->pid};
    if (l->holder) {
        l->last_holder = l->holder;
    }
    l->recovered += ev->b != 0;
    l->holder = ev->pid;
    l->since = ev->t_ns;
    l->acquisitions++;
    l->wait_ns_total += (uint64_t)ev->a;
}

/* Fold a lock event. */
void ps_model_apply_lock(struct ps_model *m, const struct ps_event *ev)
{
    if (ev->a < 0) {
        m->bad++;
        return;
    }
    struct ps_model_lock *l = ps_model_lock_get(m, ev->obj);
    if (!l) {
        return;
    }
    if (ev->type == PS_EV_LOCK_WANT) {
        for (uint32_t i = 0; i < l->nwaiters; i++) {
            if (l->waiters[i].pid == ev->pid) {
                return;
            }
        }
        if (l->nwaiters >= PS_MODEL_LOCK_WAITERS) {
            m->overflow.waiters++;
            return;
        }
        l->waiters[l->nwaiters++] = (struct ps_model_waiter){.since = ev->t_ns, .pid = ev->pid};
    } else if (ev->type == PS_EV_LOCK_ACQUIRED) {
        ps_model_lock_acquired(l, ev);
    } else if (ev->type == PS_EV_LOCK_RELEASED) {
        if (l->holder != ev->pid) {
            m->bad++;
            return;
        }
        l->holder = 0;
        l->last_holder = ev->pid;
        l->releases++;
        l->held_ns_total += (uint64_t)ev->a;
    }
}

/* The barrier `obj`, created when new; NULL (counted) on a bad id or a full table. */
static struct ps_model_barrier *ps_model_barrier_get(struct ps_model *m, uint32_t obj)
{
    const struct ps_model_barrier *found = ps_model_barrier_find(m, obj);
    struct ps_model_barrier *b = found ? &m->barriers[found - m->barriers] : NULL;
    if (b || obj == 0) {
        m->bad += obj == 0;
        return b;
    }
    if (m->nbarriers >= PS_MODEL_BARRIERS) {
        m->overflow.barriers++;
        return NULL;
    }
    b = &m->barriers[m->nbarriers++];
    b->obj = obj;
    b->generation = -1;
    return b;
}

/* barrier.arrive: a = arrival index, b = generation. */
static void ps_model_barrier_arrive(struct ps_model *m, struct ps_model_barrier *b,
                                    const struct ps_event *ev)
{
    b->total_arrivals++;
    if (ev->b < b->generation) {
        return;
    }
    if (ev->b > b->generation) {
        b->generation = ev->b;
        b->narrivals = 0;
        b->nreleased = 0;
        b->t_release = 0;
    }
    if (b->narrivals >= PS_MODEL_BARRIER_ARRIVALS) {
        m->overflow.arrivals++;
        b->narrivals++;
        return;
    }
    b->arrivals[b->narrivals++] = (struct ps_model_arrival){
        .t_arrive = ev->t_ns, .wait_ns = -1, .pid = ev->pid, .index = (int32_t)ev->a};
}

/* barrier.release: a = wait ns, b = generation. */
static void ps_model_barrier_release(struct ps_model_barrier *b, const struct ps_event *ev)
{
    b->total_releases++;
    if (ev->b != b->generation) {
        return;
    }
    b->nreleased++;
    if (b->t_release == 0) {
        b->t_release = ev->t_ns;
    }
    uint32_t kept = b->narrivals < PS_MODEL_BARRIER_ARRIVALS ? b->narrivals
                                                             : PS_MODEL_BARRIER_ARRIVALS;
    for (uint32_t i = 0; i < kept; i++) {
        if (b->arrivals[i].pid == ev->pid) {
            b->arrivals[i].wait_ns = ev->a;
            return;
        }
    }
}

/* Fold a barrier event. */
void ps_model_apply_barrier(struct ps_model *m, const struct ps_event *ev)
{
    bool gen = ev->type == PS_EV_BARRIER_ARRIVE || ev->type == PS_EV_BARRIER_RELEASE;
    if (ev->a < 0 || ev->a > INT32_MAX || (gen && ev->b < 0)) {
        m->bad++;
        return;
    }
    struct ps_model_barrier *b = ps_model_barrier_get(m, ev->obj);
    if (!b) {
        return;
    }
    if (ev->type == PS_EV_BARRIER_NEW) {
        b->parties = (int32_t)ev->a;
    } else if (ev->type == PS_EV_BARRIER_ARRIVE) {
        ps_model_barrier_arrive(m, b, ev);
    } else if (ev->type == PS_EV_BARRIER_RELEASE) {
        ps_model_barrier_release(b, ev);
    } else if (!b->broken) {
        b->broken = 1;
        b->broken_arrived = (int32_t)ev->a;
        b->t_broken = ev->t_ns;
    }
}

/* Find the entry `key` (length klen) of ns, creating it when new; NULL when full. */
static struct ps_model_ns_entry *ps_model_ns_entry_get(struct ps_model *m, struct ps_model_ns *ns,
                                                       const char *key, size_t klen)
{
    char k[PS_MODEL_NS_KEY_MAX];
    size_t n = klen < sizeof(k) - 1 ? klen : sizeof(k) - 1;
    memcpy(k, key, n);
    k[n] = '\0';
    const struct ps_model_ns_entry *found = ps_model_ns_entry_find(ns, k);
    if (found) {
        return &ns->entries[found - ns->entries];
    }
    struct ps_model_ns_entry *e = NULL;
    if (ns->nentries >= PS_MODEL_NS_ENTRIES) {
        m->overflow.ns_entries++;
        return NULL;
    }
    e = &ns->entries[ns->nentries++];
    memcpy(e->key, k, n + 1);
    return e;
}

void ps_model_apply_ns(struct ps_model *m, const struct ps_event *ev)
{
    const char *text = ps_model_text(ev);
    const char *eq = strchr(text, '=');
    if (ev->obj == 0 || !eq || eq == text) {
        m->bad++;
        return;
    }
    const struct ps_model_ns *found = ps_model_ns_find(m, ev->obj);
    struct ps_model_ns *ns = found ? &m->namespaces[found - m->namespaces] : NULL;
    if (!ns) {
        if (m->nnamespaces >= PS_MODEL_NAMESPACES) {
            m->overflow.namespaces++;
            return;
        }
        ns = &m->namespaces[m->nnamespaces++];
        ns->obj = ev->obj;
    }
    struct ps_model_ns_entry *e = ps_model_ns_entry_get(m, ns, text, (size_t)(eq - text));
    if (!e) {
        return;
    }
    if (ev->type == PS_EV_NS_SET) {
        ps_model_copy(e->value, sizeof(e->value), eq + 1);
        e->setter = ev->pid;
        e->sets++;
        e->t_set = ev->t_ns;
    } else {
        e->gets++;
        if (e->sets == 0) {
            ps_model_copy(e->value, sizeof(e->value), eq + 1);
        }
    }
}
