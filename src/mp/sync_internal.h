/* SPDX-License-Identifier: MIT */
/*
 * Shared-memory and process-shared synchronisation helpers for the barrier,
 * the pool and the namespace (src/mp only; never included from elsewhere).
 *
 * Objects live in MAP_SHARED|MAP_ANONYMOUS mappings created before fork, so
 * every process forked afterwards sees the same memory. Mutexes are robust:
 * when a holder dies, the next locker gets -EOWNERDEAD with the mutex already
 * made consistent and must repair (or declare broken) what it guards.
 * Condition variables are futex words, not pthread_cond_t: glibc's shared
 * condvar counts its blocked waiters, so one killed while waiting makes the
 * next signal or broadcast block for ever (and demos kill waiting
 * processes). A dead futex waiter leaves nothing behind. Deadlines are on
 * CLOCK_MONOTONIC.
 */
#ifndef PS_MP_SYNC_INTERNAL_H
#define PS_MP_SYNC_INTERNAL_H

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "probe/probe.h"

/* A zeroed shared mapping of `size` bytes, or NULL with errno set. */
static inline void *ps_sync_shared_alloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

/* Unmap what ps_sync_shared_alloc returned (NULL is ignored). */
static inline void ps_sync_shared_free(void *p, size_t size)
{
    if (p != NULL)
        munmap(p, size);
}

/* Initialise a process-shared robust mutex. Returns 0 or -errno. */
static inline int ps_sync_mutex_init(pthread_mutex_t *mutex)
{
    pthread_mutexattr_t attr;
    int rc = pthread_mutexattr_init(&attr);

    if (rc != 0)
        return -rc;
    rc = pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (rc == 0)
        rc = pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
    if (rc == 0)
        rc = pthread_mutex_init(mutex, &attr);
    pthread_mutexattr_destroy(&attr);
    return -rc;
}

/*
 * Lock a robust mutex. Returns 0; -EOWNERDEAD when the previous holder died
 * (the mutex is held and already consistent: repair what it guards); or
 * another -errno (not held).
 */
static inline int ps_sync_mutex_lock(pthread_mutex_t *mutex)
{
    int rc = pthread_mutex_lock(mutex);

    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(mutex);
        return -EOWNERDEAD;
    }
    return -rc;
}

/*
 * A process-shared condition variable: `seq` changes on every signal, and
 * `waiters` counts processes that may be asleep on it (a killed waiter only
 * leaves it high, which costs a spare wake-up syscall, never a hang).
 */
struct ps_sync_cond {
    _Atomic uint32_t seq;
    _Atomic uint32_t waiters;
};

/* Initialise a condition variable in shared memory. Returns 0. */
static inline int ps_sync_cond_init(struct ps_sync_cond *cond)
{
    atomic_init(&cond->seq, 0);
    atomic_init(&cond->waiters, 0);
    return 0;
}

/* Wake up to `n` waiters of `cond` (the caller usually holds the mutex it guards). */
static inline void ps_sync_cond_wake(struct ps_sync_cond *cond, int n)
{
    atomic_fetch_add_explicit(&cond->seq, 1, memory_order_seq_cst);
    if (atomic_load_explicit(&cond->waiters, memory_order_seq_cst) != 0)
        syscall(SYS_futex, &cond->seq, FUTEX_WAKE, n, NULL, NULL, 0);
}

/* Wake one waiter of `cond`. */
static inline void ps_sync_cond_signal(struct ps_sync_cond *cond)
{
    ps_sync_cond_wake(cond, 1);
}

/* Wake every waiter of `cond`. */
static inline void ps_sync_cond_broadcast(struct ps_sync_cond *cond)
{
    ps_sync_cond_wake(cond, INT_MAX);
}

/* The absolute CLOCK_MONOTONIC time `seconds` (clamped to 0..1e9) from now. */
static inline struct timespec ps_sync_deadline(double seconds)
{
    uint64_t ns = ps_clock_mono_ns();
    struct timespec ts;

    if (!(seconds > 0))
        seconds = 0;
    if (seconds > 1e9)
        seconds = 1e9;
    ns += (uint64_t)(seconds * 1e9 + 0.5);
    ts.tv_sec = (time_t)(ns / 1000000000u);
    ts.tv_nsec = (long)(ns % 1000000000u);
    return ts;
}

/*
 * Release `mutex` (held), wait on `cond` until signalled or `deadline` (an
 * absolute CLOCK_MONOTONIC time; NULL: no limit), lock `mutex` again.
 * Returns 0 when woken (perhaps spuriously: re-check the condition),
 * -ETIMEDOUT, or -EOWNERDEAD when the mutex came back from a dead holder
 * (held and consistent, as ps_sync_mutex_lock).
 */
static inline int ps_sync_cond_wait(struct ps_sync_cond *cond, pthread_mutex_t *mutex,
                                    const struct timespec *deadline)
{
    uint32_t seen = atomic_load_explicit(&cond->seq, memory_order_seq_cst);
    int rc = 0;

    atomic_fetch_add_explicit(&cond->waiters, 1, memory_order_seq_cst);
    pthread_mutex_unlock(mutex);
    /* FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. */
    if (syscall(SYS_futex, &cond->seq, FUTEX_WAIT_BITSET, seen, deadline, NULL,
                FUTEX_BITSET_MATCH_ANY) < 0 && errno == ETIMEDOUT)
        rc = -ETIMEDOUT;
    atomic_fetch_sub_explicit(&cond->waiters, 1, memory_order_seq_cst);
    int locked = ps_sync_mutex_lock(mutex);
    return locked == -EOWNERDEAD ? locked : rc;
}

/*
 * The spawn gate: a child's proc.start must come after its parent's
 * proc.spawn (issue 11), and only the parent knows the pid to put in it, after
 * fork. So the child waits, before its first event, until the parent has
 * emitted the spawn and closed the gate's write end (EOF on the read end: a
 * parent that dies first opens it too). Without a listening probe there is
 * nothing to order and no pipe is made.
 */
struct ps_spawn_gate {
    int fds[2]; /* -1 when there is no gate */
};

/* Before fork: make the gate when events are being recorded. */
static inline void ps_spawn_gate_make(struct ps_spawn_gate *g)
{
    g->fds[0] = g->fds[1] = -1;
    if (ps_probe_active() && pipe2(g->fds, O_CLOEXEC) < 0)
        g->fds[0] = g->fds[1] = -1;
}

/* In the child, before its first event: wait until the parent has announced it. */
static inline void ps_spawn_gate_wait(struct ps_spawn_gate *g)
{
    char c;
    if (g->fds[0] < 0)
        return;
    close(g->fds[1]);
    while (read(g->fds[0], &c, 1) < 0 && errno == EINTR)
        ;
    close(g->fds[0]);
}

/* In the parent, after proc.spawn (or a failed fork): let the child go. */
static inline void ps_spawn_gate_open(struct ps_spawn_gate *g)
{
    if (g->fds[0] < 0)
        return;
    close(g->fds[0]);
    close(g->fds[1]);
}

#endif /* PS_MP_SYNC_INTERNAL_H */
