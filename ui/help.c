/* SPDX-License-Identifier: MIT */
#include "ui/help.h"

#include <curses.h>

#include "ui/input.h"
#include "ui/theme.h"

void ui_help_draw(int rows, int cols, bool replay)
{
    size_t n = 0;
    const struct ui_key_help *lines = ui_input_help(&n);
    unsigned mode = replay ? UI_HELP_REPLAY : UI_HELP_LIVE;
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        shown += lines[i].what && (lines[i].modes & mode) != 0;
    }
    int h = shown + 4 < rows ? shown + 4 : rows;
    int w = cols < 72 ? cols : 72;
    if (h < 3 || w < 20) {
        return;
    }
    WINDOW *win = newwin(h, w, (rows - h) / 2, (cols - w) / 2);
    if (!win) {
        return;
    }
    wbkgd(win, (chtype)ui_theme_attr(UI_COLOR_NORMAL));
    werase(win);
    wattrset(win, (int)(ui_theme_attr(UI_COLOR_BORDER_FOCUS)));
    box(win, 0, 0);
    mvwaddstr(win, 0, 2, replay ? " Keys (replay) " : " Keys (live) ");
    mvwaddnstr(win, h - 1, 2, " any key closes ", w - 4);
    int y = 2;
    for (size_t i = 0; i < n && y < h - 1; i++) {
        if (!lines[i].what || !(lines[i].modes & mode)) {
            continue;
        }
        wattrset(win, (int)(ui_theme_attr(UI_COLOR_HINT_KEY)));
        mvwaddnstr(win, y, 2, lines[i].keys, 12);
        wattrset(win, (int)(ui_theme_attr(UI_COLOR_NORMAL)));
        mvwaddnstr(win, y, 15, lines[i].what, w - 17);
        y++;
    }
    wnoutrefresh(win);
    delwin(win);
}
