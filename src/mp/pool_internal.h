/* SPDX-License-Identifier: MIT */
/*
 * Pool internals shared by pool.c (the owner's side) and pool_worker.c (the
 * workers' side). Never included from outside src/mp.
 *
 * Layout: one shared mapping (struct ps_pool_shm) created before the workers
 * are forked, holding the mutex, four condition variables, one lane per
 * worker and two bounded message queues (tasks owner → workers, results
 * workers → owner). Queue positions are free-running counters; a slot is
 * `pos % PS_POOL_QUEUE_SLOTS`. Everything in it is read and written under the
 * mutex. A worker takes a task and marks its lane busy with it in one
 * critical section, and puts the result and clears the lane in another, so
 * when a worker dies the owner knows from its lane which task was lost.
 */
#ifndef PS_MP_POOL_INTERNAL_H
#define PS_MP_POOL_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include "mp/sync_internal.h"

#include "mp/pool.h"

#define PS_POOL_QUEUE_SLOTS 16
#define PS_POOL_NO_TASK UINT32_MAX

enum ps_pool_op {
    PS_POOL_OP_INT = 1,  /* int64 items through a ps_pool_int_fn */
    PS_POOL_OP_ITEM = 2, /* in_size-byte items through a ps_pool_item_fn */
};

/* The function of a task; valid in the workers because they are forks of the owner. */
union ps_pool_fn {
    ps_pool_int_fn int_fn;
    ps_pool_item_fn item_fn;
};

/* One task (items in) or result (items out) message. */
struct ps_pool_msg {
    uint32_t task;
    uint32_t op;
    uint32_t items;
    uint32_t in_size;
    uint32_t out_size;
    int32_t status; /* result: 0 or the first item's negative errno */
    union ps_pool_fn fn;
    unsigned char data[PS_POOL_MSG_DATA];
};

struct ps_pool_queue {
    uint32_t head; /* next position to take */
    uint32_t tail; /* next position to fill */
    struct ps_pool_msg slots[PS_POOL_QUEUE_SLOTS];
};

/* What one worker is doing, as the owner must know it if the worker dies. */
struct ps_pool_lane {
    int32_t pid;
    uint32_t task; /* the task it runs, or PS_POOL_NO_TASK */
    uint32_t items;
    uint32_t done; /* tasks finished */
};

struct ps_pool_shm {
    pthread_mutex_t mutex;
    struct ps_sync_cond task_ready;   /* workers wait: a task, closing or stopping */
    struct ps_sync_cond result_ready; /* the owner waits: a result */
    struct ps_sync_cond result_room;  /* workers wait: room in the result queue */
    uint32_t obj;
    uint32_t closing;  /* no more tasks: exit when the task queue is empty */
    uint32_t stopping; /* exit now */
    uint32_t ready;    /* workers that reached their task loop */
    struct ps_pool_lane lanes[PS_POOL_MAX_WORKERS];
    struct ps_pool_queue tasks;
    struct ps_pool_queue results;
};

/* Messages in a queue. */
static inline uint32_t ps_pool_queue_len(const struct ps_pool_queue *queue)
{
    return queue->tail - queue->head;
}

/* Lock the pool's mutex, accepting one whose holder died. Returns 0 or -errno. */
int ps_pool_lock(struct ps_pool_shm *shm);

/*
 * Fork the worker of lane `lane` (0-based), named `name`. The child serves
 * tasks until told to stop and never returns. Returns the child's pid, or
 * -errno. Owner only.
 */
pid_t ps_pool_worker_spawn(struct ps_pool_shm *shm, unsigned lane, const char *name);

#endif /* PS_MP_POOL_INTERNAL_H */
