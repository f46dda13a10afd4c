/* SPDX-License-Identifier: MIT */
/*
 * One event as one JSON object on one line: the `--events=jsonl` and
 * `export --format jsonl` schema, documented in src/export/JSONL.md.
 *
 *   {"seq":7,"t_ns":1234567,"pid":4242,"type":"pipe.send","name":"Process-1",
 *    "pipe":1,"bytes":9,"end":1,"value":"42"}
 */
#ifndef PS_EXPORT_EXPORT_JSONL_H
#define PS_EXPORT_EXPORT_JSONL_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "export/export_escape.h"

/* Bytes that always hold a whole line (the longest possible line is shorter). */
#define PS_EXPORT_JSONL_LINE_MAX 8192

/*
 * Format `ev` as a JSON object into buf[0..size) without a trailing newline.
 * Text beyond PS_EVENT_TEXT_MAX bytes is left out and flagged
 * ("text_cut":true). `proc_name` is the emitter's name (NULL: written as null); `t_ns` is
 * written relative to `base_ns` (the session's start_mono_ns). Returns the
 * bytes written, not counting the NUL, or 0 when the object did not fit (the
 * buffer then holds an empty string: a cut object would not be valid JSON).
 * Pure; any thread.
 */
size_t ps_export_jsonl_line(char *buf, size_t size, const struct ps_event *ev,
                            const char *proc_name, uint64_t base_ns);

/*
 * Append the fields `ev`'s type uses as JSON members, each preceded by a
 * comma (`,"pipe":1,"bytes":9`); an unknown type gets `type_id` and every
 * field under generic keys (obj, peer, a, b, text). The Chrome exporter puts
 * them in its events' args. Pure; any thread.
 */
void ps_export_jsonl_fields(struct ps_export_buf *b, const struct ps_event *ev);

#endif /* PS_EXPORT_EXPORT_JSONL_H */
