/* SPDX-License-Identifier: MIT */
/*
 * Where each pane goes: a pure function of the terminal size, the panes in
 * use and the preset (tiled or one pane zoomed). No curses calls, so it is
 * tested as plain data.
 *
 * Tiled: the status line on row 0, the hint bar on the last row; between
 * them Processes across the full width on top, then Channels, Sync and Pool
 * side by side, then Events and Output (side by side on wide terminals,
 * stacked on narrow ones). A pane that is not used gets no room and its
 * band's or row's neighbours take it. Zoomed: the zoomed pane takes the whole
 * body. Below UI_LAYOUT_MIN_COLS x UI_LAYOUT_MIN_ROWS nothing is placed.
 */
#ifndef UI_LAYOUT_H
#define UI_LAYOUT_H

#include <stdbool.h>

#include "ui/pane.h"

#define UI_LAYOUT_MIN_COLS 40
#define UI_LAYOUT_MIN_ROWS 12

/* The panes of the live and replay views, in layout order. */
enum ui_pane_id {
    UI_PANE_PROCS,
    UI_PANE_CHANNELS,
    UI_PANE_SYNC,
    UI_PANE_POOL,
    UI_PANE_EVENTS,
    UI_PANE_OUTPUT,
    UI_PANE_COUNT
};

enum ui_layout_preset {
    UI_LAYOUT_TILED,
    UI_LAYOUT_ZOOM,
};

struct ui_layout_req {
    enum ui_layout_preset preset;
    enum ui_pane_id zoomed;   /* the pane shown alone with UI_LAYOUT_ZOOM */
    int rows, cols;           /* terminal size */
    bool used[UI_PANE_COUNT]; /* panes that have something to show */
    int procs_rows;           /* content rows Processes would like (0: no preference) */
    int mid_rows;             /* content rows the tallest of Channels/Sync/Pool would like */
    int output_cols;          /* columns Output's widest line would like (0: no preference) */
};

struct ui_layout {
    bool too_small;                     /* nothing placed: show the "too small" line */
    struct ui_rect status;              /* row 0 */
    struct ui_rect hint;                /* last row */
    struct ui_rect body;                /* between them */
    struct ui_rect pane[UI_PANE_COUNT]; /* h == 0 or w == 0: the pane has no room */
};

/*
 * Fill `out` for `req`. Returns false (and out->too_small) when the terminal
 * is smaller than the minimum; every rect is then empty. Rects never overlap
 * and never leave the body. When no pane is used, Events gets the body.
 */
bool ui_layout_compute(const struct ui_layout_req *req, struct ui_layout *out);

/* The rect's area is empty. */
bool ui_rect_empty(const struct ui_rect *r);

#endif /* UI_LAYOUT_H */
