/* SPDX-License-Identifier: MIT */
/*
 * The probe: the only way a process of a demo writes events.
 *
 * The supervisor starts a demo with PROCSCOPE_RING_FD naming an inherited
 * memfd that holds the session's event ring. The probe maps it when the
 * program starts (a constructor: nothing to call). Without that variable,
 * or with one that does not name a valid ring, every call here is a cheap
 * no-op, so the same binary runs standalone and prints what it always prints.
 *
 * Safe after fork(): a child keeps the mapping and stamps events with its own
 * pid. Never allocates, never takes a lock, never blocks without bound (a full
 * ring drops the event after a bounded wait and counts it), never exits.
 * Callable from any process of the demo; not async-signal-safe.
 */
#ifndef PS_PROBE_PROBE_H
#define PS_PROBE_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"

/* Environment the supervisor passes to the demo. */
#define PS_ENV_RING_FD "PROCSCOPE_RING_FD"       /* decimal fd of the ring memfd */
#define PS_ENV_TIME_SCALE "PROCSCOPE_TIME_SCALE" /* factor for every demo sleep */
#define PS_ENV_ECHO "PROCSCOPE_ECHO" /* "1": printed lines also go to stdout (headless) */

/* True when events go somewhere (a supervisor is listening). */
bool ps_probe_active(void);

/*
 * Emit one event stamped with the current time and the caller's pid. `text`
 * may be NULL (then text_len is ignored); text longer than PS_EVENT_TEXT_MAX
 * is cut and flagged. Returns 0, -ENOBUFS when the ring stayed full and the
 * event was dropped (and counted), or -ENODEV when the probe is inactive.
 */
int ps_probe_emit(enum ps_event_type type, uint32_t obj, int32_t peer, int64_t a, int64_t b,
                  const char *text, size_t text_len);

/* As ps_probe_emit with a NUL-terminated string (or NULL). */
int ps_probe_emit_str(enum ps_event_type type, uint32_t obj, int32_t peer, int64_t a, int64_t b,
                      const char *text);

/* A user mark (a labelled point in time), for instrumenting your own program. */
int ps_probe_mark(const char *label);

/* A new object id, unique within the session (shared counter in the ring). */
uint32_t ps_probe_new_object_id(void);

/* The caller's pid, cached and kept right across fork(). */
pid_t ps_probe_pid(void);

/* True when the supervisor asked for printed lines to reach stdout too. */
bool ps_probe_echo(void);

/*
 * Attach to the ring named by the environment now (normally done by the
 * constructor). Returns 0, or -errno when the variable is missing or bad; the
 * probe then stays inactive. Calling it again after success is a no-op.
 */
int ps_probe_init(void);

#endif /* PS_PROBE_PROBE_H */
