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

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "probe/probe_usdt.h"

/*
 * True while events go somewhere (a supervisor is listening). Set once by
 * ps_probe_init(), read inline by every emitter below before any call, so an
 * uninstrumented run pays one load and a branch per event. Never write it.
 */
extern bool ps_probe_listening;

/* Pass as an emitter's `len` when the text is NUL-terminated. */
#define PS_EMIT_STR ((size_t)-1)

/* True when events go somewhere (a supervisor is listening): an inline load. */
static inline bool ps_probe_active(void)
{
    return ps_probe_listening;
}

/*
 * Emit one event stamped with the current time and the caller's pid. `text`
 * may be NULL (then text_len is ignored); text_len PS_EMIT_STR means "up to
 * the NUL"; text longer than PS_EVENT_TEXT_MAX is cut and flagged. Producers
 * call the typed emitters below instead (ps_emit_pipe_send(…)). Returns 0, -ENOBUFS when the ring stayed full and the
 * event was dropped (and counted), or -ENODEV when the probe is inactive.
 */
int ps_probe_emit(enum ps_event_type type, uint32_t obj, int32_t peer, int64_t a, int64_t b,
                  const char *text, size_t text_len);

/* A user mark (a labelled point in time), for instrumenting your own program. */
int ps_probe_mark(const char *label);

/* A new object id, unique within the session (shared counter in the ring). */
uint32_t ps_probe_new_object_id(void);

/* The caller's pid, cached and kept right across fork(). */
pid_t ps_probe_pid(void);

/* True while the step gate is on: an emit may then wait for the user (bindings drop locks). */
bool ps_probe_gated(void);

/* True when the supervisor asked for printed lines to reach stdout too. */
bool ps_probe_echo(void);

/*
 * Attach to the ring named by the environment now (normally done by the
 * constructor). Returns 0, or -errno when the variable is missing or bad; the
 * probe then stays inactive. Calling it again after success is a no-op.
 */
int ps_probe_init(void);

/*
 * The typed emitters, one per event type of core/event_types.h:
 *
 *     int ps_emit_<lower>(<the fields the type uses, named by their keys>);
 *
 * in the order obj (uint32_t), peer (int32_t), a, b (int64_t), text (const
 * char *, then size_t len: PS_EMIT_STR for a NUL-terminated string). For
 * example ps_emit_pipe_send(pipe, bytes, end, value, len) and
 * ps_emit_proc_join(child, exitcode, timed_out). Each returns like
 * ps_probe_emit; inactive, it returns -ENODEV after one inline load (and the
 * USDT point procscope:event, a nop unless a tracer attached: probe_usdt.h).
 * Parameter names get a trailing _ (a key such as `namespace` is a C++ keyword).
 */
#define PS_EMIT_P_OBJ_F(key) , uint32_t key##_
#define PS_EMIT_P_OBJ_NO
#define PS_EMIT_P_PEER_F(key) , int32_t key##_
#define PS_EMIT_P_PEER_NO
#define PS_EMIT_P_NUM_F(key) , int64_t key##_
#define PS_EMIT_P_NUM_NO
#define PS_EMIT_P_TEXT_F(key) , const char *key##_, size_t len
#define PS_EMIT_P_TEXT_NO
#define PS_EMIT_A_OBJ_F(key) key##_
#define PS_EMIT_A_OBJ_NO 0
#define PS_EMIT_A_NUM_F(key) key##_
#define PS_EMIT_A_NUM_NO 0
#define PS_EMIT_A_TEXT_F(key) key##_, len
#define PS_EMIT_A_TEXT_NO NULL, 0
#define PS_EMIT_DROP_FIRST_(first, ...) __VA_ARGS__
#define PS_EMIT_PARAMS_(list) PS_EMIT_DROP_FIRST_(list)
#define PS_EMIT_USDT_(...) PS_PROBE_USDT_EVENT(__VA_ARGS__) /* splits the text's "ptr, len" */

#define PS_EMIT_DEFINE_(E, lower, num, dotted, area, obj, peer, a, b, text, story)              \
    static inline int ps_emit_##lower(PS_EMIT_PARAMS_(PS_EMIT_P_OBJ_##obj PS_EMIT_P_PEER_##peer  \
                                                          PS_EMIT_P_NUM_##a PS_EMIT_P_NUM_##b    \
                                                              PS_EMIT_P_TEXT_##text))            \
    {                                                                                            \
        if (__builtin_expect(!ps_probe_listening, 1)) { /* inactive: the fast path */            \
            PS_EMIT_USDT_(PS_EV_##E, PS_EMIT_A_OBJ_##obj, PS_EMIT_A_OBJ_##peer,                  \
                          PS_EMIT_A_NUM_##a, PS_EMIT_A_NUM_##b, PS_EMIT_A_TEXT_##text);          \
            return -ENODEV;                                                                      \
        }                                                                                        \
        return ps_probe_emit(PS_EV_##E, PS_EMIT_A_OBJ_##obj, PS_EMIT_A_OBJ_##peer,               \
                             PS_EMIT_A_NUM_##a, PS_EMIT_A_NUM_##b, PS_EMIT_A_TEXT_##text);       \
    }

PS_EVENT_TYPES(PS_EMIT_DEFINE_)

#endif /* PS_PROBE_PROBE_H */
