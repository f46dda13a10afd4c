/* SPDX-License-Identifier: MIT */
#include "ui/frame.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/event.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/glyphs.h"
#include "ui/help.h"
#include "ui/panes.h"
#include "ui/rows.h"
#include "ui/term.h"
#include "ui/textsafe.h"
#include "ui/theme.h"
#include "ui/view_sequence.h"

#define UI_TOO_SMALL "terminal too small (need 40x12)"
#define UI_TOO_SMALL_SHORT "too small (need 40x12)"

void ui_frame_init(struct ui_frame *f, const struct ps_session *session, bool replay)
{
    memset(f, 0, sizeof(*f));
    f->session = session;
    f->replay = replay;
    f->panes[UI_PANE_PROCS] = ui_pane_procs_new();
    f->panes[UI_PANE_CHANNELS] = ui_pane_channels_new();
    f->panes[UI_PANE_SYNC] = ui_pane_sync_new();
    f->panes[UI_PANE_POOL] = ui_pane_pool_new();
    f->panes[UI_PANE_EVENTS] = ui_pane_events_new();
    f->panes[UI_PANE_OUTPUT] = ui_pane_output_new();
    f->seq = ui_pane_sequence_new();
    f->sequence = ui_start_view_sequence();
    ui_input_bind_defaults(&f->keys);
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        ((struct ui_view_pane *)f->panes[i])->rows.axis = &f->axis;
    }
    f->focus = UI_PANE_PROCS;
    f->relayout = true;
    f->chrome_dirty = true;
}

void ui_frame_free(struct ui_frame *f)
{
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        ui_pane_destroy(f->panes[i]);
        f->panes[i] = NULL;
    }
    ui_pane_destroy(f->seq);
    f->seq = NULL;
    ui_frame_axis_free(f);
}

void ui_frame_set_sequence(struct ui_frame *f, bool on)
{
    f->sequence = on;
    if (on) {
        ui_pane_update(f->seq, f->session);
    }
    ui_frame_invalidate(f);
}

/* Columns the printed lines would like in Output (name, mark, text), measured once each. */
static int ui_frame_output_cols(struct ui_frame *f, const struct ps_model *m)
{
    uint64_t base = m->lines_total - m->nlines;
    if (f->output_seen > m->lines_total) {
        f->output_seen = 0; /* a new session */
        f->output_want = 0;
    }
    for (uint64_t k = f->output_seen > base ? f->output_seen : base; k < m->lines_total; k++) {
        const struct ps_model_line *line = ps_model_line(m, (uint32_t)(k - base));
        int w = line ? 16 + 3 + ui_rows_width(line->text, strlen(line->text)) : 0;
        f->output_want = w > f->output_want ? w : f->output_want;
    }
    f->output_seen = m->lines_total;
    return f->output_want;
}

void ui_frame_update(struct ui_frame *f, const struct ps_session *s)
{
    if (f->sequence) {
        ui_pane_update(f->seq, s);
    }
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        bool was = f->panes[i]->used;
        if (ui_pane_update(f->panes[i], s) != was) {
            f->relayout = true;
        }
    }
    const struct ui_rows *rows = ui_pane_rows(f->panes[UI_PANE_PROCS]);
    int procs = rows ? (int)rows->n : (int)ps_session_model(s)->nprocs + 1;
    int mid = 0;
    for (int i = UI_PANE_CHANNELS; i <= UI_PANE_POOL; i++) {
        const struct ui_rows *r = f->panes[i]->used ? ui_pane_rows(f->panes[i]) : NULL;
        if (r && (int)r->n > mid) {
            mid = (int)r->n;
        }
    }
    int out = ui_frame_output_cols(f, ps_session_model(s));
    if (out > f->output_cols + 4 || out < f->output_cols) {
        f->output_cols = out;
        f->relayout = true;
    }
    if (procs != f->procs_rows || mid != f->mid_rows) {
        f->procs_rows = procs;
        f->mid_rows = mid;
        f->relayout = true;
    }
    ui_frame_axis(f, f->status.now_ns, f->status.running);
}

void ui_frame_set_status(struct ui_frame *f, const struct ui_status *st)
{
    f->status = *st;
}

void ui_frame_message(struct ui_frame *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->message, sizeof(f->message), fmt, ap);
    va_end(ap);
    f->chrome_dirty = true;
}

void ui_frame_invalidate(struct ui_frame *f)
{
    f->relayout = true;
    f->chrome_dirty = true;
}

enum ui_mode ui_frame_mode(const struct ui_frame *f)
{
    bool replaying = f->status.mode == UI_MODE_REPLAY || f->status.mode == UI_MODE_REPLAY_PAUSED;
    if (f->replay != replaying) {
        return f->replay ? UI_MODE_REPLAY_PAUSED : UI_MODE_LIVE;
    }
    return f->status.mode;
}

/* The pane is on screen (it has a window). */
static bool ui_frame_placed(const struct ui_frame *f, int i)
{
    return f->panes[i]->win != NULL;
}

/* Give `p` a fresh window at `r` (none when r is empty). */
static void ui_frame_place(struct ui_pane *p, struct ui_rect r)
{
    if (p->win) {
        delwin(p->win);
        p->win = NULL;
    }
    if (!ui_rect_empty(&r)) {
        p->win = newwin(r.h, r.w, r.y, r.x);
    }
    p->rect = r;
    p->dirty = true;
}

/* Recompute the layout and give each placed pane a fresh window. */
static void ui_frame_layout(struct ui_frame *f)
{
    struct ui_layout_req req = {.preset = f->zoom ? UI_LAYOUT_ZOOM : UI_LAYOUT_TILED,
                                .zoomed = f->focus,
                                .procs_rows = f->procs_rows,
                                .mid_rows = f->mid_rows,
                                .output_cols = f->output_cols};
    getmaxyx(stdscr, req.rows, req.cols);
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        req.used[i] = f->panes[i]->used;
    }
    ui_layout_compute(&req, &f->layout);
    ui_frame_place(f->seq, f->sequence && !f->layout.too_small ? f->layout.body
                                                               : (struct ui_rect){0});
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        struct ui_pane *p = f->panes[i];
        ui_frame_place(p, f->sequence ? (struct ui_rect){0} : f->layout.pane[i]);
    }
    if (!f->layout.too_small && !f->sequence && !ui_frame_placed(f, (int)f->focus)) {
        for (int i = 0; i < UI_PANE_COUNT; i++) {
            if (ui_frame_placed(f, i)) {
                f->focus = (enum ui_pane_id)i;
                break;
            }
        }
    }
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        f->panes[i]->focused = i == (int)f->focus;
    }
    /* Output wraps its lines at its width: build its rows again for the new one. */
    if (f->session) {
        ui_pane_update(f->panes[UI_PANE_OUTPUT], f->session);
    }
    werase(stdscr);
    wnoutrefresh(stdscr);
    f->relayout = false;
    f->chrome_dirty = true;
}

/*
 * The detail line: when the Events cursor sits on an event whose line the
 * pane cuts, its whole text on the hint row (help and quit kept at the end).
 * Returns false when there is none to show.
 */
static bool ui_frame_draw_detail(struct ui_frame *f, struct ui_rect h)
{
    const struct ui_view_pane *ev = (const struct ui_view_pane *)f->panes[UI_PANE_EVENTS];
    if (f->focus != UI_PANE_EVENTS || ev->list.follow || ev->list.sel < 0 ||
        ev->list.sel >= (int64_t)ev->rows.n || !ev->base.win) {
        return false;
    }
    const struct ui_row *row = &ev->rows.rows[ev->list.sel];
    if (ui_rows_width(row->text, row->len) <= ev->base.rect.w - 2) {
        return false;
    }
    static const char keys[] = "  ? help  q quit";
    char text[UI_ROW_TEXT + sizeof(keys)];
    int room = h.w - (int)sizeof(keys) + 1;
    size_t n = room > 0 ? ui_text_fit(row->text, room) : 0;
    snprintf(text, sizeof(text), "%.*s%*s%s", (int)n, row->text,
             room > 0 ? room - ui_rows_width(row->text, n) : 0, "", keys);
    ui_hintbar_draw_keys(stdscr, h.y, h.w, text);
    return true;
}

/* The hint row: the prompt being typed, a message, the detail line or the key hints. */
static void ui_frame_draw_hint(struct ui_frame *f)
{
    static const char *const labels[] = {
        [UI_PROMPT_SEARCH] = "search: ",
        [UI_PROMPT_FILTER] = "filter (pid, process name or event type; empty: all): ",
        [UI_PROMPT_GOTO] = "go to (event number, or time like 2.5s): ",
    };
    struct ui_rect h = f->layout.hint;
    if (f->prompt == UI_PROMPT_SIGNAL || f->prompt == UI_PROMPT_CONFIRM) {
        ui_hintbar_draw_keys(stdscr, h.y, h.w, f->prompt_label);
        return;
    }
    if (f->prompt != UI_PROMPT_NONE) {
        char text[UI_PROMPT_MAX * 4 + 64];
        char esc[UI_PROMPT_MAX * 4];
        ui_text_escape_str(esc, sizeof(esc), f->prompt_buf);
        snprintf(text, sizeof(text), "%s%s_", labels[f->prompt], esc);
        wmove(stdscr, h.y, 0);
        wattrset(stdscr, (int)(ui_theme_attr(UI_COLOR_HINT_KEY)));
        wclrtoeol(stdscr);
        waddnstr(stdscr, text, (int)ui_text_fit(text, h.w));
        wattrset(stdscr, (int)(A_NORMAL));
        return;
    }
    if (f->message[0]) {
        ui_hintbar_draw(stdscr, h.y, h.w, f->replay, f->message);
    } else if (ui_frame_draw_detail(f, h)) {
        return;
    } else {
        char keys[512];
        ui_input_hints(ui_frame_mode(f), h.w, keys, sizeof(keys));
        ui_hintbar_draw_keys(stdscr, h.y, h.w, keys);
    }
}

/* Status line and hint bar onto stdscr when they changed; true when painted. */
static bool ui_frame_draw_chrome(struct ui_frame *f)
{
    char text[sizeof(f->status_text)];
    ui_statusbar_text(&f->status, text, sizeof(text));
    if (!f->chrome_dirty && strcmp(text, f->status_text) == 0) {
        return false;
    }
    memcpy(f->status_text, text, sizeof(text));
    ui_statusbar_draw(stdscr, 0, f->layout.status.w, &f->status);
    ui_frame_draw_hint(f);
    wnoutrefresh(stdscr);
    f->chrome_dirty = false;
    return true;
}

/* The one-line message of a terminal below the minimum size. */
static bool ui_frame_draw_too_small(struct ui_frame *f)
{
    if (!f->chrome_dirty) {
        return false;
    }
    werase(stdscr);
    mvwaddnstr(stdscr, 0, 0, COLS >= (int)strlen(UI_TOO_SMALL) ? UI_TOO_SMALL : UI_TOO_SMALL_SHORT,
               COLS);
    wnoutrefresh(stdscr);
    doupdate();
    f->chrome_dirty = false;
    return true;
}

bool ui_frame_draw(struct ui_frame *f)
{
    if (f->relayout) {
        ui_frame_layout(f);
    }
    if (f->layout.too_small) {
        return ui_frame_draw_too_small(f);
    }
    bool drew = ui_frame_draw_chrome(f);
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        struct ui_pane *p = f->panes[i];
        if (p->dirty && p->win) {
            ui_pane_draw(p);
            wnoutrefresh(p->win);
            drew = true;
        }
    }
    if (f->seq->dirty && f->seq->win) {
        ui_pane_draw(f->seq);
        wnoutrefresh(f->seq->win);
        drew = true;
    }
    if (!drew) {
        return false;
    }
    if (f->overlay_draw) {
        f->overlay_draw(f->overlay_ctx);
    }
    if (f->help) {
        ui_help_draw(LINES, COLS, f->replay, f->help_page);
    }
    doupdate();
    f->frames++;
    return true;
}

int ui_frame_getch(struct ui_frame *f, int timeout_ms)
{
    (void)f;
    return ui_term_getch(timeout_ms);
}

void ui_frame_prompt(struct ui_frame *f, enum ui_prompt_kind kind)
{
    f->prompt = kind;
    f->prompt_buf[0] = '\0';
    f->chrome_dirty = true;
}

unsigned ui_frame_pane_key(struct ui_frame *f, int ch)
{
    struct ui_pane *p = f->sequence ? f->seq : f->panes[f->focus];
    unsigned r = ui_pane_key(p, ch);
    if (r & (UI_KEY_HANDLED | UI_KEY_REDRAW)) {
        ui_pane_update(p, f->session);
        f->chrome_dirty = true; /* the detail line follows the cursor */
    }
    return r;
}
