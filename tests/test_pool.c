/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ring.h"
#include "mp/pool.h"
#include "probe/probe.h"
#include "support/ring_collect.h"

TestSuite(pool, .timeout = 60);

static int64_t square(int64_t x)
{
    return x * x;
}

/* Crashes the worker that runs item 500. */
static int64_t square_but_die_at_500(int64_t x)
{
    if (x == 500)
        raise(SIGKILL);
    return x * x;
}

static int64_t slow_negate(int64_t x)
{
    usleep(20000);
    return -x;
}

struct point {
    int32_t x, y;
};

static int point_norm1(const void *in, void *out)
{
    struct point p;
    int64_t n;

    memcpy(&p, in, sizeof(p));
    if (p.x < 0)
        return -EDOM;
    n = (int64_t)p.x + p.y;
    memcpy(out, &n, sizeof(n));
    return 0;
}

Test(pool, map_keeps_input_order_for_0_to_999)
{
    struct ps_pool *pool = ps_pool_new(4);
    int64_t in[1000];
    int64_t out[1000];

    cr_assert_not_null(pool);
    cr_assert_eq(ps_pool_workers(pool), 4);
    for (int i = 0; i < 1000; i++) {
        in[i] = i;
        out[i] = -1;
    }
    cr_assert_eq(ps_pool_map(pool, square, in, 1000, out), 0);
    for (int i = 0; i < 1000; i++)
        cr_assert_eq(out[i], (int64_t)i * i, "out[%d] = %lld", i, (long long)out[i]);
    cr_assert_eq(ps_pool_close(pool), 0);
    cr_assert_eq(ps_pool_join(pool), 0);
    ps_pool_free(pool);
}

Test(pool, map_of_nothing_and_after_close)
{
    struct ps_pool *pool = ps_pool_new(2);
    int64_t v = 3;

    cr_assert_not_null(pool);
    cr_assert_eq(ps_pool_map(pool, square, NULL, 0, NULL), 0);
    cr_assert_eq(ps_pool_join(pool), -EINVAL, "join before close is an error");
    cr_assert_eq(ps_pool_close(pool), 0);
    cr_assert_eq(ps_pool_map(pool, square, &v, 1, &v), -EINVAL);
    errno = 0;
    cr_assert_null(ps_pool_apply_async(pool, square, 1));
    cr_assert_eq(errno, EINVAL);
    cr_assert_eq(ps_pool_join(pool), 0);
    ps_pool_free(pool);
}

Test(pool, crashing_task_is_reported_and_the_pool_recovers)
{
    struct ps_pool *pool = ps_pool_new(3);
    int64_t in[1000];
    int64_t out[1000];

    cr_assert_not_null(pool);
    for (int i = 0; i < 1000; i++) {
        in[i] = i;
        out[i] = -1;
    }
    cr_assert_eq(ps_pool_map(pool, square_but_die_at_500, in, 1000, out), -ECHILD);
    /* Every other chunk still arrived: chunksize is ceil(1000 / 12) = 84. */
    for (int i = 0; i < 1000; i++) {
        if (i / 84 != 500 / 84)
            cr_assert_eq(out[i], (int64_t)i * i, "out[%d]", i);
    }
    /* A replacement worker took the dead one's place. */
    memset(out, 0, sizeof(out));
    cr_assert_eq(ps_pool_map(pool, square, in, 1000, out), 0);
    cr_assert_eq(out[999], 999 * 999);
    cr_assert_eq(ps_pool_close(pool), 0);
    cr_assert_eq(ps_pool_join(pool), 0);
    ps_pool_free(pool);
}

Test(pool, apply_async_results_in_any_order)
{
    struct ps_pool *pool = ps_pool_new(2);
    struct ps_pool_result *res[40];
    int64_t v = 0;

    cr_assert_not_null(pool);
    for (int i = 0; i < 40; i++) {
        res[i] = ps_pool_apply_async(pool, slow_negate, i);
        cr_assert_not_null(res[i]);
    }
    cr_assert_eq(ps_pool_result_get(res[39], 0.0, &v), -ETIMEDOUT, "not done at once");
    for (int i = 39; i >= 0; i--) {
        cr_assert_eq(ps_pool_result_get(res[i], -1, &v), 0);
        cr_assert_eq(v, -i);
        cr_assert(ps_pool_result_ready(res[i]));
    }
    for (int i = 0; i < 40; i++)
        ps_pool_result_free(res[i]);
    cr_assert_eq(ps_pool_close(pool), 0);
    cr_assert_eq(ps_pool_join(pool), 0);
    ps_pool_free(pool);
}

Test(pool, apply_async_whose_worker_dies_gets_echild)
{
    struct ps_pool *pool = ps_pool_new(1);
    struct ps_pool_result *res = ps_pool_apply_async(pool, square_but_die_at_500, 500);
    struct ps_pool_result *after;
    int64_t v = 0;

    cr_assert_not_null(res);
    cr_assert_eq(ps_pool_result_get(res, 30.0, &v), -ECHILD);
    after = ps_pool_apply_async(pool, square, 7);
    cr_assert_eq(ps_pool_result_get(after, 30.0, &v), 0);
    cr_assert_eq(v, 49);
    ps_pool_result_free(res);
    ps_pool_result_free(after);
    ps_pool_free(pool);
}

Test(pool, map_items_of_any_size_and_their_errors)
{
    struct ps_pool *pool = ps_pool_new(2);
    struct point pts[50];
    int64_t out[50];

    cr_assert_not_null(pool);
    for (int i = 0; i < 50; i++)
        pts[i] = (struct point){i, 2 * i};
    cr_assert_eq(ps_pool_map_items(pool, point_norm1, pts, sizeof(pts[0]), 50, out, sizeof(out[0])),
                 0);
    for (int i = 0; i < 50; i++)
        cr_assert_eq(out[i], 3 * i);
    pts[17].x = -1;
    cr_assert_eq(ps_pool_map_items(pool, point_norm1, pts, sizeof(pts[0]), 50, out, sizeof(out[0])),
                 -EDOM);
    ps_pool_free(pool);
}

Test(pool, terminate_stops_busy_workers)
{
    struct ps_pool *pool = ps_pool_new(2);
    struct ps_pool_result *res[20];
    int64_t v;

    cr_assert_not_null(pool);
    for (int i = 0; i < 20; i++)
        res[i] = ps_pool_apply_async(pool, slow_negate, i);
    cr_assert_eq(ps_pool_terminate(pool), 0);
    cr_assert_eq(ps_pool_result_get(res[19], -1, &v), -ECANCELED);
    cr_assert_eq(ps_pool_join(pool), 0);
    for (int i = 0; i < 20; i++)
        ps_pool_result_free(res[i]);
    ps_pool_free(pool);
}

Test(pool, rejects_too_many_workers)
{
    errno = 0;
    cr_assert_null(ps_pool_new(PS_POOL_MAX_WORKERS + 1));
    cr_assert_eq(errno, EINVAL);
}

/* Pool() returns once every worker waits for tasks, as Python's have by the time map() runs. */
Test(pool, new_returns_with_every_worker_waiting)
{
    static struct ps_ring ring;
    struct ring_collect c = {0};

    ring_collect_attach(&ring);
    struct ps_pool *pool = ps_pool_new(4);
    cr_assert_not_null(pool);
    cr_assert_eq(ps_probe_mark("pool returned"), 0);
    ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);
    long mark = ring_collect_find(&c, PS_EV_MARK, 0);
    cr_assert_geq(mark, 0);
    size_t started = 0;
    for (long i = 0; i < mark; i++) {
        started += c.ev[i].type == PS_EV_PROC_START;
    }
    cr_assert_eq(started, 4, "%zu workers had started when Pool() returned", started);
    ps_pool_terminate(pool);
    ps_pool_free(pool);
    ring_collect_free(&c);
}
