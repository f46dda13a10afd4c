/* SPDX-License-Identifier: MIT */
/*
 * The Events pane: the session's event log up to the cursor (the events the
 * model has applied), one line per event, newest at the bottom.
 *
 * The pane holds a window of at most UI_EVENTS_WINDOW lines around its own
 * cursor (the selected event): while following, the last lines of the log
 * and the cursor on the newest; once the user moves, the cursor stays on its
 * event and new events no longer scroll the view, until End. A filter (one
 * process, one event type) hides other events; a search text highlights its
 * matches. Lines are the export module's text format, escaped before curses.
 *
 * While it follows, an update formats only the events that arrived since the
 * previous one and drops as many rows from the front, as long as nothing
 * else that the lines depend on changed (the log, the filter, the search,
 * the pane's height, the time base, the process names).
 */
#include "ui/panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/event.h"
#include "core/xalloc.h"
#include "export/export_text.h"
#include "session/procs.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/rows.h"
#include "ui/textsafe.h"

#define UI_EVENTS_WINDOW 256    /* lines kept around the cursor, at most */
#define UI_EVENTS_WINDOW_MIN 64 /* … and at least (twice the pane's height between) */
#define UI_EVENTS_SCAN 65536    /* events examined per direction per update, at most */
#define UI_EVENTS_SEARCH_MAX 64 /* search text bytes, NUL included */
#define UI_EVENTS_LINE_MAX 512  /* formatted line bytes kept */

struct events_pane {
    /* first: the pane, its rows (keys: event indexes) and cursor (list.sel_key: its event) */
    struct ui_view_pane view;
    int32_t filter_pid;       /* 0: all */
    unsigned filter_type;     /* PS_EV_NONE: all */
    char search[UI_EVENTS_SEARCH_MAX];
    /* What the rows were built from, for the follow-mode append (valid: built following). */
    bool built_valid;
    uint64_t built_end; /* the session's cursor then */
    uint64_t built_seq; /* seq of event built_end - 1, so a reset log is noticed */
    uint64_t built_sig; /* everything else the lines depend on (ui_pane_events_sig) */
};

/* Whether event `ev` passes the pane's filter. */
static bool ui_pane_events_pass(const struct events_pane *ep, const struct ps_event *ev)
{
    if (ep->filter_pid && ev->pid != ep->filter_pid && ev->peer != ep->filter_pid) {
        return false;
    }
    return ep->filter_type == PS_EV_NONE || ev->type == ep->filter_type;
}

/* Event `i` formatted and escaped into buf, or false when it does not pass the filter. */
static bool ui_pane_events_line(const struct events_pane *ep, const struct ps_session *session,
                                uint64_t i, char *buf, size_t size)
{
    struct ps_event ev;
    if (ps_session_event(session, i, &ev) != 0 || !ui_pane_events_pass(ep, &ev)) {
        return false;
    }
    char raw[UI_EVENTS_LINE_MAX];
    const struct ps_model *m = ps_session_model(session);
    const struct ps_session_info *info = ps_session_info(session);
    uint64_t base = ps_procs_time_base(info->start_mono_ns, m->t_first);
    const char *name = ps_procs_display_name(ps_model_proc_name(m, ev.pid), ev.pid,
                                             info->supervisor_pid, m->supervisor);
    size_t len = ps_export_text_line(raw, sizeof(raw), &ev, name, base);
    ui_text_escape(buf, size, raw, len);
    return true;
}

/* Where `needle` is in `hay` (case-insensitive), or NULL; "" never matches. */
static const char *ui_pane_events_match(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0) {
        return NULL;
    }
    for (const char *p = hay; *p; p++) {
        if (strncasecmp(p, needle, n) == 0) {
            return p;
        }
    }
    return NULL;
}

/* A row for event `i` with the search match highlighted. */
static void ui_pane_events_row(struct events_pane *ep, const char *line, uint64_t i)
{
    struct ui_row *row = ui_rows_add(&ep->view.rows, (int64_t)i);
    const char *hit = ui_pane_events_match(line, ep->search);
    if (!hit) {
        ui_row_text(row, UI_COLOR_NORMAL, "%s", line);
        return;
    }
    int pre = (int)(hit - line);
    int len = (int)strlen(ep->search);
    ui_row_text(row, UI_COLOR_NORMAL, "%.*s", pre, line);
    ui_row_text(row, UI_COLOR_SEARCH, "%.*s", len, hit);
    ui_row_text(row, UI_COLOR_NORMAL, "%s", hit + len);
}

/* Whether event `i` exists and passes the filter. */
static bool ui_pane_events_want(const struct events_pane *ep, const struct ps_session *session,
                                uint64_t i)
{
    struct ps_event ev;
    return ps_session_event(session, i, &ev) == 0 && ui_pane_events_pass(ep, &ev);
}

/*
 * Collect into idx (ascending) up to `max` passing events at or before
 * `from` (when back) or after it, below `end`. Returns how many.
 */
static uint32_t ui_pane_events_collect(const struct events_pane *ep,
                                       const struct ps_session *session, int64_t from, uint64_t end,
                                       bool back, uint64_t *idx, uint32_t max)
{
    uint32_t n = 0;
    uint32_t scanned = 0;
    if (back) {
        for (int64_t i = from; i >= 0 && n < max && scanned < UI_EVENTS_SCAN; i--, scanned++) {
            if (ui_pane_events_want(ep, session, (uint64_t)i)) {
                idx[max - 1 - n++] = (uint64_t)i;
            }
        }
        memmove(idx, idx + (max - n), n * sizeof(*idx));
        return n;
    }
    for (uint64_t i = (uint64_t)(from + 1); i < end && n < max && scanned < UI_EVENTS_SCAN;
         i++, scanned++) {
        if (ui_pane_events_want(ep, session, i)) {
            idx[n++] = i;
        }
    }
    return n;
}

/* The rows' window: twice the pane's height, within [UI_EVENTS_WINDOW_MIN, UI_EVENTS_WINDOW]. */
static uint32_t ui_pane_events_window(const struct ui_pane *pane)
{
    uint32_t window = (uint32_t)(pane->rect.h > 0 ? 2 * pane->rect.h : 0);
    window = window < UI_EVENTS_WINDOW_MIN ? UI_EVENTS_WINDOW_MIN : window;
    return window > UI_EVENTS_WINDOW ? UI_EVENTS_WINDOW : window;
}

/* A signature of what formatted lines depend on besides the events themselves. */
static uint64_t ui_pane_events_sig(const struct events_pane *ep, const struct ps_session *session)
{
    const struct ps_model *m = ps_session_model(session);
    uintptr_t who = (uintptr_t)session;
    uint64_t v[7] = {who,
                     ui_pane_events_window(&ep->view.base),
                     (uint64_t)ep->filter_pid,
                     ep->filter_type,
                     ps_session_info(session)->start_mono_ns,
                     m->t_first,
                     (uint64_t)m->supervisor};
    uint64_t h = ui_rows_hash(UI_ROWS_HASH_BASIS, v, sizeof(v));
    h = ui_rows_hash(h, ep->search, strlen(ep->search) + 1);
    uint32_t n = m->nprocs < PS_MODEL_PROCS ? m->nprocs : PS_MODEL_PROCS;
    for (uint32_t i = 0; i < n; i++) {
        h = ui_rows_hash(h, &m->procs[i].pid, sizeof(m->procs[i].pid));
        h = ui_rows_hash(h, m->procs[i].name, strlen(m->procs[i].name));
    }
    return h;
}

/* The seq of event i, or UINT64_MAX when there is none. */
static uint64_t ui_pane_events_seq(const struct ps_session *session, uint64_t i)
{
    struct ps_event ev;
    return ps_session_event(session, i, &ev) == 0 ? ev.seq : UINT64_MAX;
}

/*
 * Following, with the rows built from events [0, built_end) of the same log
 * and nothing else changed: append rows for the events up to `end` and drop
 * the oldest as the whole build would. Returns false when it cannot.
 */
static bool ui_pane_events_append(struct events_pane *ep, const struct ps_session *session,
                                  uint64_t end, uint64_t sig)
{
    struct ui_rows *rows = &ep->view.rows;
    uint32_t window = ui_pane_events_window(&ep->view.base);
    if (!ep->view.list.follow || !ep->built_valid || sig != ep->built_sig || end < ep->built_end ||
        end - ep->built_end > window || ep->built_end == 0 ||
        ui_pane_events_seq(session, ep->built_end - 1) != ep->built_seq) {
        return false;
    }
    char line[UI_ROW_TEXT];
    for (uint64_t i = ep->built_end; i < end; i++) {
        if (ui_pane_events_line(ep, session, i, line, sizeof(line))) {
            ui_pane_events_row(ep, line, i);
        }
    }
    uint32_t drop = rows->n > window ? rows->n - window : 0;
    while (drop < rows->n && rows->rows[drop].key < (int64_t)end - UI_EVENTS_SCAN) {
        drop++; /* beyond what the whole build scans back */
    }
    ui_rows_drop_front(rows, drop);
    ep->view.list.sel = rows->n > 0 ? (int64_t)rows->n - 1 : -1;
    return true;
}

/* Build the rows of the window around the cursor (or the newest events) from scratch. */
static void ui_pane_events_build(struct events_pane *ep, const struct ps_session *session,
                                 uint64_t end)
{
    uint64_t idx[UI_EVENTS_WINDOW];
    struct ui_list *l = &ep->view.list;
    ui_rows_clear(&ep->view.rows);
    l->sel = -1;
    int64_t anchor =
        l->follow || l->sel_key < 0 || (uint64_t)l->sel_key >= end ? (int64_t)end - 1 : l->sel_key;
    uint32_t window = ui_pane_events_window(&ep->view.base);
    uint32_t back_max = l->follow ? window : window / 2;
    uint32_t nb = ui_pane_events_collect(ep, session, anchor, end, true, idx, back_max);
    uint32_t nf = ui_pane_events_collect(ep, session, anchor, end, false, idx + nb, window - nb);
    char line[UI_ROW_TEXT];
    for (uint32_t i = 0; i < nb + nf; i++) {
        if (ui_pane_events_line(ep, session, idx[i], line, sizeof(line))) {
            ui_pane_events_row(ep, line, idx[i]);
        }
    }
    if (ep->view.rows.n > 0) {
        l->sel = nb > 0 ? (int64_t)nb - 1 : 0;
        if (l->sel >= (int64_t)ep->view.rows.n) {
            l->sel = (int64_t)ep->view.rows.n - 1;
        }
    }
}

/* The rows of the window around the cursor: appended to while following, else rebuilt. */
static bool ui_pane_events_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct events_pane *ep = (struct events_pane *)pane;
    uint64_t end = ps_session_cursor(session);
    if (end == 0) {
        ui_rows_clear(&ep->view.rows);
        ep->view.list.sel = -1;
        ep->built_valid = false;
        return false;
    }
    uint64_t sig = ui_pane_events_sig(ep, session);
    if (!ui_pane_events_append(ep, session, end, sig)) {
        ui_pane_events_build(ep, session, end);
    }
    if (ep->view.list.sel >= 0) {
        ep->view.list.sel_key = ep->view.rows.rows[ep->view.list.sel].key;
    }
    ui_list_sync(&ep->view);
    ep->built_valid = ep->view.list.follow;
    ep->built_end = end;
    ep->built_seq = ui_pane_events_seq(session, end - 1);
    ep->built_sig = sig;
    return true;
}

/* The list keys; Home goes to the very first event, beyond the rows kept. */
static unsigned ui_pane_events_key(struct ui_pane *pane, int ch)
{
    struct events_pane *ep = (struct events_pane *)pane;
    unsigned r = ui_list_key(pane, ch);
    if (r != UI_KEY_IGNORED && ch == KEY_HOME) {
        ep->view.list.sel_key = 0;
    }
    return r;
}

static const struct ui_pane_class ui_pane_events_class = {
    .name = "Events",
    .update = ui_pane_events_update,
    .draw = ui_list_draw,
    .key = ui_pane_events_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_events_new(void)
{
    struct events_pane *ep = ps_xcalloc(1, sizeof(*ep));
    ep->view.base.cls = &ui_pane_events_class;
    ep->view.base.dirty = true;
    ui_rows_init(&ep->view.rows);
    ui_list_init(&ep->view, true);
    return &ep->view.base;
}

/* The pane as an Events pane, or NULL. */
static struct events_pane *ui_pane_events_cast(const struct ui_pane *pane)
{
    if (!pane || pane->cls != &ui_pane_events_class) {
        return NULL;
    }
    return (struct events_pane *)(uintptr_t)pane;
}

int64_t ui_pane_events_cursor(const struct ui_pane *pane)
{
    const struct events_pane *ep = ui_pane_events_cast(pane);
    return ep && ep->view.list.sel >= 0 ? ep->view.list.sel_key : -1;
}

void ui_pane_events_set_filter(struct ui_pane *pane, int32_t pid, unsigned type)
{
    struct events_pane *ep = ui_pane_events_cast(pane);
    if (ep) {
        ep->filter_pid = pid;
        ep->filter_type = type < PS_EV__COUNT ? type : PS_EV_NONE;
        pane->dirty = true;
    }
}

void ui_pane_events_set_search(struct ui_pane *pane, const char *needle)
{
    struct events_pane *ep = ui_pane_events_cast(pane);
    if (ep) {
        strlcpy(ep->search, needle ? needle : "", sizeof(ep->search));
        pane->dirty = true;
    }
}

bool ui_pane_events_search_next(struct ui_pane *pane, const struct ps_session *session,
                                bool forward)
{
    struct events_pane *ep = ui_pane_events_cast(pane);
    if (!ep || ep->search[0] == '\0') {
        return false;
    }
    int64_t end = (int64_t)ps_session_cursor(session);
    const struct ui_list *l = &ep->view.list;
    bool at_end = l->follow || l->sel_key < 0 || l->sel_key >= end;
    int64_t from = at_end ? (forward ? -1 : end) : l->sel_key;
    char line[UI_ROW_TEXT];
    int64_t step = forward ? 1 : -1;
    /* Every event once, starting after the cursor and wrapping around the ends. */
    for (int64_t k = 1; k <= end; k++) {
        int64_t i = ((from + step * k) % end + end) % end;
        if (ui_pane_events_line(ep, session, (uint64_t)i, line, sizeof(line)) &&
            ui_pane_events_match(line, ep->search)) {
            ep->view.list.follow = false;
            ep->view.list.sel_key = i;
            pane->dirty = true;
            return true;
        }
    }
    return false;
}
