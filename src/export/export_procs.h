/* SPDX-License-Identifier: MIT */
/*
 * The exporters' process table (internal to src/export): what the printer
 * and the Chrome exporter need to know about each process while events pass
 * by, folded one event at a time. Unlike the session model it has no fixed
 * capacity (a long recording may hold any number of processes), so it
 * allocates, and folding can fail with -ENOMEM.
 *
 * Naming follows the events: proc.spawn names its child, proc.start and
 * proc.name name the emitter. Rows are created for the emitter of any event
 * except those the supervisor also emits about others (proc.spawn,
 * proc.exit, proc.signalled, proc.died, user.signal, ring.*), and for the
 * subject (`peer`) of proc.spawn, proc.exit, proc.signalled and proc.died:
 * so the supervisor gets no row.
 */
#ifndef PS_EXPORT_EXPORT_PROCS_H
#define PS_EXPORT_EXPORT_PROCS_H

#include <stddef.h>
#include <stdint.h>

#include "core/hashtab.h"

#include "core/event.h"
#include "session/procs.h"

#define PS_EXPORT_NAME_MAX PS_PROCS_NAME_MAX /* bytes kept of a name (session/procs.h) */
#define PS_EXPORT_LABEL_MAX 64 /* bytes of a mark's name in the Chrome export, NUL included */
#define PS_EXPORT_PROCS_MAX 16384 /* rows at most: a hostile recording cannot make it huge */

struct ps_export_proc {
    int32_t pid;
    uint32_t order;                /* order of first appearance (= row index) */
    char name[PS_EXPORT_NAME_MAX]; /* "" until named */
    uint64_t t_first;              /* spawn, start or first event */
    uint64_t t_end;                /* exit or reap; 0: still running */
    int32_t exit_code;             /* -N when killed by signal N */
    uint8_t has_exit;
    uint8_t in_task;     /* Chrome: a pool task is running */
    int64_t task, items; /* Chrome: that task */
    uint64_t task_since;
};

struct ps_export_procs {
    struct ps_export_proc *rows; /* n rows in order of first appearance */
    size_t n, cap;
    struct ps_hashtab index; /* pid -> row */
    uint64_t overflow; /* events about processes that found the table full */
    int32_t supervisor; /* the first spawner without a row (as the model finds it); 0 */
};

/* An empty table (allocates nothing yet). */
void ps_export_procs_init(struct ps_export_procs *procs);

/* Free the table's memory; it is empty again afterwards. */
void ps_export_procs_free(struct ps_export_procs *procs);

/*
 * The row of `pid`, created (t_first = t_ns) when missing. Returns NULL with
 * errno ENOMEM when it could not be created, ENOSPC when the table already
 * has PS_EXPORT_PROCS_MAX rows, EINVAL for pid <= 0. The pointer
 * is valid until the next call that creates a row.
 */
struct ps_export_proc *ps_export_procs_get(struct ps_export_procs *procs, int32_t pid,
                                           uint64_t t_ns);

/* The row of `pid`, or NULL. */
struct ps_export_proc *ps_export_procs_find(const struct ps_export_procs *procs, int32_t pid);

/* The name of `pid`, or NULL when it has no row or no name yet. */
const char *ps_export_procs_name(const struct ps_export_procs *procs, int32_t pid);

/*
 * Fold one event (rows, names, lifetimes). Returns 0 or -ENOMEM; an event
 * about a process that finds the table full is counted in `overflow`.
 */
int ps_export_procs_apply(struct ps_export_procs *procs, const struct ps_event *ev);

#endif /* PS_EXPORT_EXPORT_PROCS_H */
