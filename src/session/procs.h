/* SPDX-License-Identifier: MIT */
/*
 * The one process fold: the rules every reader of events applies to
 * processes, written once (issue 10 §2). The session model (fixed tables),
 * the exporters' process table (export_procs.c: the JSONL/text printer and
 * the Chrome exporter) and the Events pane all call these, so they cannot
 * disagree on a name, an exit code or who "procscope" is.
 *
 *  - Naming: proc.spawn names its child (`peer`) and proc.name its emitter,
 *    always; proc.start names its emitter only while it has no name. Names
 *    are cut to PS_PROCS_NAME_MAX - 1 bytes at a UTF-8 character boundary.
 *  - Ends (the first end wins): proc.exit gives exit code a, proc.signalled
 *    -a, proc.died a (exit code or -signal), a successful proc.join (b == 0)
 *    its exit code a; join, signalled, and an exit reported by another
 *    process (the reaper) mean the process was collected.
 *  - Rows: the supervisor's reports about others (proc.spawn, proc.exit,
 *    proc.signalled, proc.died, user.signal, ring.*) give their emitter no
 *    row; the supervisor is named "procscope" wherever a name is printed.
 */
#ifndef PS_SESSION_PROCS_H
#define PS_SESSION_PROCS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define PS_PROCS_NAME_MAX 32 /* bytes of a process name, NUL included */

/* How an event names a process. */
enum ps_procs_naming {
    PS_PROCS_NAME_NONE = 0,    /* it names nobody */
    PS_PROCS_NAME_ALWAYS,      /* proc.spawn (the child), proc.name (the emitter) */
    PS_PROCS_NAME_IF_UNNAMED,  /* proc.start (the emitter) */
};

/* Whom `ev` names (*pid) and how; the name is the event's text (never empty when not NONE). */
enum ps_procs_naming ps_procs_name_rule(const struct ps_event *ev, int32_t *pid);

/*
 * Copy name text (n bytes, not NUL-terminated) into dst (PS_PROCS_NAME_MAX
 * bytes), cut at a UTF-8 boundary; returns the length.
 */
size_t ps_procs_name_copy(char *dst, const char *text, size_t n);

/* What an event says about a process's end. */
struct ps_procs_end {
    int32_t pid;       /* the process that ended */
    int32_t code;      /* Python style: -N for signal N */
    bool collected;    /* its parent or the supervisor has reaped it */
    bool joined;       /* a successful join (joined_by = the emitter) */
};

/* True when `ev` ends a process (filled into *end); malformed values are refused. */
bool ps_procs_end_rule(const struct ps_event *ev, struct ps_procs_end *end);

/* True when the emitter of `ev` gets a process row (false for the supervisor's reports). */
bool ps_procs_emitter_has_row(const struct ps_event *ev);

/*
 * The name to print for `pid`: its row's name (row_name, may be NULL, "" or
 * the model's stand-in "pid N": all three mean unnamed), else "procscope"
 * when pid is the supervisor (either pid given, 0 unknown), else NULL.
 */
const char *ps_procs_display_name(const char *row_name, int32_t pid, int32_t supervisor,
                                  int32_t fold_supervisor);

/* The time lines are printed relative to: the session's start, or the first event when unknown. */
uint64_t ps_procs_time_base(uint64_t start_mono_ns, uint64_t t_first);

#endif /* PS_SESSION_PROCS_H */
