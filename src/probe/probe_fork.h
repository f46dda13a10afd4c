/* SPDX-License-Identifier: MIT */
/*
 * Named lifecycle events for children made with plain fork(), for programs
 * that do not use the mp API (see procscope(1), PLAIN PROGRAMS).
 *
 * When the probe is active, a child made by fork() emits, as fork() returns
 * in it, proc.start (peer = its parent) and proc.name ("<parent>-<n>", the
 * parent's n-th plain child; the main process is the program's own name), and
 * proc.exit with its status when it calls exit(3) or returns from main. It
 * cannot see: children that end with _exit(2) (the mp API's way) or by a
 * signal (their parent's waitpid is not an event), vfork(2), clone(2) and
 * posix_spawn(3) children, exec(3) images that do not link the probe, and
 * plain pipe(2)/waitpid(2) traffic.
 *
 * Forks the mp API (or any other instrumented layer) makes itself, and
 * announces with its own events, are marked with ps_probe_fork_managed so
 * they are not reported twice.
 */
#ifndef PS_PROBE_PROBE_FORK_H
#define PS_PROBE_PROBE_FORK_H

#include <stdbool.h>

/*
 * Mark the calling thread's next fork() as one whose child announces itself
 * (true before the fork, false after it in the parent).
 */
void ps_probe_fork_managed(bool managed);

/*
 * Install the fork handlers (the probe does it once, right after its own
 * handler that refreshes the cached pid, so a child's events carry its pid).
 */
void ps_probe_fork_hook(void);

#endif /* PS_PROBE_PROBE_FORK_H */
