/* SPDX-License-Identifier: MIT */
/* Session: seeking equals a fresh fold, following, reset. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "session/session.h"
#include "support/events_synth.h"

/* Feed n more synthetic events (a well-formed mix of every area) into s. */
static void feed(struct ps_session *s, uint64_t n)
{
    struct ps_sink sink = ps_session_sink(s);
    char text[64];
    uint64_t first = ps_session_count(s);
    for (uint64_t i = first; i < first + n; i++) {
        struct ps_event ev = ps_synth_mixed(7, i, text, sizeof(text));
        ev.seq = i;
        cr_assert_eq(ps_sink_event(&sink, &ev), 0);
    }
}

/* The model after a fresh fold of the first n events of s's log. */
static void fold_first(const struct ps_session *s, uint64_t n, struct ps_model *m)
{
    ps_model_init(m);
    struct ps_event ev;
    for (uint64_t i = 0; i < n; i++) {
        cr_assert_eq(ps_session_event(s, i, &ev), 0);
        ps_model_apply(m, &ev);
    }
}

Test(session, seek_equals_fresh_fold)
{
    static struct ps_model fresh;
    struct ps_session *s = ps_session_new();
    cr_assert_not_null(s);
    ps_session_follow(s, false);
    uint64_t n = 3 * PS_SESSION_KEYFRAME + 17;
    feed(s, n);
    cr_assert_eq(ps_session_count(s), n);
    cr_assert_eq(ps_session_cursor(s), 0);
    uint64_t targets[] = {n, 0, 1, PS_SESSION_KEYFRAME, PS_SESSION_KEYFRAME - 1,
                          2 * PS_SESSION_KEYFRAME + 1, 5, n - 1, 3 * PS_SESSION_KEYFRAME, n};
    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        cr_assert_eq(ps_session_seek(s, targets[i]), 0);
        cr_assert_eq(ps_session_cursor(s), targets[i]);
        fold_first(s, targets[i], &fresh);
        cr_assert_eq(memcmp(&fresh, ps_session_model(s), sizeof(fresh)), 0, "at %llu",
                     (unsigned long long)targets[i]);
    }
    cr_assert_eq(ps_session_seek(s, n + 1), -ERANGE);
    ps_session_free(s);
}

Test(session, step_back_and_forward)
{
    static struct ps_model fresh;
    struct ps_session *s = ps_session_new();
    ps_session_follow(s, false);
    feed(s, PS_SESSION_KEYFRAME + 10);
    uint64_t at = PS_SESSION_KEYFRAME + 3;
    cr_assert_eq(ps_session_seek(s, at), 0);
    for (int i = 0; i < 8; i++) {
        at--;
        cr_assert_eq(ps_session_seek(s, at), 0);
        fold_first(s, at, &fresh);
        cr_assert_eq(memcmp(&fresh, ps_session_model(s), sizeof(fresh)), 0);
    }
    for (int i = 0; i < 12; i++) {
        at++;
        cr_assert_eq(ps_session_seek(s, at), 0);
        fold_first(s, at, &fresh);
        cr_assert_eq(memcmp(&fresh, ps_session_model(s), sizeof(fresh)), 0);
    }
    ps_session_free(s);
}

Test(session, following_and_reset)
{
    struct ps_session *s = ps_session_new();
    struct ps_sink sink = ps_session_sink(s);
    cr_assert(ps_session_following(s));
    cr_assert_null(ps_session_end_info(s));
    struct ps_session_info info = {.demo = "pipes", .supervisor_pid = 7};
    cr_assert_eq(ps_sink_begin(&sink, &info), 0);
    cr_assert_str_eq(ps_session_info(s)->demo, "pipes");
    feed(s, 10);
    cr_assert_eq(ps_session_cursor(s), 10);
    cr_assert_eq(ps_session_model(s)->events, 10);
    ps_session_follow(s, false);
    feed(s, 5);
    cr_assert_eq(ps_session_cursor(s), 10);
    cr_assert_eq(ps_session_count(s), 15);
    ps_session_follow(s, true);
    cr_assert_eq(ps_session_cursor(s), 15);
    struct ps_event ev;
    cr_assert_eq(ps_session_event(s, 3, &ev), 0);
    cr_assert_str_eq(ev.text, "Process-3");
    cr_assert_eq(ps_session_event(s, 15, &ev), -ERANGE);
    struct ps_session_end end = {.events = 15, .complete = 1};
    cr_assert_eq(ps_sink_end(&sink, &end), 0);
    cr_assert_eq(ps_session_end_info(s)->events, 15);
    ps_session_reset(s);
    cr_assert_eq(ps_session_count(s), 0);
    cr_assert_eq(ps_session_cursor(s), 0);
    cr_assert_null(ps_session_end_info(s));
    cr_assert_str_eq(ps_session_info(s)->demo, "");
    cr_assert_eq(ps_session_model(s)->events, 0);
    ps_session_free(s);
}

Test(session, index_then_seek_large)
{
    static struct ps_model fresh;
    struct ps_session *s = ps_session_new();
    ps_session_follow(s, false);
    const uint64_t n = 200000;
    feed(s, n);
    cr_assert_eq(ps_session_index(s), 0);
    cr_assert_eq(ps_session_cursor(s), 0);
    uint64_t t0 = 0;
    for (int i = 0; i < 20; i++) {
        uint64_t target = (uint64_t)(i * 9999 + 3) % (n + 1);
        cr_assert_eq(ps_session_seek(s, target), 0);
        t0 += ps_session_model(s)->events;
        cr_assert_eq(ps_session_model(s)->events, target);
    }
    cr_assert_gt(t0, 0);
    /* one deep check against a fresh fold */
    uint64_t target = n - 12345;
    cr_assert_eq(ps_session_seek(s, target), 0);
    fold_first(s, target, &fresh);
    cr_assert_eq(memcmp(&fresh, ps_session_model(s), sizeof(fresh)), 0);
    ps_session_free(s);
}

Test(session, a_live_window_spills_old_events_and_seeks_still_match_a_fresh_fold, .timeout = 120)
{
    static struct ps_model fresh;
    struct ps_session *s = ps_session_new();
    cr_assert_not_null(s);
    cr_assert_eq(ps_session_set_window(s, 65536), 0); /* two chunks: 131072 events */
    uint64_t n = 600000;
    feed(s, n); /* following: keyframes taken, thinned before the window */
    cr_assert_eq(ps_session_count(s), n);
    cr_assert_gt(ps_session_spilled(s), 0);
    cr_assert_geq(ps_session_spilled(s), n - 3 * 65536);
    ps_session_follow(s, false);
    uint64_t targets[] = {17, n - 5, PS_SESSION_KEYFRAME * 64 + 3, 300001, 2, n};
    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
        int rc = ps_session_seek(s, targets[i]);
        cr_assert_eq(rc, 0, "seek to %llu: %d", (unsigned long long)targets[i], rc);
        fold_first(s, targets[i], &fresh);
        cr_assert_eq(memcmp(&fresh, ps_session_model(s), sizeof(fresh)), 0, "at %llu",
                     (unsigned long long)targets[i]);
    }
    ps_session_free(s);
}
