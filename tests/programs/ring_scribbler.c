/* SPDX-License-Identifier: MIT */
/*
 * Test program: a child that damages the session's ring, as untrusted code
 * may. Usage: ring_scribbler MODE SEED [MARKS]. It emits MARKS marks
 * (a = 0, 1, …, default 50), waits (a few seconds at most) until the reader
 * has taken them all, damages the ring as MODE says with a PRNG seeded by
 * SEED, emits 20 more marks (which may be lost) and exits 0. MODE is one of
 * bytes, words, forge, head, back, ahead, truncate, or any (one of them per
 * seed). The supervisor must survive all of it, deliver the first MARKS marks
 * and finish once this process is gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/ring.h"
#include "core/ring_internal.h"

static const char *const modes[] = {"bytes", "words", "forge", "head", "back", "ahead", "truncate"};
#define MODES (sizeof modes / sizeof modes[0])

static uint64_t rng_state;

/* xorshift64*: a reproducible stream of random words. */
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* Emit marks a = from .. from + n - 1; with `retry`, a dropped one is tried again (a while). */
static void emit_marks(struct ps_ring *ring, int64_t from, int64_t n, bool retry)
{
    for (int64_t i = from; i < from + n; i++) {
        struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid(), .a = i};
        for (int k = 0; ps_ring_emit(ring, &ev, 0) == -ENOBUFS && retry && k < 1000; k++) {
        }
    }
}

/* Wait until the reader has freed the slot before `head`: all marks before it were read. */
static void wait_read(struct ps_ring *ring, uint64_t head)
{
    uint64_t last = head - 1;
    for (int i = 0; i < 5000; i++) {
        uint64_t seq = atomic_load(ps_ring_seq(ring, last)) & ~PS_RING_CONT;
        if (seq - last >= ring->capacity && seq - last < (UINT64_C(1) << 62)) {
            return;
        }
        ps_clock_sleep_ns(1000000);
    }
}

/* Write random words at random places of the mapping (header included). */
static void scribble_words(struct ps_ring *ring, unsigned count)
{
    uint64_t *words = (uint64_t *)(void *)ring->shm;
    size_t n = ring->map_size / sizeof *words;
    for (unsigned i = 0; i < count; i++) {
        words[rnd() % n] = rnd() % 4 == 0 ? rnd() % 1024 : rnd();
    }
}

/* Random bytes over a random stretch of the mapping. */
static void scribble_bytes(struct ps_ring *ring)
{
    unsigned char *map = (unsigned char *)ring->shm;
    size_t from = rnd() % ring->map_size;
    size_t len = rnd() % (ring->map_size - from) + 1;
    for (size_t i = 0; i < len; i++) {
        map[from + i] = (unsigned char)rnd();
    }
}

/* Slots that look published (seq = position + 1) around the head, with random contents. */
static void forge_slots(struct ps_ring *ring)
{
    uint64_t head = atomic_load(&ring->shm->head);
    for (unsigned i = 0; i < 64; i++) {
        uint64_t q = head + rnd() % (2u * ring->capacity) - ring->capacity / 2;
        struct ps_event_rec *rec = ps_ring_slot(ring, q);
        uint64_t words[8];
        for (size_t k = 0; k < 8; k++) {
            words[k] = rnd();
        }
        memcpy(rec, words, sizeof words);
        rec->type = (uint8_t)(rnd() % 4 == 0 ? rnd() : PS_EV_MARK);
        rec->text_len = (uint16_t)(rnd() % 2 ? rnd() % 1200 : rnd());
        atomic_store(ps_ring_seq(ring, q), rnd() % 2 ? q + 1 : (q + 1) | PS_RING_CONT);
    }
}

/* Damage the ring as `mode` says. */
static void damage(struct ps_ring *ring, const char *mode)
{
    uint64_t head = atomic_load(&ring->shm->head);
    if (strcmp(mode, "bytes") == 0) {
        scribble_bytes(ring);
    } else if (strcmp(mode, "words") == 0) {
        scribble_words(ring, 1 + (unsigned)(rnd() % 200));
    } else if (strcmp(mode, "forge") == 0) {
        forge_slots(ring);
    } else if (strcmp(mode, "head") == 0) {
        atomic_store(&ring->shm->head, head + (UINT64_C(1) << (20 + rnd() % 40)));
    } else if (strcmp(mode, "back") == 0) {
        atomic_store(&ring->shm->head, head - 1 - rnd() % 100000);
    } else if (strcmp(mode, "ahead") == 0) { /* a garbage word in the slots just past the head */
        atomic_store(ps_ring_seq(ring, head + rnd() % PS_EVENT_MAX_SLOTS), rnd());
    } else if (strcmp(mode, "truncate") == 0) {
        int fd = ring->fd;
        if (ftruncate(fd, (off_t)(rnd() % 512)) == 0) {
            fprintf(stderr, "ring_scribbler: the ring could be truncated\n");
        }
        fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, (off_t)ring->map_size);
    }
}

int main(int argc, char **argv)
{
    struct ps_ring ring;
    const char *env = getenv("PROCSCOPE_RING_FD");
    if (argc < 3 || env == NULL || ps_ring_attach(&ring, dup(atoi(env))) < 0) {
        fprintf(stderr, "usage: ring_scribbler MODE SEED [MARKS] (under procscope)\n");
        return 2;
    }
    const char *mode = argv[1];
    rng_state = strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15ull + 1;
    int64_t marks = argc > 3 ? strtoll(argv[3], NULL, 10) : 50;
    if (strcmp(mode, "any") == 0) {
        mode = modes[rnd() % MODES];
    }
    emit_marks(&ring, 0, marks, true);
    wait_read(&ring, atomic_load(&ring.shm->head));
    damage(&ring, mode);
    emit_marks(&ring, marks, 20, false);
    ps_ring_close(&ring);
    return 0;
}
