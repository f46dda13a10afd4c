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
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
}

static void teardown(void)
{
    ui_feed_close(&feed);
    ui_term_close();
}

TestSuite(pane_events, .init = setup, .fini = teardown);

/* `n` sends by Process-1 with values 0 … n-1 (events 4 … 4 + n - 1). */
static void feed_sends(int n)
{
    for (int i = 0; i < n; i++) {
        char text[16];
        snprintf(text, sizeof(text), "v%d", i);
        ui_feed(&feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 2, 1, text);
    }
}

Test(pane_events, unused_on_an_empty_session)
{
    struct ui_feed empty;
    ui_feed_open(&empty);
    struct ui_pane *pane = ui_pane_events_new();
    cr_assert_not(ui_pane_update(pane, empty.session));
    cr_assert_eq(ui_pane_events_cursor(pane), -1);
    ui_pane_destroy(pane);
    ui_feed_close(&empty);
}

Test(pane_events, one_line_per_event_in_the_text_format)
{
    feed_sends(3);
    struct ui_pane *pane = ui_pane_events_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 7);
    cr_assert_eq(rows->rows[6].key, 6);
    const char *line = rows->rows[6].text;
    cr_assert_not_null(strstr(line, "Process-1[101] pipe.send"), "'%s'", line);
    cr_assert_not_null(strstr(line, "\"v2\""), "'%s'", line);
    cr_assert_eq(strncmp(rows->rows[0].text, "+0.001000 ", 10), 0, "'%s'", rows->rows[0].text);
    cr_assert_eq(ui_pane_events_cursor(pane), 6, "following: the cursor is on the newest");
    ui_pane_destroy(pane);
}

Test(pane_events, follows_the_end_until_the_user_scrolls)
{
    feed_sends(10);
    ui_term_open(24, 100, false);
    struct ui_pane *pane = ui_pane_events_new();
    ui_term_place(pane, 6, 100);
    pane->focused = true;
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    char buf[160];
    cr_assert_not_null(strstr(ui_term_line(pane->win, 4, buf, sizeof(buf)), "v9"), "'%s'", buf);
    ui_pane_key(pane, KEY_UP);
    cr_assert_eq(ui_pane_events_cursor(pane), 12);
    feed_sends(5);
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    cr_assert_eq(ui_pane_events_cursor(pane), 12, "the cursor stays on its event");
    cr_assert(ui_term_contains(pane->win, "v8"));
    cr_assert_not(ui_term_contains(pane->win, "v4\""), "new events do not scroll");
    ui_pane_key(pane, KEY_END);
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    cr_assert_eq(ui_pane_events_cursor(pane), 18);
    cr_assert(ui_term_contains(pane->win, "v4\""));
    ui_pane_destroy(pane);
}

Test(pane_events, shows_only_events_up_to_the_session_cursor)
{
    feed_sends(10);
    cr_assert_eq(ps_session_seek(feed.session, 6), 0);
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 6);
    cr_assert_eq(ui_pane_events_cursor(pane), 5);
    ui_pane_destroy(pane);
}

Test(pane_events, filter_by_process_and_type)
{
    feed_sends(4);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_OUTPUT, 0, 0, 1, 0, "hello");
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_events_set_filter(pane, 0, PS_EV_PIPE_SEND);
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 4);
    ui_pane_events_set_filter(pane, UI_FEED_MAIN, PS_EV_NONE);
    ui_pane_update(pane, feed.session);
    for (uint32_t i = 0; i < rows->n; i++) {
        cr_assert_null(strstr(rows->rows[i].text, "pipe.send"), "'%s'", rows->rows[i].text);
    }
    cr_assert_not_null(strstr(rows->rows[rows->n - 1].text, "hello"));
    ui_pane_events_set_filter(pane, 0, PS_EV_NONE);
    ui_pane_update(pane, feed.session);
    cr_assert_eq(rows->n, 9);
    ui_pane_destroy(pane);
}

Test(pane_events, search_highlights_and_jumps)
{
    feed_sends(10);
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_events_set_search(pane, "V3");
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    const struct ui_row *row = &rows->rows[ui_rows_find(rows, 7)];
    cr_assert_eq(row->nspans, 3, "text, match, text");
    cr_assert_eq(row->spans[1].color, UI_COLOR_SEARCH);
    cr_assert_eq(strncmp(row->text + row->spans[1].off, "v3", 2), 0);
    cr_assert(ui_pane_events_search_next(pane, feed.session, false));
    cr_assert_eq(ui_pane_events_cursor(pane), 7);
    cr_assert(ui_pane_events_search_next(pane, feed.session, true), "wraps to the only match");
    ui_pane_update(pane, feed.session);
    cr_assert_eq(ui_pane_events_cursor(pane), 7, "the search stopped following");
    ui_pane_events_set_search(pane, "nothing like it");
    cr_assert_not(ui_pane_events_search_next(pane, feed.session, true));
    ui_pane_events_set_search(pane, NULL);
    cr_assert_not(ui_pane_events_search_next(pane, feed.session, true));
    ui_pane_destroy(pane);
}

Test(pane_events, search_from_the_followed_end_wraps_to_the_first_match)
{
    feed_sends(10);
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_update(pane, feed.session);
    ui_pane_events_set_search(pane, "v");
    cr_assert(ui_pane_events_search_next(pane, feed.session, true));
    int64_t first = ui_pane_events_cursor(pane);
    cr_assert(ui_pane_events_search_next(pane, feed.session, true));
    cr_assert_gt(ui_pane_events_cursor(pane), first, "n moves on");
    cr_assert(ui_pane_events_search_next(pane, feed.session, false));
    cr_assert_eq(ui_pane_events_cursor(pane), first, "N comes back");
    cr_assert(ui_pane_events_search_next(pane, feed.session, false));
    ui_pane_update(pane, feed.session);
    cr_assert_gt(ui_pane_events_cursor(pane), first, "N before the first wraps to the last");
    ui_pane_destroy(pane);
}

Test(pane_events, escapes_text_and_survives_tiny_windows)
{
    ui_feed(&feed, 1, 101, PS_EV_OUTPUT, 0, 0, 1, 0, "\x1b]0;title\a");
    ui_term_open(24, 100, false);
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_update(pane, feed.session);
    ui_term_place(pane, 5, 100);
    ui_pane_draw(pane);
    const struct ui_rows *rows = ui_pane_rows(pane);
    const char *line = rows->rows[rows->n - 1].text;
    cr_assert_null(strchr(line, '\x1b'), "'%s'", line);
    cr_assert_null(strchr(line, '\a'), "'%s'", line);
    cr_assert(ui_term_contains(pane->win, "]0;title"));
    int sizes[][2] = {{1, 5}, {1, 1}, {2, 2}, {3, 4}};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ui_term_place(pane, sizes[i][0], sizes[i][1]);
        ui_pane_draw(pane);
        ui_pane_key(pane, KEY_UP);
        ui_pane_key(pane, KEY_NPAGE);
    }
    ui_pane_destroy(pane);
}

/* Same rows (keys, text, spans) and cursor in two Events panes. */
static void same_rows(struct ui_pane *a, struct ui_pane *b)
{
    const struct ui_rows *ra = ui_pane_rows(a);
    const struct ui_rows *rb = ui_pane_rows(b);
    cr_assert_eq(ra->n, rb->n);
    for (uint32_t i = 0; i < ra->n; i++) {
        cr_assert_eq(ra->rows[i].key, rb->rows[i].key);
        cr_assert_str_eq(ra->rows[i].text, rb->rows[i].text);
        cr_assert_eq(ra->rows[i].nspans, rb->rows[i].nspans);
    }
    cr_assert_eq(ui_pane_events_cursor(a), ui_pane_events_cursor(b));
}

Test(pane_events, following_updates_equal_a_fresh_build)
{
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_events_set_search(pane, "v1");
    for (int round = 0; round < 40; round++) {
        feed_sends(round % 7); /* 0 to 6 new events per update, past the window's 64 rows */
        if (round == 20) {
            ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 0); /* a new name */
            ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 2, 1, "v1");
        }
        ui_pane_update(pane, feed.session);
        struct ui_pane *fresh = ui_pane_events_new();
        ui_pane_events_set_search(fresh, "v1");
        ui_pane_update(fresh, feed.session);
        same_rows(pane, fresh);
        ui_pane_destroy(fresh);
    }
    cr_assert_eq(ui_pane_rows(pane)->n, 64, "the window keeps its size while appending");
    ui_pane_events_set_filter(pane, 102, PS_EV_NONE); /* a filter: rebuilt */
    ui_pane_update(pane, feed.session);
    cr_assert_eq(ui_pane_rows(pane)->n, 3, "spawn, start and recv of Process-2");
    ui_pane_destroy(pane);
}

Test(pane_events, a_reset_log_is_rebuilt_not_appended_to)
{
    feed_sends(5);
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_update(pane, feed.session);
    ps_session_reset(feed.session);
    ui_feed_main(&feed);
    feed_sends(8); /* more events than before, none of the old ones */
    ui_pane_update(pane, feed.session);
    struct ui_pane *fresh = ui_pane_events_new();
    ui_pane_update(fresh, feed.session);
    same_rows(pane, fresh);
    ui_pane_destroy(fresh);
    ui_pane_destroy(pane);
}

Test(pane_events, the_supervisor_is_named_procscope)
{
    struct ui_pane *pane = ui_pane_events_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_not_null(strstr(rows->rows[0].text, " procscope[1] proc.spawn"), "'%s'",
                       rows->rows[0].text);
    ui_pane_destroy(pane);
}
