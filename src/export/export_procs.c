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

/* Apply the naming rule (session/procs.c) of `ev`. Returns 0 or -ENOMEM. */
static int ps_export_procs_naming(struct ps_export_procs *procs, const struct ps_event *ev)
{
    int32_t pid = 0;
    enum ps_procs_naming rule = ps_procs_name_rule(ev, &pid);
    if (rule == PS_PROCS_NAME_NONE || pid <= 0) {
        return 0;
    }
    struct ps_export_proc *p = ps_export_procs_get(procs, pid, ev->t_ns);
    if (p == NULL) {
        return ps_export_procs_full(procs);
    }
    if (rule == PS_PROCS_NAME_ALWAYS || p->name[0] == '\0') {
        ps_procs_name_copy(p->name, ev->text, ev->text_len);
    }
    return 0;
}

/* Fold the end of a process (session/procs.c's rule: the first end wins). Returns 0 or -ENOMEM. */
static int ps_export_procs_end(struct ps_export_procs *procs, const struct ps_event *ev)
{
    struct ps_procs_end end;
    if (!ps_procs_end_rule(ev, &end) || end.pid <= 0) {
        return 0;
    }
    struct ps_export_proc *p = ps_export_procs_get(procs, end.pid, ev->t_ns);
    if (p == NULL) {
        return ps_export_procs_full(procs);
    }
    if (!p->has_exit) {
        p->has_exit = 1;
        p->exit_code = end.code;
        p->t_end = ev->t_ns;
    }
    return 0;
}

int ps_export_procs_apply(struct ps_export_procs *procs, const struct ps_event *ev)
{
    if (ev->type == PS_EV_PROC_SPAWN && procs->supervisor == 0 && ev->pid > 0 &&
        ps_export_procs_find(procs, ev->pid) == NULL) {
        procs->supervisor = ev->pid;
    }
    int err = ps_export_procs_naming(procs, ev);
    if (err == 0) {
        err = ps_export_procs_end(procs, ev);
    }
    if (err < 0 || !ps_procs_emitter_has_row(ev)) {
        return err;
    }
    if (ps_export_procs_get(procs, ev->pid, ev->t_ns) == NULL) {
        return ps_export_procs_full(procs);
    }
    return 0;
}
