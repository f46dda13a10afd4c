/* SPDX-License-Identifier: MIT */
/*
 * The frame's time axis (ui/timeaxis.h struct ui_axis), shared by every bar:
 * it ends at "now" while the session runs, so bars of running processes grow
 * on every frame; and it is wall time or event order, picked automatically
 * (event order when a wall axis would squeeze a finished process into fewer
 * than UI_AXIS_MIN_CELLS cells) until the user toggles it with `a`.
 */
#include "ui/frame.h"

#include <stdlib.h>

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/rows.h"

#define UI_AXIS_MIN_CELLS 6 /* "a few" cells */
#define UI_AXIS_MAX_TIMES 65536 /* event times kept for the event axis, at most */
#define UI_AXIS_COLS_PER_FRAME 2 /* wall axis: bars redrawn when now moved half a column */

void ui_frame_axis_free(struct ui_frame *f)
{
    free(f->axis_t);
    f->axis_t = NULL;
    f->axis_n = f->axis_cap = 0;
    f->axis_built = 0;
}

/* Insert time t into the sorted distinct times (events come nearly in order). */
static void ui_frame_axis_add(struct ui_frame *f, uint64_t t)
{
    uint32_t i = f->axis_n;
    while (i > 0 && f->axis_t[i - 1] > t) {
        i--;
    }
    if ((i > 0 && f->axis_t[i - 1] == t) || f->axis_n >= UI_AXIS_MAX_TIMES) {
        return;
    }
    if (f->axis_n == f->axis_cap) {
        f->axis_cap = f->axis_cap ? f->axis_cap * 2 : 256;
        f->axis_t = ps_xrealloc(f->axis_t, (size_t)f->axis_cap * sizeof(*f->axis_t));
    }
    for (uint32_t k = f->axis_n; k > i; k--) {
        f->axis_t[k] = f->axis_t[k - 1];
    }
    f->axis_t[i] = t;
    f->axis_n++;
}

/* Fold the times of the events the panes show (up to the cursor) into the axis. */
static void ui_frame_axis_fold(struct ui_frame *f)
{
    uint64_t cursor = ps_session_cursor(f->session);
    if (cursor < f->axis_built || f->axis_reset) {
        f->axis_n = 0;
        f->axis_built = 0;
        f->axis_reset = false;
    }
    struct ps_event ev;
    for (uint64_t i = f->axis_built; i < cursor; i++) {
        if (ps_session_event(f->session, i, &ev) == 0 && ev.t_ns) {
            ui_frame_axis_add(f, ev.t_ns);
        }
    }
    f->axis_built = cursor;
}

/* The columns the Processes bars get (the widest bar of the frame). */
static int ui_frame_axis_width(const struct ui_frame *f)
{
    const struct ui_rows *rows = ui_pane_rows(f->panes[UI_PANE_PROCS]);
    int w = COLS - 2 - (rows ? rows->bar_col : 0);
    return w > 8 ? w : 8;
}

/* Whether a wall axis [t0, t1] squeezes a finished process into fewer than a few cells. */
static bool ui_frame_axis_squeezed(const struct ui_frame *f, uint64_t t0, uint64_t t1)
{
    const struct ps_model *m = ps_session_model(f->session);
    double width = (double)ui_frame_axis_width(f);
    uint32_t n = m->nprocs < PS_MODEL_PROCS ? m->nprocs : PS_MODEL_PROCS;
    for (uint32_t i = 0; i < n && t1 > t0; i++) {
        const struct ps_model_proc *p = &m->procs[i];
        uint64_t from = p->t_start ? p->t_start : p->t_spawn;
        if (from && p->t_end > from &&
            (double)(p->t_end - from) / (double)(t1 - t0) * width < UI_AXIS_MIN_CELLS) {
            return true;
        }
    }
    return false;
}

bool ui_frame_axis(struct ui_frame *f, uint64_t now_ns, bool running)
{
    const struct ps_model *m = ps_session_model(f->session);
    ui_frame_axis_fold(f);
    struct ui_axis next = {.t0 = m->t_first, .t1 = m->t_last, .n = f->axis_n, .t = f->axis_t};
    if (running && now_ns > next.t1) {
        next.t1 = now_ns;
    }
    next.events = f->axis_user ? f->axis_user_events : ui_frame_axis_squeezed(f, next.t0, next.t1);
    next.events = next.events && next.n >= 2;
    bool changed = f->axis_force || next.events != f->axis.events || next.n != f->axis.n ||
                   next.t0 != f->axis.t0 || next.t1 < f->axis.t1;
    /* Now moving on: redraw the bars when it moved a fraction of a column, not every frame. */
    uint64_t span = next.t1 > next.t0 ? next.t1 - next.t0 : 1;
    uint64_t step = span / ((uint64_t)ui_frame_axis_width(f) * UI_AXIS_COLS_PER_FRAME);
    changed = changed || next.t1 >= f->axis.t1 + (step ? step : 1);
    f->status.axis = next.events ? "axis: events" : "axis: wall"; /* every frame's status says */
    if (!changed) {
        return false;
    }
    f->axis = next;
    f->axis_force = false;
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        if (i != UI_PANE_EVENTS && i != UI_PANE_OUTPUT) {
            f->panes[i]->dirty = true;
        }
    }
    return true;
}

void ui_frame_axis_toggle(struct ui_frame *f)
{
    f->axis_user = true;
    f->axis_user_events = !f->axis.events;
    f->axis_force = true; /* the next ui_frame_axis applies it */
    ui_frame_message(f, "time axis: %s", f->axis_user_events
                                            ? "event order (each event a step, idle time ~)"
                                            : "wall time");
}
