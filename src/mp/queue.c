/* SPDX-License-Identifier: MIT */
#include "mp/queue.h"

#include <errno.h>
#include <string.h>

#include "mp/sync_internal.h"
#include "probe/probe.h"

#define PS_QUEUE_MAX_BYTES (1u << 30)

struct ps_queue_slot {
    uint32_t len; /* wire bytes used */
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

/* Wait on `cond` while `full_or_empty` holds; returns 0 or -ETIMEDOUT (mutex held). */
static int ps_queue_wait(struct ps_queue *q, struct ps_sync_cond *cond, bool want_room, double timeout)
{
    struct timespec deadline = ps_sync_deadline(timeout);
    while (want_room ? q->count == q->capacity : q->count == 0) {
        if (timeout == 0)
            return -ETIMEDOUT;
        int rc = ps_sync_cond_wait(cond, &q->mutex, timeout < 0 ? NULL : &deadline);
        if (rc == -ETIMEDOUT && (want_room ? q->count == q->capacity : q->count == 0))
            return -ETIMEDOUT;
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
    if (rc == 0) {
        ps_queue_slot(q, q->head + q->count)->len = (uint32_t)n;
        depth = ++q->count;
        ps_sync_cond_signal(&q->not_empty);
    }
    pthread_mutex_unlock(&q->mutex);
    if (rc == 0)
        ps_queue_emit(true, q, depth, v, (size_t)n);
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
