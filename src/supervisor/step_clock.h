/* SPDX-License-Identifier: MIT */
/*
 * The demo's own time while stepping: the time the session spent held at the
 * step gate waiting for the user's key is left out of every event's time, so
 * a step mode session reads like the same session run at full speed, not like
 * the user's key presses (issue 11, "Pause keeps one clock").
 *
 * Only time in which a process actually waited at the gate counts: a key
 * pressed while every process still computes or sleeps stores a permit and
 * costs nothing. The supervisor calls ps_step_clock_grant() at each step with
 * the time the first process began waiting (from the ring), and maps every
 * event time through ps_step_clock_map() before it reaches any sink.
 */
#ifndef PS_SUPERVISOR_STEP_CLOCK_H
#define PS_SUPERVISOR_STEP_CLOCK_H

#include <stdint.h>

#define PS_STEP_CLOCK_GRANTS 64 /* grants remembered for events stamped before later grants */

struct ps_step_grant {
    uint64_t at;     /* when the user let the event through (CLOCK_MONOTONIC ns) */
    uint64_t before; /* time held at the gate before this grant, in all */
    uint64_t after;  /* ... and including this grant's wait */
};

struct ps_step_clock {
    uint64_t held;    /* time held at the gate so far, in all */
    uint64_t last_at; /* the latest grant's time; 0: none yet */
    uint32_t n;       /* grants made (the latest PS_STEP_CLOCK_GRANTS are kept) */
    struct ps_step_grant grants[PS_STEP_CLOCK_GRANTS];
};

/*
 * A step granted at `now`; `waiting_since` is when the first process began
 * waiting at the gate since the previous grant (0: nobody waited).
 */
void ps_step_clock_grant(struct ps_step_clock *sc, uint64_t now, uint64_t waiting_since);

/* Event time `t` (CLOCK_MONOTONIC ns) on the demo's own clock. */
uint64_t ps_step_clock_map(const struct ps_step_clock *sc, uint64_t t);

#endif /* PS_SUPERVISOR_STEP_CLOCK_H */
