/* SPDX-License-Identifier: MIT */
#include <signal.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support/ui_feed.h"
#include "support/ui_term.h"
#include "ui/panes.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

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

TestSuite(pane_procs, .init = setup, .fini = teardown);

/* MainProcess starts Process-1 (exits 0, joined) and Process-2 (terminated: -15). */
static void feed_kill_demo(void)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 1);
    ui_feed(&feed, 10, UI_FEED_MAIN, PS_EV_PROC_EXIT, 0, 101, 0, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 101, 0, 0, NULL);
    ui_feed(&feed, 10, UI_FEED_MAIN, PS_EV_PROC_TERMINATE, 0, 102, SIGTERM, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_SIGNALLED, 0, 102, SIGTERM, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 102, -SIGTERM, 0, NULL);
}

/* The text of the row showing `pid`, or NULL. */
static const char *row_of(const struct ui_pane *pane, int32_t pid)
{
    const struct ui_rows *rows = ui_pane_rows(pane);
    int64_t i = ui_rows_find(rows, pid);
    return i < 0 ? NULL : rows->rows[i].text;
}

Test(pane_procs, unused_without_processes)
{
    struct ui_pane *pane = ui_pane_procs_new();
    cr_assert_not(ui_pane_update(pane, feed.session));
    cr_assert_not(pane->used);
    cr_assert_eq(ui_pane_procs_selected(pane), 0);
    ui_pane_destroy(pane);
}

Test(pane_procs, a_row_per_process_with_state_and_exit_status)
{
    feed_kill_demo();
    struct ui_pane *pane = ui_pane_procs_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->nhead, 2, "heading and the axis's tick labels");
    cr_assert(rows->rows[1].ticks);
    cr_assert_eq(rows->n, 5, "heading, ticks + 3 processes, got %u", rows->n);
    cr_assert_not_null(strstr(rows->rows[0].text, "PID"));
    const char *main_row = row_of(pane, UI_FEED_MAIN);
    const char *one = row_of(pane, 101);
    const char *two = row_of(pane, 102);
    cr_assert_not_null(main_row);
    cr_assert_not_null(strstr(main_row, "MainProcess"));
    cr_assert_not_null(strstr(main_row, "running"));
    cr_assert_not_null(strstr(one, "Process-1"));
    cr_assert_not_null(strstr(one, "joined"), "exited and joined: '%s'", one);
    cr_assert_not_null(strstr(one, "    100 "), "parent pid in '%s'", one);
    cr_assert_not_null(strstr(two, "killed"));
    cr_assert_not_null(strstr(two, "-15 SIGTERM"), "got '%s'", two);
    cr_assert_not_null(strstr(two, " d "), "daemon mark in '%s'", two);
    cr_assert(rows->rows[ui_rows_find(rows, 102)].bar);
    ui_pane_destroy(pane);
}

Test(pane_procs, lifetime_bar_has_start_terminate_and_kill_markers)
{
    feed_kill_demo();
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    const struct ui_row *row = &rows->rows[ui_rows_find(rows, 102)];
    bool start = false, term = false, kill = false, join = false;
    for (unsigned i = 0; i < row->nmarks; i++) {
        start |= row->marks[i].glyph == UI_G_START;
        term |= row->marks[i].glyph == UI_G_TERM;
        kill |= row->marks[i].glyph == UI_G_KILL;
        join |= row->marks[i].glyph == UI_G_JOIN;
    }
    cr_assert(start && term && kill && join);
    cr_assert_eq(rows->t0, UI_FEED_T0 + 1000000);
    cr_assert_eq(rows->t1, feed.t);
    ui_pane_destroy(pane);
}

Test(pane_procs, draws_the_exit_status_and_selects_with_arrows)
{
    feed_kill_demo();
    ui_term_open(24, 100, false);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_term_place(pane, 8, 100);
    pane->focused = true;
    ui_pane_update(pane, feed.session);
    ui_pane_draw(pane);
    cr_assert(ui_term_contains(pane->win, "Processes"));
    cr_assert(ui_term_contains(pane->win, "-15 SIGTERM"));
    cr_assert_eq(ui_term_count(pane->win, "Process-"), 2);
    cr_assert_eq(ui_pane_key(pane, KEY_DOWN), UI_KEY_HANDLED | UI_KEY_REDRAW);
    cr_assert_eq(ui_pane_procs_selected(pane), UI_FEED_MAIN);
    ui_pane_key(pane, KEY_END);
    cr_assert_eq(ui_pane_procs_selected(pane), 102);
    ui_pane_update(pane, feed.session);
    cr_assert_eq(ui_pane_procs_selected(pane), 102, "the selection follows the pid");
    cr_assert_eq(ui_pane_click(pane, 4, 5), UI_KEY_HANDLED | UI_KEY_REDRAW, "below the ticks");
    cr_assert_eq(ui_pane_procs_selected(pane), 101);
    cr_assert_eq(ui_pane_key(pane, 'x'), UI_KEY_IGNORED);
    ui_pane_destroy(pane);
}

Test(pane_procs, escapes_names_and_survives_tiny_windows)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "evil\x1b[31m", 0);
    ui_term_open(24, 80, true);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    int sizes[][2] = {{1, 5}, {1, 1}, {2, 2}, {3, 4}, {5, 20}, {40, 80}};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        ui_term_place(pane, sizes[i][0], sizes[i][1]);
        ui_pane_draw(pane);
    }
    cr_assert(ui_term_contains(pane->win, "evil^[[31m"));
    ui_pane_key(pane, KEY_DOWN);
    ui_term_place(pane, 1, 5);
    ui_pane_draw(pane);
    ui_pane_destroy(pane);
}

Test(pane_procs, main_without_proc_start_shows_running_once_it_emits)
{
    ui_feed(&feed, 1, UI_FEED_SUPERVISOR, PS_EV_PROC_SPAWN, 0, UI_FEED_MAIN, 0, 0, "MainProcess");
    struct ui_pane *pane = ui_pane_procs_new();
    cr_assert(ui_pane_update(pane, feed.session));
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), "spawned"), "'%s'",
                       row_of(pane, UI_FEED_MAIN));
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 1, 0, NULL);
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), "running"), "'%s'",
                       row_of(pane, UI_FEED_MAIN));
    ui_pane_destroy(pane);
}

Test(pane_procs, long_names_widen_the_name_column)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 105, "p1 - test_with_barrier", 0);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    const struct ui_row *row = &rows->rows[rows->n - 1];
    cr_assert_eq(strncmp(row->text, "p1 - test_with_barrier     105", 30), 0, "'%s'", row->text);
    cr_assert_eq(strncmp(rows->rows[0].text, "NAME                       PID", 30), 0, "'%s'",
                 rows->rows[0].text);
    /* name 23, pid 8, ppid 8, D 2, state 8 + 1, exit 12, 2 spaces */
    cr_assert_eq(rows->bar_col, 23 + 41);
    ui_pane_destroy(pane);
}

Test(pane_procs, the_heading_explains_the_bar_markers)
{
    feed_kill_demo();
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    const char *head = ui_pane_rows(pane)->rows[0].text;
    const char *want[] = {"start", "terminate", "exit", "killed", "joined"};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        cr_assert_not_null(strstr(head, want[i]), "'%s' lacks %s", head, want[i]);
    }
    ui_pane_destroy(pane);
}

/* A running process's bar reaches the end of the axis ("now"), whatever the latest event. */
Test(pane_procs, a_running_bar_reaches_now)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    const struct ui_rows *rows = ui_pane_rows(pane);
    const struct ui_row *row = &rows->rows[ui_rows_find(rows, 101)];
    struct ui_axis axis = {.t0 = rows->t0, .t1 = feed.t + 10000000000ull}; /* now: 10 s later */
    struct ui_cell cells[50];
    ui_axis_render(row, &axis, 50, cells);
    cr_assert_eq(cells[49].glyph, UI_G_FULL, "the bar grows to now");
    cr_assert_neq(cells[0].glyph, UI_G_FULL, "and starts near t0");
    ui_pane_destroy(pane);
}

/* Long names are cut with an ellipsis and never push the other columns. */
Test(pane_procs, long_names_are_shortened)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "p3 - test_without_barrier_and_a_very_long_tail", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "short", 0);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    const char *longrow = row_of(pane, 101);
    const char *shortrow = row_of(pane, 102);
    cr_assert_not_null(strstr(longrow, "\u2026") ? longrow : strstr(longrow, "~"), "'%s'", longrow);
    cr_assert_eq(strstr(longrow, "    101 ") - longrow, strstr(shortrow, "    102 ") - shortrow,
                 "the pid column stays put:\n%s\n%s", longrow, shortrow);
    ui_pane_destroy(pane);
}

/* An exited process nobody joined yet is a zombie; a stopped one says so; main runs. */
Test(pane_procs, zombies_and_stopped_processes_say_so)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed(&feed, 10, 101, PS_EV_PROC_EXIT, 0, 0, 0, 0, NULL); /* its own exit: not reaped */
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, 101), "zombie"), "'%s'", row_of(pane, 101));
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), "running"));
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 101, 0, 0, NULL);
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, 101), "joined"), "'%s'", row_of(pane, 101));
    ui_pane_destroy(pane);
}

/* The user's SIGSTOP shows as stopped until SIGCONT. */
Test(pane_procs, a_stopped_process_says_so)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed(&feed, 10, UI_FEED_SUPERVISOR, PS_EV_USER_SIGNAL, 0, 101, SIGSTOP, 0, NULL);
    struct ui_pane *pane = ui_pane_procs_new();
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, 101), "stopped"), "'%s'", row_of(pane, 101));
    ui_feed(&feed, 10, UI_FEED_SUPERVISOR, PS_EV_USER_SIGNAL, 0, 101, SIGCONT, 0, NULL);
    ui_pane_update(pane, feed.session);
    cr_assert_null(strstr(row_of(pane, 101), "stopped"), "'%s'", row_of(pane, 101));
    ui_pane_destroy(pane);
}

/* A waiting process says on what, and the wait shows on its bar in its own glyph. */
Test(pane_procs, a_wait_says_what_and_shows_on_the_bar)
{
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed(&feed, 100, UI_FEED_MAIN, PS_EV_WAIT_BEGIN, 0, 101, PS_WAIT_JOIN, 0, NULL);
    struct ui_pane *pane = ui_pane_procs_new();
    pane->rect.w = 120; /* room for the whole state */
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), "waiting: join Process-1"), "'%s'",
                       row_of(pane, UI_FEED_MAIN));
    pane->rect.w = 60; /* narrow: only on what */
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), " join "), "'%s'",
                       row_of(pane, UI_FEED_MAIN));
    ui_feed(&feed, 100, UI_FEED_MAIN, PS_EV_WAIT_END, 0, 101, PS_WAIT_JOIN, 0, NULL);
    ui_feed(&feed, 100, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 1, 0, NULL);
    ui_pane_update(pane, feed.session);
    cr_assert_not_null(strstr(row_of(pane, UI_FEED_MAIN), "running"));
    const struct ui_rows *rows = ui_pane_rows(pane);
    const struct ui_row *row = &rows->rows[ui_rows_find(rows, UI_FEED_MAIN)];
    struct ui_axis axis = {.t0 = rows->t0, .t1 = feed.t};
    struct ui_cell cells[60];
    ui_axis_render(row, &axis, 60, cells);
    int waiting = 0, full = 0;
    for (int i = 0; i < 60; i++) {
        waiting += cells[i].glyph == UI_G_WAIT;
        full += cells[i].glyph == UI_G_FULL;
    }
    cr_assert_gt(waiting, 10, "the 100 ms wait of 300 ms and more shows: %d cells", waiting);
    cr_assert_gt(full, 10, "and the running time around it: %d cells", full);
    ui_pane_destroy(pane);
}
