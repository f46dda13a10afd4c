/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support/ui_feed.h"
#include "support/ui_term.h"
#include "ui/glyphs.h"
#include "ui/panes.h"
#include "ui/rows.h"

static struct ui_feed feed;

static void setup(void)
{
    ui_feed_open(&feed);
    ui_glyphs_set_utf8(false);
}

static void teardown(void)
{
    ui_feed_close(&feed);
    ui_term_close();
}

TestSuite(pane_channels, .init = setup, .fini = teardown);

/* The pipe demo: Process-1 sends ten squares to Process-2, closes, EOF. */
static void feed_pipe(void)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 0, 0, NULL);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 0);
    for (int i = 0; i < 10; i++) {
        char text[16];
        snprintf(text, sizeof(text), "%d", i * i);
        ui_feed(&feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 4, 1, text);
        if (i < 9) {
            ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 4, 0, text);
        }
    }
    ui_feed(&feed, 1, 101, PS_EV_PIPE_CLOSE, 1, 0, 1, 0, NULL);
}

/* A queue filled to 3 and drained to 1, with an empty() check. */
static void feed_queue(void)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_QUEUE_OPEN, 2, 0, 0, 0, NULL);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    for (int i = 1; i <= 3; i++) {
        ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_QUEUE_PUT, 2, 0, i, 8, "item");
    }
    ui_feed(&feed, 1, 101, PS_EV_QUEUE_EMPTY, 2, 0, 0, 3, NULL);
    ui_feed(&feed, 1, 101, PS_EV_QUEUE_GET, 2, 0, 2, 8, "item");
    ui_feed(&feed, 1, 101, PS_EV_QUEUE_GET, 2, 0, 1, 8, "item");
}

Test(pane_channels, unused_without_channels)
{
    ui_feed_main(&feed);
    struct ui_pane *pane = ui_pane_channels_new();
    cr_assert_not(ui_pane_update(pane, feed.session));
    ui_pane_destroy(pane);
}

Test(pane_channels, pipe_shows_writer_reader_traffic_values_and_ends)
{
    feed_pipe();
    struct ui_pane *pane = ui_pane_channels_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 3);
    const char *head = rows->rows[0].text;
    cr_assert_not_null(strstr(head, "pipe 1"), "got '%s'", head);
    cr_assert_not_null(strstr(head, "Process-1 > Process-2"), "got '%s'", head);
    cr_assert_not_null(strstr(head, "sent 10 (40 B)"), "got '%s'", head);
    cr_assert_not_null(strstr(head, "recv 9 (36 B)"), "got '%s'", head);
    cr_assert_not_null(strstr(head, "in flight 1"), "got '%s'", head);
    cr_assert_not_null(strstr(rows->rows[1].text, "81"), "got '%s'", rows->rows[1].text);
    cr_assert_not_null(strstr(rows->rows[2].text, "end 1: closed 1"), "'%s'", rows->rows[2].text);
    cr_assert_null(strstr(rows->rows[2].text, "EOF"));
    ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 4, 0, "81");
    ui_feed(&feed, 1, 102, PS_EV_PIPE_EOF, 1, 0, 0, 0, NULL);
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(rows->rows[2].text, "end 0: closed 0, EOF seen"), "got '%s'",
                       rows->rows[2].text);
    cr_assert_not_null(strstr(rows->rows[0].text, "in flight 0"));
    ui_pane_destroy(pane);
}

Test(pane_channels, queue_shows_depth_empty_checks_and_sparkline)
{
    feed_queue();
    struct ui_pane *pane = ui_pane_channels_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 3);
    cr_assert_not_null(strstr(rows->rows[0].text, "queue 2"));
    cr_assert_not_null(strstr(rows->rows[0].text, "put 3"), "'%s'", rows->rows[0].text);
    cr_assert_not_null(strstr(rows->rows[0].text, "got 2"));
    cr_assert_not_null(strstr(rows->rows[0].text, "depth 1 max 3"));
    cr_assert_not_null(strstr(rows->rows[2].text, "empty() 1 last False"), "'%s'",
                       rows->rows[2].text);
    cr_assert(rows->rows[2].bar);
    cr_assert_geq(rows->rows[2].nmarks, 3, "sparkline intervals for the depth samples");
    ui_term_open(24, 80, true);
    ui_term_place(pane, 6, 80);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "queue 2"));
    ui_pane_destroy(pane);
}

Test(pane_channels, draws_escaped_values_and_survives_tiny_windows)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 0, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_SEND, 1, 0, 5, 1, "\x1b[2J");
    ui_term_open(24, 80, false);
    struct ui_pane *pane = ui_pane_channels_new();
    ui_pane_update(pane, feed.session);
    ui_term_place(pane, 5, 80);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "^[[2J"));
    ui_term_place(pane, 1, 5);
    ui_pane_draw(pane);
    ui_term_place(pane, 2, 1);
    ui_pane_draw(pane);
    ui_pane_destroy(pane);
}

Test(pane_channels, a_recv_logged_before_its_send_leaves_nothing_in_flight)
{
    ui_feed_main(&feed);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 0, 0, NULL);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_RECV, 1, 0, 4, 0, "7");
    ui_feed(&feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 4, 1, "7");
    struct ui_pane *pane = ui_pane_channels_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const char *head = ui_pane_rows(pane)->rows[0].text;
    cr_assert_not_null(strstr(head, "sent 1 (4 B)  recv 1 (4 B)  in flight 0"), "'%s'", head);
    ui_pane_destroy(pane);
}
