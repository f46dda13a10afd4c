/* SPDX-License-Identifier: MIT */
/*
 * The event log: every event of a session, in order, in memory (or, with a
 * window, the newest in memory and the older ones on disk: see
 * ps_evlog_set_window).
 *
 * Append-only. Events are stored as fixed 48-byte records in chunks of
 * PS_EVLOG_CHUNK records, their texts (NUL-terminated) in an arena of 1 MiB
 * chunks; neither ever moves, so a text pointer handed out by ps_evlog_get()
 * stays valid until the log is cleared or freed (an event before a window:
 * until the next get before the window). Appending is amortised O(1)
 * and reading event i is O(1). One million events with short texts take
 * about 50 MB.
 *
 * Not thread-safe: one owner (the UI/supervisor thread) appends and reads.
 */
#ifndef PS_SESSION_EVLOG_H
#define PS_SESSION_EVLOG_H

#include <stdint.h>

#include "core/event.h"

struct ps_evlog;

/* A new empty log, or NULL with errno = ENOMEM. */
struct ps_evlog *ps_evlog_new(void);

/* Free the log and every text it holds. NULL is fine. */
void ps_evlog_free(struct ps_evlog *log);

/* Forget every event (memory is kept for reuse); texts handed out become invalid. */
void ps_evlog_clear(struct ps_evlog *log);

/*
 * Append a copy of `ev` (its text copied too, cut to PS_EVENT_TEXT_MAX bytes;
 * a NULL text is stored as ""). The stored seq is the event's index in the
 * log, whatever ev->seq says. Returns 0, -ENOMEM, or -ENOSPC when the text
 * arena (4 GiB) is full.
 */
int ps_evlog_append(struct ps_evlog *log, const struct ps_event *ev);

/* Events in the log (stored and pending in an attached source). */
uint64_t ps_evlog_count(const struct ps_evlog *log);

/*
 * Event `i` into `out` (seq = i); out->text points into the log and is valid
 * until the log is cleared or freed. A pending event is produced first (the
 * source may read a file): the log is written to, and the source's error is
 * returned. Returns 0, -ERANGE when i >= count, -ENOMEM, or the source's
 * error (-EIO for a recording changed since it was loaded).
 */
int ps_evlog_get(struct ps_evlog *log, uint64_t i, struct ps_event *out);

/* Bytes of memory the log holds (records and text arena, allocated). */
uint64_t ps_evlog_bytes(const struct ps_evlog *log);

/*
 * Events produced on demand: a source declares how many events it holds and
 * appends them to the log (with ps_evlog_append) a batch at a time, when a
 * reader first needs one of them. A loaded recording is such a source: its
 * blocks are decoded when replay reaches them.
 */
struct ps_evlog_source {
    uint64_t count; /* events the source holds */
    /* Append the source's next events (at least one) to `log`; 0 or -errno. */
    int (*fill)(void *ctx, struct ps_evlog *log);
    /* Free ctx (called once: when the source is used up, or the log cleared or freed). */
    void (*release)(void *ctx);
    void *ctx;
};

/*
 * Attach `src` (copied; the log owns src->ctx from now on, also on error): the
 * log counts its events at once, and ps_evlog_get() of one of them first
 * makes the source append every event up to it (so the get of a pending
 * event may return -ENOMEM or the source's error). An append while events
 * are pending first makes the source produce them all. Returns 0, or -EBUSY
 * when a source is already attached (src is released).
 */
int ps_evlog_attach(struct ps_evlog *log, const struct ps_evlog_source *src);

/*
 * A window for a live log that must not grow without bound: at most about
 * `events` events (whole chunks of 65536, at least two) stay in memory; each
 * older chunk goes, with its texts, to an unlinked temporary file in $TMPDIR
 * (or /tmp) and is read back, one chunk at a time, when a get reaches it. The
 * text of such an event is valid until the next get of an event before the
 * window. Set it on a new log (no events, no source). Returns 0, -EBUSY, or
 * the -errno of creating the file. An append whose chunk cannot go to disk
 * fails (-ENOSPC, -EIO …) instead of growing the log.
 */
int ps_evlog_set_window(struct ps_evlog *log, uint64_t events);

/* The window in events (0: none, everything stays in memory). */
uint64_t ps_evlog_window(const struct ps_evlog *log);

/* Events before the window, kept on disk (0 without a window). */
uint64_t ps_evlog_spilled(const struct ps_evlog *log);

#endif /* PS_SESSION_EVLOG_H */
