/* SPDX-License-Identifier: MIT */
/*
 * The reader's wake-up (issue 16): a sleeping reader is woken by the producer
 * that fills 1/8 of the ring, once per sleep, never per event; and a reader
 * that is stalled on purpose makes producers drop, counted and reported.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/clock.h"
#include "core/ring.h"
#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

TestSuite(ring_wake, .timeout = 60);

static int emit_n(struct ps_ring *ring, unsigned n)
{
    struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid()};
    for (unsigned i = 0; i < n; i++) {
        ev.a = i;
        int err = ps_ring_emit(ring, &ev, PS_RING_EMIT_TRY);
        if (err < 0) {
            return err;
        }
    }
    return 0;
}

/* Whether the wake fd is readable within `ms`. */
static bool woken(const struct ps_ring *ring, int ms)
{
    struct pollfd pfd = {.fd = ps_ring_wake_fd(ring), .events = POLLIN};
    return poll(&pfd, 1, ms) == 1;
}

Test(ring_wake, a_producer_wakes_the_sleeping_reader_at_the_watermark)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 1024), 0);
    cr_assert_geq(ps_ring_wake_fd(&ring), 3);
    cr_assert(ps_ring_sleep_begin(&ring), "an empty ring: the reader may sleep");
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) { /* a producer in another process, as in a session */
        _exit(emit_n(&ring, 1024 / 8 - 1) == 0 ? 0 : 1);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    cr_assert_not(woken(&ring, 0), "below the watermark: no write(2) at all");
    pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        _exit(emit_n(&ring, 2) == 0 ? 0 : 1); /* crosses 1/8 of the ring */
    }
    cr_assert(woken(&ring, 30000), "the producer woke the reader");
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    ps_ring_sleep_end(&ring);
    cr_assert_not(woken(&ring, 0), "the wake-up is consumed");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1024 / 8 + 1);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring_wake, one_wake_per_sleep_and_none_while_awake)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 256), 0);
    cr_assert_eq(emit_n(&ring, 200), 0, "the reader is awake: nobody writes");
    cr_assert_not(woken(&ring, 0));
    cr_assert_not(ps_ring_sleep_begin(&ring), "events are waiting: drain, do not sleep");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 200);
    cr_assert(ps_ring_sleep_begin(&ring));
    cr_assert_eq(emit_n(&ring, 200), 0);
    cr_assert(woken(&ring, 0), "woken once");
    ps_ring_sleep_end(&ring);
    cr_assert_not(woken(&ring, 0), "and only once: one write for 200 events");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 200);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring_wake, an_attached_producer_finds_the_wake_fd)
{
    struct ps_ring ring, producer;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    cr_assert_eq(ps_ring_attach(&producer, dup(ps_ring_fd(&ring))), 0);
    cr_assert_eq(ps_ring_wake_fd(&producer), ps_ring_wake_fd(&ring));
    cr_assert(ps_ring_sleep_begin(&ring));
    cr_assert_eq(emit_n(&producer, 8), 0);
    cr_assert(woken(&ring, 0));
    ps_ring_sleep_end(&ring);
    ps_ring_close(&producer);
    cr_assert_geq(fcntl(ps_ring_wake_fd(&ring), F_GETFD), 0, "the attacher does not close it");
    ps_ring_close(&ring);
}

/* A sink that stalls until the producer has finished: the ring must overflow. */
struct stall {
    struct ring_collect c;
    const char *done; /* the producer's result file */
};

static int stall_event(void *ctx, const struct ps_event *ev)
{
    struct stall *s = ctx;
    struct stat st;
    for (int i = 0; i < 30000 && stat(s->done, &st) < 0; i++) {
        ps_clock_sleep_ns(1000000);
    }
    return ring_collect_event(&s->c, ev);
}

Test(ring_wake, a_stalled_consumer_makes_producers_drop_and_count)
{
    char dir[] = "/tmp/ps-ring-wake-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char done[64];
    snprintf(done, sizeof done, "%s/result", dir);
    char *argv[] = {(char *)(uintptr_t)PS_DEMO_DIR "/procscope-bench-producer",
                    (char *)(uintptr_t) "66000", (char *)(uintptr_t) "1", done, NULL};
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    struct stall s = {.done = done};
    struct ps_sink sink = {.on_event = stall_event, .ctx = &s};
    while (!ps_supervisor_finished(sup)) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 100), 0);
    }
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_gt(end.drops, 0, "the ring overflowed while the consumer stalled");
    long at = ring_collect_find(&s.c, PS_EV_RING_DROPPED, 0);
    cr_assert_geq(at, 0, "ring.dropped is reported");
    int64_t last = 0;
    for (size_t i = 0; i < s.c.n; i++) {
        if (s.c.ev[i].type == PS_EV_RING_DROPPED) {
            last = s.c.ev[i].a;
        }
    }
    cr_assert_eq((uint64_t)last, end.drops, "the last report is the final count");
    cr_assert_eq(ring_collect_count(&s.c, PS_EV_MARK) + end.drops, 66000, "none lost uncounted");
    ps_supervisor_free(sup);
    ring_collect_free(&s.c);
    unlink(done);
    rmdir(dir);
}
