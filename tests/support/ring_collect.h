/* SPDX-License-Identifier: MIT */
/*
 * Test helper: a sink/drain callback that keeps copies of every event it is
 * given (text included), so tests can assert on what arrived.
 */
#ifndef PS_TESTS_SUPPORT_RING_COLLECT_H
#define PS_TESTS_SUPPORT_RING_COLLECT_H

#include <stddef.h>

#include "core/event.h"
#include "core/ring.h"

struct ring_collect {
    struct ps_event *ev; /* ev[i].text points at an owned copy */
    size_t n;
    size_t cap;
};

/* ps_ring_event_fn / ps_sink_event_fn: append a copy of `ev` to the collection `ctx`. */
int ring_collect_event(void *ctx, const struct ps_event *ev);

/* Number of collected events of `type`. */
size_t ring_collect_count(const struct ring_collect *c, unsigned type);

/* Index of the first event of `type` at or after `from`, or -1. */
long ring_collect_find(const struct ring_collect *c, unsigned type, size_t from);

/*
 * Create a 1024-slot ring in *ring, point this process's probe at it
 * (PROCSCOPE_RING_FD) and initialise the probe, so the mp calls of the test
 * and of the children it forks emit into it. Asserts on failure.
 */
void ring_collect_attach(struct ps_ring *ring);

/* Free every copy. */
void ring_collect_free(struct ring_collect *c);

/* Fork a child that reserves `n` slots of `ring` and is SIGKILLed before publishing them. */
void ring_die_after_reserve(struct ps_ring *ring, unsigned n);

#endif /* PS_TESTS_SUPPORT_RING_COLLECT_H */
