/* SPDX-License-Identifier: MIT */
/*
 * Run a demo program for a test: standalone with its stdout captured, or
 * under the supervisor with its events folded into a session model (and,
 * optionally, collected one by one).
 */
#ifndef PS_TESTS_SUPPORT_DEMO_RUN_H
#define PS_TESTS_SUPPORT_DEMO_RUN_H

#include <stddef.h>

#include "ring_collect.h"
#include "session/model.h"

/*
 * Run PS_DEMO_DIR/<binary> [arg] with PROCSCOPE_TIME_SCALE=scale (NULL: not
 * set), no ring and no echo; read its stdout (and that of every process
 * holding it) until EOF into out (NUL-terminated, at most size-1 bytes).
 * Returns the wait status, or -errno.
 */
int demo_run(const char *binary, const char *arg, const char *scale, char *out, size_t size);

/*
 * Split text at '\n' in place: lines[i] points at line i (without its
 * newline; the text after the last newline is not a line). Returns the count
 * (at most max).
 */
size_t demo_lines(char *text, char **lines, size_t max);

/*
 * Run PS_DEMO_DIR/<binary> [arg] under the supervisor at `time_scale`, fold
 * every event into *model (initialised here) and, when c is not NULL, collect
 * a copy of each into c. Returns the main process's exit status as the
 * session end reports it, or a negative -errno when it could not run.
 */
int demo_supervise(const char *binary, const char *arg, double time_scale, struct ps_model *model,
                   struct ring_collect *c);

/* The model's process row named `name`, or NULL. */
const struct ps_model_proc *demo_model_proc(const struct ps_model *m, const char *name);

#endif /* PS_TESTS_SUPPORT_DEMO_RUN_H */
