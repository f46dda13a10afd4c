/* SPDX-License-Identifier: MIT */
/*
 * The event log: chunked fixed-size records plus a chunked text arena.
 *
 * Records live in chunks of PS_EVLOG_CHUNK; event i is chunk i >> SHIFT, slot
 * i & MASK. A text is stored once, NUL-terminated, in the current 1 MiB arena
 * chunk (a text never spans two chunks), and a record refers to it with a
 * 32-bit reference: arena chunk << 20 | offset. Chunks never move, so texts
 * handed out stay valid; only the small tables of chunk pointers grow.
 *
 * With a source attached, `count` events are stored and `total - count` are
 * pending; a get of a pending event runs the source (file I/O) until it is
 * stored, so a get takes the log as writable and returns the source's error.
 */
#include "session/evlog.h"

#include "session/evlog_internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct ps_evlog *ps_evlog_new(void)
{
    struct ps_evlog *log = calloc(1, sizeof(*log));
    if (!log) {
        errno = ENOMEM;
        return NULL;
    }
    return log;
}

/* Forget the source (its pending events too) and release its context. */
static void ps_evlog_detach(struct ps_evlog *log)
{
    if (!log->has_src) {
        return;
    }
    log->has_src = false;
    log->total = log->count;
    if (log->src.release) {
        log->src.release(log->src.ctx);
    }
}

/* Run the source until `upto` events are stored; detach it once it is used up. */
static int ps_evlog_produce(struct ps_evlog *log, uint64_t upto)
{
    while (log->count < upto) {
        uint64_t before = log->count;
        log->filling = true;
        int rc = log->src.fill(log->src.ctx, log);
        log->filling = false;
        if (rc == 0 && log->count == before) {
            rc = -EIO; /* a source that makes no progress would loop forever */
        }
        if (rc < 0) {
            return rc;
        }
    }
    if (log->count == log->total) {
        ps_evlog_detach(log);
    }
    return 0;
}

int ps_evlog_attach(struct ps_evlog *log, const struct ps_evlog_source *src)
{
    if (log->has_src) {
        if (src->release) {
            src->release(src->ctx);
        }
        return -EBUSY;
    }
    log->src = *src;
    log->has_src = true;
    log->total = log->count + src->count;
    if (src->count == 0) {
        ps_evlog_detach(log);
    }
    return 0;
}

void ps_evlog_free(struct ps_evlog *log)
{
    if (!log) {
        return;
    }
    ps_evlog_detach(log);
    ps_evlog_spill_free(log);
    for (size_t i = 0; i < log->nchunks; i++) {
        free(log->chunks[i]);
    }
    for (size_t i = 0; i < log->narena && i < PS_EVLOG_ARENA_MAX; i++) {
        free(log->arena[i]);
    }
    free(log->chunks);
    free(log->arena);
    free(log);
}

void ps_evlog_clear(struct ps_evlog *log)
{
    ps_evlog_detach(log);
    log->count = 0;
    log->total = 0;
    if (log->spill) { /* start again from nothing: no chunk is on disk */
        uint64_t window = ps_evlog_window(log);
        ps_evlog_spill_free(log);
        for (size_t i = 0; i < log->nchunks; i++) {
            free(log->chunks[i]);
        }
        for (size_t i = 0; i < log->narena && i < PS_EVLOG_ARENA_MAX; i++) {
            free(log->arena[i]);
        }
        log->nchunks = 0;
        log->narena = 0;
        log->arena_used = 0;
        (void)ps_evlog_set_window(log, window);
        return;
    }
    if (log->narena > 0) {
        for (size_t i = 1; i < log->narena; i++) {
            free(log->arena[i]);
        }
        log->narena = 1;
    }
    log->arena_used = 0;
}

/* Grow a table of chunk pointers so that it holds at least `need` entries. */
static int ps_evlog_grow_table(void ***table, size_t *cap, size_t need)
{
    if (need <= *cap) {
        return 0;
    }
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need) {
        ncap *= 2;
    }
    void **grown = realloc(*table, ncap * sizeof(*grown));
    if (!grown) {
        return -ENOMEM;
    }
    *table = grown;
    *cap = ncap;
    return 0;
}

/*
 * Start a new text chunk. Chunks are numbered on (narena) and live in slot
 * number % PS_EVLOG_ARENA_MAX: a windowed log frees old ones, so its slots
 * come round again; a slot still in use means the arena is full.
 */
static int ps_evlog_new_arena(struct ps_evlog *log)
{
    size_t slot = log->narena % PS_EVLOG_ARENA_MAX;
    if (log->narena >= PS_EVLOG_ARENA_MAX && log->arena[slot] != NULL) {
        return -ENOSPC;
    }
    if (slot >= log->caparena) {
        void **table = (void **)log->arena;
        int rc = ps_evlog_grow_table(&table, &log->caparena, slot + 1);
        log->arena = (char **)table;
        if (rc < 0) {
            return rc;
        }
    }
    char *chunk = malloc(PS_EVLOG_ARENA_CHUNK);
    if (!chunk) {
        return -ENOMEM;
    }
    log->arena[slot] = chunk;
    log->narena++;
    log->arena_used = 0;
    return 0;
}

/* Copy `len` bytes of text plus a NUL into the arena; *ref receives where. */
static int ps_evlog_store_text(struct ps_evlog *log, const char *text, uint32_t len,
                               uint32_t *ref)
{
    if (log->narena == 0 || log->arena_used + len + 1 > PS_EVLOG_ARENA_CHUNK) {
        int rc = ps_evlog_new_arena(log);
        if (rc < 0) {
            return rc;
        }
    }
    uint32_t slot = (uint32_t)((log->narena - 1) % PS_EVLOG_ARENA_MAX);
    char *dst = log->arena[slot] + log->arena_used;
    memcpy(dst, text, len);
    dst[len] = '\0';
    *ref = slot << PS_EVLOG_ARENA_SHIFT | log->arena_used;
    log->arena_used += len + 1;
    return 0;
}

const char *ps_evlog_rec_text(const struct ps_evlog *log, const struct ps_evlog_rec *rec)
{
    if (rec->text_ref == PS_EVLOG_NO_TEXT) {
        return NULL;
    }
    return log->arena[rec->text_ref >> PS_EVLOG_ARENA_SHIFT] +
           (rec->text_ref & (PS_EVLOG_ARENA_CHUNK - 1));
}

/* The record slot for event number log->count, allocating its chunk if needed. */
static struct ps_evlog_rec *ps_evlog_next_slot(struct ps_evlog *log)
{
    size_t chunk = (size_t)(log->count >> PS_EVLOG_SHIFT);
    if (chunk >= log->nchunks) {
        void **table = (void **)log->chunks;
        int rc = ps_evlog_grow_table(&table, &log->capchunks, chunk + 1);
        log->chunks = (struct ps_evlog_rec **)table;
        if (rc < 0) {
            return NULL;
        }
        struct ps_evlog_rec *recs = malloc(PS_EVLOG_CHUNK * sizeof(*recs));
        if (!recs) {
            return NULL;
        }
        log->chunks[log->nchunks++] = recs;
        if (ps_evlog_spill_after_grow(log, chunk) < 0) {
            return NULL; /* the window could not move: refuse rather than grow without bound */
        }
    }
    return &log->chunks[chunk][log->count & PS_EVLOG_MASK];
}

int ps_evlog_append(struct ps_evlog *log, const struct ps_event *ev)
{
    if (log->has_src) {
        if (!log->filling) {
            int rc = ps_evlog_produce(log, log->total); /* the pending events come first */
            if (rc < 0) {
                return rc;
            }
        } else if (log->count >= log->total) {
            return -EIO; /* the source produces more than it declared */
        }
    }
    struct ps_evlog_rec *rec = ps_evlog_next_slot(log);
    if (!rec) {
        return -ENOMEM;
    }
    uint32_t len = 0;
    if (ev->text) { /* cut at the first NUL, at text_len and at PS_EVENT_TEXT_MAX */
        size_t max = ev->text_len < PS_EVENT_TEXT_MAX ? ev->text_len : PS_EVENT_TEXT_MAX;
        const char *nul = memchr(ev->text, '\0', max);
        len = (uint32_t)(nul ? (size_t)(nul - ev->text) : max);
    }
    uint32_t ref = PS_EVLOG_NO_TEXT;
    if (len > 0) {
        int rc = ps_evlog_store_text(log, ev->text, len, &ref);
        if (rc < 0) {
            return rc;
        }
    }
    *rec = (struct ps_evlog_rec){
        .t_ns = ev->t_ns,
        .pid = ev->pid,
        .type = ev->type,
        .flags = ev->flags,
        .obj = ev->obj,
        .peer = ev->peer,
        .a = ev->a,
        .b = ev->b,
        .text_ref = ref,
        .text_len = len,
    };
    log->count++;
    return 0;
}

uint64_t ps_evlog_count(const struct ps_evlog *log)
{
    return log->has_src ? log->total : log->count;
}

int ps_evlog_get(struct ps_evlog *log, uint64_t i, struct ps_event *out)
{
    if (i >= ps_evlog_count(log)) {
        return -ERANGE;
    }
    if (i >= log->count) {
        int rc = ps_evlog_produce(log, i + 1);
        if (rc < 0) {
            return rc;
        }
    }
    const struct ps_evlog_rec *rec = NULL;
    const char *text = NULL;
    if (log->chunks[i >> PS_EVLOG_SHIFT] == NULL) {
        int rc = ps_evlog_spill_get(log, i, &rec, &text);
        if (rc < 0) {
            return rc;
        }
    } else {
        rec = &log->chunks[i >> PS_EVLOG_SHIFT][i & PS_EVLOG_MASK];
        text = ps_evlog_rec_text(log, rec);
    }
    *out = (struct ps_event){
        .seq = i,
        .t_ns = rec->t_ns,
        .pid = rec->pid,
        .type = rec->type,
        .flags = rec->flags,
        .obj = rec->obj,
        .peer = rec->peer,
        .a = rec->a,
        .b = rec->b,
        .text_len = rec->text_len,
        .text = text ? text : "",
    };
    return 0;
}

uint64_t ps_evlog_bytes(const struct ps_evlog *log)
{
    uint64_t bytes = sizeof(*log) + ps_evlog_spill_bytes(log);
    for (size_t i = 0; i < log->nchunks; i++) {
        bytes += log->chunks[i] ? PS_EVLOG_CHUNK * sizeof(struct ps_evlog_rec) : 0;
    }
    for (size_t i = 0; i < log->narena && i < PS_EVLOG_ARENA_MAX; i++) {
        bytes += log->arena[i] ? PS_EVLOG_ARENA_CHUNK : 0;
    }
    return bytes;
}
