/* SPDX-License-Identifier: MIT */
/*
 * Synthetic events for tests: build one event in a line, or feed a model or a
 * sink a list of them. Texts are borrowed (string literals are fine).
 */
#ifndef PS_TESTS_SUPPORT_EVENTS_SYNTH_H
#define PS_TESTS_SUPPORT_EVENTS_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "session/model.h"
#include "session/sink.h"

/* An event with seq 0 (ps_synth_feed/_sink number them); text may be NULL. */
struct ps_event ps_synth_event(unsigned type, uint64_t t_ns, int32_t pid, uint32_t obj,
                               int32_t peer, int64_t a, int64_t b, const char *text);

/* Apply evs[0..n) to m in order, numbering seq from m->events. */
void ps_synth_apply(struct ps_model *m, struct ps_event *evs, size_t n);

/* Send evs[0..n) to the sink's on_event, numbering seq from *seq; returns 0 or the first error. */
int ps_synth_sink(const struct ps_sink *sink, struct ps_event *evs, size_t n, uint64_t *seq);

/*
 * A deterministic pseudo-random but well-formed mix of events of every area
 * (one supervisor, 6 processes, a pipe, a queue, a lock, a barrier, a pool, a
 * namespace, output), event i of a session seeded by `seed`. text_buf (≥ 64
 * bytes) receives the text the event points at.
 */
struct ps_event ps_synth_mixed(uint64_t seed, uint64_t i, char *text_buf, size_t text_n);

#endif /* PS_TESTS_SUPPORT_EVENTS_SYNTH_H */
