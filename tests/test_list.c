/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/xalloc.h"
#include "support/ui_feed.h"
#include "support/ui_term.h"
#include "ui/list.h"
#include "ui/panes.h"
#include "ui/rows.h"

/* A pane of `nrows` body rows under one heading; row i has key 10 * (i + shift). */
struct fake_pane {
    struct ui_view_pane view;
    int nrows;
    int shift;
};

static bool fake_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct fake_pane *fp = (struct fake_pane *)pane;
    (void)session;
    ui_rows_clear(&fp->view.rows);
    ui_row_text(ui_rows_add(&fp->view.rows, -1), UI_COLOR_TITLE, "HEAD");
    fp->view.rows.nhead = 1;
    for (int i = 0; i < fp->nrows; i++) {
        int k = i + fp->shift;
        ui_row_text(ui_rows_add(&fp->view.rows, 10 * k), UI_COLOR_NORMAL, "row %d", k);
    }
    ui_list_sync(&fp->view);
    return true;
}

static const struct ui_pane_class fake_class = {
    .name = "Fake",
    .update = fake_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

static struct fake_pane *fake_new(int nrows, bool log)
{
    struct fake_pane *fp = ps_xcalloc(1, sizeof(*fp));
    fp->view.base.cls = &fake_class;
    ui_rows_init(&fp->view.rows);
    ui_list_init(&fp->view, log);
    fp->nrows = nrows;
    ui_pane_update(&fp->view.base, NULL);
    return fp;
}

static void teardown(void)
{
    ui_term_close();
}

TestSuite(list, .fini = teardown);

Test(list, a_page_is_the_body_rows_less_one)
{
    ui_term_open(24, 80, false);
    struct fake_pane *fp = fake_new(40, false);
    struct ui_pane *pane = &fp->view.base;
    ui_term_place(pane, 12, 40); /* 10 lines inside the border, 1 heading: 9 body rows */
    cr_assert_eq(ui_list_page(&fp->view), 9);
    cr_assert_eq(fp->view.list.sel, -1, "nothing selected at first");
    ui_pane_key(pane, KEY_DOWN);
    cr_assert_eq(fp->view.list.sel, 1, "the first Down selects the first body row");
    ui_pane_key(pane, KEY_NPAGE);
    cr_assert_eq(fp->view.list.sel, 9, "one page: 8 rows on, the last one stays in view");
    ui_pane_key(pane, KEY_PPAGE);
    cr_assert_eq(fp->view.list.sel, 1);
    ui_pane_key(pane, KEY_END);
    cr_assert_eq(fp->view.list.sel, 40);
    ui_pane_key(pane, KEY_HOME);
    cr_assert_eq(fp->view.list.sel, 1);
    cr_assert_eq(ui_pane_key(pane, 'x'), UI_KEY_IGNORED);
    ui_pane_destroy(pane);
}

Test(list, the_selection_is_marked_only_while_focused)
{
    ui_term_open(24, 80, false);
    struct fake_pane *fp = fake_new(5, false);
    struct ui_pane *pane = &fp->view.base;
    ui_term_place(pane, 10, 40);
    ui_pane_key(pane, KEY_DOWN);
    ui_pane_draw(pane);
    for (uint32_t i = 0; i < fp->view.rows.n; i++) {
        cr_assert_not(fp->view.rows.rows[i].selected, "row %u marked while unfocused", i);
    }
    pane->focused = true;
    ui_pane_draw(pane);
    cr_assert(fp->view.rows.rows[1].selected);
    ui_pane_destroy(pane);
}

Test(list, the_selection_follows_its_key_across_updates)
{
    struct fake_pane *fp = fake_new(10, false);
    struct ui_pane *pane = &fp->view.base;
    ui_list_select(&fp->view, 4); /* key 30 */
    fp->shift = 2;                /* rows now start at key 20: key 30 is row 2 */
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, 2);
    cr_assert_eq(fp->view.list.sel_key, 30);
    fp->shift = 100; /* key 30 gone: the selection stays where it was */
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, 2);
    fp->nrows = 0;
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, -1);
    ui_pane_destroy(pane);
}

Test(list, a_log_follows_its_end_until_the_user_moves)
{
    struct fake_pane *fp = fake_new(10, true);
    struct ui_pane *pane = &fp->view.base;
    cr_assert(fp->view.list.follow);
    cr_assert_eq(fp->view.list.sel, 10);
    fp->nrows = 12;
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, 12, "following: on the newest row");
    ui_pane_key(pane, KEY_UP);
    cr_assert_not(fp->view.list.follow);
    fp->nrows = 15;
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, 11, "stays on its row");
    ui_pane_key(pane, KEY_END);
    cr_assert(fp->view.list.follow);
    fp->nrows = 16;
    ui_pane_update(pane, NULL);
    cr_assert_eq(fp->view.list.sel, 16);
    ui_pane_destroy(pane);
}

Test(list, a_click_selects_the_row_under_it)
{
    ui_term_open(24, 80, false);
    struct fake_pane *fp = fake_new(30, true);
    struct ui_pane *pane = &fp->view.base;
    ui_term_place(pane, 12, 40);
    pane->focused = true;
    ui_pane_key(pane, KEY_HOME);
    ui_pane_draw(pane);
    /* line 0 border, line 1 heading, line 2 first body row */
    cr_assert_eq(ui_pane_click(pane, 4, 5), UI_KEY_HANDLED | UI_KEY_REDRAW);
    cr_assert_eq(fp->view.list.sel, 3);
    cr_assert_not(fp->view.list.follow, "a log stops following");
    cr_assert_eq(ui_pane_click(pane, 1, 5), UI_KEY_IGNORED, "the heading is not a row");
    cr_assert_eq(ui_pane_click(pane, 0, 5), UI_KEY_IGNORED, "nor the border");
    ui_pane_destroy(pane);
}

/* The six panes take the same keys: Processes (once different) pages as the others do. */
Test(list, every_pane_uses_the_base)
{
    struct ui_pane *panes[] = {ui_pane_procs_new(),  ui_pane_channels_new(), ui_pane_sync_new(),
                               ui_pane_pool_new(),   ui_pane_events_new(),   ui_pane_output_new()};
    for (size_t i = 0; i < sizeof(panes) / sizeof(panes[0]); i++) {
        cr_assert(panes[i]->cls->draw == ui_list_draw, "%s", panes[i]->cls->name);
        cr_assert(panes[i]->cls->click == ui_list_click, "%s", panes[i]->cls->name);
        ui_pane_destroy(panes[i]);
    }
}
