/* SPDX-License-Identifier: MIT */
#include "mp/timescale.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/clock.h"
#include "core/env.h"
#include "mp/vclock.h"
#include "probe/probe.h"

/* The cached factor; negative until read from the environment. */
static double ps_timescale_factor = -1.0;

/* Parse PROCSCOPE_TIME_SCALE: a finite number >= 0, else 1. */
static double ps_timescale_read_env(void)
{
    const char *s = getenv(PS_ENV_TIME_SCALE);
    char *end;
    double f;

    if (s == NULL || *s == '\0')
        return 1.0;
    errno = 0;
    f = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(f) || f < 0)
        return 1.0;
    return f;
}

double ps_time_scale(void)
{
    if (!(ps_timescale_factor >= 0))
        ps_timescale_factor = ps_timescale_read_env();
    return ps_timescale_factor;
}

void ps_time_scale_set(double factor)
{
    ps_timescale_factor = isfinite(factor) ? factor : -1.0;
}

/* Sleep `seconds` (not NaN) of demo time: scaled, or on the virtual clock at scale 0. */
static void ps_sleep_for(double seconds)
{
    if (ps_time_scale() == 0) {
        ps_vclock_sleep(seconds);
        return;
    }
    double total = seconds * ps_time_scale();
    if (!(total > 0))
        return;
    if (total > 1e9)
        total = 1e9;
    ps_clock_sleep_ns((uint64_t)(total * 1e9 + 0.5));
}

int ps_sleep(double seconds)
{
    if (isnan(seconds))
        return -EINVAL;
    bool told = ps_probe_active() && seconds > 0;
    if (told) {
        /* The demo's own duration ("sleep 1.0 s"), whatever the time scale. */
        int64_t ns = seconds < 1e9 ? (int64_t)(seconds * 1e9 + 0.5) : INT64_C(1000000000) * 1000000000;
        ps_emit_wait_begin(0, 0, PS_WAIT_SLEEP, ns, NULL, 0);
    }
    ps_sleep_for(seconds);
    if (told)
        ps_emit_wait_end(0, PS_WAIT_SLEEP);
    return 0;
}
