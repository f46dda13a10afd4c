/* SPDX-License-Identifier: MIT */
/*
 * The workers' side of the pool: a forked worker takes a task message from
 * the shared task queue, runs the task's function over its items and puts a
 * result message into the result queue, until the owner closes the pool (and
 * the queue is empty) or stops it.
 */
#include "mp/pool_internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "mp/process.h"
#include "mp/sync_internal.h"
#include "probe/probe.h"
#include "probe/probe_fork.h"

int ps_pool_lock(struct ps_pool_shm *shm)
{
    int rc = ps_sync_mutex_lock(&shm->mutex);

    return rc == -EOWNERDEAD ? 0 : rc;
}

/* Run the task's function over its items, filling the result message. */
static void ps_pool_worker_run(const struct ps_pool_msg *task, struct ps_pool_msg *result)
{
    result->task = task->task;
    result->op = task->op;
    result->items = task->items;
    result->in_size = task->in_size;
    result->out_size = task->out_size;
    result->status = 0;
    for (uint32_t i = 0; i < task->items; i++) {
        const unsigned char *in = task->data + (size_t)i * task->in_size;
        unsigned char *out = result->data + (size_t)i * task->out_size;

        if (task->op == PS_POOL_OP_INT) {
            int64_t x;
            int64_t y;

            memcpy(&x, in, sizeof(x));
            y = task->fn.int_fn(x);
            memcpy(out, &y, sizeof(y));
        } else {
            int rc = task->fn.item_fn(in, out);

            if (rc != 0 && result->status == 0)
                result->status = rc < 0 ? rc : -rc;
        }
    }
}

/*
 * Take the next task into *task and mark the lane busy with it. Returns 1 with
 * a task, 0 when the worker must exit, or -errno.
 */
static int ps_pool_worker_take(struct ps_pool_shm *shm, struct ps_pool_lane *lane,
                               struct ps_pool_msg *task)
{
    struct ps_pool_queue *queue = &shm->tasks;
    int rc = ps_pool_lock(shm);

    if (rc != 0)
        return rc;
    while (ps_pool_queue_len(queue) == 0 && !shm->closing && !shm->stopping)
        ps_sync_cond_wait(&shm->task_ready, &shm->mutex, NULL);
    if (shm->stopping || ps_pool_queue_len(queue) == 0) {
        pthread_mutex_unlock(&shm->mutex);
        return 0;
    }
    *task = queue->slots[queue->head % PS_POOL_QUEUE_SLOTS];
    queue->head++;
    lane->task = task->task;
    lane->items = task->items;
    pthread_mutex_unlock(&shm->mutex);
    return 1;
}

/* Put the result and mark the lane idle. Returns 0, or -errno (or -ECANCELED when stopping). */
static int ps_pool_worker_give(struct ps_pool_shm *shm, struct ps_pool_lane *lane,
                               const struct ps_pool_msg *result)
{
    struct ps_pool_queue *queue = &shm->results;
    int rc = ps_pool_lock(shm);

    if (rc != 0)
        return rc;
    while (ps_pool_queue_len(queue) >= PS_POOL_QUEUE_SLOTS && !shm->stopping)
        ps_sync_cond_wait(&shm->result_room, &shm->mutex, NULL);
    if (!shm->stopping) {
        queue->slots[queue->tail % PS_POOL_QUEUE_SLOTS] = *result;
        queue->tail++;
        lane->task = PS_POOL_NO_TASK;
        lane->done++;
        ps_sync_cond_signal(&shm->result_ready);
    }
    rc = shm->stopping ? -ECANCELED : 0;
    pthread_mutex_unlock(&shm->mutex);
    return rc;
}

/* The worker's life: serve tasks, then report its exit. Never returns. */
static _Noreturn void ps_pool_worker_main(struct ps_pool_shm *shm, unsigned lane_no,
                                          const char *name)
{
    /* Two messages are too big for a small stack frame budget: keep them static. */
    static struct ps_pool_msg task;
    static struct ps_pool_msg result;
    struct ps_pool_lane *lane = &shm->lanes[lane_no];
    int code = 0;
    int rc;

    prctl(PR_SET_PDEATHSIG, SIGTERM);
    ps_process_child_begin(name, true);
    if (ps_pool_lock(shm) == 0) {
        shm->ready++;
        ps_sync_cond_broadcast(&shm->result_ready);
        pthread_mutex_unlock(&shm->mutex);
    }
    while ((rc = ps_pool_worker_take(shm, lane, &task)) > 0) {
        ps_emit_pool_start(shm->obj, task.task, task.items);
        ps_pool_worker_run(&task, &result);
        ps_emit_pool_done(shm->obj, task.task, task.items);
        rc = ps_pool_worker_give(shm, lane, &result);
        if (rc != 0)
            break;
    }
    if (rc < 0 && rc != -ECANCELED)
        code = 1;
    ps_process_child_end(code);
}

pid_t ps_pool_worker_spawn(struct ps_pool_shm *shm, unsigned lane, const char *name)
{
    struct ps_spawn_gate gate;
    pid_t pid;

    shm->lanes[lane].task = PS_POOL_NO_TASK;
    ps_spawn_gate_make(&gate);
    ps_probe_fork_managed(true); /* the child announces itself */
    pid = fork();
    ps_probe_fork_managed(false);
    if (pid < 0) {
        int err = errno;
        ps_spawn_gate_open(&gate);
        return -err;
    }
    if (pid == 0) {
        ps_spawn_gate_wait(&gate);
        ps_pool_worker_main(shm, lane, name);
    }
    shm->lanes[lane].pid = pid;
    ps_emit_proc_spawn(0, pid, 1, name, PS_EMIT_STR);
    ps_spawn_gate_open(&gate);
    return pid;
}
