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
