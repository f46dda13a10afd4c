/* SPDX-License-Identifier: MIT */
/*
 * A session: what the UI reads and what the live reader or the replayer fill.
 *
 * It holds the session's info (header), every event in order (the event log),
 * the end record once the session is over, and the model at a cursor: the
 * state after the first `cursor` events. Live, the session follows (the cursor
 * tracks the end: each new event is applied as it arrives); paused, stepping
 * or replaying, the UI moves the cursor with ps_session_seek().
 *
 * Seeking uses keyframes, copies of the model after every PS_SESSION_KEYFRAME
 * events, taken while following and otherwise built lazily on the first seek
 * past them (or all at once with ps_session_index()). A seek restores the
 * nearest keyframe at or before the target and applies the rest, so stepping
 * back costs the same as stepping forward: at most PS_SESSION_KEYFRAME applies
 * plus one model copy.
 *
 * Not thread-safe: one owner (the UI or CLI thread) calls everything.
 */
#ifndef PS_SESSION_SESSION_H
#define PS_SESSION_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/event.h"
#include "session/model.h"
#include "session/sink.h"

#define PS_SESSION_KEYFRAME 4096 /* events between keyframes */

struct ps_session;

/*
 * Bound the memory of a live session: its log keeps about `events` events in
 * memory and the older ones in an unlinked temporary file (ps_evlog_set_window);
 * keyframes before the window are thinned to one per PS_SESSION_KEYFRAME * 256
 * events, so a seek there replays up to that many events from disk. Call it
 * on a new session. Returns 0, -EBUSY or the -errno of making the file.
 */
int ps_session_set_window(struct ps_session *s, uint64_t events);

/* Events of the session kept on disk, before the window (0 without one). */
uint64_t ps_session_spilled(const struct ps_session *s);

/* A new empty session (following, cursor 0), or NULL with errno = ENOMEM. */
struct ps_session *ps_session_new(void);

/* Free the session, its log and its keyframes. NULL is fine. */
void ps_session_free(struct ps_session *s);

/*
 * A sink that fills the session: on_begin stores the info; on_event appends
 * to the log and, when following, applies the event to the model (returns
 * -ENOMEM when the log cannot grow); on_end stores the end record. The sink
 * borrows `s`, which must outlive it.
 */
struct ps_sink ps_session_sink(struct ps_session *s);

/* The session's info (all zero before on_begin). Never NULL. */
const struct ps_session_info *ps_session_info(const struct ps_session *s);

/* The end record, or NULL until the session ended. */
const struct ps_session_end *ps_session_end_info(const struct ps_session *s);

/* Events in the log. */
uint64_t ps_session_count(const struct ps_session *s);

/* Events applied to the model: 0..count. */
uint64_t ps_session_cursor(const struct ps_session *s);

/*
 * Make the model the state after the first `cursor` events. Does not change
 * following (a seek below the end while following keeps following only if
 * the caller says so; the UI turns following off before stepping back).
 * Returns 0, -ERANGE when cursor > count (model unchanged), -ENOMEM when a
 * keyframe cannot be allocated (the model is still correct, only slower).
 */
int ps_session_seek(struct ps_session *s, uint64_t cursor);

/*
 * Follow (live): the cursor tracks the end of the log. Turning following on
 * seeks to the end at once.
 */
void ps_session_follow(struct ps_session *s, bool follow);
bool ps_session_following(const struct ps_session *s);

/* The model at the cursor. Valid until the next call that changes the session. */
const struct ps_model *ps_session_model(const struct ps_session *s);

/*
 * Event `i` of the log into `out` (its text points into the log, valid while
 * the session is not reset or freed). Returns 0 or -ERANGE.
 */
int ps_session_event(const struct ps_session *s, uint64_t i, struct ps_event *out);

/*
 * Build every keyframe now (for a loaded recording, so no later seek pays for
 * a first pass). The cursor and model are unchanged. Returns 0 or -ENOMEM.
 */
int ps_session_index(struct ps_session *s);

/*
 * Attach events produced on demand (a loaded recording's blocks, decoded when
 * a seek or ps_session_event() first reaches them) after the events already
 * in the log; see ps_evlog_attach in session/evlog.h for ownership and
 * returns. A seek that reaches an event the source cannot produce stops
 * before it and returns the source's error.
 */
struct ps_evlog_source;
int ps_session_attach(struct ps_session *s, const struct ps_evlog_source *src);

/* Empty again (restart of a live demo): no info, no events, no end, following. */
void ps_session_reset(struct ps_session *s);

#endif /* PS_SESSION_SESSION_H */
