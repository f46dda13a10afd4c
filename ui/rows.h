/* SPDX-License-Identifier: MIT */
/*
 * View rows: what a pane's update builds and its draw puts on the screen.
 *
 * A row is a short UTF-8 text cut into spans, each with a colour meaning of
 * ui/theme.h or, for a process name, the process's palette index, plus an optional bar: a
 * set of intervals and point markers on the pane's time axis, drawn in the
 * columns right of the text. Keeping bars in time units (not columns) lets
 * draw fit them to whatever width the window has after a resize, without
 * another update. Rows hold no pointer into the model: update may run, then
 * the session change, then draw run.
 *
 * Text that came from a process is added with ui_row_text_escaped(), which
 * runs it through ui_text_escape(); the other adders take program text.
 * Allocation failure aborts (UI process only).
 */
#ifndef UI_ROWS_H
#define UI_ROWS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "ui/list.h"
#include "ui/pane.h"
#include "ui/theme.h"

#define UI_ROW_TEXT 320 /* bytes of text per row, NUL included */
#define UI_ROW_SPANS 16
#define UI_ROW_MARKS 72         /* intervals and markers per bar */
#define UI_ROWS_DRAWN_LINES 256 /* window lines whose drawn content is remembered */

/* Bar glyphs (mapped onto ui/glyphs.h in timeaxis.c). */
enum ui_glyph_id {
    UI_G_NONE = 0,
    UI_G_FULL,    /* busy / alive: █ or # */
    UI_G_LIGHT,   /* spawned but not started, waiting: ░ or . */
    UI_G_START,   /* process start: ▶ or > */
    UI_G_END,     /* normal exit: ■ or | */
    UI_G_KILL,    /* killed: ✗ or x */
    UI_G_TERM,    /* terminate sent: ● or * */
    UI_G_JOIN,    /* joined: ◆ or + */
    UI_G_ARRIVE,  /* barrier arrival: ↓ or v */
    UI_G_RELEASE, /* barrier release: ↑ or ^ */
    UI_G_SPARK0,  /* sparkline levels 0..8: SPARK0 + level */
    UI_G_SPARK8 = UI_G_SPARK0 + 8,
};

struct ui_span {
    uint16_t off, len; /* bytes of row text */
    uint8_t color;     /* enum ui_color, used when proc < 0 */
    int16_t proc;      /* process palette index (ui_theme_proc_attr), or -1 */
};

/* An interval [t0, t1] filled with `glyph`, or a point marker when t1 == 0. */
struct ui_mark {
    uint64_t t0, t1;
    uint8_t glyph; /* enum ui_glyph_id */
    uint8_t color; /* enum ui_color, used when proc < 0 */
    int16_t proc;  /* process palette index, or -1 */
};

struct ui_row {
    uint16_t len; /* bytes of text */
    uint8_t nspans;
    uint8_t nmarks;
    bool selected; /* drawn reversed */
    bool bar;      /* has a bar (possibly with no marks: an empty axis) */
    int64_t key;   /* what the row shows (a pid, an event index): for selection */
    char text[UI_ROW_TEXT];
    struct ui_span spans[UI_ROW_SPANS];
    struct ui_mark marks[UI_ROW_MARKS];
};

/* A pane's rows and its time axis. */
struct ui_rows {
    struct ui_row *rows;
    uint32_t n, cap;
    uint32_t skip;   /* rows dropped from the front still allocated before `rows` */
    uint64_t t0, t1; /* the time axis shared by all bars: t0 maps to the first column */
    int bar_col;     /* text columns before the bars (bars start there) */
    uint32_t nhead;  /* rows at the top that never scroll (headings) */
};

/*
 * What ui_view_draw() last put into a window: a signature of the border and
 * title and of each line's content (text, colours, selection and the bar's
 * cells at the window's width), so a draw rewrites only the lines that
 * changed, and scrolls the window when its lines moved up or down.
 */
struct ui_rows_drawn {
    WINDOW *win; /* the window the signatures are about; another one: draw everything */
    int h, w;
    uint64_t frame;                     /* border and title; 0: unknown */
    uint64_t line[UI_ROWS_DRAWN_LINES]; /* per line below the title; 0: unknown */
};

/*
 * The first member of every pane of ui/panes.h: the pane (at offset 0, so
 * the pane pointer is the view pane pointer), the rows its update built,
 * what its draw put into the window, and its selection and scroll.
 */
struct ui_view_pane {
    struct ui_pane base;
    struct ui_rows rows;
    struct ui_rows_drawn drawn;
    struct ui_list list; /* selection and scroll (ui/list.h) */
};

/*
 * The rows the last update of a pane of ui/panes.h built (for tests, search
 * and the frame's bench). Only for those panes; valid until their next update.
 */
const struct ui_rows *ui_pane_rows(const struct ui_pane *pane);

/* Empty set (no allocation yet). */
void ui_rows_init(struct ui_rows *rows);

/* Free the rows' memory; the set is empty again. */
void ui_rows_free(struct ui_rows *rows);

/* Forget every row, keep the memory. */
void ui_rows_clear(struct ui_rows *rows);

/*
 * Forget the first `k` rows (all when k >= n) without moving the others:
 * their memory is reused by later adds, so dropping the oldest row each time
 * one is appended costs O(1) amortised.
 */
void ui_rows_drop_front(struct ui_rows *rows, uint32_t k);

/* Append an empty row and return it (valid until the next add). */
struct ui_row *ui_rows_add(struct ui_rows *rows, int64_t key);

/* Append formatted program text as one span; text beyond the row is cut. */
void ui_row_text(struct ui_row *row, enum ui_color color, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Append text that came from a process (escaped), cut to at most `cols` bytes (0: no limit). */
void ui_row_text_escaped(struct ui_row *row, enum ui_color color, int16_t proc, const char *text,
                         size_t cols);

/* Pad the row with spaces to `col` display columns (nothing when already wider). */
void ui_row_pad(struct ui_row *row, int col);

/* Add an interval (t1 > 0) or a point marker (t1 == 0) to the row's bar; extra marks are dropped.
 */
void ui_row_mark(struct ui_row *row, uint64_t t0, uint64_t t1, enum ui_glyph_id glyph,
                 enum ui_color color, int16_t proc);

/* FNV-1a: start from UI_ROWS_HASH_BASIS, fold `n` bytes onto `h` (change detection only). */
#define UI_ROWS_HASH_BASIS 0xcbf29ce484222325u
uint64_t ui_rows_hash(uint64_t h, const void *p, size_t n);

/* Display columns of the first `len` bytes of UTF-8 `s` (an invalid byte counts 1). */
int ui_rows_width(const char *s, size_t len);

/* The index of the row whose key is `key`, or -1. */
int64_t ui_rows_find(const struct ui_rows *rows, int64_t key);

/*
 * Draw `title` and the rows into `win`: a border (highlighted when focused)
 * unless the window is too small for one, the heading rows, then the rows
 * from `first` (>= nhead) on, each
 * clipped to the inside width and written whole (text, spaces, bar, clear to
 * the end of the line). Never writes outside the window; any size is fine.
 */
void ui_rows_draw(WINDOW *win, const char *title, bool focused, const struct ui_rows *rows,
                  uint32_t first);

/*
 * ui_rows_draw() of the pane's rows into the pane's window with the pane's
 * title and focus, rewriting only what changed since the last call: lines
 * whose content is unchanged are not touched, lines that moved are moved with
 * wscrl(). A window that is new, resized, or was written to by anything else
 * since it was last refreshed (is_wintouched) is drawn whole.
 */
void ui_view_draw(struct ui_view_pane *view, uint32_t first);

/* Rows the window shows inside its border (0 for a tiny or NULL window). */
int ui_rows_visible(WINDOW *win);

/*
 * The first body row to show in a window of `visible` rows (headings
 * included) so that row `sel` is visible (sel < 0: show the last rows), given
 * the previous first row; keeps the window still while sel is inside it.
 * Returns a row index >= rows->nhead.
 */
uint32_t ui_rows_scroll(const struct ui_rows *rows, uint32_t first, int64_t sel, int visible);

/*
 * Move a selection among the body rows for a navigation key (Up, Down, PgUp,
 * PgDn, Home, End; a page is `page` rows). `*sel` < 0 (none) starts at the
 * first or last row. Returns UI_KEY_HANDLED | UI_KEY_REDRAW when `ch` is a
 * navigation key, UI_KEY_IGNORED otherwise.
 */
unsigned ui_rows_key(const struct ui_rows *rows, int ch, int64_t *sel, int page);

#endif /* UI_ROWS_H */
