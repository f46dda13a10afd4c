/* SPDX-License-Identifier: MIT */
/*
 * Pool: Python's multiprocessing.Pool with the fork start method.
 *
 * ps_pool_new(N) forks N daemonic workers named ForkPoolWorker-k. Work goes to
 * them through a bounded task queue in shared memory and comes back through a
 * result queue; the process that created the pool (its owner) is the only one
 * that may submit, collect, close, join or terminate. Functions are passed by
 * pointer, which is valid in the workers because they are forks of the owner.
 *
 * map splits its input into chunks as Python does (chunksize, extra =
 * divmod(n, 4 * workers), plus one when extra; 100 items on 4 workers: 15
 * chunks of 7) and returns the results in input order. A chunk whose items do
 * not fit one queue message (PS_POOL_MSG_DATA bytes of input or output) is cut
 * to what fits.
 *
 * A worker that dies (killed, crashed) is noticed by the owner while it waits:
 * the task it was running fails with -ECHILD (map returns -ECHILD once every
 * other chunk is in; the result of apply_async gets -ECHILD), a pool.crash
 * event names the worker, the task and its exit code, and a new worker takes
 * its place, as Python's pool repopulates itself.
 *
 * Events: pool.new (a = workers), pool.worker (peer = worker, a = lane 1..N),
 * pool.submit (a = task, b = items), pool.start / pool.done from the worker
 * (a = task, b = items), pool.close, pool.terminate, pool.crash (peer = worker,
 * a = task, b = exit code). Workers are processes of the mp API and also emit
 * the proc.* events.
 */
#ifndef PS_MP_POOL_H
#define PS_MP_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PS_POOL_MAX_WORKERS 64
#define PS_POOL_MSG_DATA 4096 /* bytes of items in one task or result message */

struct ps_pool;
struct ps_pool_result;

/* A function on integers, as `def square(x): return x * x`. Runs in a worker. */
typedef int64_t (*ps_pool_int_fn)(int64_t x);

/*
 * A function on one item of `in_size` bytes writing `out_size` bytes at out.
 * Returns 0, or a negative errno that fails the task. Runs in a worker.
 */
typedef int (*ps_pool_item_fn)(const void *in, void *out);

/*
 * Start a pool of `workers` (1..PS_POOL_MAX_WORKERS; 0 means the number of
 * online CPUs, as Python). Returns the pool, or NULL with errno EINVAL,
 * ENOMEM or the fork error. The caller becomes the pool's owner.
 */
struct ps_pool *ps_pool_new(unsigned workers);

/*
 * Terminate the workers if still running, join them and free the pool.
 * NULL is ignored. Owner only.
 */
void ps_pool_free(struct ps_pool *pool);

/* The number of workers. */
unsigned ps_pool_workers(const struct ps_pool *pool);

/*
 * outputs[i] = fn(inputs[i]) for i < n, computed by the workers in chunks.
 * Returns 0; -EINVAL after close/terminate; -ECHILD when a worker died
 * running a chunk (its outputs are left as they were); -ENOMEM. Blocks until
 * every chunk is done. Owner only.
 */
int ps_pool_map(struct ps_pool *pool, ps_pool_int_fn fn, const int64_t *inputs, size_t n,
                int64_t *outputs);

/*
 * The same for items of any size: item i is at inputs + i * in_size, its
 * result at outputs + i * out_size (both sizes 1..PS_POOL_MSG_DATA). Returns
 * as ps_pool_map, or the first error an item's fn returned. Owner only.
 */
int ps_pool_map_items(struct ps_pool *pool, ps_pool_item_fn fn, const void *inputs, size_t in_size,
                      size_t n, void *outputs, size_t out_size);

/*
 * Submit fn(x) as one task and return a handle to its result (Python's
 * AsyncResult), or NULL with errno EINVAL (closed pool) or ENOMEM. Owner only;
 * free the handle with ps_pool_result_free.
 */
struct ps_pool_result *ps_pool_apply_async(struct ps_pool *pool, ps_pool_int_fn fn, int64_t x);

/*
 * Wait at most `timeout` seconds (negative: no limit) for the result and store
 * it in *out. Returns 0, -ETIMEDOUT, or -ECHILD when the worker running it
 * died. Owner only.
 */
int ps_pool_result_get(struct ps_pool_result *result, double timeout, int64_t *out);

/* True when the result is in (without waiting). */
bool ps_pool_result_ready(struct ps_pool_result *result);

/* Free a result handle (its task may still run; its result is then dropped). */
void ps_pool_result_free(struct ps_pool_result *result);

/*
 * No more tasks: the workers exit once the queue is empty. Returns 0, or
 * -EINVAL when already terminated. Owner only.
 */
int ps_pool_close(struct ps_pool *pool);

/*
 * Wait for every worker to exit (call close or terminate first, else
 * -EINVAL). Tasks still pending when a worker dies fail with -ECHILD.
 * Returns 0. Owner only.
 */
int ps_pool_join(struct ps_pool *pool);

/*
 * Stop the workers at once (SIGTERM) and join them; pending tasks fail with
 * -ECANCELED. Returns 0. Owner only.
 */
int ps_pool_terminate(struct ps_pool *pool);

#endif /* PS_MP_POOL_H */
