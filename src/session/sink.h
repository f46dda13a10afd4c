/* SPDX-License-Identifier: MIT */
/*
 * The event-sink interface: one shape for every consumer of events.
 *
 * Sources (the live reader in src/supervisor, the recording reader in
 * src/trace) call on_begin once, on_event for each event in order, and on_end
 * once. Consumers (the session model, the recorder, the exporters, the
 * --events printers) implement it, so live and replay go through exactly the
 * same code. A callback returns 0, or a negative errno to ask the source to
 * stop (the source passes that value back to its caller).
 */
#ifndef PS_SESSION_SINK_H
#define PS_SESSION_SINK_H

#include <stdint.h>

#include "core/event.h"

#define PS_SESSION_DEMO_MAX 64
#define PS_SESSION_ARGV_MAX 512
#define PS_SESSION_HOST_MAX 64

/* What is known about a session before its first event. */
struct ps_session_info {
    char demo[PS_SESSION_DEMO_MAX];  /* demo name, or the program for run -- CMD */
    char argv[PS_SESSION_ARGV_MAX];  /* the command line, arguments separated by spaces */
    char host[PS_SESSION_HOST_MAX];  /* host name */
    uint64_t start_wall_ns;          /* CLOCK_REALTIME at start, ns since the epoch */
    uint64_t start_mono_ns;          /* CLOCK_MONOTONIC at the same moment: events' time base */
    double time_scale;               /* the --time-scale in force (1.0 by default) */
    int32_t supervisor_pid;          /* pid of the procscope that ran it (0 if unknown) */
};

/* What is known once a session is over. */
struct ps_session_end {
    uint64_t end_mono_ns; /* CLOCK_MONOTONIC at the end */
    uint64_t events;      /* events delivered */
    uint64_t drops;       /* events the ring dropped because it was full */
    uint64_t torn;        /* ring slots skipped because their producer never published */
    int32_t exit_status;  /* the demo's main: exit code, or -N when killed by signal N */
    uint8_t complete;     /* 1: ended normally; 0: cut short (crash, truncated file) */
    uint8_t containment;  /* how the session was contained (PS_CONTAIN_*; 0 not recorded) */
};

typedef int (*ps_sink_begin_fn)(void *ctx, const struct ps_session_info *info);
typedef int (*ps_sink_event_fn)(void *ctx, const struct ps_event *ev);
typedef int (*ps_sink_end_fn)(void *ctx, const struct ps_session_end *end);

/* Any callback may be NULL (nothing to do at that point). */
struct ps_sink {
    ps_sink_begin_fn on_begin;
    ps_sink_event_fn on_event;
    ps_sink_end_fn on_end;
    void *ctx;
};

static inline int ps_sink_begin(const struct ps_sink *sink, const struct ps_session_info *info)
{
    return sink->on_begin ? sink->on_begin(sink->ctx, info) : 0;
}

static inline int ps_sink_event(const struct ps_sink *sink, const struct ps_event *ev)
{
    return sink->on_event ? sink->on_event(sink->ctx, ev) : 0;
}

static inline int ps_sink_end(const struct ps_sink *sink, const struct ps_session_end *end)
{
    return sink->on_end ? sink->on_end(sink->ctx, end) : 0;
}

#endif /* PS_SESSION_SINK_H */
