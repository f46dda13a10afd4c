/* SPDX-License-Identifier: MIT */
/*
 * The Processes pane: one row per process in order of appearance, with its
 * pid, parent, daemon mark, state and Python-style exit status, and its
 * lifetime as a bar on the time axis of the whole session (first event to
 * latest event): shaded from spawn to start, full while it runs, with
 * markers for start, terminate sent, exit or kill, and join.
 */
#include "ui/panes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/glyphs.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

#define UI_PROCS_NAME_COLS 18  /* name column at least (longer names widen it … */
#define UI_PROCS_NAME_MAX 26   /* … up to this; longer ones are cut with an ellipsis) */

struct procs_pane {
    struct ui_view_pane view; /* first: the pane, its rows and selection (row keys: pids) */
};

/*
 * The state in a learner's words, from the model's one rule: running, waiting
 * and on what ("waiting: join Process-2"), stopped (SIGSTOP), zombie (exited,
 * its parent has not joined it yet), exited or joined, killed (EXIT says by
 * which signal), spawned. Returns the text's colour.
 */
static enum ui_color ui_pane_procs_state_text(const struct ps_model *m,
                                              const struct ps_model_proc *p, uint64_t now,
                                              char *buf, size_t n)
{
    unsigned status = ps_model_proc_status(m, p);
    enum ui_color ok = p->exit_code == 0 ? UI_COLOR_PROC_EXIT_OK : UI_COLOR_PROC_EXIT_ERR;
    switch (status) {
    case PS_PSTAT_WAITING:
        ps_model_proc_state_text(m, p, now, buf, n);
        return UI_COLOR_PROC_RUNNING;
    case PS_PSTAT_EXITED:
        snprintf(buf, n, "%s", p->joined ? "joined" : "exited");
        return ok;
    case PS_PSTAT_KILLED:
        snprintf(buf, n, "killed");
        return UI_COLOR_PROC_KILLED;
    default:
        snprintf(buf, n, "%s", ps_model_status_name(status));
        return status == PS_PSTAT_RUNNING                                      ? UI_COLOR_PROC_RUNNING
               : status == PS_PSTAT_STOPPED || status == PS_PSTAT_ZOMBIE ? UI_COLOR_WARN
                                                                           : UI_COLOR_DIM;
    }
}

/* The waits of `p` on its bar (the latest ended ones, and the current one to `now`). */
static void ui_pane_procs_waits(struct ui_row *row, const struct ps_model_proc *p, uint64_t now)
{
    uint32_t kept = p->nwaits < PS_MODEL_PROC_WAITS ? p->nwaits : PS_MODEL_PROC_WAITS;
    for (uint32_t k = p->nwaits - kept; k < p->nwaits; k++) {
        const struct ps_model_wait_span *w = &p->waits[k % PS_MODEL_PROC_WAITS];
        ui_row_mark(row, w->t0, w->t1 > w->t0 ? w->t1 : w->t0 + 1, UI_G_WAIT, UI_COLOR_DIM,
                    (int16_t)p->order);
    }
    if (p->wait_kind != 0 && !p->has_exit) {
        ui_row_mark(row, p->t_wait, now > p->t_wait ? now : p->t_wait + 1, UI_G_WAIT, UI_COLOR_DIM,
                    (int16_t)p->order);
    }
}

/* The lifetime bar of `p`; `now` is the end of the axis. */
static void ui_pane_procs_bar(struct ui_row *row, const struct ps_model_proc *p, uint64_t now)
{
    int16_t proc = (int16_t)p->order;
    uint64_t start = p->t_start ? p->t_start : p->t_spawn;
    uint64_t end = p->t_end ? p->t_end : now; /* running: to the end of the axis */
    if (p->t_spawn && p->t_start > p->t_spawn) {
        ui_row_mark(row, p->t_spawn, p->t_start, UI_G_LIGHT, UI_COLOR_DIM, proc);
    }
    if (start) {
        ui_row_mark(row, start, end > start ? end : start + 1, UI_G_FULL, UI_COLOR_NORMAL, proc);
        ui_pane_procs_waits(row, p, now);
    } else {
        row->bar = true;
    }
    if (p->t_start) {
        ui_row_mark(row, p->t_start, 0, UI_G_START, UI_COLOR_PROC_RUNNING, -1);
    }
    if (p->t_join) {
        /* before the end markers: when they share a column, the kill or exit shows */
        ui_row_mark(row, p->t_join, 0, UI_G_JOIN, UI_COLOR_TITLE, -1);
    }
    if (p->t_term) {
        ui_row_mark(row, p->t_term, 0, UI_G_TERM, UI_COLOR_WARN, -1);
    }
    if (p->t_end) {
        bool killed = p->state == PS_PROC_KILLED;
        enum ui_color ok = p->exit_code == 0 ? UI_COLOR_PROC_EXIT_OK : UI_COLOR_PROC_EXIT_ERR;
        ui_row_mark(row, p->t_end, 0, killed ? UI_G_KILL : UI_G_END,
                    killed ? UI_COLOR_PROC_KILLED : ok, -1);
    }
}

/* The heading's key to the bar markers, over the bars (the screen explains itself). */
static void ui_pane_procs_legend(struct ui_row *head, int bar_col)
{
    static const struct {
        enum ui_glyph_id glyph;
        enum ui_color color;
        const char *what;
    } keys[] = {
        {UI_G_START, UI_COLOR_PROC_RUNNING, "start"}, {UI_G_WAIT, UI_COLOR_DIM, "waiting"},
        {UI_G_TERM, UI_COLOR_WARN, "terminate"},
        {UI_G_END, UI_COLOR_PROC_EXIT_OK, "exit"},    {UI_G_KILL, UI_COLOR_PROC_KILLED, "killed"},
        {UI_G_JOIN, UI_COLOR_TITLE, "joined"},
    };
    ui_row_pad(head, bar_col);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        ui_row_text(head, keys[i].color, "%s%s", i ? " " : "", ui_timeaxis_glyph(keys[i].glyph));
        ui_row_text(head, UI_COLOR_DIM, " %s", keys[i].what);
    }
}

/* The name column: the widest name and a space, at least UI_PROCS_NAME_COLS. */
static int ui_pane_procs_name_cols(const struct ps_model *m, uint32_t n)
{
    int cols = UI_PROCS_NAME_COLS;
    for (uint32_t i = 0; i < n; i++) {
        int w = ui_rows_width(m->procs[i].name, strlen(m->procs[i].name)) + 1;
        cols = w > cols ? w : cols;
    }
    return cols < UI_PROCS_NAME_MAX ? cols : UI_PROCS_NAME_MAX;
}

/* The name in at most `cols` columns: cut with an ellipsis when longer, never over the column. */
static void ui_pane_procs_name(struct ui_row *row, const struct ps_model_proc *p, int cols)
{
    if (ui_rows_width(p->name, strlen(p->name)) <= cols) {
        ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, 0);
        return;
    }
    ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, (size_t)(cols - 1));
    ui_row_text(row, UI_COLOR_DIM, "%s", ui_glyph(UI_GLYPH_ELLIPSIS));
}

/* Where a row's columns go: the name's and the state's widths (both vary). */
struct ui_procs_cols {
    int name;   /* the name column, its trailing space included */
    int state;  /* the state column, without its trailing space */
    uint64_t now; /* the session's now, for "sleep 1.0 s (0.4 s left)" */
};

/* Columns from the end of the name column to the bar, besides the state's. */
#define UI_PROCS_FIXED (8 + 8 + 2 + 1 + 12 + 2)
#define UI_PROCS_STATE_MIN 8  /* "waiting" and the other one-word states */
#define UI_PROCS_STATE_MAX 40 /* "waiting: barrier 1: 1 of 2 arrived" and the like */
#define UI_PROCS_BAR_MIN 24   /* the bar keeps at least this when the pane is narrow */

/*
 * The state in `cols` columns: the whole text when it fits; a waiting process
 * then drops "waiting: " (the bar's glyph says it) and then says only on what
 * ("sleep", "join", "recv"); anything else is cut with an ellipsis.
 */
static void ui_pane_procs_state_cell(struct ui_row *row, const struct ps_model_proc *p,
                                     const char *state, enum ui_color color, int cols)
{
    static const char prefix[] = "waiting: ";
    if (p->wait_kind != 0 && ui_rows_width(state, strlen(state)) > cols &&
        strncmp(state, prefix, sizeof(prefix) - 1) == 0) {
        state += sizeof(prefix) - 1;
        if (ui_rows_width(state, strlen(state)) > cols && ps_wait_kind_name(p->wait_kind)) {
            state = ps_wait_kind_name(p->wait_kind);
        }
    }
    if (ui_rows_width(state, strlen(state)) <= cols) {
        ui_row_text_escaped(row, color, -1, state, 0); /* names in it came from processes */
    } else {
        ui_row_text_escaped(row, color, -1, state, (size_t)(cols - 1));
        ui_row_text(row, UI_COLOR_DIM, "%s", ui_glyph(UI_GLYPH_ELLIPSIS));
    }
}

/* One process row. */
static void ui_pane_procs_row(struct ui_rows *rows, const struct ps_model *m,
                              const struct ps_model_proc *p, const struct ui_procs_cols *cols)
{
    struct ui_row *row = ui_rows_add(rows, p->pid);
    char exit_text[32] = "";
    char state[96];
    if (p->has_exit) {
        ps_model_exit_format(p->exit_code, exit_text, sizeof(exit_text));
    }
    ui_pane_procs_name(row, p, cols->name - 1);
    ui_row_pad(row, cols->name);
    ui_row_text(row, UI_COLOR_NORMAL, "%7d ", p->pid);
    if (p->ppid > 0) {
        ui_row_text(row, UI_COLOR_DIM, "%7d ", p->ppid);
    } else {
        ui_row_text(row, UI_COLOR_DIM, "%7s ", "-");
    }
    ui_row_text(row, UI_COLOR_TITLE, "%-2s", p->daemon ? "d" : "");
    enum ui_color color = ui_pane_procs_state_text(m, p, cols->now, state, sizeof(state));
    int at = cols->name + 8 + 8 + 2;
    ui_pane_procs_state_cell(row, p, state, color, cols->state);
    ui_row_pad(row, at + cols->state + 1);
    ui_row_text(row, color, "%-12s", exit_text);
    ui_row_pad(row, rows->bar_col);
    ui_pane_procs_bar(row, p, UI_T_NOW);
}

/* The state column: as wide as the longest state, within what the pane's width leaves. */
static void ui_pane_procs_layout(const struct ui_pane *pane, const struct ps_model *m, uint32_t n,
                                 struct ui_procs_cols *cols)
{
    char state[96];
    int want = UI_PROCS_STATE_MIN;
    for (uint32_t i = 0; i < n; i++) {
        ui_pane_procs_state_text(m, &m->procs[i], cols->now, state, sizeof(state));
        int w = ui_rows_width(state, strlen(state));
        want = w > want ? w : want;
    }
    int room = pane->rect.w - 2 - cols->name - UI_PROCS_FIXED - UI_PROCS_BAR_MIN;
    want = want < UI_PROCS_STATE_MAX ? want : UI_PROCS_STATE_MAX;
    cols->state = want < room ? want : room;
    cols->state = cols->state > UI_PROCS_STATE_MIN ? cols->state : UI_PROCS_STATE_MIN;
}

/* Build the heading and a row per process. */
static bool ui_pane_procs_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct procs_pane *pp = (struct procs_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    struct ui_rows *rows = &pp->view.rows;
    uint32_t n = m->nprocs < PS_MODEL_PROCS ? m->nprocs : PS_MODEL_PROCS;
    struct ui_procs_cols cols = {
        .name = ui_pane_procs_name_cols(m, n),
        .now = rows->axis && rows->axis->t1 > m->t_last ? rows->axis->t1 : m->t_last,
    };
    ui_pane_procs_layout(pane, m, n, &cols);
    ui_rows_clear(rows);
    rows->t0 = m->t_first;
    rows->t1 = m->t_last;
    rows->bar_col = cols.name + UI_PROCS_FIXED + cols.state;
    struct ui_row *head = ui_rows_add(rows, -1);
    ui_row_text(head, UI_COLOR_TITLE, "%-*s%7s %7s %-2s%-*s %-12s", cols.name, "NAME", "PID",
                "PPID", "D", cols.state, "STATE", "EXIT");
    ui_pane_procs_legend(head, rows->bar_col);
    struct ui_row *ticks = ui_rows_add(rows, -2); /* the axis's tick labels over the bars */
    ui_row_pad(ticks, rows->bar_col);
    ticks->bar = ticks->ticks = true;
    rows->nhead = 2;
    for (uint32_t i = 0; i < n; i++) {
        ui_pane_procs_row(rows, m, &m->procs[i], &cols);
    }
    ui_list_sync(&pp->view);
    return n > 0;
}

static const struct ui_pane_class ui_pane_procs_class = {
    .name = "Processes",
    .update = ui_pane_procs_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_procs_new(void)
{
    struct procs_pane *pp = ps_xcalloc(1, sizeof(*pp));
    pp->view.base.cls = &ui_pane_procs_class;
    pp->view.base.dirty = true;
    ui_rows_init(&pp->view.rows);
    ui_list_init(&pp->view, false);
    return &pp->view.base;
}

int32_t ui_pane_procs_selected(const struct ui_pane *pane)
{
    if (!pane || pane->cls != &ui_pane_procs_class) {
        return 0;
    }
    const struct procs_pane *pp = (const struct procs_pane *)pane;
    return pp->view.list.sel >= 0 ? (int32_t)pp->view.list.sel_key : 0;
}
