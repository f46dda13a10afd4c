/* SPDX-License-Identifier: MIT */
/*
 * The event printer behind `run --events`, `replay --events` and
 * `export --format text|jsonl`: a sink that writes one line per event, in
 * the text format (export_text.h) or as JSONL (export_jsonl.h, JSONL.md).
 *
 * It keeps its own process table (export_procs.h), folded as events pass
 * with the rules of session/procs.h, to name each event's emitter (the
 * supervisor is "procscope"), so the same events print the same lines
 * whatever their source (the live rings or a recording) and the same lines
 * as the Events pane. Times are relative to the session's start_mono_ns from
 * on_begin, or to the first event when that is unknown or later
 * (ps_procs_time_base).
 * Used by the supervisor process (CLI) only; not thread-safe.
 */
#ifndef PS_EXPORT_PRINTER_H
#define PS_EXPORT_PRINTER_H

#include <stdio.h>

#include "session/sink.h"

enum ps_print_format {
    PS_PRINT_TEXT,  /* +0.001234 Process-1[4242] pipe.send pipe=1 bytes=9 end=1 value="42" */
    PS_PRINT_JSONL, /* {"seq":…,"t_ns":…,"pid":…,"type":…,"name":…,<fields>} */
    PS_PRINT_STORY, /* +0.001234 Process-1 sent 42 into pipe 1 (9 B) */
};

struct ps_printer;

/*
 * A printer writing to `out` (borrowed: the caller keeps and closes it).
 * Returns NULL with errno ENOMEM, or EINVAL for an unknown format.
 */
struct ps_printer *ps_printer_new(FILE *out, enum ps_print_format fmt);

/*
 * The printer as a sink (ctx = printer). on_event returns -EIO (or the
 * stream's errno) when writing fails, -ENOMEM when the process table cannot
 * grow; on_end flushes `out` and returns -EIO when that fails.
 */
struct ps_sink ps_printer_sink(struct ps_printer *printer);

/* Free the printer (NULL is fine); `out` is neither flushed nor closed. */
void ps_printer_free(struct ps_printer *printer);

#endif /* PS_EXPORT_PRINTER_H */
