/* SPDX-License-Identifier: MIT */
/*
 * A headless curses terminal for pane draw tests: newterm() on /dev/null,
 * the theme and ASCII glyphs set up, windows read back as plain text.
 */
#ifndef PS_TESTS_SUPPORT_UI_TERM_H
#define PS_TESTS_SUPPORT_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

struct ui_pane;

/* Start the terminal (rows x cols, "xterm-256color"); `utf8` picks the glyph set. */
void ui_term_open(int rows, int cols, bool utf8);

/* End it and free its screen. */
void ui_term_close(void);

/* Give `pane` a window of h x w at the top left (and the matching rect). */
void ui_term_place(struct ui_pane *pane, int h, int w);

/* Line y of `win` as text into buf (NUL-terminated; the window's width at most). */
char *ui_term_line(WINDOW *win, int y, char *buf, size_t size);

/* Whether any line of `win` contains `needle`. */
bool ui_term_contains(WINDOW *win, const char *needle);

/* How many lines of `win` contain `needle`. */
int ui_term_count(WINDOW *win, const char *needle);

#endif /* PS_TESTS_SUPPORT_UI_TERM_H */
