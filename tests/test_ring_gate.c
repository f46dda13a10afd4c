/* SPDX-License-Identifier: MIT */
/* The step gate's pending records and chosen pid (src/core/ring_gate.c), with real producers. */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/clock.h"
#include "core/ring.h"
#include "core/ring_internal.h"
#include "support/ring_collect.h"

TestSuite(ring_gate, .timeout = 60);

/* Fork a producer that emits one queue.put (a = `a`, text `text`) through the closed gate. */
static pid_t producer(struct ps_ring *ring, int64_t a, const char *text)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        struct ps_event ev = {.type = PS_EV_QUEUE_PUT,
                              .pid = (int32_t)getpid(),
                              .obj = 1,
                              .a = a,
                              .text = text,
                              .text_len = (uint32_t)strlen(text)};
        _exit(ps_ring_emit(ring, &ev, 0) == 0 ? 0 : 1);
    }
    return pid;
}

/* Wait (no time bound but the test's) until `n` producers wait at the gate. */
static unsigned wait_waiters(struct ps_ring *ring, struct ps_ring_waiter *w, unsigned n)
{
    unsigned got;
    while ((got = ps_ring_gate_waiters(ring, w, PS_RING_PENDING_MAX)) < n) {
        ps_clock_sleep_ns(1000000);
    }
    return got;
}

static const struct ps_ring_waiter *find(const struct ps_ring_waiter *w, unsigned n, pid_t pid)
{
    for (unsigned i = 0; i < n; i++) {
        if (w[i].pid == pid) {
            return &w[i];
        }
    }
    return NULL;
}

static void reap_ok(pid_t pid)
{
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void drain_until(struct ps_ring *ring, struct ring_collect *c, size_t want)
{
    while (c->n < want) {
        cr_assert_geq(ps_ring_drain(ring, ring_collect_event, c, 4096), 0);
        ps_clock_sleep_ns(1000000);
    }
}

Test(ring_gate, each_waiting_producer_says_what_it_will_emit)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_gate_set(&ring, true);
    pid_t a = producer(&ring, 50, "50");
    pid_t b = producer(&ring, 7, "a value longer than the thirty-two bytes kept");
    unsigned n = wait_waiters(&ring, w, 2);
    cr_assert_eq(n, 2);
    const struct ps_ring_waiter *wa = find(w, n, a);
    const struct ps_ring_waiter *wb = find(w, n, b);
    cr_assert(wa && wb);
    cr_assert_eq(wa->type, PS_EV_QUEUE_PUT);
    cr_assert_eq(wa->obj, 1);
    cr_assert_eq(wa->a, 50);
    cr_assert_str_eq(wa->text, "50");
    cr_assert_eq(strlen(wb->text), PS_RING_PENDING_TEXT, "cut to the record");
    cr_assert_gt(wa->since_ns, 0);
    ps_ring_gate_set(&ring, false); /* both pass and free their records */
    reap_ok(a);
    reap_ok(b);
    cr_assert_eq(ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX), 0);
    ps_ring_close(&ring);
}

Test(ring_gate, nothing_is_recorded_while_the_gate_is_open)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    reap_ok(producer(&ring, 1, "1"));
    drain_until(&ring, &c, 1);
    cr_assert_eq(ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX), 0);
    for (unsigned i = 0; i < PS_RING_PENDING_MAX; i++) {
        cr_assert_eq(atomic_load(&ps_ring_pending_at(&ring, i)->gen), 0, "record %u untouched", i);
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring_gate, the_chosen_producer_alone_takes_the_permit)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_gate_set(&ring, true);
    pid_t a = producer(&ring, 1, "first");
    wait_waiters(&ring, w, 1); /* a waits longer: it would win a plain grant as often as not */
    pid_t b = producer(&ring, 2, "second");
    wait_waiters(&ring, w, 2);
    ps_ring_gate_choose(&ring, b);
    ps_ring_gate_grant(&ring, 1);
    reap_ok(b);
    drain_until(&ring, &c, 1);
    cr_assert_eq(c.ev[0].pid, b);
    cr_assert_eq(ps_ring_gate_chosen(&ring), 0, "cleared by the chosen one as it passed");
    cr_assert_eq(ps_ring_gate_permits(&ring), 0);
    unsigned n = ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX);
    cr_assert_eq(n, 1, "a still waits");
    cr_assert_eq(w[0].pid, a);
    ps_ring_gate_grant(&ring, 1);
    reap_ok(a);
    drain_until(&ring, &c, 2);
    cr_assert_eq(c.ev[1].pid, a);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring_gate, others_wait_while_a_permit_is_reserved_for_the_chosen)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_gate_set(&ring, true);
    pid_t a = producer(&ring, 1, "a");
    wait_waiters(&ring, w, 1);
    ps_ring_gate_choose(&ring, 999999); /* not waiting (yet): nobody else may pass */
    ps_ring_gate_grant(&ring, 1);
    for (int i = 0; i < 20; i++) { /* a naps through 20 looks at the gate at least */
        cr_assert_eq(ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX), 1);
        ps_clock_sleep_ns(5000000);
    }
    cr_assert_eq(ps_ring_gate_permits(&ring), 1);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, 16), 0);
    ps_ring_gate_unchoose(&ring, 999999); /* what the supervisor does when the chosen is gone */
    reap_ok(a);
    drain_until(&ring, &c, 1);
    cr_assert_eq(c.ev[0].pid, a);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring_gate, garbage_records_are_copied_bounded_or_skipped)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    struct ps_ring_pending *r0 = ps_ring_pending_at(&ring, 0);
    struct ps_ring_pending *r1 = ps_ring_pending_at(&ring, 1);
    struct ps_ring_pending *last = ps_ring_pending_at(&ring, PS_RING_PENDING_MAX - 1);
    atomic_store(&r0->pid, -7); /* being written (or garbage): skipped */
    atomic_store(&r1->pid, 4242);
    r1->type = 0xdeadbeef;
    memset(r1->text, 'x', sizeof r1->text); /* no NUL */
    atomic_store(&last->pid, 77);
    cr_assert_eq(ps_ring_gate_waiters(&ring, w, 1), 1, "bounded by max");
    unsigned n = ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX);
    cr_assert_eq(n, 2);
    cr_assert_eq(w[0].pid, 4242);
    cr_assert_eq(w[0].type, 0xdeadbeef, "passed on unchecked: the supervisor checks");
    cr_assert_eq(strlen(w[0].text), PS_RING_PENDING_TEXT);
    cr_assert_eq(w[1].slot, PS_RING_PENDING_MAX - 1);
    ps_ring_gate_drop(&ring, 1, 4242);
    ps_ring_gate_drop(&ring, PS_RING_PENDING_MAX - 1, 78); /* not its owner: kept */
    ps_ring_gate_drop(&ring, PS_RING_PENDING_MAX, 77);     /* out of range: nothing */
    n = ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX);
    cr_assert_eq(n, 1);
    cr_assert_eq(w[0].pid, 77);
    ps_ring_close(&ring);
}

Test(ring_gate, a_producer_killed_while_waiting_leaves_a_record_the_supervisor_drops)
{
    struct ps_ring ring;
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_gate_set(&ring, true);
    pid_t a = producer(&ring, 1, "a");
    wait_waiters(&ring, w, 1);
    kill(a, SIGKILL);
    cr_assert_eq(waitpid(a, NULL, 0), a);
    cr_assert_eq(ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX), 1);
    ps_ring_gate_drop(&ring, w[0].slot, a);
    cr_assert_eq(ps_ring_gate_waiters(&ring, w, PS_RING_PENDING_MAX), 0);
    ps_ring_close(&ring);
}
