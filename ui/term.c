/* SPDX-License-Identifier: MIT */
#include "ui/term.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "core/xalloc.h"
#include "ui/glyphs.h"
#include "ui/theme.h"

static SCREEN *ui_term_screen;

/* The fatal-error hook: give the terminal back before the message is printed. */
static void ui_term_fatal_hook(void)
{
    ui_term_end();
}

bool ui_term_can_draw(void)
{
    int err = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
        return false;
    }
    const char *cup = tigetstr("cup");
    bool ok = cup != NULL && cup != (const char *)-1;
    del_curterm(cur_term);
    set_curterm(saved);
    return ok;
}

int ui_term_begin(void)
{
    if (ui_term_screen) {
        return 0;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO) || !ui_term_can_draw()) {
        return -ENOTTY;
    }
    setlocale(LC_ALL, "");
    /* Borders as Unicode line glyphs in a UTF-8 locale, not the terminal's alternate charset
     * (which multiplexers and some terminals garble); ncurses ignores it in other locales. */
    setenv("NCURSES_NO_UTF8_ACS", "1", 0);
    ui_term_screen = newterm(NULL, stdout, stdin);
    if (!ui_term_screen) {
        return -ENOTTY;
    }
    set_term(ui_term_screen);
    ps_fatal_set_hook(ui_term_fatal_hook);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    ui_theme_init();
    ui_glyphs_init();
    return 0;
}

void ui_term_end(void)
{
    if (!ui_term_screen) {
        return;
    }
    endwin();
    delscreen(ui_term_screen);
    ui_term_screen = NULL;
    fflush(stdout);
}

bool ui_term_active(void)
{
    return ui_term_screen != NULL;
}

/* True when stdin or stdout reports a hang-up or an error: the terminal is gone. */
static bool ui_term_lost(void)
{
    struct pollfd fds[2] = {{.fd = STDIN_FILENO}, {.fd = STDOUT_FILENO}};
    if (poll(fds, 2, 0) < 0) {
        return false;
    }
    short gone = POLLHUP | POLLERR | POLLNVAL;
    return (fds[0].revents & gone) || (fds[1].revents & gone);
}

int ui_term_getch(int timeout_ms)
{
    wtimeout(stdscr, timeout_ms);
    int ch = wgetch(stdscr);
    if (ch == ERR && ui_term_lost()) {
        raise(SIGHUP);
    }
    return ch;
}

WINDOW *ui_term_popup(int h, int w, int y, int x)
{
    WINDOW *win = newwin(h, w, y, x);
    if (!win) {
        return NULL;
    }
    wbkgd(win, (chtype)ui_theme_attr(UI_COLOR_NORMAL));
    werase(win);
    wattrset(win, (int)(ui_theme_attr(UI_COLOR_BORDER_FOCUS)));
    box(win, 0, 0);
    return win;
}
