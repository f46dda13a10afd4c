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

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

#define UI_PROCS_NAME_COLS 18  /* name column at least (names up to 31 widen it) */
#define UI_PROCS_AFTER_NAME 45 /* columns from the end of the name column to the bar */

struct procs_pane {
    struct ui_view_pane view; /* first: the pane, its rows and selection (row keys: pids) */
};

/* The state shown: a process that emitted events runs even without a proc.start (main). */
static unsigned ui_pane_procs_state(const struct ps_model_proc *p)
{
    return p->state == PS_PROC_SPAWNED && p->events > 0 ? PS_PROC_RUNNING : p->state;
}

/* The colour of a process's state (and exit code). */
static enum ui_color ui_pane_procs_state_color(const struct ps_model_proc *p)
{
    switch (ui_pane_procs_state(p)) {
    case PS_PROC_RUNNING:
        return UI_COLOR_PROC_RUNNING;
    case PS_PROC_EXITED:
        return p->exit_code == 0 ? UI_COLOR_PROC_EXIT_OK : UI_COLOR_PROC_EXIT_ERR;
    case PS_PROC_KILLED:
        return UI_COLOR_PROC_KILLED;
    default:
        return UI_COLOR_DIM;
    }
}

/* The lifetime bar of `p`; `now` is the end of the axis. */
static void ui_pane_procs_bar(struct ui_row *row, const struct ps_model_proc *p, uint64_t now)
{
    int16_t proc = (int16_t)p->order;
    uint64_t start = p->t_start ? p->t_start : p->t_spawn;
    uint64_t end = p->t_end ? p->t_end : now;
    if (p->t_spawn && p->t_start > p->t_spawn) {
        ui_row_mark(row, p->t_spawn, p->t_start, UI_G_LIGHT, UI_COLOR_DIM, proc);
    }
    if (start) {
        ui_row_mark(row, start, end > start ? end : start + 1, UI_G_FULL, UI_COLOR_NORMAL, proc);
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
        ui_row_mark(row, p->t_end, 0, killed ? UI_G_KILL : UI_G_END,
                    killed ? UI_COLOR_PROC_KILLED : ui_pane_procs_state_color(p), -1);
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
        {UI_G_START, UI_COLOR_PROC_RUNNING, "start"}, {UI_G_TERM, UI_COLOR_WARN, "terminate"},
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
    return cols;
}

/* One process row. */
static void ui_pane_procs_row(struct ui_rows *rows, const struct ps_model_proc *p, uint64_t now,
                              int name_cols)
{
    struct ui_row *row = ui_rows_add(rows, p->pid);
    char exit_text[32] = "";
    if (p->has_exit) {
        ps_model_exit_format(p->exit_code, exit_text, sizeof(exit_text));
    }
    ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, (size_t)name_cols - 1);
    ui_row_pad(row, name_cols);
    ui_row_text(row, UI_COLOR_NORMAL, "%7d ", p->pid);
    if (p->ppid > 0) {
        ui_row_text(row, UI_COLOR_DIM, "%7d ", p->ppid);
    } else {
        ui_row_text(row, UI_COLOR_DIM, "%7s ", "-");
    }
    ui_row_text(row, UI_COLOR_TITLE, "%-2s", p->daemon ? "d" : "");
    ui_row_text(row, ui_pane_procs_state_color(p), "%-8s ",
                ps_model_state_name(ui_pane_procs_state(p)));
    ui_row_text(row, ui_pane_procs_state_color(p), "%-12s", exit_text);
    ui_row_pad(row, rows->bar_col);
    ui_pane_procs_bar(row, p, now);
}

/* Build the heading and a row per process. */
static bool ui_pane_procs_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct procs_pane *pp = (struct procs_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    struct ui_rows *rows = &pp->view.rows;
    uint32_t n = m->nprocs < PS_MODEL_PROCS ? m->nprocs : PS_MODEL_PROCS;
    int name_cols = ui_pane_procs_name_cols(m, n);
    ui_rows_clear(rows);
    rows->t0 = m->t_first;
    rows->t1 = m->t_last;
    rows->bar_col = name_cols + UI_PROCS_AFTER_NAME;
    struct ui_row *head = ui_rows_add(rows, -1);
    ui_row_text(head, UI_COLOR_TITLE, "%-*s%7s %7s %-2s%-8s %-12s", name_cols, "NAME", "PID",
                "PPID", "D", "STATE", "EXIT");
    ui_pane_procs_legend(head, rows->bar_col);
    rows->nhead = 1;
    for (uint32_t i = 0; i < n; i++) {
        ui_pane_procs_row(rows, &m->procs[i], m->t_last, name_cols);
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
