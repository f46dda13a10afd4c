/* SPDX-License-Identifier: MIT */
/*
 * Shared between the model's files (model.c, model_chan.c, model_sync.c, model_pool.c);
 * never included from outside src/session.
 */
#ifndef PS_SESSION_MODEL_INTERNAL_H
#define PS_SESSION_MODEL_INTERNAL_H

#include "session/model.h"

/* The event's text, never NULL. */
static inline const char *ps_model_text(const struct ps_event *ev)
{
    return ev->text ? ev->text : "";
}

/* Copy at most n - 1 bytes of src into dst (n > 0), NUL-terminated; returns the length. */
size_t ps_model_copy(char *dst, size_t n, const char *src);

/* Fold a pipe or queue event (types PIPE_OPEN..QUEUE_EMPTY). */
void ps_model_apply_chan(struct ps_model *m, const struct ps_event *ev);

/* Fold a lock or barrier event (types LOCK_NEW..BARRIER_BROKEN). */
void ps_model_apply_sync(struct ps_model *m, const struct ps_event *ev);

/* Fold a pool event (types POOL_NEW..POOL_CRASH). */
void ps_model_apply_pool(struct ps_model *m, const struct ps_event *ev);

/* Fold a namespace event (NS_SET, NS_GET). */
void ps_model_apply_ns(struct ps_model *m, const struct ps_event *ev);

#endif /* PS_SESSION_MODEL_INTERNAL_H */
