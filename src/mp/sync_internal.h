/*
 * Shared-memory and process-shared synchronisation helpers for the barrier,
 * the pool and the namespace (src/mp only; never included from elsewhere).
 *
 * Objects live in MAP_SHARED|MAP_ANONYMOUS mappings created before fork, so
 * every process forked afterwards sees the same memory. Mutexes are robust:
 * when a holder dies, the next locker gets -EOWNERDEAD with the mutex already
 * made consistent and must repair (or declare broken) what it guards.
 * Condition variables run on CLOCK_MONOTONIC and are never destroyed (a
 * process killed inside a wait would make pthread_cond_destroy block).
 */
#ifndef PS_MP_SYNC_INTERNAL_H
#define PS_MP_SYNC_INTERNAL_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

#include "core/clock.h"

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

/* Initialise a process-shared condition variable on CLOCK_MONOTONIC. Returns 0 or -errno. */
static inline int ps_sync_cond_init(pthread_cond_t *cond)
{
    pthread_condattr_t attr;
    int rc = pthread_condattr_init(&attr);

    if (rc != 0)
        return -rc;
    rc = pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    if (rc == 0)
        rc = pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    if (rc == 0)
        rc = pthread_cond_init(cond, &attr);
    pthread_condattr_destroy(&attr);
    return -rc;
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
 * Wait on `cond` until `deadline` (NULL: no limit). Returns 0 when woken
 * (perhaps spuriously), -ETIMEDOUT, or -EOWNERDEAD when the mutex came back
 * from a dead holder (held and consistent, as ps_sync_mutex_lock).
 */
static inline int ps_sync_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex,
                                    const struct timespec *deadline)
{
    int rc = deadline == NULL ? pthread_cond_wait(cond, mutex)
                              : pthread_cond_timedwait(cond, mutex, deadline);

    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(mutex);
        return -EOWNERDEAD;
    }
    return -rc;
}

#endif /* PS_MP_SYNC_INTERNAL_H */
