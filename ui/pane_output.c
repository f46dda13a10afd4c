/* SPDX-License-Identifier: MIT */
/*
 * The Output pane: the lines the processes printed (the latest the model
 * keeps), oldest at the top, each prefixed with its process's name in that
 * process's colour; lines the supervisor captured outside the probe are
 * marked, stderr lines coloured as warnings. It follows the newest line
 * until the user scrolls up, and again after End.
 *
 * An update appends rows for the lines printed since the previous one and
 * drops the rows of lines the model no longer keeps; it rebuilds them all
 * only when the name column's width or a process name changed, or the
 * session was reset.
 */
#include "ui/panes.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/rows.h"

#define UI_OUTPUT_NAME_MAX 16 /* columns of the name prefix at most */

struct output_pane {
    struct ui_view_pane view; /* first: the pane, its rows (keys: line numbers), selection */
    /* What the rows were built from, so an update only appends the new lines. */
    const struct ps_session *built_session;
    uint64_t built_total; /* the model's lines_total then (rows are lines up to it) */
    uint64_t built_t;     /* time of the latest line then, so a reset session is noticed */
    uint64_t built_names; /* signature of the process names */
    int built_cols;       /* name column width */
};

/* A signature of the processes' pids and names. */
static uint64_t ui_pane_output_names(const struct ps_model *m)
{
    uint64_t h = 0xcbf29ce484222325u;
    uint32_t n = m->nprocs < PS_MODEL_PROCS ? m->nprocs : PS_MODEL_PROCS;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *b = (const unsigned char *)m->procs[i].name;
        for (size_t k = 0; b[k]; k++) {
            h = (h ^ b[k]) * 0x100000001b3u;
        }
        h = (h ^ (uint32_t)m->procs[i].pid) * 0x100000001b3u;
    }
    return h;
}

/* The time of the line numbered `total - 1` when the model still keeps it, else 0. */
static uint64_t ui_pane_output_last_t(const struct ps_model *m, uint64_t total)
{
    uint64_t base = m->lines_total - m->nlines;
    if (total == 0 || total - 1 < base || total - 1 >= m->lines_total) {
        return 0;
    }
    const struct ps_model_line *line = ps_model_line(m, (uint32_t)(total - 1 - base));
    return line ? line->t_ns : 0;
}

/* Columns of the widest name of a process that printed a kept line. */
static int ui_pane_output_name_cols(const struct ps_model *m)
{
    int cols = 4;
    for (uint32_t i = 0; i < m->nlines; i++) {
        const struct ps_model_line *line = ps_model_line(m, i);
        const char *name = line ? ps_model_proc_name(m, line->pid) : NULL;
        int w = name ? ui_rows_width(name, strlen(name)) : 0;
        cols = w > cols ? w : cols;
    }
    return cols > UI_OUTPUT_NAME_MAX ? UI_OUTPUT_NAME_MAX : cols;
}

/* One output line: the name, a mark for captured or stderr lines, the text. */
static void ui_pane_output_row(struct ui_rows *rows, const struct ps_model *m,
                               const struct ps_model_line *line, int64_t key, int name_cols)
{
    struct ui_row *row = ui_rows_add(rows, key);
    const struct ps_model_proc *p = ps_model_proc_find(m, line->pid);
    if (p) {
        ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, (size_t)name_cols);
    } else {
        ui_row_text(row, UI_COLOR_DIM, "pid %d", line->pid);
    }
    ui_row_pad(row, name_cols);
    ui_row_text(row, UI_COLOR_DIM, "%s", line->captured ? " | " : "  ");
    enum ui_color color = line->stream == 2 ? UI_COLOR_WARN : UI_COLOR_NORMAL;
    ui_row_text_escaped(row, color, -1, line->text, 0);
}

/*
 * Rows for the kept lines numbered from `from` on, after dropping the rows of
 * lines the model no longer keeps (all rows when from is the oldest kept line).
 */
static void ui_pane_output_rows(struct output_pane *op, const struct ps_model *m, uint64_t from,
                                int name_cols)
{
    struct ui_rows *rows = &op->view.rows;
    uint64_t base = m->lines_total - m->nlines;
    uint32_t drop = 0;
    while (drop < rows->n && rows->rows[drop].key < (int64_t)base) {
        drop++;
    }
    ui_rows_drop_front(rows, drop);
    for (uint64_t k = from > base ? from : base; k < m->lines_total; k++) {
        const struct ps_model_line *line = ps_model_line(m, (uint32_t)(k - base));
        if (line) {
            ui_pane_output_row(rows, m, line, (int64_t)k, name_cols);
        }
    }
}

/* Append rows for the new lines (or rebuild them all); the cursor stays on its line. */
static bool ui_pane_output_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct output_pane *op = (struct output_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    int name_cols = ui_pane_output_name_cols(m);
    uint64_t names = ui_pane_output_names(m);
    bool append = session == op->built_session && names == op->built_names &&
                  name_cols == op->built_cols && m->lines_total >= op->built_total &&
                  ui_pane_output_last_t(m, op->built_total) == op->built_t;
    if (!append) {
        ui_rows_clear(&op->view.rows);
    }
    ui_pane_output_rows(op, m, append ? op->built_total : 0, name_cols);
    op->built_session = session;
    op->built_total = m->lines_total;
    op->built_t = ui_pane_output_last_t(m, m->lines_total);
    op->built_names = names;
    op->built_cols = name_cols;
    ui_list_sync(&op->view); /* a line gone from the model: the oldest kept one */
    return m->nlines > 0;
}

static const struct ui_pane_class ui_pane_output_class = {
    .name = "Output",
    .update = ui_pane_output_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_output_new(void)
{
    struct output_pane *op = ps_xcalloc(1, sizeof(*op));
    op->view.base.cls = &ui_pane_output_class;
    op->view.base.dirty = true;
    ui_rows_init(&op->view.rows);
    ui_list_init(&op->view, true);
    return &op->view.base;
}
