/* SPDX-License-Identifier: MIT */
/*
 * Screens without a terminal: the replay's frame drawn by the same frame code
 * into an off-screen curses screen (xterm-256color on a sink nobody reads),
 * read back cell by cell (character, colours, attributes) and written as
 * text, ANSI or SVG. `procscope screen`, the asciicast and SVG exports and
 * the golden tests use it. Deterministic: the image depends only on the
 * recording, the position, the size, the view, the locale (UTF-8 or ASCII
 * glyphs) and NO_COLOR.
 */
#ifndef UI_SCREEN_RENDER_H
#define UI_SCREEN_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ps_session;

#define UI_SCREEN_MAX_ROWS 500
#define UI_SCREEN_MAX_COLS 500
#define UI_SCREEN_MIN_ROWS 12
#define UI_SCREEN_MIN_COLS 40

enum ui_screen_format { UI_SCREEN_TEXT, UI_SCREEN_ANSI, UI_SCREEN_SVG };

/* Cell attribute bits. */
#define UI_CELL_BOLD 0x01u
#define UI_CELL_DIM 0x02u
#define UI_CELL_UNDERLINE 0x04u
#define UI_CELL_REVERSE 0x08u

/* One terminal cell as read back: fg/bg are xterm colour numbers, -1 the default. */
struct ui_screen_cell {
    uint32_t cp;  /* code point; 0 for the right half of a wide character */
    int16_t fg, bg;
    uint8_t attr; /* UI_CELL_* */
};

struct ui_cells {
    int rows, cols;
    struct ui_screen_cell *cell; /* rows * cols, owned */
};

/* An off-screen terminal (one at a time per process). */
struct ui_screen;

/*
 * Open an off-screen terminal of rows x cols; glyphs follow the locale
 * (setlocale(LC_ALL, "") is called), colours NO_COLOR. NULL with errno set.
 */
struct ui_screen *ui_screen_open(int rows, int cols);
void ui_screen_close(struct ui_screen *scr);

/*
 * Draw what the replay of `session` (loaded, not following) shows with its
 * cursor at `cursor` (events applied), in the panes or the sequence view,
 * paused (speed 0) or playing at `speed`; `path` is the file name the status
 * line shows. Returns 0 or -errno (an event the file cannot give).
 */
int ui_screen_draw_replay(struct ui_screen *scr, struct ps_session *session, const char *path,
                          uint64_t cursor, bool sequence, double speed);

/* Read the screen back into `out` (allocated; free with ui_cells_free). */
void ui_screen_grab(struct ui_screen *scr, struct ui_cells *out);
void ui_cells_free(struct ui_cells *c);

/* Write cells as plain text (trailing blanks dropped), ANSI SGR, or an SVG picture. */
int ui_cells_write(const struct ui_cells *c, enum ui_screen_format fmt, FILE *out);

/* ANSI image of the cells into a malloc'ed string (for casts): cursor home, each row. */
char *ui_cells_ansi(const struct ui_cells *c, size_t *len);

/* The first event later than `t_ns` from the session's start (a cursor showing time t). */
uint64_t ui_screen_index_at(const struct ps_session *session, uint64_t t_ns);

#endif /* UI_SCREEN_RENDER_H */
