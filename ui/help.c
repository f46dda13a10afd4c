/* SPDX-License-Identifier: MIT */
#include "ui/help.h"

#include <curses.h>
#include <stdio.h>

#include "ui/glyphs.h"
#include "ui/input.h"
#include "ui/term.h"
#include "ui/theme.h"

/* What the screen shows, after the keys: every glyph, column and counter. */
static const char *const ui_help_glossary[][3] = {
    {"", "", "What the screen shows"},
    {"\u25b6", ">", "process started (Processes bars)"},
    {"\u2588 \u2591", "# .", "process alive (its colour) / spawned, not started yet"},
    {"\u25cf", "*", "terminate() sent"},
    {"\u25a0", "|", "exited by itself (green: code 0, red: other code)"},
    {"\u2717", "x", "killed by a signal (EXIT shows -N SIGNAME)"},
    {"\u25c6", "+", "joined by its parent (the exit code was collected)"},
    {"\u2193 \u2191", "v ^", "barrier: arrived / released (Sync)"},
    {"\u2248", "~", "axis in event order: idle time left out here"},
    {"axis", "axis", "wall: bars to scale, up to now; events: each event a step (a toggles)"},
    {"D", "D", "d: a daemon process (killed when its parent exits)"},
    {"STATE", "STATE", "spawned, running, exited (a zombie until joined), joined, killed"},
    {"drops", "drops", "events lost: the ring was full (the demo did not wait)"},
    {"torn", "torn", "events cut mid-write (a process died while writing one)"},
    {"busy N%", "busy N%", "Pool: share of the time a worker ran tasks (<1%: under one)"},
    {"PAUSED", "PAUSED", "the demo is stopped; the clock runs on (event times count it)"},
    {"\u2026", "~", "text cut at the edge: select the Events line, or zoom (z)"},
};

#define UI_HELP_GLOSSARY (sizeof(ui_help_glossary) / sizeof(ui_help_glossary[0]))

/* Line `i` of the help (keys of `mode`, then the glossary) into *keys / *what; false past the end. */
static bool ui_help_line(size_t i, unsigned mode, const char **keys, const char **what)
{
    size_t n = 0;
    const struct ui_key_help *rows = ui_input_help(&n);
    for (size_t k = 0; k < n; k++) {
        if (!rows[k].what || !(rows[k].modes & mode)) {
            continue;
        }
        if (i-- == 0) {
            *keys = rows[k].keys;
            *what = rows[k].what;
            return true;
        }
    }
    if (i-- == 0) {
        *keys = *what = "";
        return true;
    }
    if (i >= UI_HELP_GLOSSARY) {
        return false;
    }
    *keys = ui_help_glossary[i][ui_glyphs_utf8() ? 0 : 1];
    *what = ui_help_glossary[i][2];
    return true;
}

int ui_help_lines(bool replay)
{
    const char *k;
    const char *w;
    unsigned mode = replay ? UI_HELP_REPLAY : UI_HELP_LIVE;
    int n = 0;
    while (ui_help_line((size_t)n, mode, &k, &w)) {
        n++;
    }
    return n;
}

void ui_help_draw(int rows, int cols, bool replay, int page)
{
    unsigned mode = replay ? UI_HELP_REPLAY : UI_HELP_LIVE;
    int total = ui_help_lines(replay);
    int h = total + 4 < rows ? total + 4 : rows;
    int w = cols < 90 ? cols : 90;
    int per = h - 4;
    if (per < 1 || w < 20) {
        return;
    }
    int pages = (total + per - 1) / per;
    page = page % pages;
    WINDOW *win = ui_term_popup(h, w, (rows - h) / 2, (cols - w) / 2);
    if (!win) {
        return;
    }
    mvwaddstr(win, 0, 2, replay ? " Keys (replay) " : " Keys (live) ");
    char foot[64];
    snprintf(foot, sizeof(foot), pages > 1 ? " page %d/%d: ? next page, any other key closes "
                                           : " any key closes ",
             page + 1, pages);
    mvwaddnstr(win, h - 1, 2, foot, w - 4);
    const char *keys;
    const char *what;
    for (int y = 0; y < per && ui_help_line((size_t)(page * per + y), mode, &keys, &what); y++) {
        bool heading = keys[0] == '\0' && what[0] != '\0';
        wattrset(win, (int)(ui_theme_attr(heading ? UI_COLOR_TITLE : UI_COLOR_HINT_KEY)));
        mvwaddnstr(win, 2 + y, 2, heading ? what : keys, heading ? w - 4 : 12);
        wattrset(win, (int)(ui_theme_attr(UI_COLOR_NORMAL)));
        if (!heading) {
            mvwaddnstr(win, 2 + y, 15, what, w - 17);
        }
    }
    wnoutrefresh(win);
    delwin(win);
}
