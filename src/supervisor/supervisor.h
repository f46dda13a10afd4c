/* SPDX-License-Identifier: MIT */
/*
 * The supervisor: runs one demo session as a child process group, drains the
 * session's event ring and the demo's captured output into a sink, reaps
 * every process of the session, sees each death when it happens (a pidfd per
 * process: proc.died), and guarantees that nothing of the session outlives
 * it (no process, no zombie, no shared-memory object): see ps_contain_kind.
 *
 * One struct ps_supervisor per session, used from one thread of the
 * procscope process (the CLI or the UI loop). The calling process becomes a
 * child subreaper, so orphans of the demo come back to it and are reaped;
 * it reaps any child it has (waitpid(-1)), so it should have no other.
 *
 * Typical use:
 *     ps_supervisor_install_signals();
 *     ps_supervisor_start(&sup, &opts);
 *     ps_sink_begin(sink, ps_supervisor_info(sup));
 *     while (!ps_supervisor_finished(sup))
 *         if (ps_supervisor_poll(sup, sink, 100) < 0) { ps_supervisor_stop(sup); … }
 *     ps_supervisor_end(sup, &end); ps_sink_end(sink, &end);
 *     ps_supervisor_free(sup);
 */
#ifndef PS_SUPERVISOR_SUPERVISOR_H
#define PS_SUPERVISOR_SUPERVISOR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "session/sink.h"

struct ps_ring_waiter;

struct ps_supervisor;

/*
 * How a session is contained (see README "Containment"):
 *  - PS_CONTAIN_CGROUP: a leaf cgroup v2 of its own; cgroup.kill ends every
 *    process in it, whatever process group or session it moved to, also
 *    when procscope is SIGKILLed (a keeper process does it then).
 *  - PS_CONTAIN_SUBREAPER: procscope is a child subreaper (orphans, double
 *    forks and setsid() daemons come back to it and are reaped; while it
 *    lives, clean-up finds them as its descendants); the main process dies
 *    with procscope (PR_SET_PDEATHSIG) and the keeper kills the main process
 *    group then. A process that left the group before procscope is SIGKILLed
 *    can survive that.
 */
enum ps_contain_kind { PS_CONTAIN_NONE = 0, PS_CONTAIN_SUBREAPER = 1, PS_CONTAIN_CGROUP = 2 };

struct ps_supervisor_opts {
    char *const *argv;   /* program path and arguments, NULL-terminated */
    const char *demo;    /* name for ps_session_info.demo; NULL: basename of argv[0] */
    double time_scale;   /* exported as PROCSCOPE_TIME_SCALE; < 0: not set */
    bool echo;           /* headless: child stdout/stderr go straight to ours (PROCSCOPE_ECHO=1) */
    bool step;           /* start with the step gate closed */
    uint32_t ring_slots; /* 0: default */
};

/*
 * Create the ring and start argv[0] (a path, or a name looked up in PATH) in
 * its own process group with the ring inherited, stdin from /dev/null and,
 * unless opts->echo, stdout/stderr captured. Emits proc.spawn for the main
 * process. On success *out is the caller's to ps_supervisor_free(). Returns
 * 0, -EINVAL for bad options, -ENOENT when the program is missing, -EACCES
 * when it is not executable, or the -errno of a failed set-up step (nothing
 * is left running then).
 */
int ps_supervisor_start(struct ps_supervisor **out, const struct ps_supervisor_opts *opts);

/*
 * Whether later sessions describe where they ran: the host name and the
 * program's full path. Off by default (the info, and so a recording, names
 * the program by its base name and has an empty host); `--record-host` turns
 * it on for the process.
 */
void ps_supervisor_keep_host(bool keep);

/* What is known about the session (valid until ps_supervisor_free). */
const struct ps_session_info *ps_supervisor_info(const struct ps_supervisor *sup);

/* How this session is contained (PS_CONTAIN_*). */
int ps_supervisor_containment(const struct ps_supervisor *sup);

/* A word for a PS_CONTAIN_* value: "cgroup", "subreaper" or "unknown". */
const char *ps_supervisor_containment_name(int kind);

/* The session's main process (also its process group id). */
pid_t ps_supervisor_main_pid(const struct ps_supervisor *sup);

/*
 * Deliver the events available now to sink->on_event (ring events, captured
 * output lines as stdio events, proc.exit/proc.signalled for processes this
 * supervisor reaped, ring.dropped/ring.torn when those counters change), in
 * ring order with dense seq; reap what has ended; after the main process is
 * reaped, terminate what is left of the session (SIGTERM, SIGKILL after
 * ~300 ms). When nothing was delivered it waits up to timeout_ms for output,
 * the main process's exit or a signal, and looks again. Calls only on_event.
 * Returns the number of events delivered, the sink's negative value, or
 * -EINTR when a termination signal has arrived (see
 * ps_supervisor_install_signals; the caller should then stop).
 */
int ps_supervisor_poll(struct ps_supervisor *sup, const struct ps_sink *sink, int timeout_ms);

/* True when main was reaped, no process of the session is left, and ring and pipes are drained. */
bool ps_supervisor_finished(const struct ps_supervisor *sup);

/* Stop (SIGSTOP) or continue (SIGCONT) the whole group. Returns 0 or -ESRCH when it is gone. */
int ps_supervisor_pause(struct ps_supervisor *sup, bool paused);
bool ps_supervisor_paused(const struct ps_supervisor *sup);

/* Close (on) or open (off) the step gate; off releases every waiting producer. Returns 0. */
int ps_supervisor_set_stepping(struct ps_supervisor *sup, bool on);
bool ps_supervisor_stepping(const struct ps_supervisor *sup);

/* The session clock now (CLOCK_MONOTONIC ns): events' times, step waits left out. */
uint64_t ps_supervisor_clock(const struct ps_supervisor *sup);

/* Let `n` more events through the step gate. Returns 0, -EINVAL when stepping is off. */
int ps_supervisor_step(struct ps_supervisor *sup, unsigned n);

/*
 * The processes waiting at the step gate with the event each is about to emit
 * (supervisor_step.c), oldest first: only live members of the session with a
 * known event type; the records of producers that died waiting are freed, and
 * a chosen process that is no longer waiting is forgotten (the next permit
 * goes to the oldest). Returns how many were written to `out` (at most
 * `max`); 0 when stepping is off.
 */
unsigned ps_supervisor_step_next(struct ps_supervisor *sup, struct ps_ring_waiter *out,
                                 unsigned max);

/*
 * Let exactly process `pid`, waiting at the gate, through with one event; the
 * others keep waiting. Returns 0, -EINVAL when stepping is off, -ESRCH when
 * pid is not waiting.
 */
int ps_supervisor_step_pid(struct ps_supervisor *sup, pid_t pid);

/*
 * The user's kill: send `sig` to process `pid` of this session (a member of
 * its process group or a descendant of ours) and record it as a user.signal
 * event (peer = pid, a = sig) in the session and so in any
 * recording. Returns 0, -ESRCH when pid is not a live process of the
 * session, -EINVAL for a bad signal number, or kill's -errno.
 */
int ps_supervisor_signal(struct ps_supervisor *sup, pid_t pid, int sig);

/*
 * End the session now: SIGTERM (and SIGCONT) to every process of the session,
 * SIGKILL after a grace of ~300 ms, then reap everything. The exit events are
 * queued: a later ps_supervisor_poll delivers them. Returns 0. Idempotent.
 */
int ps_supervisor_stop(struct ps_supervisor *sup);

/* Fill `end` with the session's totals so far (exit_status: code, or -N for signal N). */
void ps_supervisor_end(const struct ps_supervisor *sup, struct ps_session_end *end);

/* Stop the session if it still runs, unmap and close everything, free. NULL is fine. */
void ps_supervisor_free(struct ps_supervisor *sup);

/*
 * Hold the process-wide signal latch (core/siglatch.h): SIGINT, SIGTERM and
 * SIGHUP only record that they arrived (no restart of interrupted calls) and
 * SIGPIPE is ignored. Children get the default dispositions back before exec.
 * Returns 0 or -errno.
 */
int ps_supervisor_install_signals(void);

/* The termination signal latched so far, or 0 (ps_siglatch_pending). */
int ps_supervisor_pending_signal(void);

#endif /* PS_SUPERVISOR_SUPERVISOR_H */
