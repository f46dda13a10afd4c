/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "bench/bench.h"
#include "core/clock.h"
#include "core/ring.h"
#include "support/ring_collect.h"

static struct ps_event test_event(unsigned type, int64_t a, const char *text, size_t len)
{
    struct ps_event ev = {.type = (uint16_t)type,
                          .pid = (int32_t)getpid(),
                          .a = a,
                          .b = -a,
                          .obj = 7,
                          .peer = 3,
                          .text = text,
                          .text_len = (uint32_t)len};
    return ev;
}

static int emit_a(struct ps_ring *ring, int64_t a)
{
    struct ps_event ev = test_event(PS_EV_MARK, a, NULL, 0);
    return ps_ring_emit(ring, &ev, 0);
}

/* Drain until `want` events were collected (or the test's timeout ends it). */
static void drain_until(struct ps_ring *ring, struct ring_collect *c, size_t want)
{
    while (c->n < want) {
        cr_assert_geq(ps_ring_drain(ring, ring_collect_event, c, 4096), 0);
        if (c->n < want) {
            ps_clock_sleep_ns(1000000);
        }
    }
}

Test(ring, rejects_bad_sizes)
{
    struct ps_ring ring;
    cr_assert_eq(ps_ring_create(&ring, 100), -EINVAL);
    cr_assert_eq(ps_ring_create(&ring, 32), -EINVAL);
    cr_assert_eq(ps_ring_create(&ring, 0), 0);
    cr_assert_eq(ps_ring_capacity(&ring), PS_RING_DEFAULT_SLOTS);
    ps_ring_close(&ring);
    ps_ring_close(&ring);
}

Test(ring, wraps_around_many_laps)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    char text[200];
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    for (size_t i = 0; i < sizeof text; i++) {
        text[i] = (char)('a' + i % 26);
    }
    int64_t next = 0;
    for (int round = 0; round < 400; round++) {
        int batch = 1 + round % 13;
        for (int k = 0; k < batch; k++, next++) {
            size_t len = (size_t)(next * 7 % 150);
            struct ps_event ev = test_event(PS_EV_OUTPUT, next, text, len);
            cr_assert_eq(ps_ring_emit(&ring, &ev, 0), 0);
        }
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), batch);
        cr_assert(ps_ring_empty(&ring));
    }
    cr_assert_eq(c.n, (size_t)next);
    cr_assert_gt(next, 64 * 20, "many laps");
    for (size_t i = 0; i < c.n; i++) {
        size_t len = (size_t)((int64_t)i * 7 % 150);
        cr_assert_eq(c.ev[i].seq, i);
        cr_assert_eq(c.ev[i].a, (int64_t)i);
        cr_assert_eq(c.ev[i].b, -(int64_t)i);
        cr_assert_eq(c.ev[i].text_len, len);
        cr_assert_eq(memcmp(c.ev[i].text, text, len), 0);
    }
    cr_assert_eq(ps_ring_drops(&ring), 0);
    cr_assert_eq(ps_ring_torn(&ring), 0);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, full_ring_drops_and_counts_exactly, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    for (int i = 0; i < 64; i++) {
        cr_assert_eq(emit_a(&ring, i), 0);
    }
    for (int i = 0; i < 5; i++) {
        cr_assert_eq(emit_a(&ring, 100 + i), -ENOBUFS);
    }
    struct ps_event try_ev = test_event(PS_EV_MARK, 1, NULL, 0);
    cr_assert_eq(ps_ring_emit(&ring, &try_ev, PS_RING_EMIT_TRY), -EAGAIN);
    cr_assert_eq(ps_ring_drops(&ring), 5, "TRY failures are not drops");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 64);
    cr_assert_eq(emit_a(&ring, 64), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    for (size_t i = 0; i < c.n; i++) {
        cr_assert_eq(c.ev[i].a, (int64_t)i);
        cr_assert_eq(c.ev[i].seq, i);
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, multi_slot_event_that_does_not_fit_is_dropped, .timeout = 30)
{
    struct ps_ring ring;
    char text[100] = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    struct ps_event ev = test_event(PS_EV_OUTPUT, 0, text, sizeof text); /* 3 slots */
    for (int i = 0; i < 21; i++) {
        cr_assert_eq(ps_ring_emit(&ring, &ev, 0), 0);
    }
    cr_assert_eq(ps_ring_emit(&ring, &ev, 0), -ENOBUFS);
    cr_assert_eq(ps_ring_drops(&ring), 1);
    cr_assert_eq(emit_a(&ring, 1), 0, "the last single slot is still free");
    ps_ring_close(&ring);
}

ParameterizedTestParameters(ring, text_round_trip)
{
    static size_t lens[] = {0, 1, 15, 16, 17, 72, 73, 128, 1023, 1024, 1025, 5000};
    return cr_make_param_array(size_t, lens, sizeof lens / sizeof lens[0]);
}

ParameterizedTest(size_t *len, ring, text_round_trip)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    char *text = malloc(*len + 1);
    cr_assert_not_null(text);
    for (size_t i = 0; i < *len; i++) {
        text[i] = (char)(' ' + (i * 31 + *len) % 95);
    }
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    for (int lap = 0; lap < 4; lap++) { /* different offsets: some events straddle the end */
        cr_assert_eq(emit_a(&ring, lap), 0);
        struct ps_event ev = test_event(PS_EV_OUTPUT, 1, text, *len);
        cr_assert_eq(ps_ring_emit(&ring, &ev, 0), 0);
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 2);
    }
    size_t want = *len > PS_EVENT_TEXT_MAX ? PS_EVENT_TEXT_MAX : *len;
    for (size_t i = 1; i < c.n; i += 2) {
        cr_assert_eq(c.ev[i].type, PS_EV_OUTPUT);
        cr_assert_eq(c.ev[i].text_len, want);
        cr_assert_eq(memcmp(c.ev[i].text, text, want), 0);
        cr_assert_eq(c.ev[i].text[want], '\0');
        cr_assert_eq(c.ev[i].flags, *len > PS_EVENT_TEXT_MAX ? PS_EVF_TEXT_CUT : 0);
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
    free(text);
}

Test(ring, rejects_bad_type)
{
    struct ps_ring ring;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    struct ps_event ev = test_event(PS_EV__COUNT, 0, NULL, 0);
    cr_assert_eq(ps_ring_emit(&ring, &ev, 0), -EINVAL);
    ev.type = PS_EV_NONE;
    cr_assert_eq(ps_ring_emit(&ring, &ev, 0), -EINVAL);
    cr_assert(ps_ring_empty(&ring));
    ps_ring_close(&ring);
}

/* Byte offsets of header fields a garbage writer may hit, with the value written. */
struct header_poke {
    off_t offset;
    uint32_t value;
};

ParameterizedTestParameters(ring, attach_rejects_garbage_header)
{
    static struct header_poke pokes[] = {
        {0, 0xdeadbeef}, /* magic */
        {4, 0},          /* magic, high half */
        {8, 99},         /* version */
        {12, 100},       /* capacity: not a power of two */
        {12, 128},       /* capacity: does not match the size */
        {12, 1u << 30},  /* capacity: huge */
        {16, 64},        /* header size */
        {20, 0},         /* supervisor pid */
    };
    return cr_make_param_array(struct header_poke, pokes, sizeof pokes / sizeof pokes[0]);
}

ParameterizedTest(struct header_poke *poke, ring, attach_rejects_garbage_header)
{
    struct ps_ring ring, other;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    int fd = dup(ps_ring_fd(&ring));
    cr_assert_geq(fd, 0);
    cr_assert_eq(ps_ring_attach(&other, fd), 0, "an intact header attaches");
    ps_ring_close(&other);
    fd = dup(ps_ring_fd(&ring));
    cr_assert_eq(pwrite(fd, &poke->value, sizeof poke->value, poke->offset), 4);
    cr_assert_eq(ps_ring_attach(&other, fd), -EPROTO);
    close(fd);
    ps_ring_close(&ring);
}

Test(ring, attach_rejects_wrong_sizes_and_files)
{
    struct ps_ring ring, other;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    int fd = memfd_create("not-the-ring", MFD_CLOEXEC); /* the ring's own size is sealed */
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, ring.shm, 4096), 4096, "a copy of the header and the first slots");
    cr_assert_eq(ftruncate(fd, 4096 + 17), 0);
    cr_assert_eq(ps_ring_attach(&other, fd), -EPROTO);
    cr_assert_eq(ftruncate(fd, 100), 0);
    cr_assert_eq(ps_ring_attach(&other, fd), -EPROTO);
    close(fd);
    int pipefd[2];
    cr_assert_eq(pipe(pipefd), 0);
    cr_assert_eq(ps_ring_attach(&other, pipefd[0]), -EPROTO);
    cr_assert_eq(ps_ring_attach(&other, 1000000), -EBADF);
    close(pipefd[0]);
    close(pipefd[1]);
    ps_ring_close(&ring);
}

/* A child that tries to resize the ring (SIGBUS in the reader before the seals). */
Test(ring, memfd_is_sealed_against_resizing, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    cr_assert_eq(emit_a(&ring, 1), 0);
    int seals = fcntl(ps_ring_fd(&ring), F_GET_SEALS);
    cr_assert_eq(seals, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int fd = ps_ring_fd(&ring);
        bool refused = ftruncate(fd, 0) < 0 && errno == EPERM && ftruncate(fd, 1 << 20) < 0 &&
                       fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE) < 0;
        _exit(refused ? 0 : 1);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child could not resize the ring");
    cr_assert_eq(emit_a(&ring, 2), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 2);
    cr_assert_eq(c.ev[1].a, 2);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

/* Ways to spoil a published record in place, all to be skipped as torn. */
enum record_spoil { SPOIL_TYPE_HIGH, SPOIL_TYPE_NONE, SPOIL_TEXT_LEN, SPOIL_SEQ, SPOIL_CONT };

ParameterizedTestParameters(ring, garbage_record_is_torn_not_trusted)
{
    static enum record_spoil spoils[] = {SPOIL_TYPE_HIGH, SPOIL_TYPE_NONE, SPOIL_TEXT_LEN,
                                         SPOIL_SEQ, SPOIL_CONT};
    return cr_make_param_array(enum record_spoil, spoils, sizeof spoils / sizeof spoils[0]);
}

ParameterizedTest(enum record_spoil *spoil, ring, garbage_record_is_torn_not_trusted)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    char text[60] = "a text long enough to need one continuation slot";
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    struct ps_event ev = test_event(PS_EV_OUTPUT, 1, text, sizeof text); /* slots 0 and 1 */
    cr_assert_eq(ps_ring_emit(&ring, &ev, 0), 0);
    cr_assert_eq(emit_a(&ring, 2), 0); /* slot 2 */
    struct ps_event_rec *rec = (struct ps_event_rec *)(void *)ring.slots;
    struct ps_event_cont *cont = (struct ps_event_cont *)(void *)(ring.slots + 64);
    switch (*spoil) {
    case SPOIL_TYPE_HIGH:
        rec->type = 250;
        break;
    case SPOIL_TYPE_NONE:
        rec->type = PS_EV_NONE;
        break;
    case SPOIL_TEXT_LEN:
        rec->text_len = 60000;
        break;
    case SPOIL_SEQ:
        rec->seq = 0x1234567;
        break;
    case SPOIL_CONT:
        cont->seq = 77;
        break;
    }
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert_eq(c.ev[0].a, 2, "the good event after the garbage still arrives");
    cr_assert_eq(c.ev[0].seq, 0);
    cr_assert_geq(ps_ring_torn(&ring), 1);
    cr_assert(ps_ring_empty(&ring));
    for (int i = 0; i < 200; i++) { /* the ring still works for many laps */
        cr_assert_eq(emit_a(&ring, 3 + i), 0);
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

#define PRODUCERS 4
#define PER_PRODUCER 3000

/* A producer process: PER_PRODUCER events with obj = id and a = 0, 1, …; retries drops. */
static void run_producer(struct ps_ring *ring, uint32_t id)
{
    for (int64_t i = 0; i < PER_PRODUCER; i++) {
        struct ps_event ev = test_event(PS_EV_MARK, i, "p", 1);
        ev.obj = id;
        while (ps_ring_emit(ring, &ev, 0) == -ENOBUFS) {
        }
    }
    _exit(0);
}

Test(ring, producer_processes_arrive_exactly_once_in_order, .timeout = 120)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    pid_t pids[PRODUCERS];
    cr_assert_eq(ps_ring_create(&ring, 1024), 0);
    for (uint32_t k = 0; k < PRODUCERS; k++) {
        pids[k] = fork();
        cr_assert_geq(pids[k], 0);
        if (pids[k] == 0) {
            run_producer(&ring, k);
        }
    }
    drain_until(&ring, &c, PRODUCERS * PER_PRODUCER);
    for (int k = 0; k < PRODUCERS; k++) {
        int st;
        cr_assert_eq(waitpid(pids[k], &st, 0), pids[k]);
        cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0, "nothing extra");
    int64_t next[PRODUCERS] = {0};
    for (size_t i = 0; i < c.n; i++) {
        cr_assert_eq(c.ev[i].seq, i, "dense seq");
        cr_assert_lt(c.ev[i].obj, PRODUCERS);
        cr_assert_eq(c.ev[i].a, next[c.ev[i].obj]++, "per-producer order");
        cr_assert_eq(c.ev[i].pid, pids[c.ev[i].obj]);
    }
    for (int k = 0; k < PRODUCERS; k++) {
        cr_assert_eq(next[k], PER_PRODUCER);
    }
    cr_assert_eq(ps_ring_torn(&ring), 0);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, producer_killed_between_reserve_and_publish_is_torn, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_set_torn_deadline(&ring, 20000000);
    ring_die_after_reserve(&ring, 1);
    cr_assert_eq(emit_a(&ring, 1), 0);
    ring_die_after_reserve(&ring, 3);
    cr_assert_eq(emit_a(&ring, 2), 0);
    drain_until(&ring, &c, 2);
    cr_assert_eq(c.ev[0].a, 1);
    cr_assert_eq(c.ev[1].a, 2);
    cr_assert_eq(c.ev[1].seq, 1);
    cr_assert_eq(ps_ring_torn(&ring), 4, "one slot, then three");
    cr_assert(ps_ring_empty(&ring));
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, no_torn_skip_while_paused, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    uint64_t pos;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_set_torn_deadline(&ring, 0);
    ps_ring_set_paused(&ring, true);
    cr_assert_eq(ps_ring_reserve(&ring, 1, 0, &pos), 0);
    cr_assert_eq(emit_a(&ring, 1), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0);
    cr_assert_eq(ps_ring_torn(&ring), 0);
    cr_assert_not(ps_ring_empty(&ring));
    ps_ring_set_paused(&ring, false);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert_eq(ps_ring_torn(&ring), 1);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, step_gate_lets_exactly_k_through, .timeout = 60)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_gate_set(&ring, true);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        for (int i = 0; i < 10; i++) {
            emit_a(&ring, i);
        }
        _exit(0);
    }
    ps_ring_gate_grant(&ring, 3);
    drain_until(&ring, &c, 3);
    ps_clock_sleep_ns(100000000); /* room for a wrongly admitted fourth */
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0);
    cr_assert_eq(c.n, 3);
    cr_assert_eq(ps_ring_gate_permits(&ring), 0);
    struct ps_event sup = test_event(PS_EV_MARK, 100, NULL, 0);
    cr_assert_eq(ps_ring_emit(&ring, &sup, PS_RING_EMIT_NOGATE), 0, "the supervisor passes");
    ps_ring_gate_grant(&ring, 2);
    drain_until(&ring, &c, 6);
    ps_ring_gate_set(&ring, false);
    drain_until(&ring, &c, 11);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st));
    cr_assert_eq(c.ev[3].a, 100);
    int64_t want = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (c.ev[i].a != 100) {
            cr_assert_eq(c.ev[i].a, want++);
        }
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, object_ids_are_unique_across_processes, .timeout = 30)
{
    struct ps_ring ring;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    cr_assert_eq(ps_ring_new_object_id(&ring), 1);
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < 1000; i++) {
            ps_ring_new_object_id(&ring);
        }
        _exit(0);
    }
    for (int i = 0; i < 1000; i++) {
        ps_ring_new_object_id(&ring);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert_eq(ps_ring_new_object_id(&ring), 2002);
    ps_ring_close(&ring);
}

/*
 * No .timeout here on purpose: with Criterion 2.4, this test (its forked
 * producers) running beside another test that has a timeout makes the
 * runner itself leak 48 bytes, which LeakSanitizer turns into a failure.
 * The bench bounds its own waits, and ctest's timeout still applies.
 */
Test(ring, bench_prints_every_figure)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    cr_assert_not_null(out);
    cr_assert_eq(ps_bench_ring(out), 0);
    fclose(out);
    const char *labels[] = {"emit, 1 producer",
                            "emit, 2 producer processes",
                            "write() to a drained pipe",
                            "pipe write / emit",
                            "drain rate",
                            "drops while the consumer keeps up",
                            "drops, stalled consumer"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        cr_assert_not_null(strstr(text, labels[i]), "missing: %s", labels[i]);
    }
    cr_assert_not_null(strstr(text, "64 expected, exact"), "a stalled consumer drops exactly");
    free(text);
}

/* How far a converted TSC stamp may lie outside the clock_gettime() reads around its emit. */
#define STAMP_TOL_NS 10000u

/* Skip the test when this machine's kernel does not keep time on the TSC. */
static void need_tsc_ring(const struct ps_ring *ring)
{
    if (!ps_clock_tsc_usable()) {
        cr_assert_eq(ps_ring_clock(ring), PS_RING_CLOCK_MONO, "no TSC here: the fallback");
        cr_skip_test("the TSC is not usable here");
    }
    cr_assert_eq(ps_ring_clock(ring), PS_RING_CLOCK_TSC);
}

/* The raw head record at ring position `pos` (before the reader converts it). */
static const struct ps_event_rec *raw_rec(const struct ps_ring *ring, uint64_t pos)
{
    return (const struct ps_event_rec *)(const void *)(ring->slots + pos * PS_EVENT_REC_SIZE);
}

/* Emit through `producer`, drain through `reader`: the time lies between the reads around it. */
static void check_stamp(struct ps_ring *producer, struct ps_ring *reader, uint64_t *last)
{
    struct ring_collect c = {0};
    uint64_t before = ps_clock_mono_ns();
    cr_assert_eq(emit_a(producer, 1), 0);
    uint64_t after = ps_clock_mono_ns();
    cr_assert_eq(ps_ring_drain(reader, ring_collect_event, &c, SIZE_MAX), 1);
    uint64_t t = c.ev[0].t_ns;
    cr_assert_geq(t + STAMP_TOL_NS, before, "%lu ns before the emit", before - t);
    cr_assert_leq(t, after + STAMP_TOL_NS, "%lu ns after the emit", t - after);
    cr_assert_geq(t, *last, "never back");
    cr_assert_eq(c.ev[0].flags, 0, "the ring's own flag is not delivered");
    *last = t;
    ring_collect_free(&c);
}

Test(ring, tsc_stamps_arrive_as_monotonic_ns, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    uint64_t last = 0;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    need_tsc_ring(&ring);
    cr_assert_eq(emit_a(&ring, 1), 0);
    cr_assert(raw_rec(&ring, 0)->flags & PS_RING_RECF_TICKS, "stamped with ticks");
    struct ps_event given = test_event(PS_EV_MARK, 2, NULL, 0);
    given.t_ns = 123456789; /* a CLOCK_MONOTONIC time the caller took (as the supervisor does) */
    cr_assert_eq(ps_ring_emit(&ring, &given, 0), 0);
    cr_assert_not(raw_rec(&ring, 1)->flags & PS_RING_RECF_TICKS);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 2);
    cr_assert_eq(c.ev[1].t_ns, 123456789, "a given time is kept as it is");
    ring_collect_free(&c);
    for (int i = 0; i < 4; i++) { /* across re-anchorings of the conversion (every ~50 ms) */
        check_stamp(&ring, &ring, &last);
        ps_clock_sleep_ns(30000000);
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0);
    }
    ps_ring_close(&ring);
}

Test(ring, fallback_stamps_with_clock_gettime)
{
    struct ps_ring ring, other;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create_clock(&ring, 64, PS_RING_CLOCK_MONO), 0);
    cr_assert_eq(ps_ring_clock(&ring), PS_RING_CLOCK_MONO);
    cr_assert_eq(ps_ring_attach(&other, dup(ps_ring_fd(&ring))), 0);
    cr_assert_eq(ps_ring_clock(&other), PS_RING_CLOCK_MONO, "attachers follow the header");
    uint64_t before = ps_clock_mono_ns();
    cr_assert_eq(emit_a(&other, 1), 0);
    uint64_t after = ps_clock_mono_ns();
    cr_assert_not(raw_rec(&ring, 0)->flags & PS_RING_RECF_TICKS);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert(c.ev[0].t_ns >= before && c.ev[0].t_ns <= after, "exactly between the reads");
    ring_collect_free(&c);
    ps_ring_close(&other);
    ps_ring_close(&ring);
}

Test(ring, attacher_stamps_with_the_header_clock)
{
    struct ps_ring ring, other;
    uint64_t last = 0;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    need_tsc_ring(&ring);
    cr_assert_eq(ps_ring_attach(&other, dup(ps_ring_fd(&ring))), 0);
    cr_assert_eq(ps_ring_clock(&other), PS_RING_CLOCK_TSC);
    check_stamp(&other, &ring, &last);
    check_stamp(&ring, &other, &last); /* an attached reader converts with the header's fit */
    ps_ring_close(&other);
    ps_ring_close(&ring);
}

/* A value written over part of the header's clock line (offsets: ring_internal.h). */
struct clock_poke {
    size_t offset;
    uint64_t value;
};

ParameterizedTestParameters(ring, corrupt_tsc_calibration_is_ignored)
{
    static struct clock_poke pokes[] = {
        {384, 7},                       /* clock: no such mode */
        {392, 0},                       /* calibration ticks */
        {392, UINT64_MAX / 2},          /* ticks in the future */
        {400, 0},                       /* calibration ns */
        {400, 1},                       /* ns far from now */
        {400, UINT64_MAX},              /* ns in the future */
        {408, 0},                       /* rate */
        {408, UINT64_MAX},              /* absurd rate */
        {408, (UINT64_C(1) << 32) * 2}, /* a rate that is wrong by half */
    };
    return cr_make_param_array(struct clock_poke, pokes, sizeof pokes / sizeof pokes[0]);
}

ParameterizedTest(struct clock_poke *poke, ring, corrupt_tsc_calibration_is_ignored, .timeout = 30)
{
    struct ps_ring ring, other;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    need_tsc_ring(&ring);
    ps_clock_sleep_ns(2000000); /* so that a rate wrong by half is far off by now */
    int fd = dup(ps_ring_fd(&ring));
    cr_assert_eq(pwrite(fd, &poke->value, sizeof poke->value, (off_t)poke->offset), 8);
    cr_assert_eq(ps_ring_attach(&other, fd), 0, "the ring still attaches");
    cr_assert_eq(ps_ring_clock(&other), PS_RING_CLOCK_MONO, "with clock_gettime stamps");
    uint64_t last = 0;
    check_stamp(&other, &ring, &last); /* the creator's own fit is not touched */
    uint64_t before = ps_clock_mono_ns();
    cr_assert_eq(emit_a(&ring, 1), 0); /* ticks that the attached reader cannot convert */
    cr_assert_eq(ps_ring_drain(&other, ring_collect_event, &c, SIZE_MAX), 1);
    uint64_t after = ps_clock_mono_ns();
    cr_assert(c.ev[0].t_ns >= before && c.ev[0].t_ns <= after, "the time it was read");
    ring_collect_free(&c);
    ps_ring_close(&other);
    ps_ring_close(&ring);
}

Test(ring, garbage_tick_stamps_stay_within_the_session)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    uint64_t created = ps_clock_mono_ns();
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    need_tsc_ring(&ring);
    cr_assert_eq(emit_a(&ring, 1), 0);
    cr_assert_eq(emit_a(&ring, 2), 0);
    ((struct ps_event_rec *)(void *)ring.slots)[0].t_ns = UINT64_MAX; /* a producer scribbled */
    ((struct ps_event_rec *)(void *)ring.slots)[1].t_ns = 1;
    uint64_t before = ps_clock_mono_ns();
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 2);
    uint64_t after = ps_clock_mono_ns();
    cr_assert_geq(c.ev[0].t_ns, before, "far future: clamped to the drain");
    cr_assert_leq(c.ev[0].t_ns, after + 1000000000u);
    cr_assert_geq(c.ev[1].t_ns, created, "before the ring: clamped to its creation");
    cr_assert_leq(c.ev[1].t_ns, before);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

Test(ring, forked_producers_stamp_convertible_ticks, .timeout = 30)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 1024), 0);
    need_tsc_ring(&ring);
    uint64_t before = ps_clock_mono_ns();
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        for (int i = 0; i < 3; i++) {
            struct ps_event ev = test_event(PS_EV_MARK, i, NULL, 0);
            ev.pid = (int32_t)getpid();
            if (ps_ring_emit(&ring, &ev, 0) != 0) {
                _exit(1);
            }
            ps_clock_sleep_ns(20000000);
        }
        _exit(0);
    }
    drain_until(&ring, &c, 3);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    uint64_t after = ps_clock_mono_ns();
    for (size_t i = 0; i < 3; i++) {
        cr_assert_eq(c.ev[i].pid, pid);
        cr_assert_geq(c.ev[i].t_ns + STAMP_TOL_NS, before);
        cr_assert_leq(c.ev[i].t_ns, after + STAMP_TOL_NS);
        cr_assert(i == 0 || c.ev[i].t_ns > c.ev[i - 1].t_ns, "in order");
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}
