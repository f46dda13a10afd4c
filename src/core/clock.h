/* SPDX-License-Identifier: MIT */
/*
 * Time sources. Inline: the clock read is most of an event's cost.
 *
 * Besides CLOCK_MONOTONIC, the x86-64 time-stamp counter (TSC): reading it
 * costs a third of a clock_gettime(). A TSC stamp means nothing until it is
 * converted with a calibration, the line ns = ns0 + (ticks - ticks0) * mult / 2^32
 * fitted against CLOCK_MONOTONIC (struct ps_clock_tsc), so the result is
 * CLOCK_MONOTONIC nanoseconds again. The TSC is used only where the kernel
 * itself keeps CLOCK_MONOTONIC on it (ps_clock_tsc_usable).
 */
#ifndef PS_CORE_CLOCK_H
#define PS_CORE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#if defined(__x86_64__)
#define PS_CLOCK_HAVE_TSC 1
#else
#define PS_CLOCK_HAVE_TSC 0
#endif

/* Accepted calibrations: a TSC between 100 MHz and 20 GHz (mult is ns per tick << 32). */
#define PS_CLOCK_TSC_MULT_MIN ((UINT64_C(1) << 32) / 20u)
#define PS_CLOCK_TSC_MULT_MAX (UINT64_C(10) << 32)

/* A TSC calibration: the line through (ticks, ns) with slope mult / 2^32 ns per tick. */
struct ps_clock_tsc {
    uint64_t ticks; /* a TSC reading … */
    uint64_t ns;    /* … and CLOCK_MONOTONIC at the same instant */
    uint64_t mult;  /* ns per tick, 32.32 fixed point; 0: no calibration */
};

/* CLOCK_MONOTONIC in nanoseconds (vDSO: no syscall). */
static inline uint64_t ps_clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* CLOCK_REALTIME in nanoseconds since the epoch. */
static inline uint64_t ps_clock_wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The TSC (not serialising: it may run a few instructions early), or 0 without one. */
static inline uint64_t ps_clock_ticks(void)
{
#if PS_CLOCK_HAVE_TSC
    return __builtin_ia32_rdtsc();
#else
    return 0;
#endif
}

/* Sleep for `ns` nanoseconds, resuming after signals. */
void ps_clock_sleep_ns(uint64_t ns);

/*
 * True when TSC stamps can stand in for CLOCK_MONOTONIC: an x86-64 build, the
 * kernel's clocksource is "tsc" (so the kernel found it synchronised across
 * CPUs), and /proc/cpuinfo lists constant_tsc and nonstop_tsc. Reads /sys and
 * /proc with stdio the first time, then answers from memory. Supervisor side
 * (not for the probe: stdio allocates).
 */
bool ps_clock_tsc_usable(void);

/*
 * One simultaneous (TSC, CLOCK_MONOTONIC) reading, the TSC read fenced so that
 * nothing after it runs before it; the tightest of a few tries. Returns 0,
 * -EAGAIN when every try was interrupted (the values are then loose), or
 * -ENOTSUP without a TSC.
 */
int ps_clock_tsc_pair(uint64_t *ticks, uint64_t *ns);

/*
 * Fit `cal` from two readings `span_ns` apart (sleeping in between; a few ms
 * is enough, ps_clock_tsc_refine does the rest). Returns 0, -ENOTSUP without
 * a TSC, -EAGAIN when a reading was interrupted, or -ERANGE when the measured
 * rate is outside the accepted range. `cal` is changed only on success.
 */
int ps_clock_tsc_calibrate(struct ps_clock_tsc *cal, uint64_t span_ns);

/* True when `cal` (perhaps copied from untrusted memory) is a usable calibration. */
bool ps_clock_tsc_valid(const struct ps_clock_tsc *cal);

/*
 * `ticks` in CLOCK_MONOTONIC ns by `cal` (which must be valid), saturating at
 * 0 and UINT64_MAX instead of wrapping. Non-decreasing in `ticks`.
 */
static inline uint64_t ps_clock_tsc_to_ns(const struct ps_clock_tsc *cal, uint64_t ticks)
{
    uint64_t d = ticks >= cal->ticks ? ticks - cal->ticks : cal->ticks - ticks;
    __extension__ unsigned __int128 off = ((unsigned __int128)d * cal->mult) >> 32;
    if (ticks >= cal->ticks) {
        return off > UINT64_MAX - cal->ns ? UINT64_MAX : cal->ns + (uint64_t)off;
    }
    return off > cal->ns ? 0 : cal->ns - (uint64_t)off;
}

/*
 * Re-anchor `cal` at a new reading (`ticks`, `ns`) taken after every tick
 * already converted with it, without moving any later conversion backwards:
 * the new line starts where the old one was at `ticks`, with the rate measured
 * since `origin` (an earlier calibration), steered so the gap to
 * CLOCK_MONOTONIC closes over the next `horizon_ns`; a conversion that fell
 * more than `horizon_ns` behind jumps forward instead. Readings that are not
 * later than the anchor or give an implausible rate leave `cal` as it was.
 */
void ps_clock_tsc_refine(struct ps_clock_tsc *cal, const struct ps_clock_tsc *origin,
                         uint64_t ticks, uint64_t ns, uint64_t horizon_ns);

#endif /* PS_CORE_CLOCK_H */
