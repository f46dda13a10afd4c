/* SPDX-License-Identifier: MIT */
#include "ui/list.h"

#include <stdlib.h>

#include "ui/rows.h"

void ui_list_init(struct ui_view_pane *view, bool log)
{
    view->list = (struct ui_list){
        .sel = -1, .sel_key = -1, .first = 0, .first_key = -1, .log = log, .follow = log};
}

/* The row of a log pane to select when its key is gone: the first one with a later key. */
static int64_t ui_list_after_key(const struct ui_rows *rows, int64_t key)
{
    for (uint32_t i = rows->nhead; i < rows->n; i++) {
        if (rows->rows[i].key >= key) {
            return i;
        }
    }
    return (int64_t)rows->n - 1;
}

void ui_list_sync(struct ui_view_pane *view)
{
    struct ui_list *l = &view->list;
    const struct ui_rows *rows = &view->rows;
    int64_t lo = rows->nhead;
    int64_t hi = (int64_t)rows->n - 1;
    if (hi < lo) {
        l->sel = -1;
    } else if (l->log && l->follow) {
        l->sel = hi;
    } else if (l->sel >= 0) {
        int64_t i = ui_rows_find(rows, l->sel_key);
        if (i < lo) {
            i = l->log ? ui_list_after_key(rows, l->sel_key) : l->sel;
        }
        l->sel = i < lo ? lo : (i > hi ? hi : i);
    }
    if (l->sel >= 0) {
        l->sel_key = rows->rows[l->sel].key;
    }
    int64_t first = ui_rows_find(rows, l->first_key);
    l->first = first < 0 ? 0 : (uint32_t)first;
}

void ui_list_select(struct ui_view_pane *view, int64_t i)
{
    struct ui_list *l = &view->list;
    const struct ui_rows *rows = &view->rows;
    int64_t lo = rows->nhead;
    int64_t hi = (int64_t)rows->n - 1;
    if (i < 0 || hi < lo) {
        l->sel = -1;
    } else {
        l->sel = i < lo ? lo : (i > hi ? hi : i);
        l->sel_key = rows->rows[l->sel].key;
        l->follow = false;
    }
    view->base.dirty = true;
}

int ui_list_page(const struct ui_view_pane *view)
{
    int page = ui_rows_visible(view->base.win) - (int)view->rows.nhead;
    return page > 1 ? page : 1;
}

void ui_list_draw(struct ui_pane *pane)
{
    struct ui_view_pane *view = (struct ui_view_pane *)pane;
    struct ui_list *l = &view->list;
    struct ui_rows *rows = &view->rows;
    for (uint32_t i = 0; i < rows->n; i++) {
        rows->rows[i].selected = pane->focused && (int64_t)i == l->sel;
    }
    int64_t show = l->log && l->follow ? -1 : (l->sel < 0 ? (int64_t)rows->nhead : l->sel);
    l->first = ui_rows_scroll(rows, l->first, show, ui_rows_visible(pane->win));
    l->first_key = l->first < rows->n ? rows->rows[l->first].key : -1;
    ui_view_draw(view, l->first);
}

unsigned ui_list_key(struct ui_pane *pane, int ch)
{
    struct ui_view_pane *view = (struct ui_view_pane *)pane;
    struct ui_list *l = &view->list;
    int64_t sel = l->sel;
    /* One page moves by the rows it shows less one: a row of context stays. */
    unsigned r = ui_rows_key(&view->rows, ch, &sel, ui_list_page(view));
    if (r == UI_KEY_IGNORED) {
        return r;
    }
    ui_list_select(view, sel);
    if (ch == KEY_END && l->log) {
        l->follow = true;
    }
    return r;
}

unsigned ui_list_click(struct ui_pane *pane, int y, int x)
{
    struct ui_view_pane *view = (struct ui_view_pane *)pane;
    const struct ui_rows *rows = &view->rows;
    (void)x;
    int line = y - 1 - (int)rows->nhead; /* line 0: the border or title */
    int64_t r = (int64_t)view->list.first + line;
    if (line < 0 || r < (int64_t)rows->nhead || r >= (int64_t)rows->n) {
        return UI_KEY_IGNORED;
    }
    ui_list_select(view, r);
    return UI_KEY_HANDLED | UI_KEY_REDRAW;
}

void ui_list_destroy(struct ui_pane *pane)
{
    struct ui_view_pane *view = (struct ui_view_pane *)pane;
    ui_rows_free(&view->rows);
    free(view);
}
