/* SPDX-License-Identifier: MIT */
/*
 * The terminal under curses: set up once per entry point and restored on
 * every way out (normal return, fatal error through ps_fatal_set_hook).
 * UI process only.
 */
#ifndef UI_TERM_H
#define UI_TERM_H

#include <stdbool.h>

#include <curses.h>

/*
 * setlocale, newterm on the controlling terminal, raw keys, no echo, keypad,
 * mouse clicks, hidden cursor, theme and glyphs. Returns 0, or -ENOTTY when
 * stdin/stdout is not a terminal curses can drive (nothing is changed then).
 */
int ui_term_begin(void);

/* Restore the terminal (endwin, free the screen). Safe to call twice. */
void ui_term_end(void);

/*
 * Whether the terminal named by $TERM can address the cursor (terminfo "cup"),
 * so the TUI can draw on it; false for TERM=dumb, an unknown TERM or none.
 */
bool ui_term_can_draw(void);

/* True between ui_term_begin and ui_term_end. */
bool ui_term_active(void);

/*
 * wgetch with a timeout; when the terminal is gone (hung up, closed: reads give
 * end-of-file for ever) raise SIGHUP, so the caller's signal check ends the
 * session as a hang-up does (exit 129), instead of looping on ERR.
 */
int ui_term_getch(int timeout_ms);

/*
 * A pop-up over the panes (help, the step `next` list): a cleared h x w
 * window at (y, x) with a focus-coloured border. NULL if curses refuses it;
 * the caller deletes it.
 */
WINDOW *ui_term_popup(int h, int w, int y, int x);

#endif /* UI_TERM_H */
