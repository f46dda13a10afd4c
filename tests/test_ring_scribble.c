/* SPDX-License-Identifier: MIT */
/*
 * The ring is shared with code we do not trust: a child can write anything
 * into its header, positions, sequence words and records. These tests damage
 * it on purpose, in place (the reader alone) and from a child under the real
 * supervisor, and check that the reader stays bounded, counts the damage,
 * resynchronises and still delivers everything published before it.
 * (tests/test_ring.c covers the ring's normal behaviour.)
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "core/clock.h"
#include "core/ring.h"
#include "core/ring_internal.h"
#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

TestSuite(ring_scribble, .timeout = 60);

#define PROGRAM(name) PS_TEST_PROGRAM_DIR "/" name

static int emit_a(struct ps_ring *ring, int64_t a, unsigned flags)
{
    struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid(), .a = a};
    return ps_ring_emit(ring, &ev, flags);
}

static _Atomic uint64_t *head_word(struct ps_ring *ring)
{
    return &ring->shm->head;
}

/* Drain (at most `calls` calls, deadline 0) until the ring is empty; returns the calls made. */
static int drain_to_empty(struct ps_ring *ring, struct ring_collect *c, int calls)
{
    ps_ring_set_torn_deadline(ring, 0);
    for (int i = 1; i <= calls; i++) {
        cr_assert_geq(ps_ring_drain(ring, ring_collect_event, c, SIZE_MAX), 0);
        if (ps_ring_empty(ring)) {
            return i;
        }
    }
    cr_assert_fail("the ring is still not empty after %d drain calls", calls);
    return calls;
}

/* Before: the deadline restarted for each slot (19 deadlines for one dead producer). */
Test(ring_scribble, unpublished_reservation_costs_one_deadline)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_set_torn_deadline(&ring, 50000000);
    ring_die_after_reserve(&ring, PS_EVENT_MAX_SLOTS);
    cr_assert_eq(emit_a(&ring, 1, 0), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0, "the stall begins");
    ps_clock_sleep_ns(60000000); /* more than the deadline: the only wait this test needs */
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert_eq(ps_ring_torn(&ring), PS_EVENT_MAX_SLOTS, "the whole reservation at once");
    cr_assert_eq(c.ev[0].a, 1);
    cr_assert(ps_ring_empty(&ring));
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

/* A slot reserved after the stall began gets a deadline of its own. */
Test(ring_scribble, later_reservation_is_waited_for)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    uint64_t pos;
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    ps_ring_set_torn_deadline(&ring, 50000000);
    ring_die_after_reserve(&ring, 1);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0, "the stall begins");
    ps_clock_sleep_ns(60000000);
    cr_assert_eq(ps_ring_reserve(&ring, 1, 0, &pos), 0); /* reserved after the stall began */
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0);
    cr_assert_eq(ps_ring_torn(&ring), 1, "the old slot is torn, the new one is waited for");
    cr_assert_not(ps_ring_empty(&ring));
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

/* Before: one drain call walked 2^40 slots (deadline 0) and never returned. */
Test(ring_scribble, head_far_ahead_is_bounded_and_resynchronised)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    for (int i = 0; i < 100; i++) { /* a lap and a half, so positions are not trivial */
        cr_assert_eq(emit_a(&ring, i, 0), 0);
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    }
    cr_assert_eq(emit_a(&ring, 100, 0), 0);
    cr_assert_eq(emit_a(&ring, 101, 0), 0); /* published before the damage, not yet read */
    atomic_fetch_add(head_word(&ring), UINT64_C(1) << 40);
    ps_ring_set_torn_deadline(&ring, 0);
    int r = ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);
    cr_assert_eq(r, 2, "the published events are delivered, the rest skipped");
    cr_assert_eq(c.ev[101].a, 101);
    cr_assert_geq(ps_ring_corrupt(&ring), 1);
    drain_to_empty(&ring, &c, 3);
    for (int i = 0; i < 200; i++) { /* the ring works again, for laps */
        cr_assert_eq(emit_a(&ring, 1000 + i, 0), 0);
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
        cr_assert_eq(c.ev[c.n - 1].a, 1000 + i);
    }
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

/* A head moved behind the reader: producers would wait on slots that are never freed. */
Test(ring_scribble, head_moved_back_is_resynchronised)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    for (int i = 0; i < 30; i++) {
        cr_assert_eq(emit_a(&ring, i, 0), 0);
    }
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 30);
    atomic_store(head_word(&ring), 3);
    drain_to_empty(&ring, &c, 3);
    cr_assert_geq(ps_ring_corrupt(&ring), 1);
    cr_assert_eq(emit_a(&ring, 30, PS_RING_EMIT_TRY), 0, "producers have room again");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert_eq(c.ev[30].a, 30);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

ParameterizedTestParameters(ring_scribble, garbage_past_the_head_is_repaired)
{
    static unsigned offsets[] = {0, 1, PS_EVENT_MAX_SLOTS - 1};
    return cr_make_param_array(unsigned, offsets, sizeof offsets / sizeof offsets[0]);
}

/* Before: every emit got EAGAIN (or dropped) for ever, so the session never finished. */
ParameterizedTest(unsigned *offset, ring_scribble, garbage_past_the_head_is_repaired)
{
    struct ps_ring ring;
    struct ring_collect c = {0};
    char text[PS_EVENT_TEXT_MAX];
    memset(text, 'x', sizeof text);
    cr_assert_eq(ps_ring_create(&ring, 64), 0);
    cr_assert_eq(emit_a(&ring, 0, 0), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    uint64_t head = atomic_load(head_word(&ring));
    atomic_store(ps_ring_seq(&ring, head + *offset), 0xdeadbeefcafeull);
    struct ps_event big = {.type = PS_EV_OUTPUT, .text = text, .text_len = sizeof text};
    int err = -EAGAIN;
    for (int i = 0; i < 1000 && err != 0; i++) { /* the repair is rate-limited: ~1 ms */
        cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 0);
        err = ps_ring_emit(&ring, &big, PS_RING_EMIT_TRY);
        if (err != 0) { /* -EAGAIN, or -EIO when the garbage was inside the reservation */
            ps_clock_sleep_ns(1000000);
        }
    }
    cr_assert_eq(err, 0, "a maximal event fits again");
    cr_assert_geq(ps_ring_corrupt(&ring) + ps_ring_torn(&ring), 1, "the garbage was counted");
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 1);
    cr_assert_eq(c.ev[1].text_len, sizeof text);
    ring_collect_free(&c);
    ps_ring_close(&ring);
}

/* Random words and bytes over the whole mapping, many seeds: bounded, no crash, usable after. */
Test(ring_scribble, random_damage_never_hangs_the_reader)
{
    struct ps_ring ring;
    uint64_t rng = 0x9e3779b97f4a7c15ull;
    cr_assert_eq(ps_ring_create(&ring, 256), 0);
    uint64_t *words = (uint64_t *)(void *)ring.shm;
    size_t nwords = ring.map_size / sizeof *words;
    for (int round = 0; round < 300; round++) {
        struct ring_collect c = {0};
        for (int i = 0; i < round % 40; i++) {
            emit_a(&ring, i, PS_RING_EMIT_TRY);
        }
        for (int k = 0; k < 1 + round % 50; k++) {
            rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
            uint64_t v = k % 3 == 0 ? rng % 4096 : rng;
            words[(rng >> 20) % nwords] = v;
        }
        drain_to_empty(&ring, &c, 4);
        cr_assert_eq(emit_a(&ring, 7, PS_RING_EMIT_TRY), 0, "round %d: room again", round);
        drain_to_empty(&ring, &c, 4);
        ring_collect_free(&c);
    }
    ps_ring_close(&ring);
}

/* Run the scribbler under the supervisor; returns the time from main's exit to the end. */
static uint64_t run_scribbler(const char *mode, const char *seed, struct ring_collect *c)
{
    char *argv[] = {(char *)(uintptr_t)PROGRAM("ring_scribbler"), (char *)(uintptr_t)mode,
                    (char *)(uintptr_t)seed, NULL};
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = c};
    uint64_t exit_at = 0;
    while (!ps_supervisor_finished(sup)) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 100), 0);
        if (exit_at == 0 && ring_collect_count(c, PS_EV_PROC_EXIT) > 0) {
            exit_at = ps_clock_mono_ns();
        }
    }
    uint64_t took = exit_at ? ps_clock_mono_ns() - exit_at : 0;
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert(end.complete);
    cr_assert_eq(end.exit_status, 0, "%s/%s: the scribbler ran to its end", mode, seed);
    ps_supervisor_free(sup);
    return took;
}

struct scribble_case {
    char mode[12]; /* arrays, not pointers: the parameters are copied to the test's process */
    char seed[8];
};

ParameterizedTestParameters(ring_scribble, child_damage_under_the_supervisor)
{
    static struct scribble_case cases[] = {
        {"bytes", "1"}, {"bytes", "2"}, {"words", "1"},    {"words", "2"},    {"forge", "1"},
        {"forge", "2"}, {"head", "1"},  {"back", "1"},     {"ahead", "1"},    {"ahead", "2"},
        {"any", "3"},   {"any", "4"},   {"truncate", "1"}, {"truncate", "2"},
    };
    return cr_make_param_array(struct scribble_case, cases, sizeof cases / sizeof cases[0]);
}

/*
 * Before: SIGBUS (truncate), a session that never finished (head, ahead, many
 * random ones). Now: every mark published before the damage arrives in order,
 * main's exit is reported, and the session ends soon after (a generous bound).
 */
ParameterizedTest(struct scribble_case *sc, ring_scribble, child_damage_under_the_supervisor)
{
    struct ring_collect c = {0};
    uint64_t took = run_scribbler(sc->mode, sc->seed, &c);
    int64_t next = 0;
    for (size_t i = 0; i < c.n && next < 50; i++) {
        if (c.ev[i].type == PS_EV_MARK && c.ev[i].a == next) {
            next++;
        }
    }
    cr_assert_eq(next, 50, "%s/%s: every mark before the damage, in order", sc->mode, sc->seed);
    cr_assert_geq(ring_collect_count(&c, PS_EV_PROC_EXIT), 1, "main's exit is reported");
    if (strcmp(sc->mode, "head") == 0 || strcmp(sc->mode, "back") == 0) {
        cr_assert_geq(ring_collect_count(&c, PS_EV_RING_CORRUPT), 1, "ring.corrupt is reported");
    }
    cr_assert_lt(took, UINT64_C(10000000000), "%s/%s: ended %.2f s after main's exit", sc->mode,
                 sc->seed, (double)took / 1e9);
    ring_collect_free(&c);
}
