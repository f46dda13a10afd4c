/* SPDX-License-Identifier: MIT */
/*
 * Whole recordings as pictures and films: the replay as an asciicast (one
 * frame per event, timed by the events) and the whole session's sequence view
 * as one SVG. Both draw through the off-screen terminal of screen_render.c.
 */
#include "ui/screen_cast.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>

#include "export/export_asciicast.h"
#include "session/session.h"
#include "ui/screen_render.h"
#include "ui/view_sequence.h"

#define UI_CAST_CLEAR "\033[?25l\033[2J\033[H"

/* Seconds from the session's start to event i (0 when unreadable or earlier). */
static double ui_cast_time(const struct ps_session *s, uint64_t i)
{
    struct ps_event ev;
    uint64_t base = ps_session_info(s)->start_mono_ns;
    if (ps_session_event(s, i, &ev) < 0 || ev.t_ns < base) {
        return 0;
    }
    return (double)(ev.t_ns - base) / 1e9;
}

/* One frame at cursor c, unless it equals the previous one (*prev is replaced). */
static int ui_cast_frame(struct ui_screen *scr, const struct ui_cast_opts *o,
                         struct ps_session *s, uint64_t c, char **prev, FILE *out)
{
    int rc = ui_screen_draw_replay(scr, s, o->path, c, o->sequence, o->speed);
    if (rc < 0) {
        return rc;
    }
    struct ui_cells cells;
    size_t len = 0;
    ui_screen_grab(scr, &cells);
    char *ansi = ui_cells_ansi(&cells, &len);
    ui_cells_free(&cells);
    if (!ansi) {
        return -ENOMEM;
    }
    if (*prev && strcmp(*prev, ansi) == 0) {
        free(ansi);
        return 0;
    }
    double t = c ? ui_cast_time(s, c - 1) / o->speed : 0;
    rc = ps_asciicast_output(out, t, ansi, len);
    free(*prev);
    *prev = ansi;
    return rc;
}

int ui_screen_cast(struct ps_session *s, const struct ui_cast_opts *o, FILE *out)
{
    struct ui_screen *scr = ui_screen_open(o->rows, o->cols);
    if (!scr) {
        return -errno;
    }
    const struct ps_session_info *info = ps_session_info(s);
    int rc = ps_asciicast_header(out, o->cols, o->rows, (int64_t)(info->start_wall_ns / 1000000000u),
                                 info->demo);
    if (rc == 0) {
        rc = ps_asciicast_output(out, 0, UI_CAST_CLEAR, strlen(UI_CAST_CLEAR));
    }
    char *prev = NULL;
    uint64_t count = ps_session_count(s);
    for (uint64_t c = 0; c <= count && rc == 0; c++) {
        rc = ui_cast_frame(scr, o, s, c, &prev, out);
    }
    free(prev);
    ui_screen_close(scr);
    return rc;
}

int ui_screen_sequence_svg(struct ps_session *s, int cols, FILE *out)
{
    int rc = ps_session_seek(s, ps_session_count(s));
    if (rc < 0) {
        return rc;
    }
    struct ui_pane *pane = ui_pane_sequence_new();
    ui_pane_update(pane, s);
    size_t nrows = ui_pane_sequence_rows(pane);
    int rows = (int)(nrows < UI_CAST_SVG_MAX_ROWS ? nrows : UI_CAST_SVG_MAX_ROWS) + 2;
    struct ui_screen *scr = ui_screen_open(rows, cols);
    if (!scr) {
        rc = -errno;
        ui_pane_destroy(pane);
        return rc;
    }
    ui_pane_sequence_view(pane)->no_sel = true;
    pane->win = newwin(rows, cols, 0, 0);
    ui_pane_draw(pane);
    wnoutrefresh(pane->win);
    doupdate();
    struct ui_cells cells;
    ui_screen_grab(scr, &cells);
    ui_pane_destroy(pane);
    ui_screen_close(scr);
    rc = ui_cells_write(&cells, UI_SCREEN_SVG, out);
    ui_cells_free(&cells);
    return rc;
}
