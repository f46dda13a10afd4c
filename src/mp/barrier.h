/* SPDX-License-Identifier: MIT */
/*
 * Barrier: Python's multiprocessing.Barrier for processes created by fork.
 *
 * The barrier lives in shared memory (create it before starting the processes
 * that use it). `parties` processes call ps_barrier_wait(); the last to arrive
 * releases them all and the barrier is ready for the next generation.
 *
 * A barrier never hangs its waiters forever because of a dead party, as long
 * as they wait with a timeout: a waiter whose wait exceeds its timeout, or who
 * finds that the previous owner of the barrier's mutex died (EOWNERDEAD), or
 * anyone calling ps_barrier_abort(), breaks the barrier. Every waiter of that
 * generation, and every later caller, then gets -EPIPE (Python's
 * BrokenBarrierError) until ps_barrier_reset().
 *
 * Events: barrier.new (a = parties) from the creator; barrier.arrive
 * (a = arrival index, b = generation) and barrier.release (a = wait ns,
 * b = generation) from each party; barrier.broken (a = parties arrived) from
 * the process that breaks it.
 */
#ifndef PS_MP_BARRIER_H
#define PS_MP_BARRIER_H

#include <stdbool.h>

struct ps_barrier;

/*
 * Create a barrier for `parties` (>= 1) processes in a new shared mapping.
 * Returns the barrier, or NULL with errno EINVAL (parties 0) or ENOMEM.
 * Any process; the processes it forks afterwards share it.
 */
struct ps_barrier *ps_barrier_new(unsigned parties);

/*
 * Unmap the barrier in the calling process. Other processes keep their
 * mapping. The caller must not be waiting on it. NULL is ignored.
 */
void ps_barrier_free(struct ps_barrier *barrier);

/*
 * Wait until `parties` processes have called this in the same generation, at
 * most `timeout` seconds (negative: no limit). Returns the arrival index
 * (0 for the first to arrive … parties-1 for the last, which releases the
 * others), -EPIPE when the barrier is or becomes broken (including by this
 * wait timing out), or another -errno from the mutex. Any process sharing it.
 */
int ps_barrier_wait(struct ps_barrier *barrier, double timeout);

/* Break the barrier: current and later waiters get -EPIPE. Returns 0 or -errno. */
int ps_barrier_abort(struct ps_barrier *barrier);

/*
 * Return the barrier to its empty, unbroken state; waiters of the current
 * generation get -EPIPE (as Python's reset). Returns 0 or -errno.
 */
int ps_barrier_reset(struct ps_barrier *barrier);

/* The number of parties. */
unsigned ps_barrier_parties(const struct ps_barrier *barrier);

/* Processes waiting now in the current generation (a snapshot). */
unsigned ps_barrier_n_waiting(struct ps_barrier *barrier);

/* True when the barrier is broken (a snapshot). */
bool ps_barrier_broken(struct ps_barrier *barrier);

#endif /* PS_MP_BARRIER_H */
