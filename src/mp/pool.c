/* SPDX-License-Identifier: MIT */
/*
 * The owner's side of the pool. The owner keeps a local record for each task
 * it submitted (map chunks, apply_async calls), in submission order. Tasks
 * are sent to the shared task queue as room allows and results are collected
 * whenever the owner waits for anything ("pumping"), so neither queue can
 * fill up and deadlock the owner against its workers: the owner never blocks
 * on a full queue, and it waits for results at most PS_POOL_TICK seconds at a
 * time, checking between waits whether a worker died (waitpid WNOHANG).
 */
#include "mp/pool.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "mp/pool_internal.h"
#include "mp/process.h"
#include "mp/sync_internal.h"
#include "probe/probe.h"

#define PS_POOL_TICK 0.05 /* longest wait between checks for dead workers, seconds */
#define PS_POOL_READY_WAIT 2.0 /* longest wait for the workers to start, seconds */

enum ps_pool_state { PS_POOL_QUEUED, PS_POOL_SENT, PS_POOL_FINISHED };

/* The owner's record of one task. */
struct ps_pool_task {
    uint32_t id;
    uint32_t items;
    uint32_t op;
    union ps_pool_fn fn;
    const unsigned char *in;
    unsigned char *out;
    size_t in_size;
    size_t out_size;
    enum ps_pool_state state;
    int status;
    size_t *pending; /* decremented when the task finishes (may be NULL) */
};

struct ps_pool_result {
    struct ps_pool *pool;
    struct ps_pool_task task;
    int64_t in;
    int64_t out;
};

struct ps_pool {
    struct ps_pool_shm *shm;
    unsigned workers;
    bool closed;
    bool terminated;
    uint32_t next_id;                /* id of the next task submitted */
    uint32_t next_send;              /* id of the next task to send */
    pid_t pids[PS_POOL_MAX_WORKERS]; /* live worker of each lane, 0 once reaped */
    struct ps_pool_task **active;    /* submitted and not yet released, by id */
    size_t n_active;
    size_t cap_active;
};

/* Append a task to the records, give it the next id and announce it. */
static int ps_pool_register(struct ps_pool *pool, struct ps_pool_task *task)
{
    if (pool->n_active == pool->cap_active) {
        size_t cap = pool->cap_active ? 2 * pool->cap_active : 64;
        struct ps_pool_task **grown = realloc(pool->active, cap * sizeof(*grown));

        if (grown == NULL)
            return -ENOMEM;
        pool->active = grown;
        pool->cap_active = cap;
    }
    task->id = pool->next_id++;
    task->state = PS_POOL_QUEUED;
    task->status = 0;
    pool->active[pool->n_active++] = task;
    ps_emit_pool_submit(pool->shm->obj, task->id, task->items);
    return 0;
}

/* The record of task `id`, or NULL when it was released. */
static struct ps_pool_task *ps_pool_find(struct ps_pool *pool, uint32_t id)
{
    for (size_t i = 0; i < pool->n_active; i++) {
        if (pool->active[i]->id == id)
            return pool->active[i];
    }
    return NULL;
}

/* Forget a task's record (its result, if it still comes, is dropped). */
static void ps_pool_release(struct ps_pool *pool, const struct ps_pool_task *task)
{
    for (size_t i = 0; i < pool->n_active; i++) {
        if (pool->active[i] == task) {
            memmove(&pool->active[i], &pool->active[i + 1],
                    (pool->n_active - i - 1) * sizeof(*pool->active));
            pool->n_active--;
            return;
        }
    }
}

/* Mark a task finished with `status`. */
static void ps_pool_finish(struct ps_pool_task *task, int status)
{
    if (task->state == PS_POOL_FINISHED)
        return;
    task->state = PS_POOL_FINISHED;
    task->status = status;
    if (task->pending != NULL)
        (*task->pending)--;
}

/* Fail every unfinished task with `status`. */
static void ps_pool_fail_all(struct ps_pool *pool, int status)
{
    for (size_t i = 0; i < pool->n_active; i++)
        ps_pool_finish(pool->active[i], status);
}

/* Copy queued tasks into the shared task queue while it has room. Mutex held. */
static void ps_pool_send_locked(struct ps_pool *pool)
{
    struct ps_pool_queue *queue = &pool->shm->tasks;
    bool sent = false;

    while (pool->next_send != pool->next_id && ps_pool_queue_len(queue) < PS_POOL_QUEUE_SLOTS) {
        struct ps_pool_task *task = ps_pool_find(pool, pool->next_send++);
        struct ps_pool_msg *msg;

        if (task == NULL || task->state != PS_POOL_QUEUED)
            continue;
        msg = &queue->slots[queue->tail % PS_POOL_QUEUE_SLOTS];
        msg->task = task->id;
        msg->op = task->op;
        msg->items = task->items;
        msg->in_size = (uint32_t)task->in_size;
        msg->out_size = (uint32_t)task->out_size;
        msg->status = 0;
        msg->fn = task->fn;
        memcpy(msg->data, task->in, task->items * task->in_size);
        queue->tail++;
        task->state = PS_POOL_SENT;
        sent = true;
    }
    if (pool->closed && pool->next_send == pool->next_id && !pool->shm->closing) {
        pool->shm->closing = 1;
        sent = true;
    }
    if (sent)
        ps_sync_cond_broadcast(&pool->shm->task_ready);
}

/* Take every result out of the shared result queue. Returns how many. Mutex held. */
static unsigned ps_pool_collect_locked(struct ps_pool *pool)
{
    struct ps_pool_queue *queue = &pool->shm->results;
    unsigned n = 0;

    while (ps_pool_queue_len(queue) > 0) {
        const struct ps_pool_msg *msg = &queue->slots[queue->head % PS_POOL_QUEUE_SLOTS];
        struct ps_pool_task *task = ps_pool_find(pool, msg->task);

        if (task != NULL && task->state == PS_POOL_SENT && msg->items == task->items) {
            memcpy(task->out, msg->data, task->items * task->out_size);
            ps_pool_finish(task, msg->status);
        }
        queue->head++;
        n++;
    }
    if (n > 0)
        ps_sync_cond_broadcast(&pool->shm->result_room);
    return n;
}

/* Fork the worker of `lane` and announce it. Returns 0 or -errno. */
static int ps_pool_spawn(struct ps_pool *pool, unsigned lane)
{
    char name[32];
    pid_t pid;

    snprintf(name, sizeof(name), "ForkPoolWorker-%u", ps_process_next_number());
    pid = ps_pool_worker_spawn(pool->shm, lane, name);
    if (pid < 0)
        return (int)pid;
    pool->pids[lane] = pid;
    ps_emit_pool_worker(pool->shm->obj, pid, lane + 1);
    return 0;
}

/*
 * A worker of `lane` ended with wait status `status`: report it, fail the
 * task it was running, and start a replacement unless the pool is ending.
 */
static void ps_pool_reaped(struct ps_pool *pool, unsigned lane, int status)
{
    pid_t pid = pool->pids[lane];
    int code = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    uint32_t task_id;

    pool->pids[lane] = 0;
    if (WIFSIGNALED(status))
        ps_emit_proc_signalled(pid, WTERMSIG(status));
    ps_emit_proc_join(pid, code, 0);
    if (ps_pool_lock(pool->shm) != 0)
        return;
    task_id = pool->shm->lanes[lane].task;
    pool->shm->lanes[lane].task = PS_POOL_NO_TASK;
    pthread_mutex_unlock(&pool->shm->mutex);
    if (!pool->terminated && (task_id != PS_POOL_NO_TASK || code != 0)) {
        struct ps_pool_task *task = ps_pool_find(pool, task_id);

        ps_emit_pool_crash(pool->shm->obj, pid,
                           task_id == PS_POOL_NO_TASK ? -1 : (int64_t)task_id, code);
        if (task != NULL)
            ps_pool_finish(task, -ECHILD);
    }
    if (!pool->terminated && !pool->shm->closing)
        ps_pool_spawn(pool, lane);
}

/* Reap the workers that ended. Returns the number still alive. */
static unsigned ps_pool_check_workers(struct ps_pool *pool)
{
    unsigned alive = 0;

    for (unsigned lane = 0; lane < pool->workers; lane++) {
        int status;

        if (pool->pids[lane] > 0 && waitpid(pool->pids[lane], &status, WNOHANG) == pool->pids[lane])
            ps_pool_reaped(pool, lane, status);
        alive += pool->pids[lane] > 0;
    }
    if (alive == 0 && ps_pool_lock(pool->shm) == 0) {
        /* Results the last workers put just before exiting are still good. */
        ps_pool_collect_locked(pool);
        pthread_mutex_unlock(&pool->shm->mutex);
        ps_pool_fail_all(pool, -ECHILD);
    }
    return alive;
}

/*
 * Send what fits, collect what came back, waiting up to `wait` seconds (at
 * most one tick) for a result when none is there, then look for dead workers.
 * Returns the number of live workers, or -errno.
 */
static int ps_pool_pump(struct ps_pool *pool, double wait)
{
    struct ps_pool_shm *shm = pool->shm;
    int rc = ps_pool_lock(shm);

    if (rc != 0)
        return rc;
    ps_pool_send_locked(pool);
    if (ps_pool_collect_locked(pool) == 0 && wait > 0) {
        struct timespec deadline = ps_sync_deadline(wait < PS_POOL_TICK ? wait : PS_POOL_TICK);

        ps_sync_cond_wait(&shm->result_ready, &shm->mutex, &deadline);
        ps_pool_collect_locked(pool);
        ps_pool_send_locked(pool);
    }
    pthread_mutex_unlock(&shm->mutex);
    return (int)ps_pool_check_workers(pool);
}

/* Create the shared part: mutex, condition variables, empty queues. */
static struct ps_pool_shm *ps_pool_shm_new(void)
{
    struct ps_pool_shm *shm = ps_sync_shared_alloc(sizeof(*shm));
    int rc;

    if (shm == NULL)
        return NULL;
    rc = ps_sync_mutex_init(&shm->mutex);
    if (rc == 0)
        rc = ps_sync_cond_init(&shm->task_ready);
    if (rc == 0)
        rc = ps_sync_cond_init(&shm->result_ready);
    if (rc == 0)
        rc = ps_sync_cond_init(&shm->result_room);
    if (rc != 0) {
        ps_sync_shared_free(shm, sizeof(*shm));
        errno = -rc;
        return NULL;
    }
    return shm;
}

/*
 * Wait (at most PS_POOL_READY_WAIT s: a worker may die first) until every
 * worker waits for tasks. Python's workers are all waiting by the time map()
 * hands out chunks, its parent being slow to pickle them; without this the
 * first worker forked takes every chunk before the others have started.
 */
static void ps_pool_await_workers(struct ps_pool *pool)
{
    struct ps_pool_shm *shm = pool->shm;
    struct timespec deadline = ps_sync_deadline(PS_POOL_READY_WAIT);

    if (ps_pool_lock(shm) != 0)
        return;
    while (shm->ready < pool->workers &&
           ps_sync_cond_wait(&shm->result_ready, &shm->mutex, &deadline) != -ETIMEDOUT)
        ;
    pthread_mutex_unlock(&shm->mutex);
}

struct ps_pool *ps_pool_new(unsigned workers)
{
    struct ps_pool *pool;
    int rc = 0;

    if (workers == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);

        workers = cpus < 1 ? 1 : cpus > PS_POOL_MAX_WORKERS ? PS_POOL_MAX_WORKERS : (unsigned)cpus;
    }
    if (workers > PS_POOL_MAX_WORKERS) {
        errno = EINVAL;
        return NULL;
    }
    pool = calloc(1, sizeof(*pool));
    if (pool == NULL)
        return NULL;
    pool->shm = ps_pool_shm_new();
    if (pool->shm == NULL)
        goto err_free_pool;
    pool->workers = workers;
    pool->shm->obj = ps_probe_new_object_id();
    ps_emit_pool_new(pool->shm->obj, workers);
    for (unsigned lane = 0; lane < workers && rc == 0; lane++)
        rc = ps_pool_spawn(pool, lane);
    if (rc != 0) {
        ps_pool_free(pool);
        errno = -rc;
        return NULL;
    }
    ps_pool_await_workers(pool);
    return pool;

err_free_pool:
    free(pool);
    return NULL;
}

unsigned ps_pool_workers(const struct ps_pool *pool)
{
    return pool->workers;
}

/* Python's chunk size for n items, cut so that one chunk fits a message. */
static size_t ps_pool_chunksize(const struct ps_pool *pool, size_t n, size_t item_max)
{
    size_t quarter = 4 * (size_t)pool->workers;
    size_t chunk = n / quarter + (n % quarter != 0);
    size_t fits = PS_POOL_MSG_DATA / item_max;

    return chunk > fits ? fits : chunk;
}

/* Submit n items in chunks and wait for them all; the common part of both maps. */
static int ps_pool_map_run(struct ps_pool *pool, const struct ps_pool_task *proto, size_t n)
{
    size_t chunk = ps_pool_chunksize(
        pool, n, proto->in_size > proto->out_size ? proto->in_size : proto->out_size);
    size_t count = (n + chunk - 1) / chunk;
    struct ps_pool_task *tasks = calloc(count, sizeof(*tasks));
    size_t pending = 0;
    int rc = 0;

    if (tasks == NULL)
        return -ENOMEM;
    ps_emit_pool_map_begin(pool->shm->obj, (int64_t)n, (int64_t)count);
    for (size_t i = 0; i < count && rc == 0; i++) {
        size_t first = i * chunk;

        tasks[i] = *proto;
        tasks[i].items = (uint32_t)(n - first < chunk ? n - first : chunk);
        tasks[i].in = proto->in + first * proto->in_size;
        tasks[i].out = proto->out + first * proto->out_size;
        tasks[i].pending = &pending;
        rc = ps_pool_register(pool, &tasks[i]);
        pending += rc == 0;
    }
    if (pending > 0 && rc == 0)
        ps_emit_wait_begin(pool->shm->obj, 0, PS_WAIT_POOL, (int64_t)pending, NULL, 0);
    while (pending > 0 && rc == 0) {
        int alive = ps_pool_pump(pool, PS_POOL_TICK);

        rc = alive < 0 ? alive : 0;
    }
    for (size_t i = 0; i < count; i++) {
        if (rc == 0 && tasks[i].status != 0)
            rc = tasks[i].status;
        ps_pool_release(pool, &tasks[i]);
    }
    free(tasks);
    ps_emit_pool_map_end(pool->shm->obj, (int64_t)n, rc == 0);
    return rc;
}

int ps_pool_map(struct ps_pool *pool, ps_pool_int_fn fn, const int64_t *inputs, size_t n,
                int64_t *outputs)
{
    struct ps_pool_task proto = {
        .op = PS_POOL_OP_INT,
        .fn.int_fn = fn,
        .in = (const unsigned char *)inputs,
        .out = (unsigned char *)outputs,
        .in_size = sizeof(int64_t),
        .out_size = sizeof(int64_t),
    };

    if (pool->closed || pool->terminated || fn == NULL)
        return -EINVAL;
    return n == 0 ? 0 : ps_pool_map_run(pool, &proto, n);
}

int ps_pool_map_items(struct ps_pool *pool, ps_pool_item_fn fn, const void *inputs, size_t in_size,
                      size_t n, void *outputs, size_t out_size)
{
    struct ps_pool_task proto = {
        .op = PS_POOL_OP_ITEM,
        .fn.item_fn = fn,
        .in = inputs,
        .out = outputs,
        .in_size = in_size,
        .out_size = out_size,
    };

    if (pool->closed || pool->terminated || fn == NULL || in_size == 0 || out_size == 0 ||
        in_size > PS_POOL_MSG_DATA || out_size > PS_POOL_MSG_DATA)
        return -EINVAL;
    return n == 0 ? 0 : ps_pool_map_run(pool, &proto, n);
}

struct ps_pool_result *ps_pool_apply_async(struct ps_pool *pool, ps_pool_int_fn fn, int64_t x)
{
    struct ps_pool_result *result;
    int rc;

    if (pool->closed || pool->terminated || fn == NULL) {
        errno = EINVAL;
        return NULL;
    }
    result = calloc(1, sizeof(*result));
    if (result == NULL)
        return NULL;
    result->pool = pool;
    result->in = x;
    result->task = (struct ps_pool_task){
        .op = PS_POOL_OP_INT,
        .fn.int_fn = fn,
        .items = 1,
        .in = (const unsigned char *)&result->in,
        .out = (unsigned char *)&result->out,
        .in_size = sizeof(int64_t),
        .out_size = sizeof(int64_t),
    };
    rc = ps_pool_register(pool, &result->task);
    if (rc != 0) {
        free(result);
        errno = -rc;
        return NULL;
    }
    ps_pool_pump(pool, 0);
    return result;
}

int ps_pool_result_get(struct ps_pool_result *result, double timeout, int64_t *out)
{
    uint64_t deadline = ps_clock_mono_ns() + (uint64_t)(timeout > 0 ? timeout * 1e9 : 0);

    while (result->task.state != PS_POOL_FINISHED) {
        uint64_t now = ps_clock_mono_ns();
        int rc;

        if (timeout >= 0 && now >= deadline)
            return -ETIMEDOUT;
        rc =
            ps_pool_pump(result->pool, timeout < 0 ? PS_POOL_TICK : (double)(deadline - now) / 1e9);
        if (rc < 0)
            return rc;
    }
    if (result->task.status == 0 && out != NULL)
        *out = result->out;
    return result->task.status;
}

bool ps_pool_result_ready(struct ps_pool_result *result)
{
    if (result->task.state != PS_POOL_FINISHED)
        ps_pool_pump(result->pool, 0);
    return result->task.state == PS_POOL_FINISHED;
}

void ps_pool_result_free(struct ps_pool_result *result)
{
    if (result == NULL)
        return;
    ps_pool_release(result->pool, &result->task);
    free(result);
}

int ps_pool_close(struct ps_pool *pool)
{
    if (pool->terminated)
        return -EINVAL;
    if (!pool->closed) {
        pool->closed = true;
        ps_emit_pool_close(pool->shm->obj);
        ps_pool_pump(pool, 0);
    }
    return 0;
}

int ps_pool_join(struct ps_pool *pool)
{
    if (!pool->closed && !pool->terminated)
        return -EINVAL;
    while (ps_pool_pump(pool, PS_POOL_TICK) > 0)
        continue;
    ps_pool_fail_all(pool, -ECHILD);
    return 0;
}

int ps_pool_terminate(struct ps_pool *pool)
{
    if (pool->terminated)
        return 0;
    pool->terminated = true;
    ps_emit_pool_terminate(pool->shm->obj);
    if (ps_pool_lock(pool->shm) == 0) {
        pool->shm->stopping = 1;
        ps_sync_cond_broadcast(&pool->shm->task_ready);
        ps_sync_cond_broadcast(&pool->shm->result_room);
        pthread_mutex_unlock(&pool->shm->mutex);
    }
    for (unsigned lane = 0; lane < pool->workers; lane++) {
        if (pool->pids[lane] > 0) {
            kill(pool->pids[lane], SIGTERM);
            ps_emit_proc_terminate(pool->pids[lane], SIGTERM);
        }
    }
    for (unsigned lane = 0; lane < pool->workers; lane++) {
        int status;

        if (pool->pids[lane] > 0 && waitpid(pool->pids[lane], &status, 0) == pool->pids[lane])
            ps_pool_reaped(pool, lane, status);
    }
    ps_pool_fail_all(pool, -ECANCELED);
    return 0;
}

void ps_pool_free(struct ps_pool *pool)
{
    if (pool == NULL)
        return;
    if (pool->closed && !pool->terminated)
        ps_pool_join(pool);
    ps_pool_terminate(pool);
    ps_sync_shared_free(pool->shm, sizeof(*pool->shm));
    free(pool->active);
    free(pool);
}
