/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/clock.h"

/* How far a converted TSC stamp may lie outside the clock_gettime() reads around it. */
#define TOL_NS 10000u

/* Skip the test when this machine's kernel does not keep time on the TSC. */
static void need_tsc(void)
{
    if (!ps_clock_tsc_usable()) {
        cr_skip_test("the TSC is not usable here");
    }
}

/* The first line of a file, or "" when it cannot be read. */
static void first_line(const char *path, const char *prefix, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    buf[0] = '\0';
    if (f == NULL) {
        return;
    }
    while (fgets(buf, (int)size, f) != NULL && strncmp(buf, prefix, strlen(prefix)) != 0) {
    }
    fclose(f);
}

Test(clock, tsc_usable_only_when_the_kernel_keeps_time_on_it)
{
    static char source[64], flags[8192];
    first_line("/sys/devices/system/clocksource/clocksource0/current_clocksource", "", source,
               sizeof source);
    first_line("/proc/cpuinfo", "flags", flags, sizeof flags);
    bool expect = PS_CLOCK_HAVE_TSC && strcmp(source, "tsc\n") == 0 &&
                  strstr(flags, " constant_tsc") != NULL && strstr(flags, " nonstop_tsc") != NULL;
    cr_assert_eq(ps_clock_tsc_usable(), expect);
    cr_assert_eq(ps_clock_tsc_usable(), expect, "the cached answer is the same");
}

Test(clock, a_pair_lies_between_clock_reads)
{
    uint64_t ticks = 0, ns = 0;
    need_tsc();
    uint64_t before = ps_clock_mono_ns();
    cr_assert_eq(ps_clock_tsc_pair(&ticks, &ns), 0);
    uint64_t after = ps_clock_mono_ns();
    cr_assert_geq(ns, before);
    cr_assert_leq(ns, after);
    cr_assert_gt(ticks, 0);
    cr_assert_leq(ticks, ps_clock_ticks());
}

Test(clock, a_calibration_converts_to_monotonic_ns)
{
    struct ps_clock_tsc cal = {0};
    need_tsc();
    cr_assert_eq(ps_clock_tsc_calibrate(&cal, 2000000), 0);
    cr_assert(ps_clock_tsc_valid(&cal));
    uint64_t last = 0;
    for (int i = 0; i < 50; i++) {
        uint64_t before = ps_clock_mono_ns();
        uint64_t t = ps_clock_ticks();
        uint64_t after = ps_clock_mono_ns();
        uint64_t ns = ps_clock_tsc_to_ns(&cal, t);
        cr_assert_geq(ns + TOL_NS, before, "%d: %lu ns before the read", i, before - ns);
        cr_assert_leq(ns, after + TOL_NS, "%d: %lu ns after the read", i, ns - after);
        cr_assert_geq(ns, last, "conversions do not go back");
        last = ns;
    }
}

Test(clock, conversion_saturates_instead_of_wrapping)
{
    struct ps_clock_tsc one = {.ticks = 1000, .ns = 500, .mult = UINT64_C(1) << 32};
    cr_assert_eq(ps_clock_tsc_to_ns(&one, 1000), 500);
    cr_assert_eq(ps_clock_tsc_to_ns(&one, 1010), 510);
    cr_assert_eq(ps_clock_tsc_to_ns(&one, 900), 400);
    cr_assert_eq(ps_clock_tsc_to_ns(&one, 0), 0, "before time began: 0, not a wrap");
    cr_assert_eq(ps_clock_tsc_to_ns(&one, UINT64_MAX), UINT64_MAX - 500);
    struct ps_clock_tsc slow = {.ticks = 1, .ns = 1, .mult = PS_CLOCK_TSC_MULT_MAX};
    cr_assert_eq(ps_clock_tsc_to_ns(&slow, UINT64_MAX), UINT64_MAX);
    cr_assert_eq(ps_clock_tsc_to_ns(&slow, 11), 101);
    struct ps_clock_tsc half = {.ticks = 0x100, .ns = 7, .mult = UINT64_C(1) << 31};
    cr_assert_eq(ps_clock_tsc_to_ns(&half, 0x100 + 10), 12);
}

Test(clock, validity_rejects_garbage)
{
    struct ps_clock_tsc good = {.ticks = 1, .ns = 1, .mult = UINT64_C(1) << 32};
    cr_assert(ps_clock_tsc_valid(&good));
    struct ps_clock_tsc bad[] = {
        {.ticks = 0, .ns = 1, .mult = UINT64_C(1) << 32},
        {.ticks = 1, .ns = 0, .mult = UINT64_C(1) << 32},
        {.ticks = 1, .ns = 1, .mult = 0},
        {.ticks = 1, .ns = 1, .mult = PS_CLOCK_TSC_MULT_MIN - 1},
        {.ticks = 1, .ns = 1, .mult = PS_CLOCK_TSC_MULT_MAX + 1},
        {.ticks = 1, .ns = 1, .mult = UINT64_MAX},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_assert_not(ps_clock_tsc_valid(&bad[i]), "case %zu", i);
    }
}

/* A clock that runs `ppm` parts per million faster than the calibration says. */
static uint64_t true_ns(uint64_t ticks, int64_t ppm)
{
    int64_t d = (int64_t)(ticks - 1000000);
    return 1000000000u + (uint64_t)(d + d / 1000000 * ppm);
}

/* Refine at t, check continuity there and the gap one horizon later. */
static void refine_and_check(int64_t ppm)
{
    struct ps_clock_tsc origin = {.ticks = 1000000, .ns = 1000000000, .mult = UINT64_C(1) << 32};
    struct ps_clock_tsc cal = origin;
    uint64_t horizon = 50000000, t = 101000000, t2 = t + horizon;
    struct ps_clock_tsc old = cal;
    ps_clock_tsc_refine(&cal, &origin, t, true_ns(t, ppm), horizon);
    cr_assert(ps_clock_tsc_valid(&cal));
    cr_assert_eq(cal.ticks, t);
    cr_assert_eq(ps_clock_tsc_to_ns(&cal, t), ps_clock_tsc_to_ns(&old, t), "continuous");
    uint64_t last = 0;
    for (uint64_t x = t - 1000; x < t + 1000; x++) { /* old line before the anchor, new after */
        uint64_t ns = ps_clock_tsc_to_ns(x < t ? &old : &cal, x);
        cr_assert_geq(ns, last, "%+d ppm: back at tick %lu", (int)ppm, x);
        last = ns;
    }
    int64_t gap = (int64_t)(ps_clock_tsc_to_ns(&cal, t2) - true_ns(t2, ppm));
    cr_assert(gap >= -2 && gap <= 2, "%+d ppm: %ld ns off one horizon later", (int)ppm, (long)gap);
}

Test(clock, refine_keeps_continuity_and_closes_the_gap)
{
    refine_and_check(10);
    refine_and_check(-10);
    refine_and_check(0);
}

Test(clock, refine_jumps_forward_when_far_behind_and_ignores_bad_readings)
{
    struct ps_clock_tsc origin = {.ticks = 1000, .ns = 1000000000, .mult = UINT64_C(1) << 32};
    struct ps_clock_tsc cal = origin, before;
    ps_clock_tsc_refine(&cal, &origin, 1000 + 100000000, 1000000000 + 300000000, 50000000);
    cr_assert_eq(cal.ticks, 1000 + 100000000);
    cr_assert_eq(cal.ns, 1300000000, "200 ms behind: jump to the reading");
    before = cal;
    ps_clock_tsc_refine(&cal, &origin, cal.ticks - 5, 1400000000, 50000000);
    cr_assert_eq(memcmp(&cal, &before, sizeof cal), 0, "a reading older than the anchor");
    ps_clock_tsc_refine(&cal, &origin, cal.ticks + 10, 999999999, 50000000);
    cr_assert_eq(memcmp(&cal, &before, sizeof cal), 0, "a reading that goes back in time");
    ps_clock_tsc_refine(&cal, &origin, cal.ticks + 1000, UINT64_MAX, 50000000);
    cr_assert_eq(memcmp(&cal, &before, sizeof cal), 0, "an absurd rate");
    struct ps_clock_tsc zero = {0};
    ps_clock_tsc_refine(&zero, &origin, 5000, 1000004000, 50000000);
    cr_assert_eq(zero.mult, 0, "no calibration stays none");
}
