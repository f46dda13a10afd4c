/* SPDX-License-Identifier: MIT */
/*
 * A sink that keeps everything it is given (info, deep copies of the events,
 * end), for tests comparing what a source delivered.
 */
#ifndef PS_TESTS_SUPPORT_TRACE_COLLECT_H
#define PS_TESTS_SUPPORT_TRACE_COLLECT_H

#include <stdbool.h>
#include <stddef.h>

#include "session/sink.h"

struct ps_collect {
    bool began;
    bool ended;
    struct ps_session_info info;
    struct ps_session_end end;
    struct ps_event *evs; /* texts owned by the collector */
    size_t n;
    size_t cap;
    size_t fail_after; /* when non-zero, on_event returns -ECANCELED once n reaches it */
};

/* The collector as a sink (c zeroed first by the caller). */
struct ps_sink ps_collect_sink(struct ps_collect *c);

/* Free the copies. */
void ps_collect_free(struct ps_collect *c);

/* True when two events are equal field by field, text included. */
bool ps_collect_event_eq(const struct ps_event *x, const struct ps_event *y);

/* Read a whole file into a malloc'd buffer (*len bytes); NULL on error. */
unsigned char *ps_collect_slurp(const char *path, size_t *len);

/* Write len bytes to path (replacing it); 0 or -errno. */
int ps_collect_spit(const char *path, const void *data, size_t len);

#endif /* PS_TESTS_SUPPORT_TRACE_COLLECT_H */
