/* SPDX-License-Identifier: MIT */
/*
 * The list-pane base (htop's Panel): selection, first visible row, paging,
 * the selection mark, click-to-select and scrolling, written once for every
 * pane of ui/panes.h. A pane supplies only its rows (update) and, when it has
 * any, its own keys; its class points draw/key/click/destroy at the
 * functions below (or wraps them).
 *
 * One behaviour for all panes:
 * - the selected row is marked only while the pane has the focus;
 * - the selection follows its row's key across updates (a pid, an event
 *   index); when that row is gone it stays at the same place, clamped;
 * - Up/Down move one row, PgUp/PgDn one page of body rows less one (a row
 *   of context stays on screen), Home/End the first/last row;
 * - a log pane (Events, Output) follows its newest row until the user moves
 *   the selection, and again after End;
 * - a click on a body row selects it (a log pane then stops following).
 */
#ifndef UI_LIST_H
#define UI_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/pane.h"

struct ui_view_pane;

struct ui_list {
    int64_t sel;       /* selected row index, -1: none */
    int64_t sel_key;   /* the key on it: the selection follows the key across updates */
    uint32_t first;    /* first body row shown */
    int64_t first_key; /* the key on it, so the view stays still across updates */
    bool log;          /* a log pane: follows the newest row */
    bool follow;       /* (log) showing the newest row; the selection sits on it */
};

/* Set up the list state of a new pane (`log`: a log pane that follows its end). */
void ui_list_init(struct ui_view_pane *view, bool log);

/*
 * After an update rebuilt the rows: find the selected and the first row
 * again by their keys (clamped when gone), or the last row while following.
 */
void ui_list_sync(struct ui_view_pane *view);

/* Select row `i` (clamped to the body rows; -1: none); a log pane stops following. */
void ui_list_select(struct ui_view_pane *view, int64_t i);

/* Body rows one page holds (the window's rows inside the border less the headings). */
int ui_list_page(const struct ui_view_pane *view);

/* Pane class draw: mark the selection (when focused), scroll it into view, draw. */
void ui_list_draw(struct ui_pane *pane);

/* Pane class key: the navigation keys above; UI_KEY_IGNORED for any other key. */
unsigned ui_list_key(struct ui_pane *pane, int ch);

/* Pane class click: select the body row at window line `y`. */
unsigned ui_list_click(struct ui_pane *pane, int y, int x);

/* Pane class destroy: free the rows and the pane (its view at offset 0). */
void ui_list_destroy(struct ui_pane *pane);

#endif /* UI_LIST_H */
