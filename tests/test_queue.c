/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ring.h"
#include "mp/queue.h"
#include "probe/probe.h"
#include "support/ring_collect.h"

#define ITEMS 200

Test(queue, fifo_single_process_and_kinds)
{
    struct ps_queue *q = ps_queue_new(4, 0);
    cr_assert_not_null(q);
    cr_assert(ps_queue_empty(q));
    cr_assert_eq(ps_queue_put_int(q, 7, 0), 0);
    cr_assert_eq(ps_queue_put_str(q, "hello", 0), 0);
    cr_assert_eq(ps_queue_qsize(q), 2);
    cr_assert_not(ps_queue_empty(q));
    struct ps_value v;
    cr_assert_eq(ps_queue_get(q, &v, 0), 0);
    cr_assert_eq(v.kind, PS_VALUE_INT);
    cr_assert_eq(v.i, 7);
    cr_assert_eq(ps_queue_get(q, &v, 0), 0);
    cr_assert_str_eq(v.data, "hello");
    ps_value_free(&v);
    ps_queue_free(q);
}

Test(queue, get_timeout_and_put_full_timeout)
{
    struct ps_queue *q = ps_queue_new(2, 0);
    struct ps_value v;
    cr_assert_eq(ps_queue_get(q, &v, 0), -ETIMEDOUT);
    cr_assert_eq(ps_queue_get(q, &v, 0.05), -ETIMEDOUT);
    cr_assert_eq(ps_queue_put_int(q, 1, 0), 0);
    cr_assert_eq(ps_queue_put_int(q, 2, 0), 0);
    cr_assert_eq(ps_queue_put_int(q, 3, 0.05), -ETIMEDOUT);
    cr_assert_eq(ps_queue_qsize(q), 2);
    ps_queue_free(q);
}

Test(queue, too_big_message_rejected)
{
    struct ps_queue *q = ps_queue_new(2, 16);
    char big[64];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    cr_assert_eq(ps_queue_put_str(q, big, 0), -EMSGSIZE);
    cr_assert_eq(ps_queue_put_str(q, "short", 0), 0);
    cr_assert_null(ps_queue_new(1, PS_VALUE_WIRE_MAX + 1));
    ps_queue_free(q);
}

/* A producer blocked on a full queue proceeds once the parent takes an item. */
Test(queue, put_blocks_when_full, .timeout = 30)
{
    struct ps_queue *q = ps_queue_new(1, 0);
    struct ps_queue *done = ps_queue_new(1, 0);
    cr_assert_eq(ps_queue_put_int(q, 1, 0), 0);
    pid_t pid = fork();
    if (pid == 0) {
        int rc = ps_queue_put_int(q, 2, -1);
        ps_queue_put_int(done, rc, -1);
        _exit(0);
    }
    struct ps_value v;
    cr_assert_eq(ps_queue_get(done, &v, 0.1), -ETIMEDOUT, "put did not block");
    cr_assert_eq(ps_queue_get(q, &v, -1), 0);
    cr_assert_eq(v.i, 1);
    cr_assert_eq(ps_queue_get(done, &v, -1), 0);
    cr_assert_eq(v.i, 0);
    cr_assert_eq(ps_queue_get(q, &v, -1), 0);
    cr_assert_eq(v.i, 2);
    waitpid(pid, NULL, 0);
    ps_queue_free(q);
    ps_queue_free(done);
}

/* Two producers, two consumers, a small queue: each item once, per-producer order kept. */
Test(queue, two_producers_two_consumers, .timeout = 60)
{
    struct ps_queue *q = ps_queue_new(8, 0);
    int64_t *seen = mmap(NULL, 2 * ITEMS * 2 * sizeof *seen, PROT_READ | PROT_WRITE,
                         MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(seen, MAP_FAILED);
    pid_t pids[4];
    for (int p = 0; p < 4; p++) {
        pids[p] = fork();
        if (pids[p] != 0)
            continue;
        if (p < 2) {
            for (int k = 0; k < ITEMS; k++)
                ps_queue_put_int(q, p * 100000 + k, -1);
            ps_queue_put_int(q, -1, -1);
            _exit(0);
        }
        int64_t *mine = seen + (p - 2) * 2 * ITEMS, n = 0;
        for (;;) {
            struct ps_value v;
            if (ps_queue_get(q, &v, -1) != 0 || v.i < 0)
                break;
            mine[1 + n++] = v.i;
        }
        mine[0] = n;
        _exit(0);
    }
    for (int p = 0; p < 4; p++) {
        int status;
        cr_assert_eq(waitpid(pids[p], &status, 0), pids[p]);
        cr_assert_eq(WEXITSTATUS(status), 0);
    }
    int count[2][ITEMS] = {{0}};
    for (int c = 0; c < 2; c++) {
        int64_t *mine = seen + c * 2 * ITEMS;
        int64_t last[2] = {-1, -1};
        for (int64_t k = 0; k < mine[0]; k++) {
            int prod = (int)(mine[1 + k] / 100000), item = (int)(mine[1 + k] % 100000);
            cr_assert_gt(item, last[prod], "producer %d order broken", prod);
            last[prod] = item;
            count[prod][item]++;
        }
    }
    for (int p = 0; p < 2; p++)
        for (int k = 0; k < ITEMS; k++)
            cr_assert_eq(count[p][k], 1, "item %d of producer %d seen %d times", k, p, count[p][k]);
    cr_assert_eq(ps_queue_qsize(q), 0);
    munmap(seen, 2 * ITEMS * 2 * sizeof *seen);
    ps_queue_free(q);
}

/* Put and get events carry the depth after, the bytes and a preview that fits one ring slot. */
Test(queue, events_carry_depth_bytes_and_short_preview)
{
    static struct ps_ring ring;
    struct ring_collect c = {0};
    ring_collect_attach(&ring);

    struct ps_queue *q = ps_queue_new(4, 128);
    cr_assert_not_null(q);
    cr_assert_eq(ps_queue_put_str(q, "a fairly long message", 0), 0);
    cr_assert_eq(ps_queue_put_int(q, -5, 0), 0);
    struct ps_value v;
    cr_assert_eq(ps_queue_get(q, &v, 0), 0);
    ps_value_free(&v);
    cr_assert_eq(ps_queue_get(q, &v, 0), 0);
    ps_queue_free(q);
    ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);

    const char *want[2] = {"'a fairly lo...'", "-5"};
    int64_t bytes[2] = {PS_VALUE_HEADER + 21, PS_VALUE_HEADER + 8};
    int64_t depth[2][2] = {{1, 2}, {1, 0}};
    unsigned types[2] = {PS_EV_QUEUE_PUT, PS_EV_QUEUE_GET};
    for (int t = 0; t < 2; t++) {
        cr_assert_eq(ring_collect_count(&c, types[t]), 2);
        long at = -1;
        for (int k = 0; k < 2; k++) {
            at = ring_collect_find(&c, types[t], (size_t)(at + 1));
            const struct ps_event *ev = &c.ev[at];
            cr_assert_str_eq(ev->text, want[k]);
            cr_assert_eq(ps_event_slots(ev->text_len), 1, "one ring slot per event");
            cr_assert_eq(ev->a, depth[t][k]);
            cr_assert_eq(ev->b, bytes[k]);
        }
    }
    ring_collect_free(&c);
}

/* A consumer SIGKILLed while it waits in get must not swallow the next put's wake-up. */
Test(queue, a_consumer_killed_while_waiting_does_not_strand_the_others, .timeout = 30)
{
    struct ps_queue *q = ps_queue_new(4, 0);
    cr_assert_not_null(q);
    for (int round = 0; round < 3; round++) {
        pid_t victim = fork();
        if (victim == 0) {
            struct ps_value v;
            ps_queue_get(q, &v, -1); /* blocks: the queue is empty */
            _exit(0);
        }
        pid_t survivor = fork();
        if (survivor == 0) {
            struct ps_value v;
            _exit(ps_queue_get(q, &v, -1) == 0 && v.i == 40 + round ? 0 : 1);
        }
        usleep(100 * 1000); /* both are waiting by now */
        kill(victim, SIGKILL);
        int status;
        cr_assert_eq(waitpid(victim, &status, 0), victim);
        cr_assert_eq(ps_queue_put_int(q, 40 + round, -1), 0);
        cr_assert_eq(waitpid(survivor, &status, 0), survivor, "round %d", round);
        cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "round %d", round);
    }
    ps_queue_free(q);
}
