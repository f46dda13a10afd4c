/* SPDX-License-Identifier: MIT */
/*
 * The six panes of the live and replay views, and the few accessors the frame
 * needs beyond the pane class of ui/pane.h.
 *
 * Each constructor returns a new pane (base.win NULL until the layout gives
 * it room; the frame creates and deletes the window) that the caller owns and
 * frees with ui_pane_destroy(). Allocation failure aborts (ps_xmalloc): UI
 * process only. Every pane reads the session only in its update callback and
 * draws only from the view rows that update built, so update can be tested
 * without a terminal and draw without a session.
 *
 * Keys a pane takes when focused: Up/Down move the selection or scroll one
 * row, PgUp/PgDn one page, Home/End the first/last row (End also makes the
 * Events and Output panes follow the newest line again).
 */
#ifndef UI_PANES_H
#define UI_PANES_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/pane.h"

/* Processes: a row per process, its state, exit status and lifetime bar. */
struct ui_pane *ui_pane_procs_new(void);

/* Channels: each pipe and queue with its traffic, values, closes and depth. */
struct ui_pane *ui_pane_channels_new(void);

/* Sync: each barrier (arrivals, release, waits) and lock (holder, waiters). */
struct ui_pane *ui_pane_sync_new(void);

/* Pool: a lane per worker, busy intervals on the time axis, backlog. */
struct ui_pane *ui_pane_pool_new(void);

/* Events: the event log with a cursor, filter and search highlight. */
struct ui_pane *ui_pane_events_new(void);

/* Output: what each process printed, prefixed with its name in its colour. */
struct ui_pane *ui_pane_output_new(void);

/*
 * The pid of the process selected in a Processes pane (the target of `k`),
 * or 0 when none is selected or `pane` is not a Processes pane.
 */
int32_t ui_pane_procs_selected(const struct ui_pane *pane);

/*
 * The index in the session log of the event under the Events pane's cursor,
 * or -1 when the pane shows no event (or `pane` is not an Events pane).
 */
int64_t ui_pane_events_cursor(const struct ui_pane *pane);

/*
 * Show only events of process `pid` (0: every process) and of type `type`
 * (PS_EV_NONE = 0: every type). Takes effect at the next update; marks the
 * pane dirty. Ignored when `pane` is not an Events pane.
 */
void ui_pane_events_set_filter(struct ui_pane *pane, int32_t pid, unsigned type);

/*
 * Show only events of process `pid` (0: every process) whose type is
 * `prefix` or starts with `prefix` and a dot ("pipe": pipe.*; NULL or "": any
 * type); `text` is what the user typed, shown in the pane's title with the
 * count of events that pass. Takes effect at the next update.
 */
void ui_pane_events_set_filter_text(struct ui_pane *pane, int32_t pid, const char *prefix,
                                    const char *text);

/*
 * Highlight lines containing `needle` (case-insensitive; NULL or "" clears;
 * copied, at most 63 bytes kept). Takes effect at the next update.
 */
void ui_pane_events_set_search(struct ui_pane *pane, const char *needle);

/*
 * Move the cursor to the next (forward) or previous event after/before the
 * cursor whose line contains the search text and passes the filter, among
 * the events up to the session's cursor; the pane stops following. Returns
 * true when one was found (the pane is then dirty; the frame calls update).
 */
bool ui_pane_events_search_next(struct ui_pane *pane, const struct ps_session *session,
                                bool forward);

#endif /* UI_PANES_H */
