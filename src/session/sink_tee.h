/* SPDX-License-Identifier: MIT */
/* A sink that forwards every call to several sinks in order (e.g. printer + recorder). */
#ifndef PS_SESSION_SINK_TEE_H
#define PS_SESSION_SINK_TEE_H

#include <stddef.h>

#include "session/sink.h"

#define PS_SINK_TEE_MAX 4

struct ps_sink_tee {
    struct ps_sink sinks[PS_SINK_TEE_MAX];
    size_t count;
};

/* Empty tee. */
void ps_sink_tee_init(struct ps_sink_tee *tee);

/* Add a sink; returns 0, or -ENOSPC when PS_SINK_TEE_MAX sinks are already in. */
int ps_sink_tee_add(struct ps_sink_tee *tee, struct ps_sink sink);

/*
 * The tee as a sink. Each call goes to every sink in the order they were
 * added; the first error stops the forwarding and is returned.
 */
struct ps_sink ps_sink_tee_sink(struct ps_sink_tee *tee);

#endif /* PS_SESSION_SINK_TEE_H */
