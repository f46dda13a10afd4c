/* SPDX-License-Identifier: MIT */
/*
 * Lock: mutual exclusion across processes, timeouts, release by a
 * non-holder refused, and robustness: a holder SIGKILLed while holding it
 * does not deadlock the next acquirer.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/ring.h"
#include "mp/lock.h"
#include "mp/process.h"
#include "probe/probe.h"
#include "support/ring_collect.h"

TestSuite(lock, .timeout = 30);

struct shared {
    struct ps_lock *lock;
    volatile long counter;
    int ready[2]; /* pipe: the holder says it holds the lock */
};

/* Increment the shared counter 2000 times, each under the lock, slowly enough to race. */
static int add_under_lock(void *arg)
{
    struct shared *s = arg;

    for (int i = 0; i < 2000; i++) {
        if (ps_lock_acquire(s->lock, -1) != 0)
            return 1;
        long v = s->counter;
        if (i % 64 == 0)
            sched_yield();
        s->counter = v + 1;
        if (ps_lock_release(s->lock) != 0)
            return 1;
    }
    return 0;
}

/* Acquire the lock, say so on the pipe, then hold it: die by SIGKILL, or wait to be killed. */
static int hold_then_die(void *arg)
{
    struct shared *s = arg;

    if (ps_lock_acquire(s->lock, -1) != 0)
        return 1;
    if (write(s->ready[1], "h", 1) != 1)
        return 1;
    if (s->counter < 0)
        raise(SIGKILL);
    for (;;)
        pause();
}

static struct shared *shared_new(void)
{
    struct shared *s =
        mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    cr_assert_neq(s, MAP_FAILED);
    s->lock = ps_lock_new();
    cr_assert_not_null(s->lock);
    cr_assert_eq(pipe(s->ready), 0);
    return s;
}

Test(lock, mutual_exclusion_across_four_processes)
{
    struct shared *s = shared_new();
    struct ps_process *p[4];

    for (int i = 0; i < 4; i++) {
        p[i] = ps_process_new(NULL, add_under_lock, s, NULL, false);
        cr_assert_eq(ps_process_start(p[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(ps_process_join(p[i], -1), 0);
        cr_assert_eq(ps_process_exitcode(p[i]), 0);
    }
    cr_assert_eq(s->counter, 8000);
    ps_mp_main_end();
    ps_lock_free(s->lock);
}

Test(lock, a_holder_killed_by_sigkill_does_not_deadlock)
{
    struct shared *s = shared_new();
    char c;

    s->counter = -1; /* the holder raises SIGKILL while holding */
    struct ps_process *p = ps_process_new(NULL, hold_then_die, s, NULL, false);
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert_eq(read(s->ready[0], &c, 1), 1);
    cr_assert_eq(ps_process_join(p, -1), 0);
    cr_assert_eq(ps_process_exitcode(p), -9);
    cr_assert_eq(ps_lock_acquire(s->lock, 10), 0, "the next acquirer gets the lock");
    cr_assert_eq(ps_lock_release(s->lock), 0);
    cr_assert_eq(ps_lock_acquire(s->lock, 0), 0, "and it works normally afterwards");
    cr_assert_eq(ps_lock_release(s->lock), 0);
    ps_mp_main_end();
}

Test(lock, timeouts_and_release_by_a_non_holder)
{
    struct shared *s = shared_new();
    char c;

    struct ps_process *p = ps_process_new(NULL, hold_then_die, s, NULL, false);
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert_eq(read(s->ready[0], &c, 1), 1);
    cr_assert_eq(ps_lock_acquire(s->lock, 0), -ETIMEDOUT, "try only");
    cr_assert_eq(ps_lock_acquire(s->lock, 0.02), -ETIMEDOUT);
    cr_assert_eq(ps_lock_release(s->lock), -EPERM, "only the holder releases");
    cr_assert_eq(ps_process_terminate(p), 0);
    cr_assert_eq(ps_process_join(p, -1), 0);
    cr_assert_eq(ps_lock_acquire(s->lock, -1), 0, "taken over from the terminated holder");
    cr_assert_eq(ps_lock_release(s->lock), 0);
    cr_assert_neq(ps_lock_id(s->lock), 0u);
    ps_mp_main_end();
}

Test(lock, events_show_want_acquired_released_and_the_dead_holder)
{
    static struct ps_ring ring;
    struct ring_collect c = {0};
    char ch;

    ring_collect_attach(&ring);
    struct shared *s = shared_new();
    s->counter = -1;
    struct ps_process *p = ps_process_new(NULL, hold_then_die, s, NULL, false);
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert_eq(read(s->ready[0], &ch, 1), 1);
    cr_assert_eq(ps_process_join(p, -1), 0);
    cr_assert_eq(ps_lock_acquire(s->lock, -1), 0);
    cr_assert_eq(ps_lock_release(s->lock), 0);
    ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);

    uint32_t id = ps_lock_id(s->lock);
    long at = ring_collect_find(&c, PS_EV_LOCK_NEW, 0);
    cr_assert_geq(at, 0);
    cr_assert_eq(c.ev[at].obj, id);
    cr_assert_eq(ring_collect_count(&c, PS_EV_LOCK_WANT), 2);
    cr_assert_eq(ring_collect_count(&c, PS_EV_LOCK_ACQUIRED), 2);
    cr_assert_eq(ring_collect_count(&c, PS_EV_LOCK_RELEASED), 1, "the dead holder never released");
    long first = ring_collect_find(&c, PS_EV_LOCK_ACQUIRED, 0);
    long second = ring_collect_find(&c, PS_EV_LOCK_ACQUIRED, (size_t)first + 1);
    cr_assert_eq(c.ev[first].pid, ps_process_pid(p));
    cr_assert_eq(c.ev[first].b, 0);
    cr_assert_eq(c.ev[second].pid, getpid());
    cr_assert_eq(c.ev[second].b, 1, "taken over from a holder that died");
    cr_assert_geq(c.ev[second].a, 0);
    cr_assert_eq(c.ev[ring_collect_find(&c, PS_EV_LOCK_RELEASED, 0)].pid, getpid());
    ring_collect_free(&c);
    ps_mp_main_end();
}
