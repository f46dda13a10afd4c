/* SPDX-License-Identifier: MIT */
#include "core/clock.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#define PS_CLOCK_SOURCE_PATH "/sys/devices/system/clocksource/clocksource0/current_clocksource"
#define PS_CLOCK_PAIR_TRIES 5
#define PS_CLOCK_PAIR_MAX_GAP_NS 20000u /* a reading this loose was interrupted: not used */

void ps_clock_sleep_ns(uint64_t ns)
{
    struct timespec ts = {.tv_sec = (time_t)(ns / 1000000000u),
                          .tv_nsec = (long)(ns % 1000000000u)};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {
    }
}

/* True when the whitespace-separated list `line` holds `word`. */
static bool ps_clock_has_word(const char *line, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(line, word); p != NULL; p = strstr(p + 1, word)) {
        bool starts = p == line || p[-1] == ' ' || p[-1] == '\t' || p[-1] == ':';
        bool ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';
        if (starts && ends) {
            return true;
        }
    }
    return false;
}

/* True when the kernel keeps time on the TSC and the CPU says it is constant and never stops. */
static bool ps_clock_tsc_probe(void)
{
    char line[8192];
    bool ok = false;

    FILE *f = fopen(PS_CLOCK_SOURCE_PATH, "re");
    if (f == NULL) {
        return false;
    }
    ok = fgets(line, sizeof line, f) != NULL && strcmp(line, "tsc\n") == 0;
    fclose(f);
    if (!ok || (f = fopen("/proc/cpuinfo", "re")) == NULL) {
        return false;
    }
    ok = false;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "flags", 5) == 0) {
            ok = ps_clock_has_word(line, "constant_tsc") && ps_clock_has_word(line, "nonstop_tsc");
            break;
        }
    }
    fclose(f);
    return ok;
}

bool ps_clock_tsc_usable(void)
{
    static _Atomic int known; /* 0: not asked yet, 1: usable, 2: not */
    int k = atomic_load_explicit(&known, memory_order_relaxed);
    if (k == 0) {
        k = PS_CLOCK_HAVE_TSC && ps_clock_tsc_probe() ? 1 : 2;
        atomic_store_explicit(&known, k, memory_order_relaxed);
    }
    return k == 1;
}

/* The TSC, fenced: it runs after everything before it and before anything after it. */
static uint64_t ps_clock_ticks_fenced(void)
{
#if PS_CLOCK_HAVE_TSC
    __builtin_ia32_lfence();
    uint64_t t = __builtin_ia32_rdtsc();
    __builtin_ia32_lfence();
    return t;
#else
    return 0;
#endif
}

int ps_clock_tsc_pair(uint64_t *ticks, uint64_t *ns)
{
    uint64_t best = UINT64_MAX;

    if (!PS_CLOCK_HAVE_TSC) {
        return -ENOTSUP;
    }
    for (int i = 0; i < PS_CLOCK_PAIR_TRIES; i++) {
        uint64_t before = ps_clock_mono_ns();
        uint64_t t = ps_clock_ticks_fenced();
        uint64_t after = ps_clock_mono_ns();
        if (after - before < best) {
            best = after - before;
            *ticks = t;
            *ns = before + best / 2;
        }
    }
    return best <= PS_CLOCK_PAIR_MAX_GAP_NS ? 0 : -EAGAIN;
}

/* ns per tick << 32 between two readings, or 0 when they are not in order. */
static uint64_t ps_clock_tsc_rate(uint64_t t0, uint64_t n0, uint64_t t1, uint64_t n1)
{
    if (t1 <= t0 || n1 <= n0) {
        return 0;
    }
    __extension__ unsigned __int128 rate = ((unsigned __int128)(n1 - n0) << 32) / (t1 - t0);
    return rate > PS_CLOCK_TSC_MULT_MAX ? 0 : (uint64_t)rate;
}

int ps_clock_tsc_calibrate(struct ps_clock_tsc *cal, uint64_t span_ns)
{
    uint64_t t0 = 0, n0 = 0, t1 = 0, n1 = 0;

    int err = ps_clock_tsc_pair(&t0, &n0);
    if (err < 0) {
        return err;
    }
    ps_clock_sleep_ns(span_ns);
    if ((err = ps_clock_tsc_pair(&t1, &n1)) < 0) {
        return err;
    }
    struct ps_clock_tsc fit = {.ticks = t1, .ns = n1, .mult = ps_clock_tsc_rate(t0, n0, t1, n1)};
    if (!ps_clock_tsc_valid(&fit)) {
        return -ERANGE;
    }
    *cal = fit;
    return 0;
}

bool ps_clock_tsc_valid(const struct ps_clock_tsc *cal)
{
    return cal->ticks != 0 && cal->ns != 0 && cal->mult >= PS_CLOCK_TSC_MULT_MIN &&
           cal->mult <= PS_CLOCK_TSC_MULT_MAX;
}

void ps_clock_tsc_refine(struct ps_clock_tsc *cal, const struct ps_clock_tsc *origin,
                         uint64_t ticks, uint64_t ns, uint64_t horizon_ns)
{
    uint64_t rate = ps_clock_tsc_rate(origin->ticks, origin->ns, ticks, ns);
    if (!ps_clock_tsc_valid(cal) || ticks <= cal->ticks || rate < PS_CLOCK_TSC_MULT_MIN ||
        horizon_ns == 0 || horizon_ns > UINT64_MAX / 4) {
        return;
    }
    uint64_t at = ps_clock_tsc_to_ns(cal, ticks);
    uint64_t behind = ns > at ? ns - at : 0;
    if (behind > horizon_ns) {
        *cal = (struct ps_clock_tsc){.ticks = ticks, .ns = ns, .mult = rate};
        return;
    }
    /* Advance horizon + behind - ahead ns over the next horizon: a slope in [rate / 2, 2 rate]. */
    uint64_t ahead = at > ns ? at - ns : 0;
    ahead = ahead < horizon_ns / 2 ? ahead : horizon_ns / 2;
    __extension__ unsigned __int128 mult =
        (unsigned __int128)rate * (horizon_ns + behind - ahead) / horizon_ns;
    uint64_t m = mult > PS_CLOCK_TSC_MULT_MAX ? PS_CLOCK_TSC_MULT_MAX : (uint64_t)mult;
    m = m < PS_CLOCK_TSC_MULT_MIN ? PS_CLOCK_TSC_MULT_MIN : m; /* stays valid */
    *cal = (struct ps_clock_tsc){.ticks = ticks, .ns = at, .mult = m};
}
