/* SPDX-License-Identifier: MIT */
/*
 * A session: info, event log, end record, and the model at a cursor.
 *
 * Keyframe k is the model after k * PS_SESSION_KEYFRAME events. Keyframe 0 is
 * the empty model and never stored. Keyframes are taken while following as
 * the model passes a multiple of K, and otherwise on a seek that folds past
 * one; `nkeys` counts the consecutive keyframes 1..nkeys that exist.
 */
#include "session/session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "session/evlog.h"

struct ps_session {
    struct ps_session_info info;
    struct ps_session_end end;
    bool ended;
    bool following;
    uint64_t cursor;
    struct ps_evlog *log;
    struct ps_model model;
    struct ps_model **keys; /* keys[k - 1] = model after k * K events; NULL: thinned out */
    size_t nkeys, capkeys;
    uint64_t window;        /* the log's window in events (0: none) */
};

/* Before a window, one keyframe in this many is kept (one per ~1 M events). */
#define PS_SESSION_SPARSE 256u

struct ps_session *ps_session_new(void)
{
    struct ps_session *s = calloc(1, sizeof(*s));
    if (!s) {
        errno = ENOMEM;
        return NULL;
    }
    s->log = ps_evlog_new();
    if (!s->log) {
        free(s);
        errno = ENOMEM;
        return NULL;
    }
    ps_model_init(&s->model);
    s->following = true;
    return s;
}

/* Drop every keyframe (memory freed). */
static void ps_session_drop_keys(struct ps_session *s)
{
    for (size_t i = 0; i < s->nkeys; i++) {
        free(s->keys[i]);
    }
    free(s->keys);
    s->keys = NULL;
    s->nkeys = 0;
    s->capkeys = 0;
}

void ps_session_free(struct ps_session *s)
{
    if (!s) {
        return;
    }
    ps_session_drop_keys(s);
    ps_evlog_free(s->log);
    free(s);
}

/* With a window, free the keyframe that just fell out of it, unless it is a sparse one. */
static void ps_session_thin_keys(struct ps_session *s)
{
    uint64_t inside = s->window / PS_SESSION_KEYFRAME;
    if (s->window == 0 || s->nkeys <= inside) {
        return;
    }
    size_t j = (size_t)(s->nkeys - 1 - inside); /* keys[j] = after (j + 1) * K events */
    if ((j + 1) % PS_SESSION_SPARSE != 0) {
        free(s->keys[j]);
        s->keys[j] = NULL;
    }
}

/* If the model sits right after keyframe nkeys + 1's boundary, store it. */
static int ps_session_take_key(struct ps_session *s)
{
    if (s->cursor == 0 || s->cursor % PS_SESSION_KEYFRAME != 0 ||
        s->cursor / PS_SESSION_KEYFRAME != s->nkeys + 1) {
        return 0;
    }
    if (s->nkeys == s->capkeys) {
        size_t ncap = s->capkeys ? s->capkeys * 2 : 16;
        struct ps_model **grown = realloc(s->keys, ncap * sizeof(*grown));
        if (!grown) {
            return -ENOMEM;
        }
        s->keys = grown;
        s->capkeys = ncap;
    }
    struct ps_model *key = malloc(sizeof(*key));
    if (!key) {
        return -ENOMEM;
    }
    memcpy(key, &s->model, sizeof(*key));
    s->keys[s->nkeys++] = key;
    ps_session_thin_keys(s);
    return 0;
}

/* Apply log events from the cursor up to `target`, taking keyframes passed. */
static int ps_session_fold_to(struct ps_session *s, uint64_t target)
{
    int rc = 0;
    struct ps_event ev;
    while (s->cursor < target) {
        int grc = ps_evlog_get(s->log, s->cursor, &ev);
        if (grc < 0) {
            return grc; /* a pending event could not be produced: stop before it */
        }
        ps_model_apply(&s->model, &ev);
        s->cursor++;
        int krc = ps_session_take_key(s);
        if (krc < 0) {
            rc = krc;
        }
    }
    return rc;
}

int ps_session_seek(struct ps_session *s, uint64_t cursor)
{
    if (cursor > ps_evlog_count(s->log)) {
        return -ERANGE;
    }
    uint64_t k = cursor / PS_SESSION_KEYFRAME;
    if (k > s->nkeys) {
        k = s->nkeys;
    }
    while (k > 0 && s->keys[k - 1] == NULL) { /* thinned out before the window */
        k--;
    }
    uint64_t base = k * PS_SESSION_KEYFRAME;
    bool forward_ok = s->cursor <= cursor && s->cursor >= base;
    if (!forward_ok) {
        if (k == 0) {
            ps_model_init(&s->model);
        } else {
            memcpy(&s->model, s->keys[k - 1], sizeof(s->model));
        }
        s->cursor = base;
    }
    return ps_session_fold_to(s, cursor);
}

/* Sink: store the info. */
static int ps_session_on_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_session *s = ctx;
    s->info = *info;
    return 0;
}

/* Sink: append the event, and fold it when following. */
static int ps_session_on_event(void *ctx, const struct ps_event *ev)
{
    struct ps_session *s = ctx;
    int rc = ps_evlog_append(s->log, ev);
    if (rc < 0) {
        return rc;
    }
    if (s->following) {
        int krc = ps_session_fold_to(s, ps_evlog_count(s->log));
        if (krc < 0) {
            return krc;
        }
    }
    return 0;
}

/* Sink: store the end record. */
static int ps_session_on_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_session *s = ctx;
    s->end = *end;
    s->ended = true;
    return 0;
}

struct ps_sink ps_session_sink(struct ps_session *s)
{
    return (struct ps_sink){
        .on_begin = ps_session_on_begin,
        .on_event = ps_session_on_event,
        .on_end = ps_session_on_end,
        .ctx = s,
    };
}

const struct ps_session_info *ps_session_info(const struct ps_session *s)
{
    return &s->info;
}

const struct ps_session_end *ps_session_end_info(const struct ps_session *s)
{
    return s->ended ? &s->end : NULL;
}

uint64_t ps_session_count(const struct ps_session *s)
{
    return ps_evlog_count(s->log);
}

uint64_t ps_session_cursor(const struct ps_session *s)
{
    return s->cursor;
}

void ps_session_follow(struct ps_session *s, bool follow)
{
    s->following = follow;
    if (follow) {
        ps_session_seek(s, ps_evlog_count(s->log));
    }
}

bool ps_session_following(const struct ps_session *s)
{
    return s->following;
}

const struct ps_model *ps_session_model(const struct ps_session *s)
{
    return &s->model;
}

int ps_session_event(const struct ps_session *s, uint64_t i, struct ps_event *out)
{
    return ps_evlog_get(s->log, i, out);
}

int ps_session_attach(struct ps_session *s, const struct ps_evlog_source *src)
{
    return ps_evlog_attach(s->log, src);
}

int ps_session_index(struct ps_session *s)
{
    uint64_t cursor = s->cursor;
    uint64_t last = (ps_evlog_count(s->log) / PS_SESSION_KEYFRAME) * PS_SESSION_KEYFRAME;
    int rc = 0;
    if (last > (uint64_t)s->nkeys * PS_SESSION_KEYFRAME) {
        rc = ps_session_seek(s, last);
    }
    int rc2 = ps_session_seek(s, cursor);
    return rc < 0 ? rc : rc2;
}

int ps_session_set_window(struct ps_session *s, uint64_t events)
{
    int rc = ps_evlog_set_window(s->log, events);
    if (rc == 0) {
        s->window = ps_evlog_window(s->log);
    }
    return rc;
}

uint64_t ps_session_spilled(const struct ps_session *s)
{
    return ps_evlog_spilled(s->log);
}

void ps_session_reset(struct ps_session *s)
{
    ps_session_drop_keys(s);
    ps_evlog_clear(s->log);
    memset(&s->info, 0, sizeof(s->info));
    memset(&s->end, 0, sizeof(s->end));
    s->ended = false;
    s->following = true;
    s->cursor = 0;
    ps_model_init(&s->model);
}
