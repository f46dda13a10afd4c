/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

/*
 * `procscope bench ring`: what an event costs the process that emits it, set
 * against a 64-byte write() to a pipe measured in the same run; how fast the
 * supervisor drains; and what a full ring drops. Producers are real
 * processes sharing one memfd ring, as in a session. Every figure is a median
 * over rounds; nothing here asserts on time.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/ring.h"
#include "core/xalloc.h"
#include "probe/probe.h"

#define PS_BENCH_RING_ROUNDS 200
#define PS_BENCH_RING_BATCH 4096
#define PS_BENCH_RING_PAIR_ROUNDS 100
#define PS_BENCH_RING_PAIR_BATCH 2048
#define PS_BENCH_RING_DRAIN_ROUNDS 15
#define PS_BENCH_RING_DRAIN_EVENTS 60000
#define PS_BENCH_RING_STALL_SLOTS 1024u
#define PS_BENCH_RING_STALL_EXTRA 64
#define PS_BENCH_RING_IDLE_CALLS 20000000
#define PS_BENCH_RING_IDLE_ROUNDS 9

/* What the producers of one measurement report back. */
struct ps_bench_ring_result {
    double ns_per_event; /* median over rounds */
    uint64_t failed;     /* emits that did not succeed */
};

static int ps_bench_ring_count(void *ctx, const struct ps_event *ev)
{
    (void)ev;
    (*(uint64_t *)ctx)++;
    return 0;
}

/*
 * Emit `rounds` batches of `batch` one-slot events, timing each; optionally
 * drain between. With t_ns 0 each emit reads the clock; otherwise not.
 */
static struct ps_bench_ring_result ps_bench_ring_produce_at(struct ps_ring *ring, int rounds,
                                                            int batch, bool drain,
                                                            uint64_t pause_ns, uint64_t t_ns)
{
    struct ps_bench_ring_result res = {0};
    double *per = ps_xcalloc((size_t)rounds, sizeof *per);
    struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid(), .t_ns = t_ns};
    uint64_t drained = 0;
    for (int r = rounds > 1 ? -2 : 0; r < rounds; r++) { /* two warm-up rounds when timing */
        uint64_t t0 = ps_bench_now_ns();
        for (int i = 0; i < batch; i++) {
            ev.a = i;
            res.failed += ps_ring_emit(ring, &ev, 0) != 0;
        }
        uint64_t t1 = ps_bench_now_ns();
        if (r >= 0) {
            per[r] = (double)(t1 - t0) / batch;
        }
        if (drain) {
            ps_ring_drain(ring, ps_bench_ring_count, &drained, SIZE_MAX);
        }
        if (pause_ns) {
            ps_clock_sleep_ns(pause_ns);
        }
    }
    res.ns_per_event = ps_bench_median(per, (size_t)rounds);
    free(per);
    return res;
}

/* Emit with a clock read per event (see ps_bench_ring_produce_at). */
static struct ps_bench_ring_result ps_bench_ring_produce(struct ps_ring *ring, int rounds,
                                                         int batch, bool drain, uint64_t pause_ns)
{
    return ps_bench_ring_produce_at(ring, rounds, batch, drain, pause_ns, 0);
}

/* Fork `n` producer processes; each runs ps_bench_ring_produce and writes its result to a pipe. */
static int ps_bench_ring_spawn(struct ps_ring *ring, int n, int rounds, int batch,
                               uint64_t pause_ns, pid_t *pids, int *result_fd)
{
    int fds[2];
    if (pipe(fds) < 0) {
        return -errno;
    }
    for (int k = 0; k < n; k++) {
        pids[k] = fork();
        if (pids[k] < 0) {
            int err = -errno;
            while (k-- > 0) {
                kill(pids[k], SIGKILL);
                waitpid(pids[k], NULL, 0);
            }
            close(fds[0]);
            close(fds[1]);
            return err;
        }
        if (pids[k] == 0) {
            close(fds[0]);
            struct ps_bench_ring_result res =
                ps_bench_ring_produce(ring, rounds, batch, false, pause_ns);
            _exit(write(fds[1], &res, sizeof res) == (ssize_t)sizeof res ? 0 : 1);
        }
    }
    close(fds[1]);
    *result_fd = fds[0];
    return 0;
}

/* Collect the producers' results (averaged) and reap them. */
static struct ps_bench_ring_result ps_bench_ring_collect(int fd, const pid_t *pids, int n)
{
    struct ps_bench_ring_result sum = {0}, one;
    int got = 0;
    while (read(fd, &one, sizeof one) == (ssize_t)sizeof one) {
        sum.ns_per_event += one.ns_per_event;
        sum.failed += one.failed;
        got++;
    }
    close(fd);
    for (int k = 0; k < n; k++) {
        waitpid(pids[k], NULL, 0);
    }
    sum.ns_per_event = got ? sum.ns_per_event / got : 0;
    return sum;
}

/* Two producer processes while this process drains as the supervisor would. */
static int ps_bench_ring_two(struct ps_bench_ring_result *res)
{
    struct ps_ring ring;
    pid_t pids[2] = {0, 0};
    int fd = -1;
    uint64_t drained = 0;
    int err = ps_ring_create(&ring, 0);
    if (err < 0) {
        return err;
    }
    err = ps_bench_ring_spawn(&ring, 2, PS_BENCH_RING_PAIR_ROUNDS, PS_BENCH_RING_PAIR_BATCH, 200000,
                              pids, &fd);
    if (err == 0) {
        uint64_t want = 2ull * (PS_BENCH_RING_PAIR_ROUNDS + 2) * PS_BENCH_RING_PAIR_BATCH;
        uint64_t give_up = ps_bench_now_ns() + 30000000000ull;
        while (drained + ps_ring_drops(&ring) < want && ps_bench_now_ns() < give_up) {
            if (ps_ring_drain(&ring, ps_bench_ring_count, &drained, SIZE_MAX) == 0) {
                ps_clock_sleep_ns(20000);
            }
        }
        *res = ps_bench_ring_collect(fd, pids, 2);
        res->failed += ps_ring_drops(&ring);
    }
    ps_ring_close(&ring);
    return err;
}

/* A 64-byte write() to a pipe that another process drains. */
static int ps_bench_ring_pipe(double *ns_per_write)
{
    int fds[2];
    char msg[64] = {0};
    double per[PS_BENCH_RING_ROUNDS];
    if (pipe(fds) < 0) {
        return -errno;
    }
    pid_t pid = fork();
    if (pid < 0) {
        int err = -errno;
        close(fds[0]);
        close(fds[1]);
        return err;
    }
    if (pid == 0) {
        char buf[65536];
        close(fds[1]);
        while (read(fds[0], buf, sizeof buf) > 0) {
        }
        _exit(0);
    }
    close(fds[0]);
    for (int r = 0; r < PS_BENCH_RING_ROUNDS; r++) {
        uint64_t t0 = ps_bench_now_ns();
        for (int i = 0; i < PS_BENCH_RING_BATCH; i++) {
            if (write(fds[1], msg, sizeof msg) != (ssize_t)sizeof msg) {
                break;
            }
        }
        per[r] = (double)(ps_bench_now_ns() - t0) / PS_BENCH_RING_BATCH;
    }
    close(fds[1]);
    waitpid(pid, NULL, 0);
    *ns_per_write = ps_bench_median(per, PS_BENCH_RING_ROUNDS);
    return 0;
}

/* A clock read alone (the TSC, or clock_gettime(CLOCK_MONOTONIC)): part of an event's cost. */
static double ps_bench_ring_clock(enum ps_ring_clock clock)
{
    double per[PS_BENCH_RING_ROUNDS];
    volatile uint64_t sink = 0;
    for (int r = 0; r < PS_BENCH_RING_ROUNDS; r++) {
        uint64_t t0 = ps_bench_now_ns();
        for (int i = 0; i < PS_BENCH_RING_BATCH; i++) {
            sink += clock == PS_RING_CLOCK_TSC ? ps_clock_ticks() : ps_clock_mono_ns();
        }
        per[r] = (double)(ps_bench_now_ns() - t0) / PS_BENCH_RING_BATCH;
    }
    (void)sink;
    return ps_bench_median(per, PS_BENCH_RING_ROUNDS);
}

/* One producer emitting into a ring of the given clock, draining between batches (bare, used:
 * optional). */
static int ps_bench_ring_one(enum ps_ring_clock clock, struct ps_bench_ring_result *stamped,
                             struct ps_bench_ring_result *bare, enum ps_ring_clock *used)
{
    struct ps_ring ring;
    int err = ps_ring_create_clock(&ring, 0, clock);
    if (err < 0) {
        return err;
    }
    if (used != NULL) {
        *used = ps_ring_clock(&ring);
    }
    *stamped = ps_bench_ring_produce(&ring, PS_BENCH_RING_ROUNDS, PS_BENCH_RING_BATCH, true, 0);
    if (bare != NULL) {
        *bare =
            ps_bench_ring_produce_at(&ring, PS_BENCH_RING_ROUNDS, PS_BENCH_RING_BATCH, true, 0, 1);
    }
    stamped->failed += ps_ring_drops(&ring);
    ps_ring_close(&ring);
    return 0;
}

/* Drain rate of a ring filled beforehand (stamped with its clock: conversion included), in
 * events/s. */
static int ps_bench_ring_drain_rate(double *per_s)
{
    struct ps_ring ring;
    double rates[PS_BENCH_RING_DRAIN_ROUNDS];
    struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid()};
    int err = ps_ring_create(&ring, 0);
    if (err < 0) {
        return err;
    }
    for (int r = 0; r < PS_BENCH_RING_DRAIN_ROUNDS; r++) {
        uint64_t count = 0;
        for (int i = 0; i < PS_BENCH_RING_DRAIN_EVENTS; i++) {
            ps_ring_emit(&ring, &ev, 0);
        }
        uint64_t t0 = ps_bench_now_ns();
        ps_ring_drain(&ring, ps_bench_ring_count, &count, SIZE_MAX);
        uint64_t dt = ps_bench_now_ns() - t0;
        rates[r] = dt ? (double)count * 1e9 / (double)dt : 0;
    }
    ps_ring_close(&ring);
    *per_s = ps_bench_median(rates, PS_BENCH_RING_DRAIN_ROUNDS);
    return 0;
}

/* Two producers overfill a small ring nobody drains; returns the ring's drop count. */
static int ps_bench_ring_stalled(uint64_t *drops, uint64_t *expected)
{
    struct ps_ring ring;
    pid_t pids[2] = {0, 0};
    int fd = -1;
    int per = (int)(PS_BENCH_RING_STALL_SLOTS / 2) + PS_BENCH_RING_STALL_EXTRA / 2;
    int err = ps_ring_create(&ring, PS_BENCH_RING_STALL_SLOTS);
    if (err < 0) {
        return err;
    }
    err = ps_bench_ring_spawn(&ring, 2, 1, per, 0, pids, &fd);
    if (err == 0) {
        struct ps_bench_ring_result res = ps_bench_ring_collect(fd, pids, 2);
        *drops = ps_ring_drops(&ring);
        *expected = res.failed; /* what the producers saw refused */
    }
    ps_ring_close(&ring);
    return err;
}

/* One producer's emit cost: with the ring's own clock, without a clock, and with clock_gettime. */
struct ps_bench_ring_single {
    struct ps_bench_ring_result one, bare, mono;
    enum ps_ring_clock clock; /* the clock the default ring chose */
    double clock_ns, mono_ns; /* that clock's read, and clock_gettime's, alone */
};

/* Measure struct ps_bench_ring_single. */
static int ps_bench_ring_single(struct ps_bench_ring_single *s)
{
    int err = ps_bench_ring_one(PS_RING_CLOCK_TSC, &s->one, &s->bare, &s->clock);
    if (err < 0 || (err = ps_bench_ring_one(PS_RING_CLOCK_MONO, &s->mono, NULL, NULL)) < 0) {
        return err;
    }
    s->clock_ns = ps_bench_ring_clock(s->clock);
    s->mono_ns = ps_bench_ring_clock(PS_RING_CLOCK_MONO);
    return 0;
}

/* Report struct ps_bench_ring_single: the first line is the "clock read included". */
static void ps_bench_ring_single_report(FILE *out, const struct ps_bench_ring_single *s)
{
    char label[80];
    bool tsc = s->clock == PS_RING_CLOCK_TSC;
    snprintf(label, sizeof label, "emit, 1 producer (clock read included: %s)",
             tsc ? "TSC" : "clock_gettime");
    ps_bench_report(out, label, s->one.ns_per_event, "ns/event", "target <= 35");
    ps_bench_report(out, tsc ? "  of which the TSC read (rdtsc)" : "  of which clock_gettime()",
                    s->clock_ns, "ns/read", "measured alone");
    ps_bench_report(out, "  emit without the clock read", s->bare.ns_per_event, "ns/event",
                    "the ring's own work");
    ps_bench_report(out, "emit, 1 producer, clock_gettime stamps", s->mono.ns_per_event, "ns/event",
                    "the fallback without a usable TSC");
    ps_bench_report(out, "  of which clock_gettime(CLOCK_MONOTONIC)", s->mono_ns, "ns/read",
                    "measured alone");
}

/* One timed round of PS_BENCH_RING_IDLE_CALLS inactive emits of one kind (see below). */
static double ps_bench_ring_idle_round(int kind)
{
    uint64_t t0 = ps_bench_now_ns();
    for (int i = 0; kind == 1 && i < PS_BENCH_RING_IDLE_CALLS; i++) {
        (void)ps_emit_pipe_send(1, i, 0, NULL, 0);
        __asm__ volatile("" ::: "memory");
    }
    for (int i = 0; kind == 2 && i < PS_BENCH_RING_IDLE_CALLS; i++) {
        (void)ps_probe_emit(PS_EV_PIPE_SEND, 1, 0, i, 0, NULL, 0);
        __asm__ volatile("" ::: "memory");
    }
    for (int i = 0; kind == 0 && i < PS_BENCH_RING_IDLE_CALLS; i++) {
        __asm__ volatile("" ::: "memory");
    }
    return (double)(ps_bench_now_ns() - t0) / PS_BENCH_RING_IDLE_CALLS;
}

/*
 * What an emit costs with nobody listening (this process has no ring), over
 * the same loop without any emit: kind 1 the typed inline emitter, kind 2 the
 * out-of-line ps_probe_emit() call every emit was before. The compiler
 * barrier makes each call reload the flag, as it must in a real program.
 * Median ns per call; -1 when a probe is active.
 */
static double ps_bench_ring_idle(int kind)
{
    double rounds[PS_BENCH_RING_IDLE_ROUNDS];
    if (ps_probe_active()) {
        return -1;
    }
    for (int r = 0; r < PS_BENCH_RING_IDLE_ROUNDS; r++) {
        double empty = ps_bench_ring_idle_round(0);
        rounds[r] = ps_bench_ring_idle_round(kind) - empty;
    }
    return ps_bench_median(rounds, PS_BENCH_RING_IDLE_ROUNDS);
}

int ps_bench_ring(FILE *out)
{
    struct ps_bench_ring_single single;
    struct ps_bench_ring_result two = {0};
    double pipe_ns = 0, drain_rate = 0;
    uint64_t stall_drops = 0, stall_refused = 0;

    ps_bench_heading(out, "ring", "shared-memory event ring vs a pipe write (medians)");
    int err = ps_bench_ring_single(&single);
    if (err < 0 || (err = ps_bench_ring_two(&two)) < 0 ||
        (err = ps_bench_ring_pipe(&pipe_ns)) < 0 ||
        (err = ps_bench_ring_drain_rate(&drain_rate)) < 0 ||
        (err = ps_bench_ring_stalled(&stall_drops, &stall_refused)) < 0) {
        return err;
    }
    double one_ns = single.one.ns_per_event;
    ps_bench_ring_single_report(out, &single);
    ps_bench_report(out, "emit, 2 producer processes, live drain", two.ns_per_event, "ns/event",
                    "per producer");
    ps_bench_report(out, "64-byte write() to a drained pipe", pipe_ns, "ns/write", "baseline");
    ps_bench_report(out, "pipe write / emit (1 producer)", one_ns > 0 ? pipe_ns / one_ns : 0, "x",
                    "target >= 12");
    ps_bench_report(out, "drain rate", drain_rate / 1e6, "M ev/s",
                    single.clock == PS_RING_CLOCK_TSC ? "target >= 30 (TSC conversion included)"
                                                      : "target >= 30");
    ps_bench_report(out, "drops while the consumer keeps up",
                    (double)(single.one.failed + single.mono.failed + two.failed), "events",
                    "target 0");
    ps_bench_report(out, "drops, stalled consumer, 2 producers", (double)stall_drops, "events",
                    stall_drops == PS_BENCH_RING_STALL_EXTRA && stall_refused == stall_drops
                        ? "1088 into 1024 slots: 64 expected, exact"
                        : "1088 into 1024 slots: 64 expected, MISMATCH");
    ps_bench_report(out, "inactive probe, out-of-line call", ps_bench_ring_idle(2),
                    "ns/call", "ps_probe_emit(): every emit before; over an empty loop");
    ps_bench_report(out, "inactive probe, inline emitter", ps_bench_ring_idle(1), "ns/call",
                    "target < 0.5 (ps_emit_*: one load)");
    fflush(out);
    return 0;
}
