/* SPDX-License-Identifier: MIT */
/*
 * Chrome / Perfetto Trace Event JSON export (`export --format chrome`): a
 * sink that streams a session into one JSON document that chrome://tracing
 * and ui.perfetto.dev open.
 *
 * What a session becomes (timestamps in µs from the session start, with ns
 * precision; every process is one track, pid as both pid and tid):
 *  - process_name / thread_name / process_sort_index metadata per process,
 *    named as the events name it, and a lifetime slice (X) from its spawn (or
 *    first event) to its exit (or the session end), with its exit code;
 *  - each pipe send / queue put as a zero-length slice on the sender's track
 *    and each receive / get on the receiver's, joined by a flow pair (s/f,
 *    same id) when a send finds its receive: sends and receives are paired per
 *    channel direction in FIFO order (a pipe's end 0 to end 1, end 1 to end 0,
 *    a queue's puts to its gets); a message never received gets no flow;
 *  - barrier waits, lock waits and holds, and pool tasks as slices;
 *  - queue depth as a counter (C) on the track of the process that opened it;
 *  - output lines as instant events, marks and ring drops as global instants,
 *    every other event as an instant with the type's fields as args.
 * Session facts (demo, argv, host, events, drops, torn, complete) go in
 * "otherData". The document is closed by on_end or, failing that, by
 * ps_export_chrome_free, so it is valid JSON even for an empty or cut-short
 * session. Used by the CLI process only; not thread-safe.
 */
#ifndef PS_EXPORT_EXPORT_CHROME_H
#define PS_EXPORT_EXPORT_CHROME_H

#include <stdio.h>

#include "session/sink.h"

struct ps_export_chrome;

/*
 * An exporter writing to `out` (borrowed: the caller flushes nothing, closes
 * it after ps_export_chrome_free). Returns NULL with errno ENOMEM, or EINVAL
 * when out is NULL. Nothing is written before the first callback or free.
 */
struct ps_export_chrome *ps_export_chrome_new(FILE *out);

/*
 * The exporter as a sink (ctx = exporter). Callbacks return 0, -ENOMEM, or
 * the first write error (-errno, -EIO when errno says nothing); after an
 * error every later callback returns it again. on_end writes the closing
 * part of the document and flushes `out`.
 */
struct ps_sink ps_export_chrome_sink(struct ps_export_chrome *chrome);

/*
 * Close the document if on_end did not, flush `out` and free the exporter
 * (NULL is fine: returns 0). Returns 0 when everything was written, or the
 * first error (-errno) met while writing: the output is then incomplete and
 * the caller should remove it.
 */
int ps_export_chrome_free(struct ps_export_chrome *chrome);

#endif /* PS_EXPORT_EXPORT_CHROME_H */
