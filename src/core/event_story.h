/* SPDX-License-Identifier: MIT */
/*
 * Plain sentences for events: the one renderer of the story templates of
 * core/event_types.h, used by `--events=story`, the narration strip and the
 * process states the UI prints ("recv on pipe 1").
 *
 * Rendering never fails: unknown placeholders are copied as written, text is
 * escaped (control bytes as \n, \t, \xNN), the output is cut to fit the
 * buffer and always NUL-terminated when size > 0. Names of processes come
 * from the caller (a process table); a pid without a name reads "pid N".
 */
#ifndef PS_CORE_EVENT_STORY_H
#define PS_CORE_EVENT_STORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

/* Name of process `pid`, or NULL when unknown. */
typedef const char *(*ps_event_name_fn)(const void *ctx, int32_t pid);

struct ps_event_namer {
    ps_event_name_fn name; /* may be NULL: every process is then "pid N" */
    const void *ctx;
};

/*
 * Render template `tmpl` for `ev` into buf (size bytes). Returns the length
 * written (without the NUL), at most size - 1.
 */
size_t ps_event_story_render(char *buf, size_t size, const char *tmpl, const struct ps_event *ev,
                             const struct ps_event_namer *namer);

/*
 * The sentence of `ev` (its type's story), or "<type> event" for a type with
 * no story. Returns the length written, as ps_event_story_render.
 */
size_t ps_event_story(char *buf, size_t size, const struct ps_event *ev,
                      const struct ps_event_namer *namer);

/*
 * What a process waits for ("recv on pipe 1", "sleep 1.0 s"), from the
 * fields of a wait.begin: kind, obj, peer, amount and detail (may be NULL).
 */
size_t ps_event_wait_text(char *buf, size_t size, unsigned kind, uint32_t obj, int32_t peer,
                          int64_t amount, const char *detail, const struct ps_event_namer *namer);

#endif /* PS_CORE_EVENT_STORY_H */
