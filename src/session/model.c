/* SPDX-License-Identifier: MIT */
/*
 * The session model's fold: counts, processes, output, and the dispatch to the
 * per-area folds in model_chan.c, model_sync.c and model_pool.c; plus the finders.
 */
#include "session/model.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "session/model_internal.h"
#include "session/procs.h"

_Static_assert(PS_MODEL_NAME_MAX == PS_PROCS_NAME_MAX, "one name length (session/procs.h)");

/* 144 KiB: 128 KiB until each process kept its latest waits (issue 12: waits on the bars). */
_Static_assert(sizeof(struct ps_model) <= 144 * 1024, "a keyframe stays under 144 KiB");

void ps_model_init(struct ps_model *m)
{
    memset(m, 0, sizeof(*m));
}

size_t ps_model_copy(char *dst, size_t n, const char *src)
{
    size_t len = strnlen(src, n - 1);
    memcpy(dst, src, len);
    dst[len] = '\0';
    return len;
}

/* Hash slot where `pid` is or would go (linear probing; the table is never full). */
static uint32_t ps_model_proc_slot(const struct ps_model *m, int32_t pid)
{
    uint32_t h = ((uint32_t)pid * 2654435761u) % (2 * PS_MODEL_PROCS);
    while (m->proc_slots[h] != 0 && m->procs[m->proc_slots[h] - 1].pid != pid) {
        h = (h + 1) % (2 * PS_MODEL_PROCS);
    }
    return h;
}

/* Length of the kind part of a name: without a trailing "-N"; "pid" for "pid N". */
static size_t ps_model_kind_len(const char *name)
{
    if (strncmp(name, "pid ", 4) == 0) {
        return 3;
    }
    size_t len = strnlen(name, PS_MODEL_NAME_MAX);
    size_t i = len;
    while (i > 0 && name[i - 1] >= '0' && name[i - 1] <= '9') {
        i--;
    }
    return (i < len && i > 0 && name[i - 1] == '-') ? i - 1 : len;
}

/* Name row `p` and give it the colour index of its kind. */
static void ps_model_proc_set_name(struct ps_model *m, struct ps_model_proc *p, const char *name)
{
    size_t old_klen = ps_model_kind_len(p->name);
    bool named = p->name[0] != '\0';
    char old[PS_MODEL_NAME_MAX];
    memcpy(old, p->name, sizeof(old));
    ps_procs_name_copy(p->name, name, PS_EVENT_TEXT_MAX);
    size_t klen = ps_model_kind_len(p->name);
    if (named && klen == old_klen && memcmp(old, p->name, klen) == 0) {
        return;
    }
    for (uint32_t i = 0; i < m->nprocs; i++) {
        const struct ps_model_proc *q = &m->procs[i];
        if (q != p && ps_model_kind_len(q->name) == klen && memcmp(q->name, p->name, klen) == 0) {
            p->kind = q->kind;
            return;
        }
    }
    p->kind = (uint16_t)m->nkinds++;
}

/*
 * The row of `pid`, created when new and named `name` (or "pid <n>" when NULL
 * or empty); NULL when pid <= 0 or the table is full.
 */
static struct ps_model_proc *ps_model_proc_get(struct ps_model *m, int32_t pid, const char *name)
{
    if (pid <= 0) {
        return NULL;
    }
    uint32_t h = ps_model_proc_slot(m, pid);
    if (m->proc_slots[h] != 0) {
        return &m->procs[m->proc_slots[h] - 1];
    }
    if (m->nprocs >= PS_MODEL_PROCS) {
        m->overflow.procs++;
        return NULL;
    }
    struct ps_model_proc *p = &m->procs[m->nprocs];
    p->pid = pid;
    p->order = (uint16_t)m->nprocs;
    m->proc_slots[h] = (int16_t)(++m->nprocs);
    char fallback[PS_MODEL_NAME_MAX];
    if (!name || name[0] == '\0') {
        snprintf(fallback, sizeof(fallback), "pid %d", pid);
        name = fallback;
    }
    ps_model_proc_set_name(m, p, name);
    return p;
}

/* The emitter's row, or NULL for the supervisor (which has no row). */
static struct ps_model_proc *ps_model_emitter(struct ps_model *m, const struct ps_event *ev)
{
    if (ev->pid == m->supervisor && ps_model_proc_find(m, ev->pid) == NULL) {
        return NULL;
    }
    return ps_model_proc_get(m, ev->pid, NULL);
}

/* The writable row of `pid`, or NULL (no row is created). */
static struct ps_model_proc *ps_model_proc_row(struct ps_model *m, int32_t pid)
{
    const struct ps_model_proc *p = ps_model_proc_find(m, pid);
    return p ? &m->procs[p - m->procs] : NULL;
}

/* True while row `p` has only its "pid N" fallback name. */
static bool ps_model_proc_unnamed(const struct ps_model_proc *p)
{
    char fallback[PS_MODEL_NAME_MAX];
    snprintf(fallback, sizeof(fallback), "pid %d", p->pid);
    return strcmp(p->name, fallback) == 0;
}

/* Apply the naming rule of session/procs.c to `ev`; the named row, or NULL. */
static struct ps_model_proc *ps_model_on_naming(struct ps_model *m, const struct ps_event *ev)
{
    int32_t pid = 0;
    enum ps_procs_naming rule = ps_procs_name_rule(ev, &pid);
    if (rule == PS_PROCS_NAME_NONE) {
        return NULL;
    }
    struct ps_model_proc *p = ps_model_proc_get(m, pid, ps_model_text(ev));
    bool may = p && (rule == PS_PROCS_NAME_ALWAYS || ps_model_proc_unnamed(p));
    char name[PS_MODEL_NAME_MAX];
    ps_procs_name_copy(name, ps_model_text(ev), ev->text_len);
    if (p && may && strcmp(p->name, name) != 0) {
        ps_model_proc_set_name(m, p, name);
    }
    return p;
}

/* proc.spawn: the emitter created `peer` named text. */
static void ps_model_on_spawn(struct ps_model *m, const struct ps_event *ev)
{
    if (m->supervisor == 0 && ps_model_proc_find(m, ev->pid) == NULL) {
        m->supervisor = ev->pid;
    }
    struct ps_model_proc *c = ps_model_on_naming(m, ev);
    c = c ? c : ps_model_proc_get(m, ev->peer, NULL);
    if (!c) {
        m->bad += ev->peer <= 0;
        return;
    }
    if (ev->pid != m->supervisor) {
        c->ppid = ev->pid;
    }
    c->daemon = ev->a != 0;
    if (c->state == PS_PROC_UNKNOWN) {
        c->state = PS_PROC_SPAWNED;
    }
    if (c->t_spawn == 0) {
        c->t_spawn = ev->t_ns;
    }
}

/* `p` stops waiting at time t: its wait joins the latest ones drawn on its bar. */
static void ps_model_wait_over(struct ps_model_proc *p, uint64_t t)
{
    if (p->wait_kind == 0) {
        return;
    }
    p->waits[p->nwaits % PS_MODEL_PROC_WAITS] = (struct ps_model_wait_span){p->t_wait, t};
    p->nwaits++;
    p->wait_kind = 0;
}

/* Mark row `p` ended with a Python exit code at time t (the first end wins). */
static void ps_model_proc_end(struct ps_model_proc *p, int64_t code, uint64_t t)
{
    if (p->has_exit) {
        return;
    }
    p->has_exit = 1;
    ps_model_wait_over(p, t);
    p->exit_code = (int32_t)code;
    p->state = code < 0 ? PS_PROC_KILLED : PS_PROC_EXITED;
    p->t_end = t;
}

/* proc.exit / signalled / join / died / terminate: about process `peer` (session/procs.c rules). */
static void ps_model_on_proc_peer(struct ps_model *m, const struct ps_event *ev)
{
    int32_t who = ev->peer > 0 ? ev->peer : ev->pid;
    struct ps_model_proc *p = ps_model_proc_get(m, who, NULL);
    struct ps_procs_end end;
    if (!p) {
        m->bad++;
    } else if (ev->type == PS_EV_PROC_TERMINATE) {
        if (ev->a <= 0 || ev->a >= 128) {
            m->bad++;
        } else if (p->t_term == 0) {
            p->t_term = ev->t_ns;
            p->term_signal = (int32_t)ev->a;
            p->term_by = ev->pid;
        }
    } else if (ev->type == PS_EV_PROC_JOIN && ev->b != 0) {
        m->bad += ev->a > INT32_MAX || ev->a < -128; /* timed out: nothing ended */
    } else if (!ps_procs_end_rule(ev, &end)) {
        m->bad++;
    } else if (!end.joined || !p->joined) {
        if (end.joined) {
            p->joined = 1;
            p->joined_by = ev->pid;
            p->t_join = ev->t_ns;
        }
        p->reaped |= end.collected;
        p->died |= ev->type == PS_EV_PROC_DIED;
        ps_model_proc_end(p, end.code, ev->t_ns);
    }
}

/* user.signal: the user sent signal a to `peer`; STOP/TSTP stop it, CONT resumes it. */
static void ps_model_on_user_signal(struct ps_model *m, const struct ps_event *ev)
{
    struct ps_model_proc *p = ps_model_proc_get(m, ev->peer, NULL);
    if (!p || ev->a <= 0 || ev->a >= NSIG) {
        m->bad++;
        return;
    }
    p->user_signal = (int32_t)ev->a;
    if (ev->a == SIGSTOP || ev->a == SIGTSTP) {
        p->stopped = 1;
    } else if (ev->a == SIGCONT) {
        p->stopped = 0;
    }
}

/* wait.begin / wait.end: what the emitter waits for (any other event of it ends the wait). */
static void ps_model_apply_wait(struct ps_model *m, struct ps_model_proc *p,
                                const struct ps_event *ev)
{
    if (!p || ev->a <= 0 || ev->a >= PS_WAIT__COUNT) {
        m->bad++;
        return;
    }
    if (ev->type == PS_EV_WAIT_END || p->has_exit) {
        ps_model_wait_over(p, ev->t_ns);
        return;
    }
    p->wait_kind = (uint8_t)ev->a;
    p->t_wait = ev->t_ns;
    p->wait_obj = ev->obj;
    p->wait_peer = ev->peer;
    p->wait_amount = ev->b;
}

/* output / stdio: keep the line in the ring of the latest lines. */
static void ps_model_on_line(struct ps_model *m, struct ps_model_proc *p, const struct ps_event *ev)
{
    if (ev->a != 1 && ev->a != 2) {
        m->bad++;
        return;
    }
    struct ps_model_line *l = &m->lines[m->line_head];
    l->t_ns = ev->t_ns;
    l->pid = ev->pid;
    l->stream = (uint8_t)ev->a;
    l->captured = ev->type == PS_EV_STDIO;
    l->len = (uint16_t)ps_model_copy(l->text, sizeof(l->text), ps_model_text(ev));
    l->cut = ev->text_len > l->len;
    l->event = m->events - 1; /* counted before the folds run */
    m->line_head = (m->line_head + 1) % PS_MODEL_LINES;
    if (m->nlines < PS_MODEL_LINES) {
        m->nlines++;
    }
    m->lines_total++;
    if (p) {
        p->lines++;
    }
}

/* Fold a process, text or ring event. */
static void ps_model_apply_proc(struct ps_model *m, struct ps_model_proc *p,
                                const struct ps_event *ev)
{
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
        ps_model_on_spawn(m, ev);
        break;
    case PS_EV_PROC_START:
        (void)ps_model_on_naming(m, ev);
        if (p) {
            p->state = p->has_exit ? p->state : PS_PROC_RUNNING;
            p->t_start = p->t_start ? p->t_start : ev->t_ns;
            p->ppid = (p->ppid == 0 && ev->peer > 0 && ev->peer != m->supervisor) ? ev->peer
                                                                                   : p->ppid;
            p->daemon = ev->a != 0;
        }
        break;
    case PS_EV_PROC_NAME:
        (void)ps_model_on_naming(m, ev);
        break;
    case PS_EV_OUTPUT:
    case PS_EV_STDIO:
        ps_model_on_line(m, p, ev);
        break;
    case PS_EV_USER_SIGNAL:
        ps_model_on_user_signal(m, ev);
        break;
    case PS_EV_MARK:
        m->marks++;
        m->t_mark = ev->t_ns;
        ps_model_copy(m->mark, sizeof(m->mark), ps_model_text(ev));
        break;
    default:
        ps_model_on_proc_peer(m, ev);
        break;
    }
}

/* ring.dropped / ring.torn / ring.corrupt: a = running total. */
static void ps_model_on_ring(struct ps_model *m, const struct ps_event *ev)
{
    if (ev->a < 0) {
        m->bad++;
        return;
    }
    uint64_t *total = ev->type == PS_EV_RING_DROPPED ? &m->drops
                      : ev->type == PS_EV_RING_TORN  ? &m->torn
                                                     : &m->corrupt;
    if ((uint64_t)ev->a > *total) {
        *total = (uint64_t)ev->a;
    }
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

typedef void (*ps_model_fold_fn)(struct ps_model *m, struct ps_model_proc *p,
                                 const struct ps_event *ev);

/* The per-area folds with the table's signature (p: the emitter's row, or NULL). */
#define PS_MODEL_ADAPT_(area)                                                                      \
    static void ps_model_fold_##area(struct ps_model *m, struct ps_model_proc *p,                  \
                                     const struct ps_event *ev)                                    \
    {                                                                                              \
        (void)p;                                                                                   \
        ps_model_apply_##area(m, ev);                                                              \
    }
PS_MODEL_ADAPT_(pipe)
PS_MODEL_ADAPT_(queue)
PS_MODEL_ADAPT_(lock)
PS_MODEL_ADAPT_(barrier)
PS_MODEL_ADAPT_(pool)
PS_MODEL_ADAPT_(ns)
#undef PS_MODEL_ADAPT_

/* The fold of each area (enum ps_event_area). */
#define PS_MODEL_FOLD_PROC ps_model_apply_proc
#define PS_MODEL_FOLD_TEXT ps_model_apply_proc
#define PS_MODEL_FOLD_PIPE ps_model_fold_pipe
#define PS_MODEL_FOLD_QUEUE ps_model_fold_queue
#define PS_MODEL_FOLD_LOCK ps_model_fold_lock
#define PS_MODEL_FOLD_BARRIER ps_model_fold_barrier
#define PS_MODEL_FOLD_POOL ps_model_fold_pool
#define PS_MODEL_FOLD_NS ps_model_fold_ns
#define PS_MODEL_FOLD_WAIT ps_model_apply_wait
#define PS_MODEL_FOLD_RING ps_model_apply_ring

/* ring.*: about the session, not a process. */
static void ps_model_apply_ring(struct ps_model *m, struct ps_model_proc *p,
                                const struct ps_event *ev)
{
    (void)p;
    ps_model_on_ring(m, ev);
}

#define PS_MODEL_FOLD_ROW_(E, lower, num, dotted, area, ...) [num] = PS_MODEL_FOLD_##area,

/* The fold of each event type, indexed by type: generated from core/event_types.h. */
static const ps_model_fold_fn ps_model_folds[PS_EV__COUNT] = {
    PS_EVENT_TYPES(PS_MODEL_FOLD_ROW_)
};

bool ps_model_folds_type(unsigned type)
{
    return type < PS_EV__COUNT && ps_model_folds[type] != NULL;
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
    if (ps_model_folds[ev->type] == ps_model_apply_ring) {
        ps_model_on_ring(m, ev);
        return;
    }
    if (ev->pid <= 0) {
        m->bad++;
        return;
    }
    struct ps_model_proc *p =
        ps_procs_emitter_has_row(ev) ? ps_model_emitter(m, ev) : ps_model_proc_row(m, ev->pid);
    if (p) {
        p->events++;
        if (ev->type != PS_EV_WAIT_END) {
            ps_model_wait_over(p, ev->t_ns); /* it emitted: it is not blocked any more */
        }
        if (p->state == PS_PROC_SPAWNED || p->state == PS_PROC_UNKNOWN) {
            p->state = PS_PROC_RUNNING; /* it emitted: it runs (main has no proc.start) */
        }
    }
    ps_model_folds[ev->type](m, p, ev);
}

const struct ps_model_proc *ps_model_proc_find(const struct ps_model *m, int32_t pid)
{
    if (pid <= 0) {
        return NULL;
    }
    int16_t row = m->proc_slots[ps_model_proc_slot(m, pid)];
    return row > 0 && row <= (int16_t)m->nprocs ? &m->procs[row - 1] : NULL;
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
