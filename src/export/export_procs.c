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
    ps_hashtab_free(&procs->index);
    ps_export_procs_init(procs);
}

/* Make room for one more row; 0 or -ENOMEM. */
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
    return 0;
}

struct ps_export_proc *ps_export_procs_find(const struct ps_export_procs *procs, int32_t pid)
{
    int64_t row = pid > 0 ? ps_hashtab_find(&procs->index, (uint64_t)pid) : -1;
    return row >= 0 ? &procs->rows[row] : NULL;
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
    if (ps_export_procs_grow(procs) < 0 ||
        ps_hashtab_put(&procs->index, (uint64_t)pid, (uint32_t)procs->n) < 0) {
        errno = ENOMEM;
        return NULL;
    }
    p = &procs->rows[procs->n];
    memset(p, 0, sizeof(*p));
    p->pid = pid;
    p->order = (uint32_t)procs->n;
    p->t_first = t_ns;
    procs->n++;
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
