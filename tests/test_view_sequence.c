/* SPDX-License-Identifier: MIT */
/* The sequence view as plain data: rows, lanes, arrows, states, and the rendered grid. */
#include <locale.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support/ui_feed.h"
#include "ui/glyphs.h"
#include "ui/view_sequence.h"

static struct ui_feed feed;
static struct ui_seq seq;

static void setup(void)
{
    setlocale(LC_ALL, "C");
    ui_glyphs_set_utf8(false);
    ui_feed_open(&feed);
    ui_seq_init(&seq);
    ui_feed_main(&feed);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(&feed, UI_FEED_MAIN, 102, "Process-2", 0);
}

static void teardown(void)
{
    ui_seq_free(&seq);
    ui_feed_close(&feed);
}

TestSuite(view_sequence, .init = setup, .fini = teardown);

/* Build the rows for the whole session. */
static void sync(void)
{
    cr_assert_eq(ui_seq_sync(&seq, feed.session), 0);
}

/* The last row built. */
static const struct ui_seq_row *last(void)
{
    cr_assert_gt(seq.nrows, 0);
    return &seq.rows[seq.nrows - 1];
}

/* Render the whole session (following) at w x h and return line y. */
static char *render_line(int w, int h, struct ui_seq_view *v, int y, char *buf, size_t cap)
{
    struct ui_seq_grid g;
    size_t nvis = ui_seq_visible(&seq, ps_session_count(feed.session));
    ui_seq_grid_alloc(&g, h, w);
    ui_seq_view_fit(v, nvis, ui_seq_body_rows(h, true));
    ui_seq_render(&seq, v, nvis, "", &g);
    ui_seq_grid_line(&g, y, buf, cap);
    ui_seq_grid_free(&g);
    return buf;
}

Test(view_sequence, lanes_in_creation_order_without_the_supervisor)
{
    sync();
    cr_assert_eq(seq.nlanes, 3);
    cr_assert_str_eq(seq.lanes[0].name, "MainProcess");
    cr_assert_str_eq(seq.lanes[1].name, "Process-1");
    cr_assert_str_eq(seq.lanes[2].name, "Process-2");
    char line[512];
    struct ui_seq_view v = {.follow = true};
    render_line(80, 24, &v, 0, line, sizeof(line));
    cr_assert(strstr(line, "MainProcess") && strstr(line, "Process-1") && strstr(line, "Process-2"),
              "header: %s", line);
    cr_assert_lt(strstr(line, "MainProcess"), strstr(line, "Process-1"));
}

Test(view_sequence, spawn_is_an_arrow_from_parent_to_child)
{
    sync();
    size_t spawns = 0;
    for (size_t i = 0; i < seq.nrows; i++) {
        const struct ui_seq_row *r = &seq.rows[i];
        if (r->kind == UI_SEQ_ARROW && strcmp(r->label, "spawn") == 0) {
            cr_assert_eq(r->from, 0);
            cr_assert(r->to == 1 || r->to == 2);
            spawns++;
        }
    }
    cr_assert_eq(spawns, 2);
}

Test(view_sequence, pipe_message_is_an_arrow_with_its_value)
{
    ui_feed(&feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 13, 0, "42");
    ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 13, 1, "42");
    sync();
    const struct ui_seq_row *r = last();
    cr_assert_eq(r->kind, UI_SEQ_ARROW);
    cr_assert_eq(r->from, 1);
    cr_assert_eq(r->to, 2);
    cr_assert_str_eq(r->label, "42");
    cr_assert(r->has_pair);
    cr_assert_eq(seq.rows[r->pair].pair, seq.nrows - 1, "both ends know each other");
    char line[512];
    struct ui_seq_view v = {.follow = true};
    int body = ui_seq_body_rows(24, true);
    size_t nvis = seq.nrows;
    render_line(80, 24, &v, (int)(nvis - v.top), line, sizeof(line));
    cr_assert(v.follow);
    (void)body;
    /* lanes at 9 + 23 * i + 1: Process-1 at 33, Process-2 at 56 */
    cr_assert_eq(line[33], 'o', "%s", line);
    cr_assert_eq(line[55], '>', "%s", line);
    cr_assert_eq(line[56], '*', "%s", line);
    cr_assert(strstr(line, " 42 "), "%s", line);
}

Test(view_sequence, receive_before_send_still_pairs)
{
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PIPE_RECV, 2, 0, 13, 1, "7");
    ui_feed(&feed, 0, 102, PS_EV_PIPE_SEND, 2, 0, 13, 0, "7");
    sync();
    const struct ui_seq_row *r = last();
    cr_assert_eq(r->kind, UI_SEQ_ARROW, "the later end draws the arrow");
    cr_assert_eq(r->from, 2, "from the sender");
    cr_assert_eq(r->to, 0, "to the receiver");
}

Test(view_sequence, queued_message_shows_where_it_was_put)
{
    ui_feed(&feed, 1, 101, PS_EV_QUEUE_PUT, 5, 0, 1, 8, "a");
    ui_feed(&feed, 1, 101, PS_EV_QUEUE_PUT, 5, 0, 2, 8, "b");
    ui_feed(&feed, 1, 102, PS_EV_QUEUE_GET, 5, 0, 1, 8, "a");
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_QUEUE_GET, 5, 0, 0, 8, "b");
    sync();
    const struct ui_seq_row *get_a = &seq.rows[seq.nrows - 2];
    const struct ui_seq_row *get_b = last();
    cr_assert_eq(get_a->to, 2);
    cr_assert_eq(get_b->to, 0, "FIFO: the second get takes the second put");
    cr_assert(strncmp(get_b->label, "b (put at #", 11) == 0, "%s", get_b->label);
    cr_assert_str_eq(seq.rows[get_b->pair].label, "put b");
}

Test(view_sequence, barrier_release_is_one_line_across_the_parties)
{
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_BARRIER_NEW, 3, 0, 2, 0, NULL);
    ui_feed(&feed, 1, 101, PS_EV_BARRIER_ARRIVE, 3, 0, 0, 0, NULL);
    size_t arrive = seq.nrows;
    ui_feed(&feed, 20, 102, PS_EV_BARRIER_ARRIVE, 3, 0, 1, 0, NULL);
    ui_feed(&feed, 0, 102, PS_EV_BARRIER_RELEASE, 3, 0, 0, 0, NULL);
    ui_feed(&feed, 0, 101, PS_EV_BARRIER_RELEASE, 3, 0, 20000000, 0, NULL);
    sync();
    (void)arrive;
    const struct ui_seq_row *r = last();
    cr_assert_eq(r->kind, UI_SEQ_BARRIER, "the second release has no row of its own");
    cr_assert_eq(r->from, 1);
    cr_assert_eq(r->to, 2);
    size_t row = seq.nrows - 1;
    cr_assert_eq(ui_seq_lane_state(&seq, row - 1, 1), UI_SEQ_ST_WAIT, "p1 waits at the barrier");
    cr_assert_eq(ui_seq_lane_state(&seq, row, 1), UI_SEQ_ST_RELEASE);
    cr_assert_eq(ui_seq_lane_state(&seq, row, 2), UI_SEQ_ST_RELEASE);
    cr_assert_eq(ui_seq_lane_state(&seq, row, 0), UI_SEQ_ST_RUN, "main is no party");
    char line[512];
    struct ui_seq_view v = {.follow = true};
    render_line(80, 24, &v, (int)(row - v.top) + 1, line, sizeof(line));
    cr_assert_eq(line[33], '+', "%s", line);
    cr_assert_eq(line[40], '=', "%s", line);
    cr_assert_eq(line[56], '+', "%s", line);
}

Test(view_sequence, lock_hold_and_wait_states)
{
    ui_feed(&feed, 1, 101, PS_EV_LOCK_WANT, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 0, 101, PS_EV_LOCK_ACQUIRED, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 1, 102, PS_EV_LOCK_WANT, 4, 0, 0, 0, NULL);
    ui_feed(&feed, 5, 101, PS_EV_LOCK_RELEASED, 4, 0, 6000000, 0, NULL);
    ui_feed(&feed, 0, 102, PS_EV_LOCK_ACQUIRED, 4, 0, 5000000, 0, NULL);
    sync();
    size_t n = seq.nrows;
    cr_assert_eq(ui_seq_lane_state(&seq, n - 3, 1), UI_SEQ_ST_HOLD, "p1 holds");
    cr_assert_eq(ui_seq_lane_state(&seq, n - 3, 2), UI_SEQ_ST_WAIT, "p2 waits");
    cr_assert_eq(ui_seq_lane_state(&seq, n - 2, 1), UI_SEQ_ST_RUN, "p1 released");
    cr_assert_eq(ui_seq_lane_state(&seq, n - 1, 2), UI_SEQ_ST_HOLD, "p2 holds");
    cr_assert_str_eq(seq.rows[n - 1].label, "holds lock 4");
}

Test(view_sequence, killed_lane_ends_and_join_points_back)
{
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_TERMINATE, 0, 101, 15, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_SIGNALLED, 0, 101, 15, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 101, -15, 0, NULL);
    sync();
    size_t n = seq.nrows;
    const struct ui_seq_row *term = &seq.rows[n - 3];
    const struct ui_seq_row *dead = &seq.rows[n - 2];
    const struct ui_seq_row *join = &seq.rows[n - 1];
    cr_assert_eq(term->kind, UI_SEQ_ARROW);
    cr_assert_eq(term->to, 1);
    cr_assert_str_eq(term->label, "signal 15 (terminate)");
    cr_assert_eq(dead->lane, 1, "the death is on the dead process's lane");
    cr_assert_str_eq(dead->label, "killed by signal 15");
    cr_assert_eq(ui_seq_lane_state(&seq, n - 1, 1), UI_SEQ_ST_NONE, "its lane ended");
    cr_assert_eq(join->from, 1);
    cr_assert_eq(join->to, 0, "join points back to the joiner");
    cr_assert_str_eq(join->label, "join (exit -15)");
}

Test(view_sequence, rows_follow_the_cursor_of_a_replay)
{
    ui_feed(&feed, 1, 101, PS_EV_OUTPUT, 0, 0, 1, 0, "hello");
    sync();
    uint64_t count = ps_session_count(feed.session);
    cr_assert_eq(ui_seq_visible(&seq, count), seq.nrows);
    cr_assert_eq(ui_seq_visible(&seq, count - 1), seq.nrows - 1);
    cr_assert_eq(ui_seq_visible(&seq, 0), 0);
    cr_assert_str_eq(last()->label, "\"hello\"");
}

Test(view_sequence, wide_sessions_scroll_sideways_with_markers)
{
    char name[16];
    for (int i = 3; i <= 11; i++) {
        snprintf(name, sizeof(name), "Worker-%d", i);
        ui_feed_spawn(&feed, UI_FEED_MAIN, 100 + i, name, 0);
    }
    sync();
    cr_assert_eq(seq.nlanes, 12);
    char line[512];
    struct ui_seq_view v = {.follow = true};
    render_line(80, 24, &v, 0, line, sizeof(line));
    cr_assert_eq(line[79], '>', "more lanes on the right: %s", line);
    cr_assert(!strstr(line, "~-11"));
    v.lane0 = 100;
    render_line(80, 24, &v, 0, line, sizeof(line));
    cr_assert(strstr(line, "Wor~-11"), "scrolled to the last lane, named apart: %s", line);
    cr_assert_eq(line[7], '<', "more lanes on the left: %s", line);
}

Test(view_sequence, selection_follows_unless_scrolled)
{
    for (int i = 0; i < 40; i++) {
        ui_feed(&feed, 1, 101, PS_EV_OUTPUT, 0, 0, 1, 0, "tick");
    }
    sync();
    struct ui_seq_view v = {.follow = true};
    ui_seq_view_fit(&v, seq.nrows, 20);
    cr_assert_eq(v.sel, seq.nrows - 1);
    cr_assert_eq(v.top, seq.nrows - 20);
    v.follow = false;
    v.sel = 3;
    ui_seq_view_fit(&v, seq.nrows + 5, 20);
    cr_assert_eq(v.sel, 3, "a scrolled view stays where the user put it");
    cr_assert_eq(v.top, 3);
}

Test(view_sequence, restart_rebuilds)
{
    sync();
    cr_assert_gt(seq.nrows, 0);
    ps_session_reset(feed.session);
    struct ps_session_info info = {.demo = "again", .time_scale = 1, .start_mono_ns = 5};
    ps_sink_begin(&feed.sink, &info);
    sync();
    cr_assert_eq(seq.nrows, 0);
    cr_assert_eq(seq.nlanes, 0);
}

Test(view_sequence, ascii_only_in_ascii_mode)
{
    ui_feed(&feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 13, 0, "\xc3\xa9\x1b[31m");
    ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 13, 1, "\xc3\xa9\x1b[31m");
    sync();
    struct ui_seq_grid g;
    struct ui_seq_view v = {.follow = true};
    ui_seq_grid_alloc(&g, 24, 80);
    ui_seq_view_fit(&v, seq.nrows, ui_seq_body_rows(24, true));
    ui_seq_render(&seq, &v, seq.nrows, "", &g);
    for (int i = 0; i < g.h * g.w; i++) {
        cr_assert_lt(g.cells[i].cp, 0x7f, "cell %d is ASCII", i);
        cr_assert_geq(g.cells[i].cp, 0x20, "cell %d is printable", i);
    }
    ui_seq_grid_free(&g);
}

Test(view_sequence, wait_begin_waits_until_the_next_event)
{
    ui_feed(&feed, 1, 102, PS_EV_WAIT_BEGIN, 1, 0, PS_WAIT_RECV, 0, NULL);
    ui_feed(&feed, 1, 101, PS_EV_OUTPUT, 0, 0, 1, 0, "x");
    ui_feed(&feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 13, 1, "42");
    sync();
    size_t n = seq.nrows;
    cr_assert(strncmp(seq.rows[n - 3].label, "waits: ", 7) == 0, "%s", seq.rows[n - 3].label);
    cr_assert_eq(ui_seq_lane_state(&seq, n - 2, 2), UI_SEQ_ST_WAIT, "dotted while it waits");
    cr_assert_eq(ui_seq_lane_state(&seq, n - 1, 2), UI_SEQ_ST_RUN, "its receive ends the wait");
}

Test(view_sequence, a_death_seen_twice_is_one_row)
{
    ui_feed(&feed, 1, UI_FEED_SUPERVISOR, PS_EV_PROC_DIED, 0, 101, -9, 0, NULL);
    ui_feed(&feed, 1, UI_FEED_MAIN, PS_EV_PROC_SIGNALLED, 0, 101, 9, 0, NULL);
    sync();
    cr_assert_str_eq(last()->label, "killed by signal 9");
    cr_assert_eq(last()->lane, 1);
    cr_assert(strcmp(seq.rows[seq.nrows - 2].label, "killed by signal 9") != 0, "not twice");
}
