/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <criterion/criterion.h>

#include "support/ui_term.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

static void fini_term(void)
{
    ui_term_close();
}

Test(rows, spans_merge_and_cut_at_the_row_end)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    struct ui_row *row = ui_rows_add(&rows, 7);
    ui_row_text(row, UI_COLOR_NORMAL, "abc");
    ui_row_text(row, UI_COLOR_NORMAL, "%d", 42);
    ui_row_text(row, UI_COLOR_DIM, "x");
    cr_assert_str_eq(row->text, "abc42x");
    cr_assert_eq(row->nspans, 2);
    cr_assert_eq(row->spans[0].len, 5);
    cr_assert_eq(row->spans[1].color, UI_COLOR_DIM);
    for (int i = 0; i < 100; i++) {
        ui_row_text(row, (enum ui_color)(i % 3), "0123456789");
    }
    cr_assert_eq(row->len, UI_ROW_TEXT - 1);
    cr_assert_eq(strlen(row->text), UI_ROW_TEXT - 1);
    cr_assert_leq(row->nspans, UI_ROW_SPANS);
    cr_assert_eq(ui_rows_find(&rows, 7), 0);
    cr_assert_eq(ui_rows_find(&rows, 8), -1);
    ui_rows_free(&rows);
}

Test(rows, process_text_is_escaped, .fini = fini_term)
{
    ui_term_open(10, 40, false);
    struct ui_rows rows;
    ui_rows_init(&rows);
    struct ui_row *row = ui_rows_add(&rows, 0);
    ui_row_text_escaped(row, UI_COLOR_NORMAL, 2, "red\x1b[31mtext\r", 0);
    cr_assert_null(strchr(row->text, '\x1b'));
    cr_assert_null(strchr(row->text, '\r'));
    cr_assert_not_null(strstr(row->text, "[31mtext"), "got %s", row->text);
    cr_assert_eq(row->spans[0].proc, 2);
    ui_rows_free(&rows);
}

Test(rows, pad_counts_columns)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    struct ui_row *row = ui_rows_add(&rows, 0);
    ui_row_text(row, UI_COLOR_NORMAL, "ab");
    ui_row_pad(row, 10);
    cr_assert_eq(row->len, 10);
    ui_row_pad(row, 4);
    cr_assert_eq(row->len, 10);
    ui_row_pad(row, 200);
    cr_assert_eq(row->len, 200);
    ui_rows_free(&rows);
}

Test(rows, scroll_keeps_the_selection_visible)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    for (int i = 0; i < 50; i++) {
        ui_rows_add(&rows, i);
    }
    rows.nhead = 1;
    /* 10 visible rows: 1 heading + 9 body rows */
    cr_assert_eq(ui_rows_scroll(&rows, 1, 5, 10), 1);
    cr_assert_eq(ui_rows_scroll(&rows, 1, 20, 10), 12);
    cr_assert_eq(ui_rows_scroll(&rows, 12, 15, 10), 12);
    cr_assert_eq(ui_rows_scroll(&rows, 12, 3, 10), 3);
    cr_assert_eq(ui_rows_scroll(&rows, 1, -1, 10), 41);
    cr_assert_eq(ui_rows_scroll(&rows, 1, 49, 10), 41);
    cr_assert_eq(ui_rows_scroll(&rows, 1, 5, 0), 1);
    ui_rows_free(&rows);
}

Test(rows, keys_move_and_clamp)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    for (int i = 0; i < 20; i++) {
        ui_rows_add(&rows, i);
    }
    rows.nhead = 1;
    int64_t sel = -1;
    cr_assert_eq(ui_rows_key(&rows, KEY_DOWN, &sel, 5), UI_KEY_HANDLED | UI_KEY_REDRAW);
    cr_assert_eq(sel, 1);
    ui_rows_key(&rows, KEY_UP, &sel, 5);
    cr_assert_eq(sel, 1);
    ui_rows_key(&rows, KEY_NPAGE, &sel, 5);
    cr_assert_eq(sel, 5);
    ui_rows_key(&rows, KEY_END, &sel, 5);
    cr_assert_eq(sel, 19);
    ui_rows_key(&rows, KEY_DOWN, &sel, 5);
    cr_assert_eq(sel, 19);
    ui_rows_key(&rows, KEY_HOME, &sel, 5);
    cr_assert_eq(sel, 1);
    cr_assert_eq(ui_rows_key(&rows, 'x', &sel, 5), UI_KEY_IGNORED);
    ui_rows_clear(&rows);
    sel = 3;
    ui_rows_key(&rows, KEY_DOWN, &sel, 5);
    cr_assert_eq(sel, -1);
    ui_rows_free(&rows);
}

Test(timeaxis, maps_times_to_columns)
{
    cr_assert_eq(ui_timeaxis_col(100, 200, 100, 11), 0);
    cr_assert_eq(ui_timeaxis_col(100, 200, 150, 11), 5);
    cr_assert_eq(ui_timeaxis_col(100, 200, 200, 11), 10);
    cr_assert_eq(ui_timeaxis_col(100, 200, 50, 11), 0);
    cr_assert_eq(ui_timeaxis_col(100, 200, 999, 11), 10);
    cr_assert_eq(ui_timeaxis_col(100, 100, 150, 11), 0);
    cr_assert_eq(ui_timeaxis_col(100, 200, 150, 0), 0);
}

Test(timeaxis, markers_stay_above_fills)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    struct ui_row *row = ui_rows_add(&rows, 0);
    ui_row_mark(row, 150, 0, UI_G_KILL, UI_COLOR_PROC_KILLED, -1);
    ui_row_mark(row, 100, 200, UI_G_FULL, UI_COLOR_NORMAL, 1);
    struct ui_cell cells[11];
    ui_timeaxis_render(row, 100, 200, 11, cells);
    cr_assert_eq(cells[0].glyph, UI_G_FULL);
    cr_assert_eq(cells[5].glyph, UI_G_KILL);
    cr_assert_eq(cells[10].glyph, UI_G_FULL);
    cr_assert_eq(cells[0].proc, 1);
    cr_assert_eq(ui_timeaxis_spark(0, 8), UI_G_SPARK0);
    cr_assert_eq(ui_timeaxis_spark(8, 8), UI_G_SPARK8);
    cr_assert_eq(ui_timeaxis_spark(1, 100), UI_G_SPARK0 + 1);
    ui_rows_free(&rows);
}

Test(rows, draw_clips_rows_and_bars_to_the_window, .fini = fini_term)
{
    ui_term_open(24, 80, false);
    struct ui_rows rows;
    ui_rows_init(&rows);
    rows.t0 = 0;
    rows.t1 = 100;
    rows.bar_col = 12;
    struct ui_row *row = ui_rows_add(&rows, 0);
    ui_row_text(row, UI_COLOR_NORMAL, "alive");
    ui_row_mark(row, 0, 100, UI_G_FULL, UI_COLOR_NORMAL, 0);
    row = ui_rows_add(&rows, 1);
    for (int i = 0; i < 20; i++) {
        ui_row_text(row, UI_COLOR_NORMAL, "long%02d ", i);
    }
    WINDOW *win = newwin(5, 30, 0, 0);
    ui_rows_draw(win, "Title", true, &rows, 0);
    char buf[128];
    cr_assert_not_null(strstr(ui_term_line(win, 0, buf, sizeof(buf)), "Title"));
    ui_term_line(win, 1, buf, sizeof(buf));
    cr_assert_eq(strlen(buf), 30, "a row is exactly the window wide: '%s'", buf);
    cr_assert_not_null(strstr(buf, "alive       ################"), "got '%s'", buf);
    ui_term_line(win, 2, buf, sizeof(buf));
    cr_assert_eq(strlen(buf), 30);
    cr_assert_not_null(strstr(buf, "long00 long01"), "got '%s'", buf);
    delwin(win);
    ui_rows_free(&rows);
}

Test(rows, tiny_windows_never_crash, .fini = fini_term)
{
    ui_term_open(24, 80, true);
    struct ui_rows rows;
    ui_rows_init(&rows);
    struct ui_row *row = ui_rows_add(&rows, 0);
    ui_row_text(row, UI_COLOR_NORMAL, "some text");
    ui_row_mark(row, 0, 10, UI_G_FULL, UI_COLOR_NORMAL, -1);
    rows.t1 = 10;
    int sizes[][2] = {{1, 1}, {1, 5}, {2, 3}, {3, 3}, {3, 4}, {4, 6}};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        WINDOW *win = newwin(sizes[i][0], sizes[i][1], 0, 0);
        cr_assert_not_null(win);
        ui_rows_draw(win, "Processes", false, &rows, 0);
        delwin(win);
    }
    ui_rows_draw(NULL, "x", false, &rows, 0);
    cr_assert_eq(ui_rows_visible(NULL), 0);
    WINDOW *win = newwin(1, 5, 0, 0);
    ui_rows_draw(win, "Processes", false, &rows, 0);
    char buf[16];
    cr_assert_str_eq(ui_term_line(win, 0, buf, sizeof(buf)), "Proce");
    delwin(win);
    ui_rows_free(&rows);
}

static const struct ui_pane_class test_rows_class = {.name = "Events"};

/* Rows keyed i .. i + n - 1, some with bars on the axis [0, t1]. */
static void test_rows_fill(struct ui_rows *rows, int from, int n, uint64_t t1)
{
    ui_rows_clear(rows);
    rows->t1 = t1;
    rows->bar_col = 14;
    rows->nhead = 1;
    struct ui_row *row = ui_rows_add(rows, -1);
    ui_row_text(row, UI_COLOR_TITLE, "HEAD \u2192 ok");
    for (int i = from; i < from + n; i++) {
        row = ui_rows_add(rows, i);
        ui_row_text(row, (enum ui_color)(i % 3), "line %d", i);
        if (i % 4 == 0) {
            ui_row_mark(row, (uint64_t)i * 10, (uint64_t)i * 10 + 300, UI_G_FULL, UI_COLOR_NORMAL,
                        (int16_t)(i % 5));
            ui_row_mark(row, (uint64_t)i * 10, 0, UI_G_START, UI_COLOR_PROC_RUNNING, -1);
        }
    }
}

/* Every cell of `a` and `b` (same size) holds the same characters and attributes. */
static void test_rows_same_cells(WINDOW *a, WINDOW *b)
{
    int h = getmaxy(a);
    int w = getmaxx(a);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            cchar_t ca;
            cchar_t cb;
            wchar_t wa[CCHARW_MAX + 1];
            wchar_t wb[CCHARW_MAX + 1];
            attr_t aa;
            attr_t ab;
            short pa;
            short pb;
            mvwin_wch(a, y, x, &ca);
            mvwin_wch(b, y, x, &cb);
            getcchar(&ca, wa, &aa, &pa, NULL);
            getcchar(&cb, wb, &ab, &pb, NULL);
            cr_assert(wcscmp(wa, wb) == 0 && aa == ab && pa == pb,
                      "cell %d,%d differs: '%ls' %lx %d vs '%ls' %lx %d", y, x, wa,
                      (unsigned long)aa, pa, wb, (unsigned long)ab, pb);
        }
    }
}

/* Draw `view` incrementally and compare with a whole draw into a fresh window. */
static void test_rows_check(struct ui_view_pane *view, uint32_t first)
{
    ui_view_draw(view, first);
    wnoutrefresh(view->base.win);
    WINDOW *fresh = newwin(getmaxy(view->base.win), getmaxx(view->base.win), 0, 0);
    ui_rows_draw(fresh, view->base.cls->name, view->base.focused, &view->rows, first);
    test_rows_same_cells(view->base.win, fresh);
    delwin(fresh);
}

Test(rows, incremental_draws_equal_whole_draws, .fini = fini_term)
{
    ui_term_open(24, 80, true);
    struct ui_view_pane view;
    memset(&view, 0, sizeof(view));
    view.base.cls = &test_rows_class;
    view.base.win = newwin(12, 40, 0, 0);
    ui_rows_init(&view.rows);
    test_rows_fill(&view.rows, 0, 30, 400);
    test_rows_check(&view, 21); /* the last rows, as a following pane shows them */
    for (int k = 1; k <= 3; k++) {
        test_rows_fill(&view.rows, k, 30, 400 + (uint64_t)k * 7); /* one more line: scrolls */
        test_rows_check(&view, 21);
    }
    test_rows_check(&view, 18); /* the user scrolls back three lines */
    view.rows.rows[20].selected = true;
    test_rows_check(&view, 18);
    view.base.focused = true; /* the border changes colour */
    test_rows_check(&view, 17);
    test_rows_fill(&view.rows, 40, 5, 900); /* fewer rows than lines: blanks */
    test_rows_check(&view, 1);
    test_rows_fill(&view.rows, 0, 30, 400);
    test_rows_check(&view, 2);
    WINDOW *other = newwin(8, 30, 0, 0); /* a new window: drawn whole */
    delwin(view.base.win);
    view.base.win = other;
    test_rows_check(&view, 3);
    mvwaddstr(other, 3, 3, "scribble"); /* written behind the pane's back: drawn whole */
    test_rows_check(&view, 3);
    delwin(other);
    ui_rows_free(&view.rows);
}

Test(rows, dropping_rows_from_the_front_keeps_the_others)
{
    struct ui_rows rows;
    ui_rows_init(&rows);
    for (int i = 0; i < 1000; i++) {
        struct ui_row *row = ui_rows_add(&rows, i);
        ui_row_text(row, UI_COLOR_NORMAL, "row %d", i);
        if (rows.n > 50) {
            ui_rows_drop_front(&rows, 1);
        }
    }
    cr_assert_eq(rows.n, 50);
    cr_assert_lt(rows.cap + rows.skip, 256, "the memory of dropped rows is reused");
    for (uint32_t i = 0; i < rows.n; i++) {
        cr_assert_eq(rows.rows[i].key, 950 + (int64_t)i);
        char want[32];
        snprintf(want, sizeof(want), "row %d", 950 + (int)i);
        cr_assert_str_eq(rows.rows[i].text, want);
    }
    ui_rows_drop_front(&rows, 99);
    cr_assert_eq(rows.n, 0);
    ui_rows_clear(&rows);
    cr_assert_eq(rows.skip, 0);
    cr_assert_not_null(ui_rows_add(&rows, 1));
    ui_rows_free(&rows);
}

/* A text row cut at the window's edge ends in an ellipsis (ASCII: ~). */
Test(rows, cut_text_is_marked, .fini = fini_term)
{
    ui_term_open(10, 40, false);
    struct ui_rows rows;
    ui_rows_init(&rows);
    ui_row_text(ui_rows_add(&rows, 0), UI_COLOR_NORMAL, "%s", "0123456789012345678901234567890123456789XYZ");
    ui_row_text(ui_rows_add(&rows, 1), UI_COLOR_NORMAL, "%s", "fits");
    WINDOW *win = newwin(4, 20, 0, 0);
    ui_rows_draw(win, "T", false, &rows, 0);
    char buf[64];
    cr_assert_not_null(strstr(ui_term_line(win, 1, buf, sizeof(buf)), "x01234567890123456~x"), "'%s'",
                       buf);
    cr_assert_not_null(strstr(ui_term_line(win, 2, buf, sizeof(buf)), "fits "), "'%s'", buf);
    cr_assert_null(strchr(buf, '~'), "a row that fits is not marked: '%s'", buf);
    delwin(win);
    ui_rows_free(&rows);
}
