/* SPDX-License-Identifier: MIT */
/*
 * `procscope info FILE`: a human-readable summary of a recording.
 */
#ifndef PS_TRACE_TRACE_INFO_H
#define PS_TRACE_TRACE_INFO_H

#include <stddef.h>
#include <stdio.h>

#include "session/model.h"
#include "session/sink.h"
#include "trace/trace_reader.h"

/* Everything `info` reports, collected in one pass over a recording. */
struct ps_trace_summary {
    struct ps_session_info info; /* the header */
    struct ps_session_end end;   /* the stored end (or the reader's, for a file cut short) */
    struct ps_trace_stats stats; /* version, size, blocks, completeness */
    struct ps_model model;       /* processes with their states, counts per type */
};

/*
 * Read the recording at `path` into a new summary (*out, free() it). Returns
 * 0, -ENOMEM, or the reader's error with its one-line message in err.
 */
int ps_trace_summary_load(const char *path, struct ps_trace_summary **out, char *err,
                          size_t errlen);

/* The recording's duration in ns (0 when the end is not after the start). */
uint64_t ps_trace_summary_duration(const struct ps_trace_summary *s);

/*
 * Read the recording at `path` and print to `out`: format version, demo,
 * argv, host, start time (local, ISO 8601), duration, time scale, the
 * processes with their exit statuses (folded by the session model), event
 * counts per type, drops, torn slots, event blocks, and `complete` or
 * `cut short after block N`. A file cut short is summarised, not an error.
 * Returns 0 or the reader's error (-ENOENT, -EBADMSG, -EPROTO, -EIO …) with
 * its one-line message in err (errlen bytes); nothing is printed then.
 * -ENOMEM when the model cannot be allocated. Supervisor/CLI process.
 */
int ps_trace_info(const char *path, FILE *out, char *err, size_t errlen);

#endif /* PS_TRACE_TRACE_INFO_H */
