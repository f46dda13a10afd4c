/* SPDX-License-Identifier: MIT */
/* Stepping with a choice under a real supervisor (src/supervisor/supervisor_step.c). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/clock.h"
#include "core/ring.h"
#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

TestSuite(supervisor_step, .timeout = 60);

#define PROGRAM(name) PS_TEST_PROGRAM_DIR "/" name

static char *S(const char *s)
{
    return (char *)(uintptr_t)s;
}

/* Poll until the gate lists a waiter; returns how many. */
static unsigned poll_waiters(struct ps_supervisor *sup, struct ring_collect *c,
                             struct ps_ring_waiter *w)
{
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = c};
    unsigned n;
    while ((n = ps_supervisor_step_next(sup, w, PS_RING_PENDING_MAX)) == 0) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 20), 0);
    }
    return n;
}

Test(supervisor_step, lists_the_waiting_process_and_lets_the_chosen_one_through)
{
    char *argv[] = {S(PROGRAM("probe_emitter")), S("5"), S("0"), NULL};
    struct ring_collect c = {0};
    struct ps_ring_waiter w[PS_RING_PENDING_MAX];
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0, .step = true};
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    size_t before = 0;
    for (int k = 0; k < 3; k++) {
        unsigned n = poll_waiters(sup, &c, w);
        cr_assert_eq(n, 1);
        cr_assert_eq(w[0].pid, main_pid);
        cr_assert_eq(w[0].type, PS_EV_MARK);
        cr_assert_str_eq(w[0].text, "tick");
        cr_assert_eq(ps_supervisor_step_pid(sup, 1), -ESRCH, "pid 1 does not wait");
        before = ring_collect_count(&c, PS_EV_MARK);
        cr_assert_eq(ps_supervisor_step_pid(sup, main_pid), 0);
        struct ps_sink sink = {.on_event = ring_collect_event, .ctx = &c};
        while (ring_collect_count(&c, PS_EV_MARK) < before + 1) {
            cr_assert_geq(ps_supervisor_poll(sup, &sink, 20), 0);
        }
    }
    cr_assert_eq(ring_collect_count(&c, PS_EV_MARK), before + 1);
    cr_assert_eq(ps_supervisor_set_stepping(sup, false), 0);
    cr_assert_eq(ps_supervisor_step_pid(sup, main_pid), -EINVAL, "not stepping");
    cr_assert_eq(ps_supervisor_step_next(sup, w, PS_RING_PENDING_MAX), 0);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}
