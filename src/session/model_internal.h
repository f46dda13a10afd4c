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

/*
 * The per-area folds, called through model.c's table indexed by type (one
 * row per type of core/event_types.h, chosen by the type's area).
 */
void ps_model_apply_pipe(struct ps_model *m, const struct ps_event *ev);   /* PIPE area */
void ps_model_apply_queue(struct ps_model *m, const struct ps_event *ev);  /* QUEUE area */
void ps_model_apply_lock(struct ps_model *m, const struct ps_event *ev);   /* LOCK area */
void ps_model_apply_barrier(struct ps_model *m, const struct ps_event *ev); /* BARRIER area */
void ps_model_apply_pool(struct ps_model *m, const struct ps_event *ev);   /* POOL area */
void ps_model_apply_ns(struct ps_model *m, const struct ps_event *ev);     /* NS area */

#endif /* PS_SESSION_MODEL_INTERNAL_H */
