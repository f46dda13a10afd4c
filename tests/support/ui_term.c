/* SPDX-License-Identifier: MIT */
#include "ui_term.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/pane.h"
#include "ui/theme.h"

static SCREEN *ui_term_screen;
static FILE *ui_term_out;
static FILE *ui_term_in;

void ui_term_open(int rows, int cols, bool utf8)
{
    setlocale(LC_ALL, utf8 ? "C.UTF-8" : "C");
    ui_term_out = fopen("/dev/null", "w");
    ui_term_in = fopen("/dev/null", "r");
    char lines[16];
    char columns[16];
    snprintf(lines, sizeof(lines), "%d", rows);
    snprintf(columns, sizeof(columns), "%d", cols);
    setenv("LINES", lines, 1);
    setenv("COLUMNS", columns, 1);
    ui_term_screen = newterm("xterm-256color", ui_term_out, ui_term_in);
    ui_theme_init();
    ui_glyphs_set_utf8(utf8);
}

void ui_term_close(void)
{
    if (ui_term_screen) {
        endwin();
        delscreen(ui_term_screen);
        ui_term_screen = NULL;
    }
    if (ui_term_out) {
        fclose(ui_term_out);
        ui_term_out = NULL;
    }
    if (ui_term_in) {
        fclose(ui_term_in);
        ui_term_in = NULL;
    }
}

void ui_term_place(struct ui_pane *pane, int h, int w)
{
    if (pane->win) {
        delwin(pane->win);
    }
    pane->win = newwin(h, w, 0, 0);
    pane->rect = (struct ui_rect){.y = 0, .x = 0, .h = h, .w = w};
}

char *ui_term_line(WINDOW *win, int y, char *buf, size_t size)
{
    buf[0] = '\0';
    if (win && y >= 0 && y < getmaxy(win) && size > 1) {
        int n = mvwinnstr(win, y, 0, buf, (int)size - 1);
        buf[n > 0 ? n : 0] = '\0';
    }
    return buf;
}

bool ui_term_contains(WINDOW *win, const char *needle)
{
    return ui_term_count(win, needle) > 0;
}

int ui_term_count(WINDOW *win, const char *needle)
{
    char buf[1024];
    int n = 0;
    for (int y = 0; win && y < getmaxy(win); y++) {
        if (strstr(ui_term_line(win, y, buf, sizeof(buf)), needle)) {
            n++;
        }
    }
    return n;
}
