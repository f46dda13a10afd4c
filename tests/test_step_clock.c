/* SPDX-License-Identifier: MIT */
/* The demo's own time while stepping (src/supervisor/step_clock.c). */
#include <criterion/criterion.h>

#include "supervisor/step_clock.h"

#define MS UINT64_C(1000000)

Test(step_clock, never_held_is_the_identity)
{
    struct ps_step_clock sc = {0};
    cr_assert_eq(ps_step_clock_map(&sc, 123 * MS), 123 * MS);
    ps_step_clock_grant(&sc, 50 * MS, 0); /* a key pressed while nobody waited: costs nothing */
    cr_assert_eq(ps_step_clock_map(&sc, 123 * MS), 123 * MS);
}

/* A process waits at the gate from 100 ms; the user lets it through at 3 s. */
Test(step_clock, the_wait_for_the_key_is_left_out)
{
    struct ps_step_clock sc = {0};
    ps_step_clock_grant(&sc, 3000 * MS, 100 * MS);
    cr_assert_eq(ps_step_clock_map(&sc, 90 * MS), 90 * MS, "stamped before: as it was");
    cr_assert_eq(ps_step_clock_map(&sc, 3001 * MS), 101 * MS, "after: 1 ms after it asked");
}

/* Two waiters: the second one's wait is counted from the first grant, not twice. */
Test(step_clock, waits_are_never_counted_twice)
{
    struct ps_step_clock sc = {0};
    ps_step_clock_grant(&sc, 5000 * MS, 1000 * MS); /* held 4 s */
    ps_step_clock_grant(&sc, 8000 * MS, 2000 * MS); /* from 5 s: 3 s more */
    cr_assert_eq(ps_step_clock_map(&sc, 5500 * MS), 1500 * MS);
    cr_assert_eq(ps_step_clock_map(&sc, 8001 * MS), 1001 * MS);
    cr_assert_eq(ps_step_clock_map(&sc, 4000 * MS), 4000 * MS, "before the first grant");
}

/* Mapped times keep the order of the real ones across many grants. */
Test(step_clock, order_is_kept)
{
    struct ps_step_clock sc = {0};
    uint64_t t = 0, prev = 0;
    for (int k = 0; k < 200; k++) {
        t += 2 * MS;                              /* the demo computes 2 ms, then waits */
        ps_step_clock_grant(&sc, t + 500 * MS, t); /* the user takes 0.5 s */
        t += 500 * MS;
        for (int e = 1; e <= 3; e++) {
            uint64_t m = ps_step_clock_map(&sc, t + (uint64_t)e * MS);
            cr_assert_geq(m, prev, "step %d event %d", k, e);
            prev = m;
        }
        t += 3 * MS;
    }
    cr_assert_lt(prev, 2 * 1000 * MS, "200 steps of ~5 ms of demo time: %llu ns",
                 (unsigned long long)prev);
}

/* A scribbled "waiting since" in the future (the ring is shared with the children) is ignored. */
Test(step_clock, a_time_from_the_future_is_ignored)
{
    struct ps_step_clock sc = {0};
    ps_step_clock_grant(&sc, 1000 * MS, UINT64_MAX);
    cr_assert_eq(ps_step_clock_map(&sc, 2000 * MS), 2000 * MS);
}
