/* SPDX-License-Identifier: MIT */
#include "ui/picker.h"

#include <curses.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ui/catalog.h"
#include "supervisor/python.h"
#include "supervisor/supervisor.h"
#include "ui/glyphs.h"
#include "ui/layout.h"
#include "ui/live.h"
#include "ui/term.h"
#include "ui/theme.h"

#define UI_PICKER_WATCH_LINES 12

struct ui_picker {
    size_t sel;
    size_t top; /* first demo row shown */
    char message[256];
    double time_scale;
    bool python; /* `l`: run the demos' Python versions (helper "python") */
};

size_t ui_picker_wrap(const char *text, int width, const char **starts, int *lens, size_t max)
{
    size_t n = 0;
    const char *p = text ? text : "";
    if (width <= 0) {
        return 0;
    }
    while (*p && n < max) {
        while (*p == ' ' || *p == '\n') {
            p++;
        }
        if (!*p) {
            break;
        }
        int len = 0;
        int last_space = -1;
        while (p[len] && p[len] != '\n' && len < width) {
            if (p[len] == ' ') {
                last_space = len;
            }
            len++;
        }
        if (p[len] && p[len] != ' ' && p[len] != '\n' && last_space > 0) {
            len = last_space;
        }
        starts[n] = p;
        lens[n++] = len;
        p += len;
    }
    return n;
}

/* One demo row: marker, name, alias, summary, cut to `w`. */
static void ui_picker_row(const struct ui_picker *pk, size_t i, int y, int w)
{
    const struct ps_demo *d = ps_demo_at(i);
    char line[512];
    bool sel = i == pk->sel;
    snprintf(line, sizeof(line), "%s %-35s %-19s %s", sel ? ui_glyph(UI_GLYPH_ARROW_RIGHT) : " ",
             d->name, d->alias ? d->alias : "", d->summary ? d->summary : "");
    wattrset(stdscr, (int)(sel ? ui_theme_attr(UI_COLOR_SELECTED) : A_NORMAL));
    wmove(stdscr, y, 0);
    wclrtoeol(stdscr);
    mvwaddnstr(stdscr, y, 1, line, w - 2);
    wattrset(stdscr, A_NORMAL);
}

/* The "what to watch" box under the list. */
static void ui_picker_watch(const struct ui_picker *pk, int y, int h, int w)
{
    const struct ps_demo *d = ps_demo_at(pk->sel);
    const char *starts[UI_PICKER_WATCH_LINES];
    int lens[UI_PICKER_WATCH_LINES];
    size_t max = (size_t)(h - 1) < UI_PICKER_WATCH_LINES ? (size_t)(h - 1) : UI_PICKER_WATCH_LINES;
    size_t n = ui_picker_wrap(d->watch, w - 4, starts, lens, max);
    wattrset(stdscr, (int)ui_theme_attr(UI_COLOR_TITLE));
    mvwprintw(stdscr, y, 1, "What to watch in %s:", d->name);
    wattrset(stdscr, A_NORMAL);
    for (size_t i = 0; i < n; i++) {
        mvwaddnstr(stdscr, y + 1 + (int)i, 3, starts[i], lens[i]);
    }
}

static void ui_picker_draw(struct ui_picker *pk)
{
    int rows;
    int cols;
    getmaxyx(stdscr, rows, cols);
    werase(stdscr);
    if (rows < UI_LAYOUT_MIN_ROWS || cols < UI_LAYOUT_MIN_COLS) {
        mvwaddnstr(stdscr, 0, 0,
                   cols > 30 ? "terminal too small (need 40x12)" : "too small (need 40x12)", cols);
        wnoutrefresh(stdscr);
        doupdate();
        return;
    }
    size_t count = ps_demo_count();
    int list_h = rows - 4 - (rows >= 30 ? UI_PICKER_WATCH_LINES / 2 + 2 : 3);
    if (list_h > (int)count) {
        list_h = (int)count;
    }
    if (pk->sel < pk->top) {
        pk->top = pk->sel;
    } else if (pk->sel >= pk->top + (size_t)list_h) {
        pk->top = pk->sel + 1 - (size_t)list_h;
    }
    wattrset(stdscr, (int)ui_theme_attr(UI_COLOR_STATUS));
    mvwhline(stdscr, 0, 0, ' ', cols);
    mvwaddnstr(stdscr, 0, 1,
               pk->python ? "procscope: pick a demo [Python]" : "procscope: pick a demo [C]",
               cols - 2);
    wattrset(stdscr, A_NORMAL);
    for (int r = 0; r < list_h; r++) {
        ui_picker_row(pk, pk->top + (size_t)r, 2 + r, cols);
    }
    ui_picker_watch(pk, 3 + list_h, rows - 4 - list_h, cols);
    wattrset(stdscr, (int)ui_theme_attr(pk->message[0] ? UI_COLOR_WARN : UI_COLOR_HINT));
    mvwaddnstr(stdscr, rows - 1, 0,
               pk->message[0] ? pk->message : "Up/Down select  Enter run  l C/Python  q quit", cols);
    wattrset(stdscr, A_NORMAL);
    wnoutrefresh(stdscr);
    doupdate();
}

/* Run the selected demo live; false when the user quit from there. */
static bool ui_picker_launch(struct ui_picker *pk, int *code)
{
    const struct ps_demo *d = ps_demo_at(pk->sel);
    char path[4096];
    char script[4096];
    char err[256];
    bool back = false;
    int rc = pk->python ? ps_python_find(path, sizeof(path)) : ps_demo_path(d, path, sizeof(path));
    if (rc == 0 && pk->python) {
        rc = ps_python_demo_path(d->binary, script, sizeof(script));
    }
    if (rc < 0) {
        snprintf(pk->message, sizeof(pk->message), "%s: %s not found (%s)", d->name,
                 pk->python ? "python3 or the Python demo" : "demo program", strerror(-rc));
        return true;
    }
    char *argv[] = {path, pk->python ? script : NULL, NULL};
    struct ui_live_opts opts = {.demo = d->name, .argv = argv, .time_scale = pk->time_scale};
    *code = ui_live_run(&opts, true, &back, err, sizeof(err));
    if (err[0]) {
        snprintf(pk->message, sizeof(pk->message), "%s", err);
    }
    return back || err[0];
}

int ui_picker_run(double time_scale)
{
    struct ui_picker pk = {.time_scale = time_scale};
    size_t count = ps_demo_count();
    int code = 0;
    ps_supervisor_install_signals();
    for (;;) {
        ui_picker_draw(&pk);
        int ch = ui_term_getch(1000);
        if (ps_supervisor_pending_signal() || ch == 'q' || ch == KEY_F(10)) {
            return code;
        }
        if (ch != ERR) {
            pk.message[0] = '\0';
        }
        if ((ch == KEY_UP || ch == 'k') && pk.sel > 0) {
            pk.sel--;
        } else if ((ch == KEY_DOWN || ch == 'j') && pk.sel + 1 < count) {
            pk.sel++;
        } else if (ch == KEY_HOME) {
            pk.sel = 0;
        } else if (ch == KEY_END) {
            pk.sel = count - 1;
        } else if (ch == 'l') {
            pk.python = !pk.python;
        } else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && LINES >= UI_LAYOUT_MIN_ROWS &&
                   COLS >= UI_LAYOUT_MIN_COLS) { /* on "too small", Enter does nothing */
            if (!ui_picker_launch(&pk, &code)) {
                return code;
            }
        }
    }
}
