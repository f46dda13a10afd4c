/* SPDX-License-Identifier: MIT */
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
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 0);
}

static void teardown(void)
{
    ui_feed_close(&feed);
    ui_term_close();
}

TestSuite(pane_sync, .init = setup, .fini = teardown);

/* Two parties: Process-1 arrives first and waits 20 ms for Process-2. */
static void feed_barrier(void)
{
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_BARRIER_NEW, 3, 0, 2, 0, NULL);
    ui_feed(&feed, 1, 101, PS_EV_BARRIER_ARRIVE, 3, 0, 0, 0, NULL);
    ui_feed(&feed, 20, 102, PS_EV_BARRIER_ARRIVE, 3, 0, 1, 0, NULL);
    ui_feed(&feed, 0, 101, PS_EV_BARRIER_RELEASE, 3, 0, 20000000, 0, NULL);
    ui_feed(&feed, 0, 102, PS_EV_BARRIER_RELEASE, 3, 0, 0, 0, NULL);
}

/* Process-1 holds the lock, Process-2 waits, then gets it. */
static void feed_lock(bool handoff)
{
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_LOCK_NEW, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 1, 101, PS_EV_LOCK_WANT, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 0, 101, PS_EV_LOCK_ACQUIRED, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 1, 102, PS_EV_LOCK_WANT, 4, 0, 0, 0, NULL);
    if (handoff) {
        ui_feed(&feed, 5, 101, PS_EV_LOCK_RELEASED, 4, 0, 6000000, 0, NULL);
        ui_feed(&feed, 0, 102, PS_EV_LOCK_ACQUIRED, 4, 0, 5000000, 0, NULL);
    }
}

Test(pane_sync, unused_without_barriers_or_locks)
{
    struct ui_pane *pane = ui_pane_sync_new();
    cr_assert_not(ui_pane_update(pane, feed.session));
    ui_pane_destroy(pane);
}

Test(pane_sync, barrier_shows_arrivals_waits_and_release)
{
    feed_barrier();
    struct ui_pane *pane = ui_pane_sync_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 3);
    cr_assert_not_null(strstr(rows->rows[0].text, "barrier 3"));
    cr_assert_not_null(strstr(rows->rows[0].text, "parties 2"));
    cr_assert_not_null(strstr(rows->rows[0].text, "arrived 2/2"), "'%s'", rows->rows[0].text);
    cr_assert_not_null(strstr(rows->rows[0].text, "left 2"));
    cr_assert_not_null(strstr(rows->rows[0].text, "arrives"), "a key to the bars");
    cr_assert_not_null(strstr(rows->rows[0].text, "released"), "a key to the bars");
    cr_assert_not_null(strstr(rows->rows[1].text, "#0 Process-1"), "'%s'", rows->rows[1].text);
    cr_assert_not_null(strstr(rows->rows[1].text, "20.0 ms"), "'%s'", rows->rows[1].text);
    cr_assert_not_null(strstr(rows->rows[2].text, "#1 Process-2"));
    bool arrive = false, release = false;
    for (unsigned i = 0; i < rows->rows[1].nmarks; i++) {
        arrive |= rows->rows[1].marks[i].glyph == UI_G_ARRIVE;
        release |= rows->rows[1].marks[i].glyph == UI_G_RELEASE;
    }
    cr_assert(arrive && release);
    ui_pane_destroy(pane);
}

Test(pane_sync, lock_shows_holder_waiters_and_handoffs)
{
    feed_lock(false);
    struct ui_pane *pane = ui_pane_sync_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 3);
    cr_assert_not_null(strstr(rows->rows[0].text, "lock 4  held by Process-1"), "'%s'",
                       rows->rows[0].text);
    cr_assert_not_null(strstr(rows->rows[1].text, "waiting: Process-2"), "'%s'",
                       rows->rows[1].text);
    ui_pane_destroy(pane);
}

Test(pane_sync, lock_handoff_is_listed)
{
    feed_lock(true);
    struct ui_pane *pane = ui_pane_sync_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_not_null(strstr(rows->rows[0].text, "held by Process-2"));
    cr_assert_not_null(strstr(rows->rows[1].text, "nobody"));
    const char *want = "hand-offs: nobody > Process-1, Process-1 > Process-2";
    cr_assert_not_null(strstr(rows->rows[2].text, want), "'%s'", rows->rows[2].text);
    ui_pane_destroy(pane);
}

Test(pane_sync, a_free_lock_says_free)
{
    feed_lock(true);
    ui_feed(&feed, 1, 102, PS_EV_LOCK_RELEASED, 4, 0, 1000000, 0, NULL);
    struct ui_pane *pane = ui_pane_sync_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_not_null(strstr(rows->rows[0].text, "lock 4  free  acquired 2"), "'%s'",
                       rows->rows[0].text);
    ui_pane_destroy(pane);
}

Test(pane_sync, draws_both_and_survives_tiny_windows)
{
    feed_barrier();
    feed_lock(true);
    ui_term_open(24, 100, false);
    struct ui_pane *pane = ui_pane_sync_new();
    ui_pane_update(pane, feed.session);
    ui_term_place(pane, 10, 100);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "barrier 3"));
    cr_assert(ui_term_contains(pane->win, "lock 4"));
    cr_assert(ui_term_contains(pane->win, "v"), "arrival marks in ASCII");
    ui_term_place(pane, 1, 5);
    ui_pane_draw(pane);
    ui_term_place(pane, 3, 3);
    ui_pane_draw(pane);
    ui_pane_destroy(pane);
}

Test(pane_sync, namespace_shows_values_setter_and_counts)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed(&feed, 1, 101, PS_EV_NS_SET, 1, 0, 0, 0, "value=42");
    ui_feed(&feed, 1, 101, PS_EV_NS_SET, 1, 0, 0, 0, "name=\x1b[31mred");
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_NS_GET, 1, 0, 0, 0, "value=42");
    struct ui_pane *pane = ui_pane_sync_new();
    cr_assert(ui_pane_update(pane, feed.session), "a namespace alone uses the pane");
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, 3);
    cr_assert_not_null(strstr(rows->rows[0].text, "namespace 1"), "'%s'", rows->rows[0].text);
    const char *v = rows->rows[1].text;
    cr_assert_not_null(strstr(v, "value = 42  set by Process-1  sets 1 gets 1"), "'%s'", v);
    cr_assert_null(strchr(rows->rows[2].text, '\x1b'), "process text is escaped");
    ui_pane_destroy(pane);
}
