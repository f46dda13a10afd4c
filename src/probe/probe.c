/* SPDX-License-Identifier: MIT */
#include "probe/probe.h"

/*
 * The probe keeps one static ring handle, attached by a constructor from
 * PROCSCOPE_RING_FD. Inactive, every call is one predictable branch. Nothing
 * here allocates, locks, aborts or exits: events are written straight into
 * the ring's slots by ps_ring_emit(), stamped with the clock the supervisor
 * chose for the ring (read once, when attaching: the TSC where the kernel
 * keeps time on it, converted to CLOCK_MONOTONIC ns by the supervisor).
 */

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/env.h"
#include "core/ring.h"
#include "probe/probe_fork.h"

static struct ps_ring ps_probe_ring = {.fd = -1};
bool ps_probe_listening;
static bool ps_probe_echo_on;
static bool ps_probe_tried;
static pid_t ps_probe_cached_pid;
static _Atomic uint32_t ps_probe_local_ids;

/* After fork(), in the child: stamp events with the new pid. */
static void ps_probe_atfork_child(void)
{
    ps_probe_cached_pid = getpid();
}

/* The fd named by PROCSCOPE_RING_FD, or -errno. */
static int ps_probe_env_fd(void)
{
    const char *s = getenv(PS_ENV_RING_FD);
    const char *err = NULL;

    if (s == NULL || *s == '\0') {
        return -ENOENT;
    }
    long long fd = strtonum(s, 0, INT32_MAX, &err);
    return err ? -EINVAL : (int)fd;
}

int ps_probe_init(void)
{
    if (ps_probe_listening) {
        return 0;
    }
    if (!ps_probe_tried) {
        ps_probe_tried = true;
        ps_probe_cached_pid = getpid();
        pthread_atfork(NULL, NULL, ps_probe_atfork_child);
#ifndef PS_PROBE_NO_PLAIN_FORK /* the Python hook announces Python's processes itself */
        ps_probe_fork_hook();
#endif
    }
    const char *echo = getenv(PS_ENV_ECHO);
    ps_probe_echo_on = echo != NULL && strcmp(echo, "1") == 0;
    int fd = ps_probe_env_fd();
    if (fd < 0) {
        return fd;
    }
    int err = ps_ring_attach(&ps_probe_ring, fd);
    if (err < 0) {
        return err;
    }
    ps_probe_listening = true;
    return 0;
}

/* Attach when the program starts; any problem leaves the probe a silent no-op. */
__attribute__((constructor)) static void ps_probe_constructor(void)
{
    (void)ps_probe_init();
}

int ps_probe_emit(enum ps_event_type type, uint32_t obj, int32_t peer, int64_t a, int64_t b,
                  const char *text, size_t text_len)
{
    /* The USDT point once on either path; the inactive one is kept short (probe_usdt.h). */
    if (__builtin_expect(!ps_probe_listening, 1)) {
        PS_PROBE_USDT_EVENT(type, obj, peer, a, b, text, text_len);
        return -ENODEV;
    }
    PS_PROBE_USDT_EVENT(type, obj, peer, a, b, text, text_len);
    if (text != NULL && text_len == PS_EMIT_STR) {
        /* Never scan past what could be kept: longer text is cut and flagged. */
        text_len = strnlen(text, PS_EVENT_TEXT_MAX + 1);
    }
    struct ps_event ev = {
        .pid = ps_probe_cached_pid,
        .type = (uint16_t)type,
        .obj = obj,
        .peer = peer,
        .a = a,
        .b = b,
        .text = text,
        .text_len = text ? (text_len > UINT32_MAX ? UINT32_MAX : (uint32_t)text_len) : 0,
    };
    return ps_ring_emit(&ps_probe_ring, &ev, 0);
}

int ps_probe_mark(const char *label)
{
    return ps_emit_mark(label, PS_EMIT_STR);
}

uint32_t ps_probe_new_object_id(void)
{
    if (ps_probe_listening) {
        return ps_ring_new_object_id(&ps_probe_ring);
    }
    return atomic_fetch_add_explicit(&ps_probe_local_ids, 1, memory_order_relaxed) + 1;
}

pid_t ps_probe_pid(void)
{
    if (ps_probe_cached_pid == 0) {
        ps_probe_cached_pid = getpid();
    }
    return ps_probe_cached_pid;
}

bool ps_probe_gated(void)
{
    return ps_probe_listening && ps_ring_gate_on(&ps_probe_ring);
}

bool ps_probe_echo(void)
{
    return ps_probe_echo_on;
}
