/* SPDX-License-Identifier: MIT */
#include "ui_feed.h"

#include <string.h>

#include <criterion/criterion.h>

void ui_feed_open(struct ui_feed *feed)
{
    memset(feed, 0, sizeof(*feed));
    feed->session = ps_session_new();
    cr_assert_not_null(feed->session);
    feed->sink = ps_session_sink(feed->session);
    struct ps_session_info info;
    memset(&info, 0, sizeof(info));
    strcpy(info.demo, "test");
    info.start_mono_ns = UI_FEED_T0;
    info.time_scale = 1.0;
    info.supervisor_pid = UI_FEED_SUPERVISOR;
    cr_assert_eq(ps_sink_begin(&feed->sink, &info), 0);
    feed->t = UI_FEED_T0;
}

void ui_feed_close(struct ui_feed *feed)
{
    ps_session_free(feed->session);
    feed->session = NULL;
}

void ui_feed(struct ui_feed *feed, uint64_t dt_ms, int32_t pid, unsigned type, uint32_t obj,
             int32_t peer, int64_t a, int64_t b, const char *text)
{
    feed->t += dt_ms * 1000000u;
    struct ps_event ev = {
        .seq = feed->seq++,
        .t_ns = feed->t,
        .pid = pid,
        .type = (uint16_t)type,
        .obj = obj,
        .peer = peer,
        .a = a,
        .b = b,
        .text = text ? text : "",
        .text_len = text ? (uint32_t)strlen(text) : 0,
    };
    cr_assert_eq(feed->sink.on_event(feed->sink.ctx, &ev), 0);
}

void ui_feed_spawn(struct ui_feed *feed, int32_t parent, int32_t pid, const char *name, int daemon)
{
    ui_feed(feed, 1, parent, PS_EV_PROC_SPAWN, 0, pid, daemon, 0, name);
    ui_feed(feed, 1, pid, PS_EV_PROC_START, 0, parent, daemon, 0, name);
}

void ui_feed_main(struct ui_feed *feed)
{
    ui_feed_spawn(feed, UI_FEED_SUPERVISOR, UI_FEED_MAIN, "MainProcess", 0);
}
