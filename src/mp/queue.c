/* SPDX-License-Identifier: MIT */
#include "mp/queue.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "mp/sync_internal.h"
#include "probe/probe.h"

#define PS_QUEUE_MAX_BYTES (1u << 30)

struct ps_queue_slot {
    uint32_t len;   /* wire bytes used */
    uint32_t shown; /* 1 once its queue.put is emitted (at once without a probe) */
    int32_t putter; /* pid that put it (to tell a dead putter from a slow one) */
    uint32_t pad_;
    unsigned char data[];
};

struct ps_queue {
    pthread_mutex_t mutex;
    struct ps_sync_cond not_empty;
    struct ps_sync_cond not_full;
    size_t map_size;
    size_t slot_size; /* bytes per slot including its length */
    uint32_t capacity;
    uint32_t head;  /* oldest message */
    uint32_t count; /* messages stored */
    uint32_t obj;
    unsigned char slots[];
};

/* The slot at ring index `k`. */
static struct ps_queue_slot *ps_queue_slot(struct ps_queue *q, uint32_t k)
{
    return (struct ps_queue_slot *)(void *)(q->slots + (size_t)(k % q->capacity) * q->slot_size);
}

struct ps_queue *ps_queue_new(unsigned capacity, size_t max_message)
{
    if (capacity == 0)
        capacity = PS_QUEUE_DEFAULT_CAPACITY;
    if (max_message == 0)
        max_message = PS_QUEUE_DEFAULT_MESSAGE;
    size_t slot = (sizeof(struct ps_queue_slot) + max_message + 7) & ~(size_t)7;
    if (max_message < PS_VALUE_HEADER || max_message > PS_VALUE_WIRE_MAX ||
        slot * capacity > PS_QUEUE_MAX_BYTES) {
        errno = EINVAL;
        return NULL;
    }
    size_t size = sizeof(struct ps_queue) + slot * capacity;
    struct ps_queue *q = ps_sync_shared_alloc(size);
    if (q == NULL)
        return NULL;
    int rc = ps_sync_mutex_init(&q->mutex);
    if (rc == 0)
        rc = ps_sync_cond_init(&q->not_empty);
    if (rc == 0)
        rc = ps_sync_cond_init(&q->not_full);
    if (rc < 0) {
        ps_sync_shared_free(q, size);
        errno = -rc;
        return NULL;
    }
    q->map_size = size;
    q->slot_size = slot;
    q->capacity = capacity;
    q->obj = ps_probe_new_object_id();
    ps_emit_queue_open(q->obj, capacity);
    return q;
}

void ps_queue_free(struct ps_queue *q)
{
    if (q != NULL)
        ps_sync_shared_free(q, q->map_size);
}

/* Lock the queue; a dead previous holder is tolerated (count is written last). */
static int ps_queue_lock(struct ps_queue *q)
{
    int rc = ps_sync_mutex_lock(&q->mutex);
    return rc == -EOWNERDEAD ? 0 : rc;
}

/*
 * True while a putter (want_room) or a getter must wait: the queue is full,
 * or it has no item whose put is already in the session's order (an item
 * whose queue.put is not emitted yet cannot be got: its get would come first).
 */
static bool ps_queue_blocked(struct ps_queue *q, bool want_room)
{
    if (want_room)
        return q->count == q->capacity;
    return q->count == 0 || !ps_queue_slot(q, q->head)->shown;
}

/*
 * True when process `pid` has ended (gone, or a zombie): a putter killed
 * between its unlock and its queue.put never shows its item, so a getter
 * takes it anyway. A putter held at the step gate is alive and is waited for.
 */
static bool ps_queue_putter_gone(int32_t pid)
{
    char path[64], line[256];
    if (pid <= 0 || (kill(pid, 0) < 0 && errno == ESRCH))
        return true;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return true;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    const char *paren = strrchr(line, ')'); /* the state follows the name: ") Z " */
    return paren == NULL || paren[1] == '\0' || paren[2] == 'Z' || paren[2] == 'X';
}

/* An absolute CLOCK_MONOTONIC time in ns. */
static uint64_t ps_queue_ns(const struct timespec *t)
{
    return (uint64_t)t->tv_sec * 1000000000u + (uint64_t)t->tv_nsec;
}

/* Wait on `cond` while the queue is full/empty for us; returns 0 or -ETIMEDOUT (mutex held). */
static int ps_queue_wait(struct ps_queue *q, struct ps_sync_cond *cond, bool want_room, double timeout)
{
    struct timespec deadline = ps_sync_deadline(timeout);
    bool announced = false;
    while (ps_queue_blocked(q, want_room)) {
        if (timeout == 0 || (timeout > 0 && ps_clock_mono_ns() >= ps_queue_ns(&deadline)))
            return -ETIMEDOUT;
        if (!announced && ps_probe_active()) {
            /* Unlocked: a step gate in the emit must not hold the queue. */
            announced = true;
            uint32_t depth = q->count;
            pthread_mutex_unlock(&q->mutex);
            ps_emit_wait_begin(q->obj, 0, want_room ? PS_WAIT_PUT : PS_WAIT_GET, depth, NULL, 0);
            if (ps_queue_lock(q) < 0)
                return -EOWNERDEAD;
            continue;
        }
        bool unshown = !want_room && q->count > 0;
        if (unshown && ps_queue_putter_gone(ps_queue_slot(q, q->head)->putter)) {
            ps_queue_slot(q, q->head)->shown = 1;
            break;
        }
        struct timespec valve = ps_sync_deadline(0.05);
        const struct timespec *until = timeout < 0 ? NULL : &deadline;
        if (unshown && (until == NULL || ps_queue_ns(&valve) < ps_queue_ns(&deadline)))
            until = &valve;
        (void)ps_sync_cond_wait(cond, &q->mutex, until);
    }
    return 0;
}

/* Emit a put/get event with the depth after and the value's preview. */
static void ps_queue_emit(bool put, const struct ps_queue *q, uint32_t depth,
                          const struct ps_value *v, size_t bytes)
{
    char preview[PS_VALUE_PREVIEW_SIZE];
    if (!ps_probe_active())
        return;
    size_t n = ps_value_preview(v, preview, sizeof preview);
    if (put)
        ps_emit_queue_put(q->obj, depth, (int64_t)bytes, preview, n);
    else
        ps_emit_queue_get(q->obj, depth, (int64_t)bytes, preview, n);
}

int ps_queue_put(struct ps_queue *q, const struct ps_value *v, double timeout)
{
    if (q == NULL || v == NULL)
        return -EINVAL;
    size_t room = q->slot_size - sizeof(struct ps_queue_slot);
    if (v->len > room)
        return -EMSGSIZE;
    int rc = ps_queue_lock(q);
    if (rc < 0)
        return rc;
    rc = ps_queue_wait(q, &q->not_full, true, timeout);
    long n = 0;
    if (rc == 0) {
        struct ps_queue_slot *slot = ps_queue_slot(q, q->head + q->count);
        n = ps_value_encode(v, slot->data, room);
        rc = n < 0 ? (n == -ENOSPC ? -EMSGSIZE : (int)n) : 0;
    }
    uint32_t depth = q->count;
    struct ps_queue_slot *slot = ps_queue_slot(q, q->head + q->count);
    bool shown = !ps_probe_active();
    if (rc == 0) {
        slot->len = (uint32_t)n;
        slot->shown = shown;
        slot->putter = (int32_t)ps_probe_pid();
        depth = ++q->count;
        if (shown)
            ps_sync_cond_signal(&q->not_empty);
    }
    pthread_mutex_unlock(&q->mutex);
    if (rc == 0 && !shown) {
        /* Emitted before any getter can take the item (issue 11: get after put). */
        ps_queue_emit(true, q, depth, v, (size_t)n);
        if (ps_queue_lock(q) == 0) {
            slot->shown = 1; /* the item cannot have moved: nobody got past it unshown */
            ps_sync_cond_signal(&q->not_empty);
            pthread_mutex_unlock(&q->mutex);
        }
    }
    return rc;
}

int ps_queue_put_int(struct ps_queue *q, int64_t i, double timeout)
{
    struct ps_value v = ps_value_int(i);
    return ps_queue_put(q, &v, timeout);
}

int ps_queue_put_str(struct ps_queue *q, const char *s, double timeout)
{
    struct ps_value v;
    int rc = ps_value_str(s, &v);
    if (rc < 0)
        return rc;
    rc = ps_queue_put(q, &v, timeout);
    ps_value_free(&v);
    return rc;
}

int ps_queue_get(struct ps_queue *q, struct ps_value *out, double timeout)
{
    if (q == NULL || out == NULL)
        return -EINVAL;
    int rc = ps_queue_lock(q);
    if (rc < 0)
        return rc;
    rc = ps_queue_wait(q, &q->not_empty, false, timeout);
    uint32_t bytes = 0;
    uint32_t depth = q->count;
    if (rc == 0) {
        struct ps_queue_slot *slot = ps_queue_slot(q, q->head);
        bytes = slot->len;
        long used = ps_value_decode(slot->data, bytes, out);
        rc = used == (long)bytes ? 0 : (used == -ENOMEM ? -ENOMEM : -EPROTO);
        if (used > 0 && rc < 0)
            ps_value_free(out);
        if (rc != -ENOMEM) {
            q->head = (q->head + 1) % q->capacity;
            depth = --q->count;
            ps_sync_cond_signal(&q->not_full);
        }
    }
    pthread_mutex_unlock(&q->mutex);
    if (rc == 0)
        ps_queue_emit(false, q, depth, out, bytes);
    return rc;
}

long ps_queue_qsize(struct ps_queue *q)
{
    if (q == NULL)
        return -EINVAL;
    int rc = ps_queue_lock(q);
    if (rc < 0)
        return rc;
    long n = q->count;
    pthread_mutex_unlock(&q->mutex);
    return n;
}

bool ps_queue_empty(struct ps_queue *q)
{
    long n = ps_queue_qsize(q);
    bool empty = n <= 0;
    if (q != NULL)
        ps_emit_queue_empty(q->obj, empty, n < 0 ? 0 : n);
    return empty;
}
