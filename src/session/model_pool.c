/* SPDX-License-Identifier: MIT */
/*
 * The session model's fold for process pools: lanes, busy intervals, backlog.
 */
#include "session/model_internal.h"

#include <string.h>

/* The pool `obj`, created when new; NULL (counted) on a bad id or a full table. */
static struct ps_model_pool *ps_model_pool_get(struct ps_model *m, const struct ps_event *ev)
{
    const struct ps_model_pool *found = ps_model_pool_find(m, ev->obj);
    struct ps_model_pool *p = found ? &m->pools[found - m->pools] : NULL;
    if (p || ev->obj == 0) {
        m->bad += ev->obj == 0;
        return p;
    }
    if (m->npools >= PS_MODEL_POOLS) {
        m->overflow.pools++;
        return NULL;
    }
    p = &m->pools[m->npools++];
    p->obj = ev->obj;
    p->t_new = ev->t_ns;
    memset(p->lanes, -1, sizeof(p->lanes));
    return p;
}

/* The lane of worker `pid` in pool p, or NULL. */
static struct ps_model_lane *ps_model_pool_worker(struct ps_model *m,
                                                  const struct ps_model_pool *p, int32_t pid)
{
    for (uint32_t i = 0; i < PS_MODEL_POOL_LANES; i++) {
        const struct ps_model_lane *l = ps_model_pool_lane(m, p, i);
        if (l && l->pid == pid) {
            return &m->lanes[l - m->lanes];
        }
    }
    return NULL;
}

/* pool.worker: worker `peer` is lane a (1-based). */
static void ps_model_pool_on_worker(struct ps_model *m, struct ps_model_pool *p,
                                    const struct ps_event *ev)
{
    if (ev->a < 1 || ev->a > PS_MODEL_POOL_LANES || ev->peer <= 0) {
        m->bad += ev->a < 1 || ev->peer <= 0;
        m->overflow.lanes += ev->a > PS_MODEL_POOL_LANES;
        return;
    }
    uint32_t i = (uint32_t)ev->a - 1;
    if (p->lanes[i] < 0) {
        if (m->nlanes >= PS_MODEL_LANES) {
            m->overflow.lanes++;
            return;
        }
        p->lanes[i] = (int8_t)m->nlanes;
        struct ps_model_lane *l = &m->lanes[m->nlanes++];
        l->pool = (uint32_t)(p - m->pools);
        l->lane = (int32_t)ev->a;
        p->nlanes = p->nlanes > i + 1 ? p->nlanes : i + 1;
    }
    m->lanes[p->lanes[i]].pid = ev->peer;
}

/* End the lane's busy interval at t, if it is busy. */
static void ps_model_lane_idle(struct ps_model_lane *l, uint64_t t)
{
    if (!l->busy) {
        return;
    }
    l->busy = 0;
    uint64_t end = t > l->busy_since ? t : l->busy_since;
    l->intervals[l->nintervals++ % PS_MODEL_LANE_INTERVALS] =
        (struct ps_model_interval){.start = l->busy_since, .end = end, .task = l->task};
    l->busy_ns += end - l->busy_since;
}

/* pool.start / pool.done: the emitting worker starts or finishes task a (b items). */
static void ps_model_pool_on_task(struct ps_model *m, struct ps_model_pool *p,
                                  const struct ps_event *ev)
{
    struct ps_model_lane *l = ps_model_pool_worker(m, p, ev->pid);
    if (ev->type == PS_EV_POOL_START) {
        p->started++;
        p->backlog = p->backlog > 0 ? p->backlog - 1 : 0;
        if (l) {
            ps_model_lane_idle(l, ev->t_ns);
            l->busy = 1;
            l->busy_since = ev->t_ns;
            l->task = ev->a;
            l->items = ev->b;
        }
        return;
    }
    p->done++;
    p->items_done += (uint64_t)ev->b;
    if (l) {
        ps_model_lane_idle(l, ev->t_ns);
        l->tasks_done++;
        l->items_done += (uint64_t)ev->b;
    }
}

void ps_model_apply_pool(struct ps_model *m, const struct ps_event *ev)
{
    if (ev->a < 0 || (ev->type != PS_EV_POOL_CRASH && ev->b < 0)) {
        m->bad++;
        return;
    }
    struct ps_model_pool *p = ps_model_pool_get(m, ev);
    if (!p) {
        return;
    }
    struct ps_model_lane *l = NULL;
    switch (ev->type) {
    case PS_EV_POOL_NEW:
        p->workers = ev->a > INT32_MAX ? INT32_MAX : (int32_t)ev->a;
        break;
    case PS_EV_POOL_WORKER:
        ps_model_pool_on_worker(m, p, ev);
        break;
    case PS_EV_POOL_SUBMIT:
        p->submitted++;
        p->items_submitted += (uint64_t)ev->b;
        p->backlog++;
        break;
    case PS_EV_POOL_START:
    case PS_EV_POOL_DONE:
        ps_model_pool_on_task(m, p, ev);
        break;
    case PS_EV_POOL_CLOSE:
        p->closed = 1;
        p->t_close = p->t_close ? p->t_close : ev->t_ns;
        break;
    case PS_EV_POOL_TERMINATE:
        p->terminated = 1;
        p->t_terminate = p->t_terminate ? p->t_terminate : ev->t_ns;
        break;
    case PS_EV_POOL_MAP_BEGIN:
        p->maps++;
        p->t_map_begin = ev->t_ns;
        p->t_map_end = 0;
        break;
    case PS_EV_POOL_MAP_END:
        p->t_map_end = ev->t_ns;
        break;
    default: /* PS_EV_POOL_CRASH */
        p->crashes++;
        l = ps_model_pool_worker(m, p, ev->peer);
        if (l) {
            ps_model_lane_idle(l, ev->t_ns);
            l->crashed = 1;
            l->crash_exit = ev->b < INT32_MIN || ev->b > INT32_MAX ? INT32_MIN : (int32_t)ev->b;
        }
        break;
    }
}
