/* SPDX-License-Identifier: MIT */
#include "ui/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "core/xalloc.h"
#include "ui/textsafe.h"

const struct ui_rows *ui_pane_rows(const struct ui_pane *pane)
{
    const struct ui_view_pane *view = (const struct ui_view_pane *)pane;
    return &view->rows;
}

void ui_rows_init(struct ui_rows *rows)
{
    memset(rows, 0, sizeof(*rows));
}

void ui_rows_free(struct ui_rows *rows)
{
    free(rows->rows ? rows->rows - rows->skip : NULL);
    ui_rows_init(rows);
}

/* Give the rows dropped from the front back to the free space at the end. */
static void ui_rows_compact(struct ui_rows *rows)
{
    if (rows->skip == 0) {
        return;
    }
    struct ui_row *base = rows->rows - rows->skip;
    memmove(base, rows->rows, (size_t)rows->n * sizeof(*rows->rows));
    rows->rows = base;
    rows->cap += rows->skip;
    rows->skip = 0;
}

void ui_rows_clear(struct ui_rows *rows)
{
    rows->n = 0;
    ui_rows_compact(rows);
    rows->t0 = 0;
    rows->t1 = 0;
    rows->bar_col = 0;
    rows->nhead = 0;
}

void ui_rows_drop_front(struct ui_rows *rows, uint32_t k)
{
    k = k < rows->n ? k : rows->n;
    rows->rows += k;
    rows->n -= k;
    rows->cap -= k;
    rows->skip += k;
}

struct ui_row *ui_rows_add(struct ui_rows *rows, int64_t key)
{
    if (rows->n == rows->cap && rows->skip >= rows->n) {
        ui_rows_compact(rows); /* moves at most as many rows as were dropped */
    }
    if (rows->n == rows->cap) {
        uint32_t total = rows->skip + rows->cap;
        uint32_t grown = total ? total * 2 : 16;
        struct ui_row *base = rows->rows ? rows->rows - rows->skip : NULL;
        base = ps_xrealloc(base, (size_t)grown * sizeof(*base));
        rows->rows = base + rows->skip;
        rows->cap = grown - rows->skip;
    }
    struct ui_row *row = &rows->rows[rows->n++];
    row->len = 0;
    row->nspans = 0;
    row->nmarks = 0;
    row->selected = false;
    row->bar = false;
    row->ticks = false;
    row->key = key;
    row->text[0] = '\0';
    return row;
}

/* Record the bytes [off, row->len) as one span (merged into the last one when alike). */
static void ui_row_span(struct ui_row *row, uint16_t off, enum ui_color color, int16_t proc)
{
    if (row->len == off) {
        return;
    }
    struct ui_span *last = row->nspans ? &row->spans[row->nspans - 1] : NULL;
    if (last && last->color == color && last->proc == proc && last->off + last->len == off) {
        last->len = (uint16_t)(row->len - last->off);
        return;
    }
    if (row->nspans == UI_ROW_SPANS) {
        last->len = (uint16_t)(row->len - last->off);
        return;
    }
    row->spans[row->nspans++] = (struct ui_span){
        .off = off, .len = (uint16_t)(row->len - off), .color = (uint8_t)color, .proc = proc};
}

/* Append `len` bytes, cut at a UTF-8 boundary so the row never ends inside a character. */
static void ui_row_append(struct ui_row *row, const char *s, size_t len, enum ui_color color,
                          int16_t proc)
{
    size_t room = UI_ROW_TEXT - 1 - row->len;
    len = ps_utf8_cut(s, len, room);
    uint16_t off = row->len;
    memcpy(row->text + row->len, s, len);
    row->len = (uint16_t)(row->len + len);
    row->text[row->len] = '\0';
    ui_row_span(row, off, color, proc);
}

void ui_row_text(struct ui_row *row, enum ui_color color, const char *fmt, ...)
{
    char buf[UI_ROW_TEXT];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n > 0) {
        size_t len = (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1;
        ui_row_append(row, buf, len, color, -1);
    }
}

void ui_row_text_escaped(struct ui_row *row, enum ui_color color, int16_t proc, const char *text,
                         size_t cols)
{
    char buf[UI_ROW_TEXT];
    size_t len = ui_text_escape(buf, sizeof(buf), text ? text : "", text ? strlen(text) : 0);
    if (len >= sizeof(buf)) {
        len = sizeof(buf) - 1;
    }
    if (cols > 0) {
        len = ps_utf8_cut(buf, len, cols);
    }
    ui_row_append(row, buf, len, color, proc);
}

void ui_row_pad(struct ui_row *row, int col)
{
    static const char spaces[] = "                                                                ";
    int have = ui_rows_width(row->text, row->len);
    while (have < col && row->len < UI_ROW_TEXT - 1) {
        size_t n = (size_t)(col - have);
        n = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
        ui_row_append(row, spaces, n, UI_COLOR_NORMAL, -1);
        have += (int)n;
    }
}

void ui_row_mark(struct ui_row *row, uint64_t t0, uint64_t t1, enum ui_glyph_id glyph,
                 enum ui_color color, int16_t proc)
{
    row->bar = true;
    if (row->nmarks < UI_ROW_MARKS) {
        row->marks[row->nmarks++] = (struct ui_mark){
            .t0 = t0, .t1 = t1, .glyph = (uint8_t)glyph, .color = (uint8_t)color, .proc = proc};
    }
}

int64_t ui_rows_find(const struct ui_rows *rows, int64_t key)
{
    for (uint32_t i = 0; i < rows->n; i++) {
        if (rows->rows[i].key == key) {
            return i;
        }
    }
    return -1;
}

int ui_rows_visible(WINDOW *win)
{
    if (!win) {
        return 0;
    }
    int h = getmaxy(win);
    int w = getmaxx(win);
    if (h >= 3 && w >= 4) {
        return h - 2;
    }
    return h > 1 ? h - 1 : 0;
}

uint32_t ui_rows_scroll(const struct ui_rows *rows, uint32_t first, int64_t sel, int visible)
{
    uint32_t head = rows->nhead < rows->n ? rows->nhead : rows->n;
    uint32_t body = rows->n - head;
    int vis_body = visible - (int)head;
    if (vis_body <= 0 || body == 0) {
        return head;
    }
    uint32_t vis = (uint32_t)vis_body;
    uint32_t last_first = body > vis ? head + body - vis : head;
    if (sel < (int64_t)head) {
        return sel < 0 ? last_first : head;
    }
    uint32_t s = (uint64_t)sel < rows->n ? (uint32_t)sel : rows->n - 1;
    if (first < head) {
        first = head;
    }
    if (s < first) {
        first = s;
    } else if (s >= first + vis) {
        first = s - vis + 1;
    }
    return first > last_first ? last_first : first;
}

unsigned ui_rows_key(const struct ui_rows *rows, int ch, int64_t *sel, int page)
{
    int64_t lo = rows->nhead;
    int64_t hi = (int64_t)rows->n - 1;
    int64_t cur = *sel;
    int64_t step = page > 1 ? page - 1 : 1;
    switch (ch) {
    case KEY_UP:
        cur = cur < lo ? hi : cur - 1;
        break;
    case KEY_DOWN:
        cur = cur < lo ? lo : cur + 1;
        break;
    case KEY_PPAGE:
        cur = cur < lo ? hi : cur - step;
        break;
    case KEY_NPAGE:
        cur = cur < lo ? lo : cur + step;
        break;
    case KEY_HOME:
        cur = lo;
        break;
    case KEY_END:
        cur = hi;
        break;
    default:
        return UI_KEY_IGNORED;
    }
    if (hi < lo) {
        *sel = -1;
    } else {
        *sel = cur < lo ? lo : (cur > hi ? hi : cur);
    }
    return UI_KEY_HANDLED | UI_KEY_REDRAW;
}
