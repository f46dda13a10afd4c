/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "core/clock.h"
#include "core/env.h"
#include "core/ring.h"
#include "probe/probe.h"
#include "probe/probe_fork.h"
#include "support/ring_collect.h"

TestSuite(probe, .timeout = 30);

static struct ps_ring ring;

/* Create a ring and point the probe's environment at it. */
static void attach_probe(void)
{
    char fd[16];
    cr_assert_eq(ps_ring_create(&ring, 1024), 0);
    snprintf(fd, sizeof fd, "%d", ps_ring_fd(&ring));
    setenv(PS_ENV_RING_FD, fd, 1);
    cr_assert_eq(ps_probe_init(), 0);
    cr_assert(ps_probe_active());
    cr_assert_eq(ps_probe_init(), 0, "again is a no-op");
}

/*
 * fork() whose child the plain-fork announcer leaves alone (probe/probe_fork.h):
 * these tests count only the events they emit themselves.
 */
static pid_t fork_unannounced(void)
{
    ps_probe_fork_managed(true);
    pid_t pid = fork();
    ps_probe_fork_managed(false);
    return pid;
}

Test(probe, is_a_noop_without_environment)
{
    unsetenv(PS_ENV_RING_FD);
    cr_assert_eq(ps_probe_init(), -ENOENT);
    cr_assert_not(ps_probe_active());
    cr_assert_eq(ps_probe_emit(PS_EV_MARK, 0, 0, 1, 2, "x", 1), -ENODEV);
    cr_assert_eq(ps_emit_output(1, "line", PS_EMIT_STR), -ENODEV);
    cr_assert_eq(ps_probe_mark("m"), -ENODEV);
    cr_assert_eq(ps_probe_pid(), getpid());
    uint32_t first = ps_probe_new_object_id();
    cr_assert_geq(first, 1);
    cr_assert_eq(ps_probe_new_object_id(), first + 1);
}

/* Parameters cross into the test's process by value: no pointers. */
struct env_value {
    char text[16];
};

ParameterizedTestParameters(probe, stays_inactive_with_a_bad_variable)
{
    static struct env_value values[] = {{""}, {"abc"}, {"-1"}, {"12x"}, {"2147483648"}, {"999999"}};
    return cr_make_param_array(struct env_value, values, sizeof values / sizeof values[0]);
}

ParameterizedTest(struct env_value *value, probe, stays_inactive_with_a_bad_variable)
{
    setenv(PS_ENV_RING_FD, value->text, 1);
    cr_assert_lt(ps_probe_init(), 0);
    cr_assert_not(ps_probe_active());
    cr_assert_eq(ps_probe_mark("m"), -ENODEV);
}

Test(probe, stays_inactive_when_the_fd_is_not_a_ring)
{
    char buf[16];
    int fd = open("/dev/null", O_RDONLY);
    cr_assert_geq(fd, 0);
    snprintf(buf, sizeof buf, "%d", fd);
    setenv(PS_ENV_RING_FD, buf, 1);
    cr_assert_eq(ps_probe_init(), -EPROTO);
    int mem = memfd_create("procscope-test-not-a-ring", MFD_CLOEXEC);
    cr_assert_eq(ftruncate(mem, 512 + 64 * 64), 0);
    snprintf(buf, sizeof buf, "%d", mem);
    setenv(PS_ENV_RING_FD, buf, 1);
    cr_assert_eq(ps_probe_init(), -EPROTO, "zeroed memory is no ring");
    cr_assert_not(ps_probe_active());
}

Test(probe, emits_into_the_ring)
{
    struct ring_collect c = {0};
    char long_text[5000];
    memset(long_text, 'y', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    attach_probe();
    cr_assert_eq(ps_emit_pipe_send(5, 12, 1, "hello", 5), 0);
    cr_assert_eq(ps_emit_output(1, long_text, PS_EMIT_STR), 0);
    cr_assert_eq(ps_probe_mark("here"), 0);
    cr_assert_eq(ps_probe_emit(PS_EV__COUNT, 0, 0, 0, 0, NULL, 0), -EINVAL);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 3);
    cr_assert_eq(c.ev[0].type, PS_EV_PIPE_SEND);
    cr_assert_eq(c.ev[0].pid, getpid());
    cr_assert_eq(c.ev[0].obj, 5);
    cr_assert_eq(c.ev[0].a, 12);
    cr_assert_str_eq(c.ev[0].text, "hello");
    cr_assert_gt(c.ev[0].t_ns, 0);
    cr_assert_eq(c.ev[1].text_len, PS_EVENT_TEXT_MAX);
    cr_assert_eq(c.ev[1].flags, PS_EVF_TEXT_CUT);
    cr_assert_str_eq(c.ev[2].text, "here");
    cr_assert_leq(c.ev[0].t_ns, c.ev[2].t_ns);
    ring_collect_free(&c);
}

Test(probe, stamps_the_child_pid_after_fork)
{
    struct ring_collect c = {0};
    attach_probe();
    cr_assert_eq(ps_probe_mark("parent"), 0);
    pid_t pid = fork_unannounced();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        bool ok = ps_probe_pid() == getpid() && ps_probe_mark("child") == 0;
        _exit(ok ? 0 : 1);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    cr_assert_eq(ps_probe_mark("parent again"), 0);
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 3);
    cr_assert_eq(c.ev[0].pid, getpid());
    cr_assert_str_eq(c.ev[1].text, "child");
    cr_assert_eq(c.ev[1].pid, pid);
    cr_assert_eq(c.ev[2].pid, getpid());
    ring_collect_free(&c);
}

/* How far a converted TSC stamp may lie outside the clock_gettime() reads around its emit. */
#define STAMP_TOL_NS 10000u

/* The probe stamps with the ring's clock, in the parent and in a forked child alike. */
Test(probe, stamps_monotonic_time_before_and_after_fork)
{
    struct ring_collect c = {0};
    uint64_t lo[3], hi[3];
    attach_probe();
    lo[0] = ps_clock_mono_ns();
    cr_assert_eq(ps_probe_mark("parent"), 0);
    hi[0] = lo[1] = ps_clock_mono_ns();
    pid_t pid = fork_unannounced();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        _exit(ps_probe_mark("child") == 0 ? 0 : 1);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    hi[1] = lo[2] = ps_clock_mono_ns();
    cr_assert_eq(ps_probe_mark("parent again"), 0);
    hi[2] = ps_clock_mono_ns();
    bool tsc = ps_ring_clock(&ring) == PS_RING_CLOCK_TSC;
    cr_assert_eq(tsc, ps_clock_tsc_usable(), "the TSC wherever the kernel keeps time on it");
    for (uint64_t i = 0; i < 3; i++) {
        const struct ps_event_rec *rec =
            (const struct ps_event_rec *)(const void *)(ring.slots + i * PS_EVENT_REC_SIZE);
        cr_assert_eq((rec->flags & PS_RING_RECF_TICKS) != 0, tsc,
                     "event %lu stamped as the ring says", i);
    }
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), 3);
    cr_assert_eq(c.ev[1].pid, pid);
    for (size_t i = 0; i < 3; i++) {
        cr_assert_geq(c.ev[i].t_ns + STAMP_TOL_NS, lo[i], "event %zu before its emit", i);
        cr_assert_leq(c.ev[i].t_ns, hi[i] + STAMP_TOL_NS, "event %zu after its emit", i);
    }
    ring_collect_free(&c);
}

Test(probe, object_ids_are_unique_across_processes)
{
    struct ring_collect c = {0};
    enum { PROCS = 3, IDS = 100 };
    pid_t pids[PROCS];
    attach_probe();
    for (int k = 0; k < PROCS; k++) {
        pids[k] = fork_unannounced();
        cr_assert_geq(pids[k], 0);
        if (pids[k] == 0) {
            for (int i = 0; i < IDS; i++) {
                ps_probe_emit(PS_EV_LOCK_NEW, ps_probe_new_object_id(), 0, 0, 0, NULL, 0);
            }
            _exit(0);
        }
    }
    for (int i = 0; i < IDS; i++) {
        ps_probe_emit(PS_EV_LOCK_NEW, ps_probe_new_object_id(), 0, 0, 0, NULL, 0);
    }
    for (int k = 0; k < PROCS; k++) {
        cr_assert_eq(waitpid(pids[k], NULL, 0), pids[k]);
    }
    cr_assert_eq(ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX), (PROCS + 1) * IDS);
    static bool seen[(PROCS + 1) * IDS + 1];
    for (size_t i = 0; i < c.n; i++) {
        uint32_t id = c.ev[i].obj;
        cr_assert(id >= 1 && id <= (PROCS + 1) * IDS, "id %u in range", id);
        cr_assert_not(seen[id], "id %u handed out twice", id);
        seen[id] = true;
    }
    ring_collect_free(&c);
}

Test(probe, echo_follows_the_environment)
{
    setenv(PS_ENV_ECHO, "1", 1);
    unsetenv(PS_ENV_RING_FD);
    ps_probe_init();
    cr_assert(ps_probe_echo());
    setenv(PS_ENV_ECHO, "0", 1);
    ps_probe_init();
    cr_assert_not(ps_probe_echo());
}
