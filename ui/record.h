/* SPDX-License-Identifier: MIT */
/*
 * Recording a live session from the UI (`--record FILE` and the `R` key):
 * a .psrec writer fed first with everything the session log holds so far
 * (backfill), then with each new event as it arrives, finalised on stop.
 * The file appears under its final name only once finished. UI process only.
 */
#ifndef UI_RECORD_H
#define UI_RECORD_H

#include <stddef.h>

#include "core/event.h"
#include "session/sink.h"

struct ps_session;
struct ui_record;

/*
 * Start recording `s` to `path`: writes the session's info and every event
 * of its log so far. On success *out is the caller's (ui_record_stop or
 * ui_record_abort frees it). Returns 0 or -errno (-ENOSYS when this build
 * has no trace writer).
 */
int ui_record_start(struct ui_record **out, const char *path, const struct ps_session *s);

/* Append one new event. Returns 0 or -errno (the recording is then broken: stop it). */
int ui_record_event(struct ui_record *r, const struct ps_event *ev);

/* Finish the file with `end` (NULL: the totals so far, cut short) and free. Returns 0 or -errno. */
int ui_record_stop(struct ui_record *r, const struct ps_session_end *end);

/* Remove the unfinished file and free. NULL is fine. */
void ui_record_abort(struct ui_record *r);

/* The default file name for demo `demo` at wall time now: procscope-<demo>-<YYYYmmdd-HHMMSS>.psrec
 */
void ui_record_default_name(char *buf, size_t size, const char *demo);

#endif /* UI_RECORD_H */
