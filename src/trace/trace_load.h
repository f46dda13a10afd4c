/* SPDX-License-Identifier: MIT */
/*
 * Loading a `.psrec` recording into a session for replay, lazily.
 *
 * Loading checks the whole file exactly as ps_trace_read does (same returns,
 * same messages, a file cut short is its readable prefix) and remembers where
 * each event block is, but stores no event: the session counts them at once
 * and decodes a block into its event log when a seek or an event lookup first
 * reaches it (see ps_session_attach). So loading costs what checking costs,
 * and a replay that only looks at the start never decodes the rest.
 *
 * The file stays open while the session has events pending. Each block is
 * read again and its CRC checked before it is decoded: a file changed since
 * it was loaded makes the seek that reaches the changed block fail with -EIO
 * (the events before it stay usable), never crashes.
 *
 * A file of 64 event blocks or more is checked on two threads (the second
 * one lives only during ps_trace_load): the result is the same as checking
 * it on one, down to which damaged block is named when there are several.
 *
 * The supervisor/UI/CLI thread that owns the session calls this.
 */
#ifndef PS_TRACE_TRACE_LOAD_H
#define PS_TRACE_TRACE_LOAD_H

#include <stddef.h>

#include "session/session.h"
#include "trace/trace_reader.h"

/*
 * Load the recording at `path` into `s`, a new session (no events): its info
 * and end record are stored at once (for a file cut short, the end that
 * ps_trace_read passes on), its events attached as pending. The session does
 * not fold anything while loading. Returns 0 or what ps_trace_read_ex would
 * return, with the same one-line message in err; on an error the session has
 * no events. stats may be NULL.
 */
int ps_trace_load(const char *path, struct ps_session *s, struct ps_trace_stats *stats, char *err,
                  size_t errlen);

#endif /* PS_TRACE_TRACE_LOAD_H */
