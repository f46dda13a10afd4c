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

TestSuite(pane_output, .init = setup, .fini = teardown);

/* The pipe demo's output: the receiver prints the squares, then End. */
static void feed_squares(void)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 0);
    for (int i = 0; i < 10; i++) {
        char text[16];
        snprintf(text, sizeof(text), "%d", i * i);
        ui_feed(&feed, 1, 102, PS_EV_OUTPUT, 0, 0, 1, 0, text);
    }
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, "End");
}

Test(pane_output, unused_without_output)
{
    ui_feed_main(&feed);
    struct ui_pane *pane = ui_pane_output_new();
    cr_assert_not(ui_pane_update(pane, feed.session));
    ui_pane_destroy(pane);
}

Test(pane_output, each_line_is_prefixed_with_its_process)
{
    feed_squares();
    struct ui_pane *pane = ui_pane_output_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 11);
    cr_assert_eq(strncmp(rows->rows[0].text, "Process-2", 9), 0, "got '%s'", rows->rows[0].text);
    cr_assert_not_null(strstr(rows->rows[9].text, " 81"));
    cr_assert_eq(strncmp(rows->rows[10].text, "MainProcess", 11), 0);
    cr_assert_not_null(strstr(rows->rows[10].text, "End"));
    cr_assert_eq(rows->rows[0].spans[0].proc, 2, "Process-2 is the third process to appear");
    cr_assert_eq(rows->rows[10].spans[0].proc, 0);
    ui_pane_destroy(pane);
}

Test(pane_output, draws_the_newest_lines_and_scrolls_back)
{
    feed_squares();
    ui_term_open(24, 60, false);
    struct ui_pane *pane = ui_pane_output_new();
    ui_term_place(pane, 6, 60);
    pane->focused = true;
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    char buf[128];
    cr_assert_not_null(strstr(ui_term_line(pane->win, 4, buf, sizeof(buf)), "End"), "'%s'", buf);
    cr_assert_not_null(strstr(ui_term_line(pane->win, 3, buf, sizeof(buf)), "81"));
    cr_assert_not(ui_term_contains(pane->win, " 36"));
    ui_pane_key(pane, KEY_HOME);
    ui_pane_draw(pane);
    cr_assert_not_null(strstr(ui_term_line(pane->win, 1, buf, sizeof(buf)), " 0"), "'%s'", buf);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, "later");
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    cr_assert_not(ui_term_contains(pane->win, "later"), "scrolled back: no follow");
    ui_pane_key(pane, KEY_END);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "later"));
    ui_pane_destroy(pane);
}

Test(pane_output, escape_sequences_are_drawn_escaped)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, "\x1b[31mred\x1b[0m\a");
    ui_term_open(24, 60, false);
    struct ui_pane *pane = ui_pane_output_new();
    ui_term_place(pane, 4, 60);
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "^[[31mred^[[0m^G"));
    ui_term_place(pane, 1, 5);
    ui_pane_draw(pane);
    ui_pane_destroy(pane);
}

/* Same rows (keys, text, spans) in two Output panes. */
static void same_rows(struct ui_pane *a, struct ui_pane *b)
{
    const struct ui_rows *ra = ui_pane_rows(a);
    const struct ui_rows *rb = ui_pane_rows(b);
    cr_assert_eq(ra->n, rb->n);
    for (uint32_t i = 0; i < ra->n; i++) {
        cr_assert_eq(ra->rows[i].key, rb->rows[i].key);
        cr_assert_str_eq(ra->rows[i].text, rb->rows[i].text);
        cr_assert_eq(ra->rows[i].nspans, rb->rows[i].nspans);
        cr_assert_eq(ra->rows[i].spans[0].proc, rb->rows[i].spans[0].proc);
    }
}

Test(pane_output, appended_updates_equal_a_fresh_build)
{
    feed_squares();
    struct ui_pane *pane = ui_pane_output_new();
    for (int round = 0; round < 60; round++) {
        for (int i = 0; i < round % 9; i++) { /* past the 200 lines the model keeps */
            ui_feed(&feed, 1, 101 + i % 2, PS_EV_OUTPUT, 0, 0, 1 + i % 2, 0, "line");
        }
        if (round == 30) {
            ui_feed_spawn(&feed, UI_FEED_MAIN, 103, "AVeryLongProcessName", 0); /* wider names */
            ui_feed(&feed, 1, 103, PS_EV_OUTPUT, 0, 0, 1, 0, "hello");
        }
        ui_pane_update(pane, feed.session);
        struct ui_pane *fresh = ui_pane_output_new();
        ui_pane_update(fresh, feed.session);
        same_rows(pane, fresh);
        ui_pane_destroy(fresh);
    }
    cr_assert_eq(ui_pane_rows(pane)->n, 200);
    ps_session_reset(feed.session);
    feed_squares();
    ui_pane_update(pane, feed.session);
    cr_assert_eq(ui_pane_rows(pane)->n, 11, "a reset session is rebuilt");
    ui_pane_destroy(pane);
}

/* A line longer than the pane wraps onto marked rows: nothing of it is cut. */
Test(pane_output, long_lines_wrap)
{
    ui_feed_main(&feed);
    char text[200];
    for (int i = 0; i < 110; i++) {
        text[i] = (char)('a' + i % 26);
    }
    memcpy(text + 100, "THE_END", 8); /* 107 bytes: the model keeps 119 */
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, text);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, "short");
    ui_term_open(24, 80, false);
    struct ui_pane *pane = ui_pane_output_new();
    ui_term_place(pane, 12, 60);
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_gt(rows->n, 3, "the long line takes several rows: %u", rows->n);
    cr_assert_not_null(strstr(rows->rows[rows->n - 2].text, "THE_END"), "its end is shown");
    cr_assert_not_null(strstr(rows->rows[rows->n - 1].text, "short"));
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "THE_END"));
    cr_assert(ui_term_contains(pane->win, "~"), "continuation rows are marked");
    ui_pane_destroy(pane);
}

/* A line longer than the model keeps (the pool's result list) is shown whole from the log. */
Test(pane_output, lines_longer_than_the_model_keeps_are_whole)
{
    ui_feed_main(&feed);
    char text[600];
    size_t n = 0;
    for (int i = 0; i < 100 && n + 16 < sizeof(text); i++) {
        n += (size_t)snprintf(text + n, sizeof(text) - n, "%d, ", i * i);
    }
    snprintf(text + n, sizeof(text) - n, "THE_END"); /* ~480 bytes */
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, text);
    ui_term_open(40, 120, false);
    struct ui_pane *pane = ui_pane_output_new();
    ui_term_place(pane, 30, 100);
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_not_null(strstr(rows->rows[rows->n - 1].text, "THE_END"), "'%s'",
                       rows->rows[rows->n - 1].text);
    cr_assert_geq(rows->n, 5, "~480 bytes at ~80 columns a row: %u rows", rows->n);
    ui_pane_destroy(pane);
}
