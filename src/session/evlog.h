/*
 * The event log: every event of a session, in order, in memory.
 *
 * Append-only. Events are stored as fixed 48-byte records in chunks of
 * PS_EVLOG_CHUNK records, their texts (NUL-terminated) in an arena of 1 MiB
 * chunks; neither ever moves, so a text pointer handed out by ps_evlog_get()
 * stays valid until the log is cleared or freed. Appending is amortised O(1)
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

/* Events in the log. */
uint64_t ps_evlog_count(const struct ps_evlog *log);

/*
 * Event `i` into `out` (seq = i); out->text points into the log and is valid
 * until the log is cleared or freed. Returns 0 or -ERANGE when i >= count.
 */
int ps_evlog_get(const struct ps_evlog *log, uint64_t i, struct ps_event *out);

/* Bytes of memory the log holds (records and text arena, allocated). */
uint64_t ps_evlog_bytes(const struct ps_evlog *log);

#endif /* PS_SESSION_EVLOG_H */
