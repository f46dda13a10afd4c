/* SPDX-License-Identifier: MIT */
#include "core/ring.h"

/*
 * The model: a bounded multi-producer single-consumer queue with one
 * sequence word per slot (Vyukov's bounded queue), positions free-running
 * uint64_t, index = position & mask.
 *
 * Slot states, for the slot at ring position p (seq is its first word):
 *   seq == p                 free for this lap (or reserved, not yet published)
 *   seq == p + 1             a published head (struct ps_event_rec)
 *   seq == (p + 1) | CONT    a published continuation (struct ps_event_cont)
 * Anything else at the read position is garbage and is skipped as torn.
 *
 * Producer: load the head p; the event needs n slots; when slot p+n-1 says
 * "free for this lap" (seq == p+n-1), CAS the head from p to p+n. Because the
 * reader frees slots strictly in position order, slot p+n-1 being free means
 * slots p .. p+n-2 are free too. Fill the slots, then publish: continuations
 * first, the head last, each with a release CAS from "free" to "published".
 * A reader that sees the head published therefore sees its continuations.
 *
 * Consumer: at position p wait for seq == p+1, copy the event (head and
 * continuations), then free each slot in increasing position order with
 * seq = position + capacity (a release store). A slot still unpublished at
 * the read position while the head is past it belongs to a producer that is
 * slow, stopped or dead: after the torn deadline (time outside pauses) the
 * reader CASes its seq from p to p + capacity and counts it torn. A producer
 * that then tries to publish fails its CAS and reports -EIO instead of
 * overwriting a slot it no longer owns. Continuations of a torn head are
 * freed (and counted torn) as the reader meets them.
 *
 * Memory-ordering pairs:
 *   A  reader's release store of seq = p + capacity (ps_ring_free)
 *      -> producer's acquire load of seq in ps_ring_reserve: the reader's copy
 *         of the slot happens before the producer's new writes.
 *   B  producer's release CAS seq = p + 1 (ps_ring_publish)
 *      -> reader's acquire load of seq in ps_ring_drain: the slot's contents
 *         (and, for a head, its continuations published before it) are visible.
 *   C  reader's torn CAS p -> p + capacity (relaxed is enough: whoever wins
 *      owns the slot; the loser writes nothing into the seq word).
 *   D  supervisor's release store of gate permits -> producer's acquire CAS
 *      taking one (no data rides on it; the order is what matters).
 * The head, drop, torn and object counters are relaxed: they carry no data.
 *
 * Accepted residual risk: a producer stalled longer than the torn deadline
 * between reserve and publish may scribble over the slot after the reader
 * skipped it and another producer reused it a lap later; the reader validates
 * every record and counts a bad one as torn, so this never crashes the reader.
 */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/ring_internal.h"

static bool ps_ring_size_ok(uint32_t slots)
{
    return slots >= PS_RING_MIN_SLOTS && slots <= PS_RING_MAX_SLOTS && (slots & (slots - 1)) == 0;
}

/* Fill in the handle's process-local view of a mapping. */
static void ps_ring_setup(struct ps_ring *ring, void *map, size_t size, uint32_t slots, int fd)
{
    memset(ring, 0, sizeof *ring);
    ring->shm = map;
    ring->slots = (unsigned char *)map + PS_RING_HDR_SIZE;
    ring->map_size = size;
    ring->capacity = slots;
    ring->mask = slots - 1u;
    ring->fd = fd;
    ring->wake_fd = -1;
    ring->torn_deadline_ns = PS_RING_TORN_DEADLINE_NS;
}

/* Use the TSC calibration `cal` for stamping and converting (creator and attacher alike). */
static void ps_ring_use_tsc(struct ps_ring *ring, const struct ps_clock_tsc *cal)
{
    ring->tsc = true;
    ring->tsc_cal = *cal;
    ring->tsc_origin = *cal;
    ring->tsc_sync_at = cal->ns + PS_RING_TSC_SYNC_NS;
}

/* Initialise a new ring's header and mark every slot free for the first lap. */
static void ps_ring_init_header(struct ps_ring *ring, uint32_t slots, enum ps_ring_clock clock)
{
    struct ps_ring_shm *shm = ring->shm;
    struct ps_clock_tsc cal;
    if (clock == PS_RING_CLOCK_TSC && ps_clock_tsc_usable() &&
        ps_clock_tsc_calibrate(&cal, PS_RING_TSC_CALIBRATE_NS) == 0) {
        ps_ring_use_tsc(ring, &cal);
        shm->tsc = cal;
        shm->clock = PS_RING_CLOCK_TSC;
    }
    shm->version = PS_EVENT_VERSION;
    shm->capacity = slots;
    shm->hdr_size = PS_RING_HDR_SIZE;
    shm->supervisor_pid = (int32_t)getpid();
    for (uint64_t i = 0; i < slots; i++) {
        atomic_init(ps_ring_seq(ring, i), i);
    }
    shm->magic = PS_RING_MAGIC;
}

int ps_ring_create(struct ps_ring *ring, uint32_t slots)
{
    return ps_ring_create_clock(ring, slots, PS_RING_CLOCK_TSC);
}

/*
 * A new memfd of `size` bytes that nobody can resize: a child that shrank it
 * would make every access past the new end fault (SIGBUS) in the reader.
 * Kept clear of stdio: a child's dup2 onto 0-2 must not hit it. Returns the
 * fd or -errno.
 */
static int ps_ring_memfd(size_t size)
{
    char name[48];
    snprintf(name, sizeof name, "procscope-ring-%ld", (long)getpid());
    int fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd >= 0 && fd <= 2) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        close(fd);
        fd = high;
    }
    if (fd < 0) {
        return -errno;
    }
    if (ftruncate(fd, (off_t)size) < 0 ||
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) < 0) {
        int err = -errno;
        close(fd);
        return err;
    }
    return fd;
}

/* The reader's wake-up eventfd (close-on-exec, clear of stdio), or -1: then it wakes on time. */
static int ps_ring_eventfd(void)
{
    int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (fd >= 0 && fd <= 2) {
        int high = fcntl(fd, F_DUPFD_CLOEXEC, 3);
        close(fd);
        fd = high;
    }
    return fd;
}

/* The header's wake fd when it is an eventfd this process has (a child inherits it), or -1. */
static int ps_ring_header_wake_fd(const struct ps_ring_shm *hdr)
{
    char path[48], link[64];
    int fd = hdr->wake_fd;
    if (fd < 3) {
        return -1;
    }
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n < 0) {
        return -1;
    }
    link[n] = '\0';
    return strcmp(link, "anon_inode:[eventfd]") == 0 ? fd : -1;
}

int ps_ring_inherit(const struct ps_ring *ring)
{
    if (fcntl(ring->fd, F_SETFD, 0) < 0 ||
        (ring->wake_fd >= 0 && fcntl(ring->wake_fd, F_SETFD, 0) < 0)) {
        return -errno;
    }
    return 0;
}

int ps_ring_create_clock(struct ps_ring *ring, uint32_t slots, enum ps_ring_clock clock)
{
    if (slots == 0) {
        slots = PS_RING_DEFAULT_SLOTS;
    }
    if (!ps_ring_size_ok(slots)) {
        return -EINVAL;
    }
    size_t size = PS_RING_HDR_SIZE + (size_t)slots * PS_EVENT_REC_SIZE;
    int fd = ps_ring_memfd(size);
    if (fd < 0) {
        return fd;
    }
    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        int err = -errno;
        close(fd);
        return err;
    }
    ps_ring_setup(ring, map, size, slots, fd);
    ps_ring_init_header(ring, slots, clock);
    ring->wake_fd = ps_ring_eventfd();
    ring->wake_own = ring->wake_fd >= 0;
    ring->shm->wake_fd = ring->wake_fd;
    return 0;
}

/* Check a header copied out of shared memory against the file size. */
static int ps_ring_check_header(const struct ps_ring_shm *hdr, size_t file_size)
{
    if (hdr->magic != PS_RING_MAGIC || hdr->version != PS_EVENT_VERSION ||
        hdr->hdr_size != PS_RING_HDR_SIZE || !ps_ring_size_ok(hdr->capacity) ||
        hdr->supervisor_pid <= 0) {
        return -EPROTO;
    }
    if (file_size != PS_RING_HDR_SIZE + (size_t)hdr->capacity * PS_EVENT_REC_SIZE) {
        return -EPROTO;
    }
    return 0;
}

/* True when a header's TSC calibration is plausible here and now: it converts now to now. */
static bool ps_ring_tsc_header_ok(const struct ps_ring_shm *hdr)
{
    if (hdr->clock != PS_RING_CLOCK_TSC || !PS_CLOCK_HAVE_TSC || !ps_clock_tsc_valid(&hdr->tsc)) {
        return false;
    }
    uint64_t ticks = ps_clock_ticks();
    uint64_t now = ps_clock_mono_ns();
    if (hdr->tsc.ticks > ticks || hdr->tsc.ns > now) {
        return false;
    }
    uint64_t at = ps_clock_tsc_to_ns(&hdr->tsc, ticks);
    uint64_t off = at > now ? at - now : now - at;
    /* A fit from the creator is off by some ppm of its age; 0.1 % means a wrong rate. */
    return off <= PS_RING_TSC_ATTACH_SLACK_NS + (now - hdr->tsc.ns) / 1000u;
}

int ps_ring_attach(struct ps_ring *ring, int fd)
{
    struct stat st;
    struct ps_ring_shm hdr;

    if (fstat(fd, &st) < 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode) || st.st_size < (off_t)PS_RING_HDR_SIZE ||
        (uint64_t)st.st_size > PS_RING_HDR_SIZE + (uint64_t)PS_RING_MAX_SLOTS * PS_EVENT_REC_SIZE) {
        return -EPROTO;
    }
    size_t size = (size_t)st.st_size;
    void *map = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        return -errno;
    }
    memcpy(&hdr, map, sizeof hdr);
    int err = ps_ring_check_header(&hdr, size);
    if (err < 0) {
        munmap(map, size);
        return err;
    }
    ps_ring_setup(ring, map, size, hdr.capacity, fd);
    ring->wake_fd = ps_ring_header_wake_fd(&hdr);
    if (ps_ring_tsc_header_ok(&hdr)) {
        ps_ring_use_tsc(ring, &hdr.tsc);
    }
    return 0;
}

void ps_ring_close(struct ps_ring *ring)
{
    if (ring->shm != NULL) {
        munmap(ring->shm, ring->map_size);
        ring->shm = NULL;
    }
    if (ring->fd >= 0 && ring->map_size != 0) {
        close(ring->fd);
    }
    if (ring->wake_own && ring->wake_fd >= 0) {
        close(ring->wake_fd);
    }
    ring->wake_own = false;
    ring->wake_fd = -1;
    ring->fd = -1;
    ring->map_size = 0;
}

int ps_ring_fd(const struct ps_ring *ring)
{
    return ring->shm ? ring->fd : -1;
}

uint32_t ps_ring_capacity(const struct ps_ring *ring)
{
    return ring->capacity;
}

enum ps_ring_clock ps_ring_clock(const struct ps_ring *ring)
{
    return ring->tsc ? PS_RING_CLOCK_TSC : PS_RING_CLOCK_MONO;
}

/*
 * One round of waiting for room in a full ring: spin, then yield, then nap,
 * for at most PS_RING_FULL_WAIT_NS in all. Returns 0 to retry, or the error.
 */
static int ps_ring_full_wait(struct ps_ring *ring, unsigned flags, unsigned *round, uint64_t *since)
{
    if (flags & PS_RING_EMIT_TRY) {
        return -EAGAIN;
    }
    unsigned r = (*round)++;
    if (r < 64) {
        ps_ring_cpu_relax();
        return 0;
    }
    uint64_t now = ps_clock_mono_ns();
    if (*since == 0) {
        *since = now;
    } else if (now - *since > PS_RING_FULL_WAIT_NS) {
        atomic_fetch_add_explicit(&ring->shm->drops, 1, memory_order_relaxed);
        return -ENOBUFS;
    }
    if (r < 96) {
        sched_yield();
    } else {
        ps_clock_sleep_ns(50000);
    }
    return 0;
}

/* ps_ring_reserve for `ev` (NULL: unknown), which the step gate lists while it waits. */
static int ps_ring_reserve_ev(struct ps_ring *ring, unsigned n, unsigned flags, uint64_t *pos,
                              const struct ps_event *ev)
{
    struct ps_ring_shm *shm = ring->shm;
    unsigned round = 0;
    uint64_t since = 0;

    if (n == 0 || n > PS_EVENT_MAX_SLOTS) {
        return -EINVAL;
    }
    if (atomic_load_explicit(&shm->gate_on, memory_order_relaxed) &&
        !(flags & PS_RING_EMIT_NOGATE)) {
        ps_ring_gate_pass(ring, ev);
    }
    uint64_t p = atomic_load_explicit(&shm->head, memory_order_relaxed);
    for (;;) {
        uint64_t last = p + n - 1;
        /* A: acquire pairs with the reader's release free in ps_ring_free. */
        uint64_t seq = atomic_load_explicit(ps_ring_seq(ring, last), memory_order_acquire);
        int64_t diff = (int64_t)((seq & ~PS_RING_CONT) - last);
        if (diff == 0) {
            /* seq_cst (the same lock cmpxchg on x86): see ps_ring_sleep_begin. */
            if (atomic_compare_exchange_weak_explicit(&shm->head, &p, p + n, memory_order_seq_cst,
                                                      memory_order_relaxed)) {
                *pos = p;
                return 0;
            }
            continue;
        }
        /* Full (diff < 0), or a slot ahead of an unmoved head: only garbage does that. */
        uint64_t now = atomic_load_explicit(&shm->head, memory_order_relaxed);
        if (diff < 0 || now == p) {
            int err = ps_ring_full_wait(ring, flags, &round, &since);
            if (err < 0) {
                return err;
            }
        }
        p = now;
    }
}

int ps_ring_reserve(struct ps_ring *ring, unsigned n, unsigned flags, uint64_t *pos)
{
    return ps_ring_reserve_ev(ring, n, flags, pos, NULL);
}

/* Copy an event into its reserved slots (head at `p`, `n` slots in all), stamping it if need be. */
static void ps_ring_fill(struct ps_ring *ring, uint64_t p, unsigned n, const struct ps_event *ev,
                         size_t len, uint8_t flags)
{
    struct ps_event_rec *rec = ps_ring_slot(ring, p);
    if (ev->t_ns != 0) {
        rec->t_ns = ev->t_ns;
    } else if (ring->tsc) {
        rec->t_ns = ps_clock_ticks();
        flags |= PS_RING_RECF_TICKS;
    } else {
        rec->t_ns = ps_clock_mono_ns();
    }
    rec->pid = ev->pid;
    rec->type = (uint8_t)ev->type;
    rec->flags = flags;
    rec->text_len = (uint16_t)len;
    rec->obj = ev->obj;
    rec->peer = ev->peer;
    rec->a = ev->a;
    rec->b = ev->b;
    size_t first = len < PS_EVENT_INLINE_TEXT ? len : PS_EVENT_INLINE_TEXT;
    if (first > 0) {
        memcpy(rec->text, ev->text, first);
    }
    size_t off = first;
    for (unsigned k = 1; k < n; k++) {
        struct ps_event_cont *cont = (struct ps_event_cont *)(void *)ps_ring_slot(ring, p + k);
        size_t chunk = len - off < PS_EVENT_CONT_TEXT ? len - off : PS_EVENT_CONT_TEXT;
        memcpy(cont->text, ev->text + off, chunk);
        off += chunk;
    }
}

/*
 * Publish the `n` slots at `p`: continuations first, the head last. Returns 0,
 * or -EIO when the reader had already skipped one of them as torn.
 */
static int ps_ring_publish(struct ps_ring *ring, uint64_t p, unsigned n)
{
    int err = 0;
    for (unsigned k = 1; k < n; k++) {
        uint64_t expect = p + k;
        /* B: release pairs with the reader's acquire load in ps_ring_drain. */
        if (!atomic_compare_exchange_strong_explicit(ps_ring_seq(ring, p + k), &expect,
                                                     (p + k + 1) | PS_RING_CONT,
                                                     memory_order_release, memory_order_relaxed)) {
            err = -EIO;
        }
    }
    uint64_t expect = p;
    /* B: release pairs with the reader's acquire load in ps_ring_drain; seq_cst (the same
     * lock cmpxchg on x86) orders it before the load of `sleeping` (ps_ring_sleep_begin). */
    if (!atomic_compare_exchange_strong_explicit(ps_ring_seq(ring, p), &expect, p + 1,
                                                 memory_order_seq_cst, memory_order_relaxed)) {
        err = -EIO;
    }
    return err;
}

/*
 * The reader sleeps: wake it when this event ends 1/8 of the ring or more past
 * it. Only the producer that clears `sleeping` writes, so once per sleep.
 */
static void ps_ring_wake(struct ps_ring *ring, uint64_t end)
{
    struct ps_ring_shm *shm = ring->shm;
    uint64_t rd = atomic_load_explicit(&shm->read_pos, memory_order_relaxed);
    uint32_t one = 1;
    if (ring->wake_fd < 0 || end - rd < (ring->capacity >> PS_RING_WAKE_SHIFT) ||
        !atomic_compare_exchange_strong_explicit(&shm->sleeping, &one, 0, memory_order_relaxed,
                                                 memory_order_relaxed)) {
        return;
    }
    uint64_t v = 1;
    (void)!write(ring->wake_fd, &v, sizeof v);
}

int ps_ring_emit(struct ps_ring *ring, const struct ps_event *ev, unsigned flags)
{
    uint64_t p;
    size_t len = ev->text ? ev->text_len : 0;
    uint8_t evflags = 0;

    if (ev->type == PS_EV_NONE || ev->type >= PS_EV__COUNT) {
        return -EINVAL;
    }
    if (len > PS_EVENT_TEXT_MAX) {
        len = PS_EVENT_TEXT_MAX;
        evflags = PS_EVF_TEXT_CUT;
    }
    unsigned n = ps_event_slots(len);
    int err = ps_ring_reserve_ev(ring, n, flags, &p, ev);
    if (err < 0) {
        return err;
    }
    ps_ring_fill(ring, p, n, ev, len, evflags);
    err = ps_ring_publish(ring, p, n);
    if (atomic_load_explicit(&ring->shm->sleeping, memory_order_seq_cst)) {
        ps_ring_wake(ring, p + n);
    }
    return err;
}

uint32_t ps_ring_new_object_id(struct ps_ring *ring)
{
    return atomic_fetch_add_explicit(&ring->shm->next_obj, 1, memory_order_relaxed) + 1;
}
