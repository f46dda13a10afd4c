/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support/ui_feed.h"
#include "support/ui_term.h"
#include "ui/panes.h"
#include "ui/rows.h"

static struct ui_feed feed;

static void setup(void)
{
    ui_feed_open(&feed);
}

static void teardown(void)
{
    ui_feed_close(&feed);
    ui_term_close();
}

TestSuite(pane_pool, .init = setup, .fini = teardown);

/* A pool of 4 workers; 6 tasks of 2 items; worker k runs tasks k and k + 4. */
static void feed_pool(void)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_POOL_NEW, 5, 0, 4, 0, NULL);
    for (int k = 1; k <= 4; k++) {
        char name[32];
        snprintf(name, sizeof(name), "ForkPoolWorker-%d", k);
        ui_feed_spawn(&feed, UI_FEED_MAIN, 200 + k, name, 1);
        ui_feed(&feed, 0, UI_FEED_MAIN, PS_EV_POOL_WORKER, 5, 200 + k, k, 0, NULL);
    }
    for (int t = 0; t < 6; t++) {
        ui_feed(&feed, 0, UI_FEED_MAIN, PS_EV_POOL_SUBMIT, 5, 0, t, 2, NULL);
    }
    for (int t = 0; t < 6; t++) {
        int32_t worker = 201 + t % 4;
        ui_feed(&feed, 1, worker, PS_EV_POOL_START, 5, 0, t, 2, NULL);
        if (t < 5) {
            ui_feed(&feed, 10, worker, PS_EV_POOL_DONE, 5, 0, t, 2, NULL);
        }
    }
}

Test(pane_pool, unused_without_a_pool)
{
    ui_feed_main(&feed);
    struct ui_pane *pane = ui_pane_pool_new();
    cr_assert_not(ui_pane_update(pane, feed.session));
    ui_pane_destroy(pane);
}

Test(pane_pool, a_lane_per_worker_with_counts_and_busy_intervals)
{
    feed_pool();
    struct ui_pane *pane = ui_pane_pool_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 5, "pool row + 4 lanes, got %u", rows->n);
    const char *head = rows->rows[0].text;
    cr_assert_not_null(strstr(head, "workers 4"), "'%s'", head);
    cr_assert_not_null(strstr(head, "submitted 6"), "'%s'", head);
    cr_assert_not_null(strstr(head, "done 5"), "'%s'", head);
    for (int k = 1; k <= 4; k++) {
        char name[32];
        snprintf(name, sizeof(name), "ForkPoolWorker-%d", k);
        cr_assert_not_null(strstr(rows->rows[k].text, name), "'%s'", rows->rows[k].text);
        cr_assert(rows->rows[k].bar);
        cr_assert_geq(rows->rows[k].nmarks, 1);
    }
    cr_assert_not_null(strstr(rows->rows[1].text, "done   2"), "'%s'", rows->rows[1].text);
    cr_assert_not_null(strstr(rows->rows[2].text, "task 5"), "busy now: '%s'", rows->rows[2].text);
    cr_assert_not_null(strstr(rows->rows[3].text, "idle"));
    cr_assert_not_null(strstr(rows->rows[1].text, "%"));
    ui_pane_destroy(pane);
}

Test(pane_pool, draws_four_lanes_and_survives_tiny_windows)
{
    feed_pool();
    ui_term_open(24, 100, true);
    struct ui_pane *pane = ui_pane_pool_new();
    ui_pane_update(pane, feed.session);
    ui_term_place(pane, 8, 100);
    ui_pane_draw(pane);
    cr_assert_eq(ui_term_count(pane->win, "ForkPoolWorker-"), 4);
    ui_term_place(pane, 1, 5);
    ui_pane_draw(pane);
    ui_term_place(pane, 2, 8);
    ui_pane_draw(pane);
    ui_pane_destroy(pane);
}

Test(pane_pool, a_lane_busy_under_one_percent_says_so)
{
    feed_pool();
    ui_feed(&feed, 100000, UI_FEED_MAIN, PS_EV_POOL_CLOSE, 5, 0, 0, 0, NULL); /* 100 s later */
    struct ui_pane *pane = ui_pane_pool_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_not_null(strstr(rows->rows[1].text, " <1%"), "10 ms of 100 s: '%s'",
                       rows->rows[1].text);
    cr_assert_null(strstr(rows->rows[1].text, " 0%"), "'%s'", rows->rows[1].text);
    ui_pane_destroy(pane);
}
