/* SPDX-License-Identifier: MIT */
/*
 * Time scale: every demo sleep goes through ps_sleep(), which multiplies the
 * requested time by the factor in PROCSCOPE_TIME_SCALE (the supervisor's
 * --time-scale; read once from the environment, so it works standalone too).
 * A factor of 0 means no sleep at all; a missing or bad value means 1.
 */
#ifndef PS_MP_TIMESCALE_H
#define PS_MP_TIMESCALE_H

/* The time-scale factor (>= 0), read from the environment on first use. Any process. */
double ps_time_scale(void);

/*
 * Override the factor for this process (tests; a negative or NaN value
 * re-reads the environment on the next use). Any process.
 */
void ps_time_scale_set(double factor);

/*
 * time.sleep(seconds * factor): sleep the whole scaled time, resuming after
 * signal interruptions. seconds <= 0 or factor 0 returns at once. Returns 0,
 * or -EINVAL for a NaN duration. Any process.
 */
int ps_sleep(double seconds);

#endif /* PS_MP_TIMESCALE_H */
