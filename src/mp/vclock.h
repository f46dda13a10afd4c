/* SPDX-License-Identifier: MIT */
/*
 * The virtual clock behind ps_sleep() at time scale 0 (src/mp only).
 *
 * At scale 0 sleeps take no real time, yet a demo must print in the order it
 * prints at scale 1 wherever that order is decided by its sleeps (both
 * Starting lines before both Exiting lines; a daemon terminated before its
 * sleep ends). So the processes of a demo share a virtual clock: a process
 * that sleeps `s` seconds wakes at virtual time now + s, and only once no
 * other registered process is running (each is sleeping, blocked in a
 * join or a lock, or gone) and no sleeper wakes earlier. A process blocked
 * somewhere the clock does not see (a pipe, a queue) looks running; so that
 * this never hangs, a sleeper that has seen no change for
 * PS_VCLOCK_VALVE_MS goes on anyway.
 *
 * The shared table is created by the first ps_process_start at scale 0,
 * which registers the caller; every process started by the Process API gets
 * a slot before fork (it counts as running from then on) and leaves the
 * clock when it ends, is reaped, or is sent SIGTERM/SIGKILL (a process that
 * survives that sleeps unregistered from then on). Processes not
 * started through it (pool workers) are not registered: their sleeps return
 * at once. Without the table every function here is a no-op.
 */
#ifndef PS_MP_VCLOCK_H
#define PS_MP_VCLOCK_H

#include <sys/types.h>

#define PS_VCLOCK_SLOTS 64
#define PS_VCLOCK_VALVE_MS 2000

/*
 * Before fork at scale 0: create the table if needed (registering the
 * caller) and reserve a running slot for the child. Returns the slot, or -1
 * (no table, full, or scale not 0). Creator process.
 */
int ps_vclock_reserve(void);

/* After fork in the parent: the child of `slot` is `pid` (pid < 0: fork failed, free it). */
void ps_vclock_spawned(int slot, pid_t pid);

/* First thing in the child: take `slot` (from ps_vclock_reserve; -1 ignored) as its own. */
void ps_vclock_enter(int slot);

/* The caller starts (on = 1) or stops (on = 0) blocking in a join or a lock. */
void ps_vclock_blocked(int on);

/* Process `pid` has ended or is about to (its reaper, itself before _exit, its killer). */
void ps_vclock_gone(pid_t pid);

/*
 * Sleep `seconds` of virtual time: return once the caller may run at its
 * wake time (see above). Returns at once for an unregistered caller.
 */
void ps_vclock_sleep(double seconds);

#endif /* PS_MP_VCLOCK_H */
