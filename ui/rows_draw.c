/* SPDX-License-Identifier: MIT */
/*
 * Drawing view rows into curses windows (the draw half of ui/rows.h): a row's
 * text spans and bar, a pane's border and title, and the incremental draw
 * that rewrites only the lines whose content changed since the last one.
 */
#include "ui/rows.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#include "ui/glyphs.h"
#include "ui/theme.h"
#include "ui/timeaxis.h"

#define UI_ROWS_MAX_COLS 1024 /* widest window drawn */

/* Set the window's attributes (wattrset takes an int). */
static void ui_rows_attrset(WINDOW *win, attr_t attr)
{
    wattrset(win, (int)attr);
}

/* The curses attributes of a colour meaning, or of a process's palette entry. */
static attr_t ui_rows_attr(enum ui_color color, int16_t proc)
{
    return proc >= 0 ? ui_theme_proc_attr((size_t)proc) : ui_theme_attr(color);
}

/*
 * Write the characters of `s` that fit in `cols` columns at the cursor, or
 * only count them when `win` is NULL; a byte the locale cannot decode is
 * shown as '?' (so the columns counted are the columns drawn). Returns the
 * columns used.
 */
static int ui_rows_put(WINDOW *win, const char *s, size_t len, int cols, attr_t attr)
{
    mbstate_t st;
    memset(&st, 0, sizeof(st));
    size_t i = 0;
    size_t run = 0; /* start of the decodable bytes not yet written */
    int used = 0;
    if (win) {
        ui_rows_attrset(win, attr);
    }
    while (i < len && used < cols) {
        if (s[i] >= 0x20 && s[i] < 0x7f) {
            used++; /* printable ASCII: one column, no decoding */
            i++;
            continue;
        }
        wchar_t wc;
        size_t n = mbrtowc(&wc, s + i, len - i, &st);
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            memset(&st, 0, sizeof(st));
            if (win) {
                waddnstr(win, s + run, (int)(i - run));
                waddch(win, '?');
            }
            used++;
            run = ++i;
            continue;
        }
        int w = wcwidth(wc) < 0 ? 1 : wcwidth(wc);
        if (used + w > cols) {
            break;
        }
        used += w;
        i += n;
    }
    if (win && i > run) {
        waddnstr(win, s + run, (int)(i - run));
    }
    return used;
}

int ui_rows_width(const char *s, size_t len)
{
    return ui_rows_put(NULL, s, len, INT_MAX, 0);
}

/* How a row fills a line of `cols` columns: its text, then its bar's cells. */
struct ui_rows_line {
    int text_cols; /* columns the text takes */
    int bar_at;    /* column where the bar starts */
    int bar_cols;  /* the bar's width; 0: no bar drawn */
    struct ui_cell cells[UI_ROWS_MAX_COLS];
};

/* Lay out `row` in `cols` columns (as ui_rows_draw_row draws it) and render its bar. */
static void ui_rows_layout(const struct ui_rows *rows, const struct ui_row *row, int cols,
                           struct ui_rows_line *ln)
{
    int used = 0;
    for (unsigned i = 0; i < row->nspans && used < cols; i++) {
        const struct ui_span *sp = &row->spans[i];
        used += ui_rows_put(NULL, row->text + sp->off, sp->len, cols - used, 0);
    }
    ln->text_cols = used;
    int pad_to = rows->bar_col > used ? rows->bar_col : used;
    ln->bar_at = row->bar && used < cols ? (pad_to < cols ? pad_to : cols) : used;
    ln->bar_cols = row->bar && cols - ln->bar_at >= 4 ? cols - ln->bar_at : 0;
    if (ln->bar_cols > UI_ROWS_MAX_COLS) {
        ln->bar_cols = UI_ROWS_MAX_COLS;
    }
    if (ln->bar_cols > 0) {
        struct ui_axis wall = {.t0 = rows->t0, .t1 = rows->t1};
        const struct ui_axis *axis = rows->axis ? rows->axis : &wall;
        if (row->ticks) {
            ui_axis_ticks(axis, ln->bar_cols, ln->cells);
        } else {
            ui_axis_render(row, axis, ln->bar_cols, ln->cells);
        }
    }
}

/* Draw a bar's rendered cells at the cursor, a run of equal cells at a time. */
static void ui_rows_put_bar(WINDOW *win, const struct ui_cell *cells, int cols, attr_t extra)
{
    char run[UI_ROWS_MAX_COLS * 4 + 1];
    int c = 0;
    while (c < cols) {
        size_t len = 0;
        int n = 0;
        while (c + n < cols && cells[c + n].glyph == cells[c].glyph &&
               cells[c + n].color == cells[c].color && cells[c + n].proc == cells[c].proc &&
               len + 4 < sizeof(run)) {
            char one[2] = {cells[c + n].ch, '\0'};
            const char *g = cells[c + n].glyph == UI_G_CHAR
                                ? one
                                : ui_timeaxis_glyph((enum ui_glyph_id)cells[c + n].glyph);
            size_t glen = strlen(g);
            memcpy(run + len, g, glen);
            len += glen;
            n++;
        }
        attr_t attr = ui_rows_attr((enum ui_color)cells[c].color, cells[c].proc) | extra;
        ui_rows_put(win, run, len, n, attr);
        c += n;
    }
}

/* Draw one row laid out as `ln` at window line y, from column x, in `cols` columns. */
static void ui_rows_draw_row(WINDOW *win, int y, int x, int cols, const struct ui_row *row,
                             const struct ui_rows_line *ln)
{
    attr_t extra = row->selected ? A_REVERSE : A_NORMAL;
    wmove(win, y, x);
    int used = 0;
    /* Text cut at the edge ends in an ellipsis, so nothing is cut silently. */
    bool cut = !row->bar && cols > 1 && ui_rows_width(row->text, row->len) > cols;
    int text_cols = cut ? cols - 1 : cols;
    for (unsigned i = 0; i < row->nspans && used < text_cols; i++) {
        const struct ui_span *sp = &row->spans[i];
        attr_t attr = ui_rows_attr((enum ui_color)sp->color, sp->proc) | extra;
        used += ui_rows_put(win, row->text + sp->off, sp->len, text_cols - used, attr);
    }
    if (cut) {
        const char *ell = ui_glyph(UI_GLYPH_ELLIPSIS);
        used += ui_rows_put(win, ell, strlen(ell), 1, ui_theme_attr(UI_COLOR_WARN) | extra);
    }
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL) | extra);
    while (used < ln->bar_at) {
        waddch(win, ' ');
        used++;
    }
    if (ln->bar_cols > 0) {
        ui_rows_put_bar(win, ln->cells, ln->bar_cols, extra);
        used = cols;
    }
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL) | extra);
    while (row->selected && used < cols) {
        waddch(win, ' ');
        used++;
    }
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL));
}

/* Clear columns [x, x + cols) of line y (without touching a right border). */
static void ui_rows_blank(WINDOW *win, int y, int x, int cols)
{
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL));
    mvwhline(win, y, x, ' ', cols);
}

/* The attributes of the border. */
static attr_t ui_rows_border_attr(bool focused)
{
    return ui_theme_attr(focused ? UI_COLOR_BORDER_FOCUS : UI_COLOR_BORDER);
}

/* Border and title; the title is cut to the window. */
static void ui_rows_frame(WINDOW *win, const char *title, bool focused, int w)
{
    attr_t battr = ui_rows_border_attr(focused);
    ui_rows_attrset(win, battr);
    box(win, 0, 0);
    if (w > 4) {
        mvwaddch(win, 0, 1, ' ');
        ui_rows_put(win, title, strlen(title), w - 4, battr | A_BOLD);
        ui_rows_attrset(win, battr);
        waddch(win, ' ');
    }
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL));
}

/* The border and title, or the title line of a window too small for a border. */
static void ui_rows_chrome(WINDOW *win, const char *title, bool focused, int w, bool border)
{
    if (border) {
        ui_rows_frame(win, title, focused, w);
        return;
    }
    ui_rows_blank(win, 0, 0, w);
    wmove(win, 0, 0);
    ui_rows_put(win, title, strlen(title), w, ui_theme_attr(UI_COLOR_TITLE));
}

#define UI_ROWS_BLANK_SIG 2u /* a line without a row (row signatures are odd) */
#define UI_ROWS_SHIFT_MAX 8  /* lines a draw scrolls by at most */

uint64_t ui_rows_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ b[i]) * 0x100000001b3u;
    }
    return h;
}

/* What a row looks like laid out as `ln`: text, colours, selection, bar cells (never 0). */
static uint64_t ui_rows_sig(const struct ui_row *row, const struct ui_rows_line *ln)
{
    uint64_t h = ui_rows_hash(UI_ROWS_HASH_BASIS, row->text, row->len);
    for (unsigned i = 0; i < row->nspans; i++) {
        const struct ui_span *sp = &row->spans[i];
        uint64_t v = (uint64_t)sp->off | (uint64_t)sp->len << 16 | (uint64_t)sp->color << 32 |
                     (uint64_t)(uint16_t)sp->proc << 40;
        h = ui_rows_hash(h, &v, sizeof(v));
    }
    int lay[3] = {row->selected, ln->bar_at, ln->bar_cols};
    h = ui_rows_hash(h, lay, sizeof(lay));
    h = ui_rows_hash(h, ln->cells, (size_t)ln->bar_cols * sizeof(ln->cells[0]));
    return h | 1u;
}

/* The shift (> 0: lines moved up) under which most old lines [lo, hi) match the new ones. */
static int ui_rows_shift(const uint64_t *old, const uint64_t *now, int lo, int hi)
{
    int best = 0;
    int best_n = -1;
    for (int k = -UI_ROWS_SHIFT_MAX; k <= UI_ROWS_SHIFT_MAX; k++) {
        int n = 0;
        for (int i = lo; i < hi; i++) {
            int j = i + k;
            n += j >= lo && j < hi && old[j] != 0 && now[i] == old[j];
        }
        if (n > best_n || (n == best_n && k == 0)) {
            best = k;
            best_n = n;
        }
    }
    return best_n * 2 > hi - lo ? best : 0;
}

/*
 * Scroll window lines [1 + lo, 1 + hi) by k (as wscrl) and the remembered
 * signatures with them; lines scrolled in are unknown and get their border
 * sides back.
 */
static void ui_rows_scroll_lines(WINDOW *win, struct ui_rows_drawn *drawn, int lo, int hi, int k,
                                 bool border, bool focused)
{
    scrollok(win, TRUE);
    wsetscrreg(win, 1 + lo, hi);
    wscrl(win, k);
    wsetscrreg(win, 0, getmaxy(win) - 1);
    scrollok(win, FALSE);
    uint64_t *line = drawn->line;
    if (k > 0) {
        memmove(line + lo, line + lo + k, (size_t)(hi - lo - k) * sizeof(*line));
    } else {
        memmove(line + lo - k, line + lo, (size_t)(hi - lo + k) * sizeof(*line));
    }
    int from = k > 0 ? hi - k : lo;
    int to = k > 0 ? hi : lo - k;
    ui_rows_attrset(win, ui_rows_border_attr(focused));
    for (int i = from; i < to; i++) {
        line[i] = 0;
        if (border) {
            mvwaddch(win, 1 + i, 0, ACS_VLINE);
            mvwaddch(win, 1 + i, getmaxx(win) - 1, ACS_VLINE);
        }
    }
    ui_rows_attrset(win, ui_theme_attr(UI_COLOR_NORMAL));
}

/* The row shown on line i (below the title), or NULL for a blank line. */
static const struct ui_row *ui_rows_at(const struct ui_rows *rows, uint32_t head, uint32_t first,
                                       int i)
{
    uint64_t r = (uint32_t)i < head ? (uint64_t)i : (uint64_t)first + (uint64_t)i - head;
    return r < rows->n ? &rows->rows[r] : NULL;
}

/* Where the rows go in a window. */
struct ui_rows_geom {
    int h, w;
    bool border;
    int x0, cols; /* the columns inside the border */
    int lines;    /* the lines below the title */
    uint32_t head, first;
};

/*
 * Forget what `drawn` remembers when it is about another window or size, or
 * something wrote into the window since its last refresh; draw the border
 * and title unless they are already there. Returns the memory to use (NULL:
 * draw everything).
 */
static struct ui_rows_drawn *ui_rows_begin(struct ui_rows_drawn *drawn, WINDOW *win,
                                           const char *title, bool focused,
                                           const struct ui_rows_geom *g)
{
    if (g->lines > UI_ROWS_DRAWN_LINES) {
        drawn = NULL;
    } else if (drawn &&
               (drawn->win != win || drawn->h != g->h || drawn->w != g->w || is_wintouched(win))) {
        *drawn = (struct ui_rows_drawn){.win = win, .h = g->h, .w = g->w};
    }
    bool focus_byte = focused;
    uint64_t fsig = ui_rows_hash(UI_ROWS_HASH_BASIS, title, strlen(title));
    fsig = ui_rows_hash(fsig, &focus_byte, sizeof(focus_byte)) | 1u;
    if (!drawn || drawn->frame != fsig) {
        ui_rows_chrome(win, title, focused, g->w, g->border);
        if (drawn) {
            drawn->frame = fsig;
        }
    }
    return drawn;
}

/* Each line's signature into sig; scroll the window when most of its lines moved. */
static void ui_rows_diff(struct ui_rows_drawn *drawn, WINDOW *win, bool focused,
                         const struct ui_rows *rows, const struct ui_rows_geom *g, uint64_t *sig)
{
    struct ui_rows_line ln; /* a row laid out, its bar rendered */
    for (int i = 0; i < g->lines; i++) {
        const struct ui_row *row = ui_rows_at(rows, g->head, g->first, i);
        if (row) {
            ui_rows_layout(rows, row, g->cols, &ln);
        }
        sig[i] = row ? ui_rows_sig(row, &ln) : UI_ROWS_BLANK_SIG;
    }
    int lo = (int)g->head;
    int k = g->lines - lo >= 2 ? ui_rows_shift(drawn->line, sig, lo, g->lines) : 0;
    if (k != 0) {
        ui_rows_scroll_lines(win, drawn, lo, g->lines, k, g->border, focused);
    }
}

/* Draw into `win`, rewriting only the lines `drawn` does not already show (NULL: all). */
static void ui_rows_paint(struct ui_rows_drawn *drawn, WINDOW *win, const char *title, bool focused,
                          const struct ui_rows *rows, uint32_t first)
{
    struct ui_rows_geom g = {.h = win ? getmaxy(win) : 0, .w = win ? getmaxx(win) : 0};
    if (g.h <= 0 || g.w <= 0) {
        return;
    }
    g.border = g.h >= 3 && g.w >= 4;
    g.x0 = g.border ? 1 : 0;
    g.cols = g.border ? g.w - 2 : g.w;
    g.lines = ui_rows_visible(win);
    g.head = rows->nhead < rows->n ? rows->nhead : rows->n;
    g.first = first < g.head ? g.head : first;
    drawn = ui_rows_begin(drawn, win, title, focused, &g);
    uint64_t sig[UI_ROWS_DRAWN_LINES];
    if (drawn) {
        ui_rows_diff(drawn, win, focused, rows, &g, sig);
    }
    struct ui_rows_line ln;
    for (int i = 0; i < g.lines; i++) {
        if (drawn && drawn->line[i] == sig[i]) {
            continue;
        }
        const struct ui_row *row = ui_rows_at(rows, g.head, g.first, i);
        ui_rows_blank(win, 1 + i, g.x0, g.cols);
        if (row) {
            ui_rows_layout(rows, row, g.cols, &ln);
            ui_rows_draw_row(win, 1 + i, g.x0, g.cols, row, &ln);
        }
        if (drawn) {
            drawn->line[i] = sig[i];
        }
    }
}

void ui_rows_draw(WINDOW *win, const char *title, bool focused, const struct ui_rows *rows,
                  uint32_t first)
{
    ui_rows_paint(NULL, win, title, focused, rows, first);
}

void ui_view_draw(struct ui_view_pane *view, uint32_t first)
{
    struct ui_pane *pane = &view->base;
    const char *title = view->title[0] ? view->title : pane->cls->name;
    ui_rows_paint(&view->drawn, pane->win, title, pane->focused, &view->rows, first);
}
