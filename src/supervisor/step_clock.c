/* SPDX-License-Identifier: MIT */
/* The demo's own time while stepping (see step_clock.h). */
#include "supervisor/step_clock.h"

void ps_step_clock_grant(struct ps_step_clock *sc, uint64_t now, uint64_t waiting_since)
{
    uint64_t before = sc->held;
    /* Held from the first arrival, but never twice: not before the previous grant. */
    uint64_t from = waiting_since > sc->last_at ? waiting_since : sc->last_at;
    if (waiting_since != 0 && waiting_since <= now && now > from) { /* the ring is not trusted */
        sc->held += now - from;
    }
    sc->grants[sc->n % PS_STEP_CLOCK_GRANTS] = (struct ps_step_grant){now, before, sc->held};
    sc->n++;
    sc->last_at = now > sc->last_at ? now : sc->last_at;
}

uint64_t ps_step_clock_map(const struct ps_step_clock *sc, uint64_t t)
{
    if (sc->held == 0) {
        return t; /* never held: the hot path */
    }
    uint32_t kept = sc->n < PS_STEP_CLOCK_GRANTS ? sc->n : PS_STEP_CLOCK_GRANTS;
    uint64_t held = sc->held;
    /* Newest first: events are delivered soon after they are stamped. */
    for (uint32_t k = 0; k < kept; k++) {
        const struct ps_step_grant *g = &sc->grants[(sc->n - 1 - k) % PS_STEP_CLOCK_GRANTS];
        if (t >= g->at) {
            held = g->after;
            break;
        }
        held = g->before;
    }
    return t > held ? t - held : 0;
}
