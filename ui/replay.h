/* SPDX-License-Identifier: MIT */
/*
 * The replay controller: a loaded session (every event in its log) shown in
 * a frame at a cursor the user moves. The panes read only the model at the
 * cursor, so the screen at event N is the live screen at event N.
 *
 * Playing advances a replay clock at the recorded pace times the speed
 * factor (x0.1 .. x100) and applies every event whose time has come;
 * stepping, jumps and "go to" seek through the session's keyframes, so going
 * back costs the same as going forward. Starts at event 0, paused.
 * Curses must be active. UI process only.
 */
#ifndef UI_REPLAY_H
#define UI_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ps_session;

/* Run the replay of `session` until quit. Returns 0. `path` is shown in the status line. */
int ui_replay_run(struct ps_session *session, const char *path);

/*
 * Parse a "go to" target: an event number ("120") or a time in seconds from
 * the session start ("2.5s", "2.5 s"). Sets *is_time and *value (events, or
 * ns for a time). Returns false for anything else.
 */
bool ui_replay_parse_goto(const char *text, bool *is_time, uint64_t *value);

/*
 * How fast a replay plays: real time times `speed`, or, slower than x0.1,
 * slow motion: one event every `every_ms` whatever the time between them (a
 * millisecond demo can then be followed event by event).
 */
struct ui_replay_pace {
    double speed;      /* x0.1 .. x100 (used when every_ms is 0) */
    unsigned every_ms; /* slow motion: 100 .. 2000 ms per event; 0: off */
};

/* The next pace up (faster) or down from `pace`: 1 event/2 s .. 1 event/100 ms, x0.1 .. x100. */
struct ui_replay_pace ui_replay_next_pace(struct ui_replay_pace pace, bool faster);

#endif /* UI_REPLAY_H */
