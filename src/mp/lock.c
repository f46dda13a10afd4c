/* SPDX-License-Identifier: MIT */
#include "mp/lock.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <time.h>

#include "core/clock.h"
#include "mp/sync_internal.h"
#include "mp/vclock.h"
#include "probe/probe.h"

struct ps_lock {
    pthread_mutex_t mutex;
    uint32_t obj;
    uint64_t acquired_ns; /* when the current holder took it (written by the holder) */
    _Atomic int32_t holder; /* pid of the holder (0: free or unknown), for wait.begin */
};

struct ps_lock *ps_lock_new(void)
{
    struct ps_lock *lock = ps_sync_shared_alloc(sizeof *lock);
    int rc;

    if (lock == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    rc = ps_sync_mutex_init(&lock->mutex);
    if (rc < 0) {
        ps_sync_shared_free(lock, sizeof *lock);
        errno = -rc;
        return NULL;
    }
    lock->obj = ps_probe_new_object_id();
    ps_emit_lock_new(lock->obj);
    return lock;
}

void ps_lock_free(struct ps_lock *lock)
{
    ps_sync_shared_free(lock, sizeof *lock);
}

/* Take the mutex within `timeout` seconds (< 0 forever, 0 try). Returns as pthread, positive. */
static int ps_lock_take(struct ps_lock *lock, double timeout)
{
    struct timespec deadline;
    int rc;

    if (timeout < 0)
        return pthread_mutex_lock(&lock->mutex);
    rc = pthread_mutex_trylock(&lock->mutex);
    if (rc != EBUSY || timeout == 0)
        return rc;
    deadline = ps_sync_deadline(timeout);
    return pthread_mutex_clocklock(&lock->mutex, CLOCK_MONOTONIC, &deadline);
}

int ps_lock_acquire(struct ps_lock *lock, double timeout)
{
    uint64_t t0 = ps_clock_mono_ns();
    bool owner_died = false;
    int rc;

    ps_emit_lock_want(lock->obj);
    rc = pthread_mutex_trylock(&lock->mutex);
    if (rc == EBUSY && timeout != 0) {
        ps_emit_wait_begin(lock->obj, atomic_load_explicit(&lock->holder, memory_order_relaxed),
                           PS_WAIT_LOCK, 0, NULL, 0);
        ps_vclock_blocked(1);
        rc = ps_lock_take(lock, timeout);
        ps_vclock_blocked(0);
    }
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(&lock->mutex);
        owner_died = true;
        rc = 0;
    }
    if (rc == EBUSY)
        rc = ETIMEDOUT;
    if (rc != 0)
        return -rc;
    lock->acquired_ns = ps_clock_mono_ns();
    atomic_store_explicit(&lock->holder, (int32_t)ps_probe_pid(), memory_order_relaxed);
    ps_emit_lock_acquired(lock->obj, (int64_t)(lock->acquired_ns - t0), owner_died);
    return 0;
}

int ps_lock_release(struct ps_lock *lock)
{
    uint64_t held = ps_clock_mono_ns() - lock->acquired_ns;
    atomic_store_explicit(&lock->holder, 0, memory_order_relaxed);
    int rc = pthread_mutex_unlock(&lock->mutex);

    if (rc != 0)
        return -rc;
    ps_emit_lock_released(lock->obj, (int64_t)held);
    return 0;
}

uint32_t ps_lock_id(const struct ps_lock *lock)
{
    return lock->obj;
}
