/* SPDX-License-Identifier: MIT */
/*
 * Synthetic sessions for pane tests: a real session (src/session) filled
 * through its sink with events built here, as the live reader would.
 */
#ifndef PS_TESTS_SUPPORT_UI_FEED_H
#define PS_TESTS_SUPPORT_UI_FEED_H

#include <stdint.h>

#include "session/session.h"

#define UI_FEED_SUPERVISOR 1     /* pid of the supervisor */
#define UI_FEED_MAIN 100         /* pid of MainProcess */
#define UI_FEED_T0 1000000000ull /* session start, CLOCK_MONOTONIC ns */

struct ui_feed {
    struct ps_session *session;
    struct ps_sink sink;
    uint64_t seq;
    uint64_t t; /* time of the latest event */
};

/* A new session with its info given (demo "test"); the clock starts at UI_FEED_T0. */
void ui_feed_open(struct ui_feed *feed);

/* Free the session. */
void ui_feed_close(struct ui_feed *feed);

/* One event `dt_ms` milliseconds after the previous one (text may be NULL). */
void ui_feed(struct ui_feed *feed, uint64_t dt_ms, int32_t pid, unsigned type, uint32_t obj,
             int32_t peer, int64_t a, int64_t b, const char *text);

/* `parent` spawns `pid` named `name`, which then starts (daemon flag `daemon`). */
void ui_feed_spawn(struct ui_feed *feed, int32_t parent, int32_t pid, const char *name, int daemon);

/* MainProcess (UI_FEED_MAIN) spawned by the supervisor and started. */
void ui_feed_main(struct ui_feed *feed);

#endif /* PS_TESTS_SUPPORT_UI_FEED_H */
