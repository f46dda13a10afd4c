/* SPDX-License-Identifier: MIT */
/*
 * One event as one readable line, the format of `--events=text` and
 * `export --format text`, also drawn by the UI's Events pane:
 *
 *   +0.001234 Process-1[4242] pipe.send pipe=1 bytes=9 end=1 value="42"
 *
 * The time is relative to the session start, in seconds with microseconds;
 * then the emitting process's name and pid, the type's name, and the type's
 * used fields under the key names of ps_event_type_info() (numbers as
 * decimals, the text field quoted). Everything that came from a process is
 * escaped (see export_escape.h), so a line is safe to write to a terminal.
 * Text beyond PS_EVENT_TEXT_MAX bytes is left out and flagged like a text
 * the producer cut (" [cut]").
 */
#ifndef PS_EXPORT_EXPORT_TEXT_H
#define PS_EXPORT_EXPORT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

/* Bytes that always hold a whole line (the longest possible line is shorter). */
#define PS_EXPORT_TEXT_LINE_MAX 8192

/*
 * Format `ev` into buf[0..size) without a trailing newline; `proc_name` is
 * the emitter's name (NULL: unknown, only the pid is shown), `base_ns` the
 * session's start_mono_ns. A line longer than the buffer is cut between two
 * fields or escapes, never inside one. Always NUL-terminates when size > 0.
 * Returns the bytes written, not counting the NUL. Pure; any thread.
 */
size_t ps_export_text_line(char *buf, size_t size, const struct ps_event *ev, const char *proc_name,
                           uint64_t base_ns);

#endif /* PS_EXPORT_EXPORT_TEXT_H */
