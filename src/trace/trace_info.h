/* SPDX-License-Identifier: MIT */
/*
 * `procscope info FILE`: a human-readable summary of a recording.
 */
#ifndef PS_TRACE_TRACE_INFO_H
#define PS_TRACE_TRACE_INFO_H

#include <stddef.h>
#include <stdio.h>

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
