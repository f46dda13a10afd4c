/* SPDX-License-Identifier: MIT */
#include "mp/vclock.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "mp/sync_internal.h"
#include "mp/timescale.h"

enum ps_vclock_state { PS_VC_FREE = 0, PS_VC_RUNNING, PS_VC_SLEEPING, PS_VC_BLOCKED };

struct ps_vclock_slot {
    int32_t pid;   /* 0 while reserved before fork */
    uint8_t state; /* enum ps_vclock_state */
    uint64_t wake; /* virtual ns, while sleeping */
};

/*
 * Waiters sleep on the `changes` futex word rather than a condition variable:
 * a process killed inside pthread_cond_wait can leave a shared condvar so that
 * the next broadcast blocks for ever, and demos kill sleeping daemons.
 */
struct ps_vclock {
    pthread_mutex_t mutex;
    uint32_t changes; /* futex word, bumped on every state change */
    uint64_t now;     /* virtual ns */
    struct ps_vclock_slot slots[PS_VCLOCK_SLOTS];
};

/* The shared table (inherited across fork), and the caller's slot in it. */
static struct ps_vclock *ps_vclock_table;
static int ps_vclock_self = -1;

/* Lock the table (a dead holder leaves nothing to repair). Returns 0 or -errno. */
static int ps_vclock_lock(void)
{
    int rc = ps_sync_mutex_lock(&ps_vclock_table->mutex);

    return rc == -EOWNERDEAD ? 0 : rc;
}

/* Record a change and wake every waiter; the table is locked. */
static void ps_vclock_changed(void)
{
    __atomic_add_fetch(&ps_vclock_table->changes, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, &ps_vclock_table->changes, FUTEX_WAKE, INT_MAX, NULL, NULL, 0);
}

/* The caller's slot, or NULL when it is not registered (a forked non-Process child). */
static struct ps_vclock_slot *ps_vclock_mine(void)
{
    if (ps_vclock_table == NULL || ps_vclock_self < 0)
        return NULL;
    if (ps_vclock_table->slots[ps_vclock_self].pid != (int32_t)getpid())
        return NULL;
    return &ps_vclock_table->slots[ps_vclock_self];
}

/* A free slot set running for `pid`, or -1; the table is locked. */
static int ps_vclock_take(pid_t pid)
{
    for (int i = 0; i < PS_VCLOCK_SLOTS; i++) {
        struct ps_vclock_slot *s = &ps_vclock_table->slots[i];

        if (s->state == PS_VC_FREE) {
            s->state = PS_VC_RUNNING;
            s->pid = (int32_t)pid;
            ps_vclock_changed();
            return i;
        }
    }
    return -1;
}

/* The creator (normally main) leaves the clock when it exits (children _exit, not exit). */
static void ps_vclock_at_exit(void)
{
    ps_vclock_gone(getpid());
}

/* Create the table with the caller registered. Returns 0 or -errno. */
static int ps_vclock_create(void)
{
    struct ps_vclock *t = ps_sync_shared_alloc(sizeof *t);

    if (t == NULL)
        return -ENOMEM;
    if (ps_sync_mutex_init(&t->mutex) < 0) {
        ps_sync_shared_free(t, sizeof *t);
        return -ENOMEM;
    }
    t->slots[0].pid = (int32_t)getpid();
    t->slots[0].state = PS_VC_RUNNING;
    ps_vclock_table = t;
    ps_vclock_self = 0;
    atexit(ps_vclock_at_exit);
    return 0;
}

int ps_vclock_reserve(void)
{
    int slot;

    if (ps_time_scale() != 0)
        return -1;
    if (ps_vclock_table == NULL && ps_vclock_create() < 0)
        return -1;
    if (ps_vclock_lock() < 0)
        return -1;
    if (ps_vclock_mine() == NULL)
        ps_vclock_self = ps_vclock_take(getpid());
    slot = ps_vclock_take(0);
    pthread_mutex_unlock(&ps_vclock_table->mutex);
    return slot;
}

void ps_vclock_spawned(int slot, pid_t pid)
{
    if (ps_vclock_table == NULL || slot < 0 || ps_vclock_lock() < 0)
        return;
    if (pid > 0 && ps_vclock_table->slots[slot].pid == 0) {
        ps_vclock_table->slots[slot].pid = (int32_t)pid;
    } else if (pid <= 0) {
        ps_vclock_table->slots[slot].state = PS_VC_FREE;
        ps_vclock_changed();
    }
    pthread_mutex_unlock(&ps_vclock_table->mutex);
}

void ps_vclock_enter(int slot)
{
    ps_vclock_self = slot;
    if (ps_vclock_table == NULL || slot < 0 || ps_vclock_lock() < 0)
        return;
    ps_vclock_table->slots[slot].pid = (int32_t)getpid();
    pthread_mutex_unlock(&ps_vclock_table->mutex);
}

void ps_vclock_blocked(int on)
{
    struct ps_vclock_slot *me = ps_vclock_mine();

    if (me == NULL || ps_vclock_lock() < 0)
        return;
    me->state = on ? PS_VC_BLOCKED : PS_VC_RUNNING;
    ps_vclock_changed();
    pthread_mutex_unlock(&ps_vclock_table->mutex);
}

void ps_vclock_gone(pid_t pid)
{
    if (ps_vclock_table == NULL || pid <= 0 || ps_vclock_lock() < 0)
        return;
    for (int i = 0; i < PS_VCLOCK_SLOTS; i++) {
        struct ps_vclock_slot *s = &ps_vclock_table->slots[i];

        if (s->state != PS_VC_FREE && s->pid == (int32_t)pid) {
            s->state = PS_VC_FREE;
            s->pid = 0;
            ps_vclock_changed();
        }
    }
    pthread_mutex_unlock(&ps_vclock_table->mutex);
}

/* True when `me` may wake now: nobody else runs and no sleeper wakes earlier. Locked. */
static bool ps_vclock_my_turn(const struct ps_vclock_slot *me)
{
    for (int i = 0; i < PS_VCLOCK_SLOTS; i++) {
        const struct ps_vclock_slot *s = &ps_vclock_table->slots[i];

        if (s == me)
            continue;
        if (s->state == PS_VC_RUNNING)
            return false;
        if (s->state == PS_VC_SLEEPING && s->wake < me->wake)
            return false;
    }
    return true;
}

/*
 * Unlock the table, wait until `changes` moves from `seen` (at most the
 * valve's time) and lock again. Returns false when it timed out unchanged.
 */
static bool ps_vclock_wait_change(uint32_t seen)
{
    struct timespec valve = {PS_VCLOCK_VALVE_MS / 1000, (PS_VCLOCK_VALVE_MS % 1000) * 1000000L};
    long rc;

    pthread_mutex_unlock(&ps_vclock_table->mutex);
    rc = syscall(SYS_futex, &ps_vclock_table->changes, FUTEX_WAIT, seen, &valve, NULL, 0);
    int err = errno;

    ps_vclock_lock();
    return !(rc < 0 && err == ETIMEDOUT && ps_vclock_table->changes == seen);
}

void ps_vclock_sleep(double seconds)
{
    struct ps_vclock_slot *me = ps_vclock_mine();

    if (me == NULL || ps_vclock_lock() < 0)
        return;
    me->wake = ps_vclock_table->now + (uint64_t)(seconds > 0 ? seconds * 1e9 : 0);
    me->state = PS_VC_SLEEPING;
    ps_vclock_changed();
    while (!ps_vclock_my_turn(me)) {
        if (!ps_vclock_wait_change(__atomic_load_n(&ps_vclock_table->changes, __ATOMIC_ACQUIRE)))
            break; /* the valve: nothing moved for a while */
    }
    if (me->wake > ps_vclock_table->now)
        ps_vclock_table->now = me->wake;
    me->state = PS_VC_RUNNING;
    ps_vclock_changed();
    pthread_mutex_unlock(&ps_vclock_table->mutex);
}
