/* SPDX-License-Identifier: MIT */
#include "export/export_procs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

void ps_export_procs_init(struct ps_export_procs *procs)
{
    memset(procs, 0, sizeof(*procs));
}

void ps_export_procs_free(struct ps_export_procs *procs)
{
    free(procs->rows);
    free(procs->slots);
    ps_export_procs_init(procs);
}

/* The hash slot where `pid` is or would go. */
static size_t ps_export_procs_slot(const struct ps_export_procs *procs, int32_t pid)
{
    size_t mask = procs->nslots - 1;
    size_t i = ((uint32_t)pid * 2654435761u) & mask;
    while (procs->slots[i] != 0 && procs->rows[procs->slots[i] - 1].pid != pid) {
        i = (i + 1) & mask;
    }
    return i;
}

/* Make room for one more row: grow the rows and, at half load, rehash. */
static int ps_export_procs_grow(struct ps_export_procs *procs)
{
    if (procs->n == procs->cap) {
        size_t cap = procs->cap ? procs->cap * 2 : 16;
        struct ps_export_proc *rows = realloc(procs->rows, cap * sizeof(*rows));
        if (rows == NULL) {
            return -ENOMEM;
        }
        procs->rows = rows;
        procs->cap = cap;
    }
    if (2 * (procs->n + 1) <= procs->nslots) {
        return 0;
    }
    size_t nslots = procs->nslots ? procs->nslots * 2 : 64;
    uint32_t *slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL) {
        return -ENOMEM;
    }
    free(procs->slots);
    procs->slots = slots;
    procs->nslots = nslots;
    for (size_t r = 0; r < procs->n; r++) {
        procs->slots[ps_export_procs_slot(procs, procs->rows[r].pid)] = (uint32_t)r + 1;
    }
    return 0;
}

struct ps_export_proc *ps_export_procs_find(const struct ps_export_procs *procs, int32_t pid)
{
    if (procs->nslots == 0 || pid <= 0) {
        return NULL;
    }
    uint32_t row = procs->slots[ps_export_procs_slot(procs, pid)];
    return row ? &procs->rows[row - 1] : NULL;
}

struct ps_export_proc *ps_export_procs_get(struct ps_export_procs *procs, int32_t pid,
                                           uint64_t t_ns)
{
    if (pid <= 0) {
        errno = EINVAL;
        return NULL;
    }
    struct ps_export_proc *p = ps_export_procs_find(procs, pid);
    if (p) {
        return p;
    }
    if (procs->n >= PS_EXPORT_PROCS_MAX) {
        errno = ENOSPC;
        return NULL;
    }
    if (ps_export_procs_grow(procs) < 0) {
        errno = ENOMEM;
        return NULL;
    }
    p = &procs->rows[procs->n];
    memset(p, 0, sizeof(*p));
    p->pid = pid;
    p->order = (uint32_t)procs->n;
    p->t_first = t_ns;
    size_t slot = ps_export_procs_slot(procs, pid);
    procs->n++;
    procs->slots[slot] = (uint32_t)procs->n;
    return p;
}

const char *ps_export_procs_name(const struct ps_export_procs *procs, int32_t pid)
{
    const struct ps_export_proc *p = ps_export_procs_find(procs, pid);
    return p && p->name[0] ? p->name : NULL;
}

/* Set a row's name from event text, cut at a UTF-8 character boundary. */
static void ps_export_procs_name_set(struct ps_export_proc *p, const struct ps_event *ev)
{
    size_t n = ev->text ? ev->text_len : 0;
    if (n == 0) {
        return;
    }
    n = ps_utf8_cut(ev->text, n, sizeof(p->name) - 1);
    memcpy(p->name, ev->text, n);
    p->name[n] = '\0';
}

/* The result of a failed row creation: -ENOMEM, or 0 with the event counted when the table is full.
 */
static int ps_export_procs_full(struct ps_export_procs *procs)
{
    if (errno == ENOSPC) {
        procs->overflow++;
        return 0;
    }
    return -ENOMEM;
}

/* Fold the events about another process (`peer`): spawn and reap. */
static int ps_export_procs_apply_peer(struct ps_export_procs *procs, const struct ps_event *ev)
{
    if (ev->peer <= 0) {
        return 0;
    }
    struct ps_export_proc *p = ps_export_procs_get(procs, ev->peer, ev->t_ns);
    if (p == NULL) {
        return ps_export_procs_full(procs);
    }
    if (ev->type == PS_EV_PROC_SPAWN) {
        if (p->name[0] == '\0') {
            ps_export_procs_name_set(p, ev);
        }
        return 0;
    }
    if (p->t_end == 0) {
        p->t_end = ev->t_ns;
    }
    p->has_exit = 1;
    int64_t code = ev->a < -INT32_MAX ? -INT32_MAX : ev->a > INT32_MAX ? INT32_MAX : ev->a;
    p->exit_code = (int32_t)(ev->type == PS_EV_PROC_SIGNALLED ? -code : code);
    return 0;
}

int ps_export_procs_apply(struct ps_export_procs *procs, const struct ps_event *ev)
{
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
    case PS_EV_PROC_EXIT:
    case PS_EV_PROC_SIGNALLED:
    case PS_EV_PROC_DIED:
        return ps_export_procs_apply_peer(procs, ev);
    case PS_EV_RING_DROPPED:
    case PS_EV_RING_TORN:
    case PS_EV_RING_CORRUPT:
    case PS_EV_USER_SIGNAL:
        return 0;
    default:
        break;
    }
    if (ev->pid <= 0) {
        return 0;
    }
    struct ps_export_proc *p = ps_export_procs_get(procs, ev->pid, ev->t_ns);
    if (p == NULL) {
        return ps_export_procs_full(procs);
    }
    if (ev->type == PS_EV_PROC_START || ev->type == PS_EV_PROC_NAME) {
        ps_export_procs_name_set(p, ev);
    }
    return 0;
}
