/* SPDX-License-Identifier: MIT */
/*
 * The process-wide signal latch: SIGINT, SIGTERM and SIGHUP are caught from
 * the first line of main() on, so no termination signal can kill procscope
 * before it is ready to clean up.
 *
 * Two modes. Until a command calls ps_siglatch_hold(), a caught signal is
 * passed on: the default action is restored and the signal raised again, so
 * a short command (list, info, bench) dies of it exactly as before. Once a
 * command holds the latch (it owns children, a terminal or files), a signal
 * only records itself; the command's loops look at ps_siglatch_pending(),
 * clean up, and main() returns 128+N (ps_siglatch_exit_code).
 *
 * A signal that was ignored when procscope started (nohup, a background job
 * of a shell) stays ignored, as with any well-behaved program.
 *
 * SIGPIPE is ignored while the latch is held (writes report EPIPE instead).
 * Children get the default dispositions back before exec (the supervisor
 * does that); handlers do not survive exec anyway.
 */
#ifndef PS_CORE_SIGLATCH_H
#define PS_CORE_SIGLATCH_H

/* Catch SIGINT/SIGTERM/SIGHUP for the whole process (pass-on mode). Returns 0 or -errno. */
int ps_siglatch_install(void);

/* Switch to holding: signals are only recorded from now on; SIGPIPE is ignored. 0 or -errno. */
int ps_siglatch_hold(void);

/* The first termination signal recorded while held, or 0. */
int ps_siglatch_pending(void);

/* Record `sig` as if it had arrived (e.g. a key that means "interrupt"). */
void ps_siglatch_note(int sig);

/* The exit code for a run that returned `rc`: 128+N after signal N, else rc. */
int ps_siglatch_exit_code(int rc);

#endif /* PS_CORE_SIGLATCH_H */
