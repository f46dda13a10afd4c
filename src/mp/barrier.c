/* SPDX-License-Identifier: MIT */
/*
 * The barrier is a generation counter guarded by a process-shared robust
 * mutex, with a process-shared condition variable (on CLOCK_MONOTONIC) that
 * the last party broadcasts. A waiter sleeps until the generation it arrived
 * in has passed (released) or the barrier is broken. `broken` is sticky, as in
 * Python: it stays set until ps_barrier_reset(), which also starts a new
 * generation and records the one it ended, so that nobody still waiting
 * mistakes the reset for a release.
 *
 * Nothing is destroyed: the mapping goes away with the last process.
 */
#include "mp/barrier.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdint.h>

#include "core/clock.h"
#include "mp/sync_internal.h"
#include "probe/probe.h"

struct ps_barrier {
    pthread_mutex_t mutex;
    struct ps_sync_cond cond;
    uint32_t obj; /* session object id */
    uint32_t parties;
    uint32_t count;      /* parties arrived in the current generation */
    uint32_t generation; /* bumped by each release and each reset */
    uint32_t broken;     /* sticky until reset */
    uint32_t reset_gen;  /* the generation a reset ended (its waiters failed) */
};

struct ps_barrier *ps_barrier_new(unsigned parties)
{
    struct ps_barrier *barrier;
    int rc;

    if (parties == 0) {
        errno = EINVAL;
        return NULL;
    }
    barrier = ps_sync_shared_alloc(sizeof(*barrier));
    if (barrier == NULL)
        return NULL;
    rc = ps_sync_mutex_init(&barrier->mutex);
    if (rc == 0)
        rc = ps_sync_cond_init(&barrier->cond);
    if (rc != 0)
        goto err_free;
    barrier->parties = parties;
    barrier->reset_gen = UINT32_MAX;
    barrier->obj = ps_probe_new_object_id();
    ps_emit_barrier_new(barrier->obj, parties);
    return barrier;

err_free:
    ps_sync_shared_free(barrier, sizeof(*barrier));
    errno = -rc;
    return NULL;
}

void ps_barrier_free(struct ps_barrier *barrier)
{
    if (barrier != NULL)
        ps_sync_shared_free(barrier, sizeof(*barrier));
}

/* Mark the barrier broken and wake every waiter. Called with the mutex held. */
static void ps_barrier_break_locked(struct ps_barrier *barrier)
{
    if (!barrier->broken)
        ps_emit_barrier_broken(barrier->obj, barrier->count);
    barrier->broken = 1;
    ps_sync_cond_broadcast(&barrier->cond);
}

/*
 * Lock the barrier's mutex. When its previous owner died holding it, the
 * state may be half-updated and a party is gone: the barrier breaks.
 */
static int ps_barrier_lock(struct ps_barrier *barrier)
{
    int rc = ps_sync_mutex_lock(&barrier->mutex);

    if (rc == -EOWNERDEAD) {
        ps_barrier_break_locked(barrier);
        rc = 0;
    }
    return rc;
}

/*
 * Sleep until generation `gen` has been released or the barrier broke. A wait
 * that times out, or that finds the mutex's owner dead, breaks it. Called and
 * returns with the mutex held.
 */
static void ps_barrier_sleep_locked(struct ps_barrier *barrier, uint32_t gen, double timeout)
{
    struct timespec deadline = ps_sync_deadline(timeout);

    while (barrier->generation == gen && !barrier->broken) {
        int rc = ps_sync_cond_wait(&barrier->cond, &barrier->mutex, timeout < 0 ? NULL : &deadline);

        if (rc == -EOWNERDEAD || (rc == -ETIMEDOUT && barrier->generation == gen))
            ps_barrier_break_locked(barrier);
    }
}

int ps_barrier_wait(struct ps_barrier *barrier, double timeout)
{
    uint64_t t0 = ps_clock_mono_ns();
    uint32_t gen;
    uint32_t index;
    int rc = ps_barrier_lock(barrier);

    if (rc != 0)
        return rc;
    if (barrier->broken) {
        pthread_mutex_unlock(&barrier->mutex);
        return -EPIPE;
    }
    gen = barrier->generation;
    index = barrier->count++;
    ps_emit_barrier_arrive(barrier->obj, index, gen);
    if (barrier->count != barrier->parties && ps_probe_active()) {
        char detail[40];
        int n = snprintf(detail, sizeof detail, "%u of %u arrived", barrier->count,
                         barrier->parties);
        ps_emit_wait_begin(barrier->obj, 0, PS_WAIT_BARRIER, barrier->count, detail,
                           n > 0 ? (size_t)n : 0);
    }
    if (barrier->count == barrier->parties) {
        barrier->count = 0;
        barrier->generation++;
        ps_sync_cond_broadcast(&barrier->cond);
    } else {
        ps_barrier_sleep_locked(barrier, gen, timeout);
    }
    rc = barrier->generation != gen && barrier->reset_gen != gen ? (int)index : -EPIPE;
    pthread_mutex_unlock(&barrier->mutex);
    if (rc >= 0)
        ps_emit_barrier_release(barrier->obj, (int64_t)(ps_clock_mono_ns() - t0), gen);
    return rc;
}

int ps_barrier_abort(struct ps_barrier *barrier)
{
    int rc = ps_barrier_lock(barrier);

    if (rc != 0)
        return rc;
    ps_barrier_break_locked(barrier);
    pthread_mutex_unlock(&barrier->mutex);
    return 0;
}

int ps_barrier_reset(struct ps_barrier *barrier)
{
    int rc = ps_barrier_lock(barrier);

    if (rc != 0)
        return rc;
    if (barrier->count > 0)
        ps_barrier_break_locked(barrier);
    barrier->reset_gen = barrier->generation;
    barrier->generation++;
    barrier->count = 0;
    barrier->broken = 0;
    ps_sync_cond_broadcast(&barrier->cond);
    pthread_mutex_unlock(&barrier->mutex);
    return 0;
}

unsigned ps_barrier_parties(const struct ps_barrier *barrier)
{
    return barrier->parties;
}

unsigned ps_barrier_n_waiting(struct ps_barrier *barrier)
{
    unsigned n = 0;

    if (ps_barrier_lock(barrier) == 0) {
        n = barrier->broken ? 0 : barrier->count;
        pthread_mutex_unlock(&barrier->mutex);
    }
    return n;
}

bool ps_barrier_broken(struct ps_barrier *barrier)
{
    bool broken = true;

    if (ps_barrier_lock(barrier) == 0) {
        broken = barrier->broken != 0;
        pthread_mutex_unlock(&barrier->mutex);
    }
    return broken;
}
