/*
 * The session model's fold: counts, processes, output, and the dispatch to the
 * per-area folds in model_chan.c and model_sync.c.
 */
#include "session/model.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "session/model_internal.h"

_Static_assert(sizeof(struct ps_model) <= 128 * 1024, "a keyframe stays under 128 KiB");

void ps_model_init(struct ps_model *m)
{
    memset(m, 0, sizeof(*m));
}

/* Count the event and note its time and sequence number. */
static void ps_model_count(struct ps_model *m, const struct ps_event *ev)
{
    if (m->events == 0) {
        m->t_first = ev->t_ns;
    }
    m->events++;
    m->t_last = ev->t_ns;
    m->last_seq = ev->seq;
}

void ps_model_apply(struct ps_model *m, const struct ps_event *ev)
{
    ps_model_count(m, ev);
    if (ev->type >= PS_EV__COUNT || ev->type == PS_EV_NONE) {
        m->unknown_types++;
        m->bad++;
        return;
    }
    m->type_counts[ev->type]++;
}

const struct ps_model_proc *ps_model_proc_find(const struct ps_model *m, int32_t pid)
{
    for (uint32_t i = 0; i < m->nprocs && i < PS_MODEL_PROCS; i++) {
        if (m->procs[i].pid == pid) {
            return &m->procs[i];
        }
    }
    return NULL;
}

const char *ps_model_proc_name(const struct ps_model *m, int32_t pid)
{
    const struct ps_model_proc *p = ps_model_proc_find(m, pid);
    return p ? p->name : NULL;
}

const struct ps_model_chan *ps_model_chan_find(const struct ps_model *m, uint32_t obj)
{
    for (uint32_t i = 0; i < m->nchans && i < PS_MODEL_CHANS; i++) {
        if (m->chans[i].obj == obj) {
            return &m->chans[i];
        }
    }
    return NULL;
}

const struct ps_model_barrier *ps_model_barrier_find(const struct ps_model *m, uint32_t obj)
{
    for (uint32_t i = 0; i < m->nbarriers && i < PS_MODEL_BARRIERS; i++) {
        if (m->barriers[i].obj == obj) {
            return &m->barriers[i];
        }
    }
    return NULL;
}

const struct ps_model_lock *ps_model_lock_find(const struct ps_model *m, uint32_t obj)
{
    for (uint32_t i = 0; i < m->nlocks && i < PS_MODEL_LOCKS; i++) {
        if (m->locks[i].obj == obj) {
            return &m->locks[i];
        }
    }
    return NULL;
}

const struct ps_model_pool *ps_model_pool_find(const struct ps_model *m, uint32_t obj)
{
    for (uint32_t i = 0; i < m->npools && i < PS_MODEL_POOLS; i++) {
        if (m->pools[i].obj == obj) {
            return &m->pools[i];
        }
    }
    return NULL;
}

const struct ps_model_ns *ps_model_ns_find(const struct ps_model *m, uint32_t obj)
{
    for (uint32_t i = 0; i < m->nnamespaces && i < PS_MODEL_NAMESPACES; i++) {
        if (m->namespaces[i].obj == obj) {
            return &m->namespaces[i];
        }
    }
    return NULL;
}

const struct ps_model_ns_entry *ps_model_ns_entry_find(const struct ps_model_ns *ns,
                                                       const char *key)
{
    for (uint32_t i = 0; i < ns->nentries && i < PS_MODEL_NS_ENTRIES; i++) {
        if (strncmp(ns->entries[i].key, key, PS_MODEL_NS_KEY_MAX) == 0) {
            return &ns->entries[i];
        }
    }
    return NULL;
}

const struct ps_model_hist *ps_model_chan_hist(const struct ps_model *m,
                                               const struct ps_model_chan *chan)
{
    if (chan->hist < 0 || (uint32_t)chan->hist >= m->nhists) {
        return NULL;
    }
    return &m->hists[chan->hist];
}

const struct ps_model_lane *ps_model_pool_lane(const struct ps_model *m,
                                               const struct ps_model_pool *pool, uint32_t i)
{
    if (i >= PS_MODEL_POOL_LANES || pool->lanes[i] < 0 || (uint32_t)pool->lanes[i] >= m->nlanes) {
        return NULL;
    }
    return &m->lanes[pool->lanes[i]];
}

const struct ps_model_line *ps_model_line(const struct ps_model *m, uint32_t i)
{
    if (i >= m->nlines) {
        return NULL;
    }
    uint32_t oldest = (m->line_head + PS_MODEL_LINES - m->nlines) % PS_MODEL_LINES;
    return &m->lines[(oldest + i) % PS_MODEL_LINES];
}

char *ps_model_exit_format(int32_t exit_code, char *buf, size_t n)
{
    if (n == 0) {
        return buf;
    }
    const char *abbrev = NULL;
    if (exit_code < 0 && exit_code > -NSIG) {
        abbrev = sigabbrev_np(-exit_code);
    }
    if (abbrev) {
        snprintf(buf, n, "%d SIG%s", exit_code, abbrev);
    } else {
        snprintf(buf, n, "%d", exit_code);
    }
    return buf;
}

const char *ps_model_state_name(unsigned state)
{
    switch (state) {
    case PS_PROC_SPAWNED:
        return "spawned";
    case PS_PROC_RUNNING:
        return "running";
    case PS_PROC_EXITED:
        return "exited";
    case PS_PROC_KILLED:
        return "killed";
    default:
        return "unknown";
    }
}
