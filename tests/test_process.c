/* SPDX-License-Identifier: MIT */
/*
 * Process: exit codes (0, positive, -15, -9), is_alive right after
 * terminate, Python's default naming counter (also in a child), repr, join
 * with a timeout, the exit handler (daemons terminated, others joined), and
 * the time-scale helper the processes sleep through.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ring.h"
#include "mp/print.h"
#include "mp/process.h"
#include "mp/timescale.h"
#include "probe/probe.h"
#include "support/ring_collect.h"

TestSuite(process, .timeout = 30);

/* Return the exit code passed as the argument. */
static int return_code(void *arg)
{
    return (int)(intptr_t)arg;
}

/* Sleep (real time) until killed. */
static int sleep_forever(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return 0;
}

/* Write the current process's name into the pipe fd given as the argument. */
static int write_my_name(void *arg)
{
    const char *name = ps_process_current_name();

    return write((int)(intptr_t)arg, name, strlen(name)) < 0;
}

/* Start p and join it; return its exit code. */
static int run_to_end(struct ps_process *p)
{
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert_eq(ps_process_join(p, -1), 0);
    return ps_process_exitcode(p);
}

Test(process, exitcode_zero_positive_and_signals)
{
    struct ps_process *ok = ps_process_new(NULL, return_code, (void *)0, NULL, false);
    struct ps_process *three = ps_process_new(NULL, return_code, (void *)3, NULL, false);
    struct ps_process *term = ps_process_new(NULL, sleep_forever, NULL, NULL, false);
    struct ps_process *killed = ps_process_new(NULL, sleep_forever, NULL, NULL, false);

    cr_assert_eq(ps_process_exitcode(ok), PS_EXITCODE_NONE);
    cr_assert_eq(run_to_end(ok), 0);
    cr_assert_eq(run_to_end(three), 3);
    cr_assert_eq(ps_process_start(term), 0);
    cr_assert_eq(ps_process_exitcode(term), PS_EXITCODE_NONE);
    cr_assert_eq(ps_process_terminate(term), 0);
    cr_assert_eq(ps_process_join(term, -1), 0);
    cr_assert_eq(ps_process_exitcode(term), -15);
    cr_assert_eq(ps_process_start(killed), 0);
    cr_assert_eq(ps_process_kill(killed), 0);
    cr_assert_eq(ps_process_join(killed, -1), 0);
    cr_assert_eq(ps_process_exitcode(killed), -9);
    cr_assert_eq(ps_process_terminate(killed), 0, "terminating an ended process is harmless");
    ps_mp_main_end();
}

/* Block SIGTERM, then wait for a byte on the pipe fd and unblock it (dying of it). */
static int die_when_told(void *arg)
{
    sigset_t set;
    char c;

    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (read((int)(intptr_t)arg, &c, 1) != 1)
        return 2;
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    return 1;
}

Test(process, is_alive_right_after_terminate_until_it_ends)
{
    int fds[2];

    cr_assert_eq(pipe(fds), 0);
    struct ps_process *p = ps_process_new(NULL, die_when_told, (void *)(intptr_t)fds[0], NULL, 0);
    cr_assert_not(ps_process_is_alive(p), "not alive before start");
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert(ps_process_is_alive(p));
    cr_assert_eq(ps_process_terminate(p), 0);
    cr_assert(ps_process_is_alive(p), "still alive right after terminate");
    cr_assert_eq(write(fds[1], "x", 1), 1);
    cr_assert_eq(ps_process_join(p, -1), 0);
    cr_assert_not(ps_process_is_alive(p));
    cr_assert_eq(ps_process_exitcode(p), -15);
    ps_mp_main_end();
}

/* A kind of its own, as a Python subclass. */
static int my_run(struct ps_process *self, void *arg)
{
    (void)self;
    (void)arg;
    return 0;
}

static const struct ps_process_kind my_kind = {"MyProcess", my_run};

Test(process, default_names_count_every_object)
{
    struct ps_process *named = ps_process_new(NULL, NULL, NULL, "myFunc process", false);
    struct ps_process *second = ps_process_new(NULL, NULL, NULL, NULL, false);
    struct ps_process *third = ps_process_new(&my_kind, NULL, NULL, NULL, true);

    cr_assert_str_eq(ps_process_name(named), "myFunc process");
    cr_assert_str_eq(ps_process_name(second), "Process-2");
    cr_assert_str_eq(ps_process_name(third), "MyProcess-3");
    cr_assert(ps_process_daemon(third));
    cr_assert_str_eq(ps_process_current_name(), "MainProcess");
    cr_assert_eq(ps_process_parent_pid(), 0);
    ps_mp_main_end();
}

/* In a child: create a process that writes its name into the pipe, run it, return. */
static int spawn_grandchild(void *arg)
{
    struct ps_process *first = ps_process_new(NULL, NULL, NULL, "x", false);
    struct ps_process *g = ps_process_new(NULL, write_my_name, arg, NULL, false);

    (void)first;
    if (g == NULL || ps_process_start(g) < 0)
        return 1;
    return 0; /* the exit handler joins g */
}

Test(process, names_in_a_child_and_its_children)
{
    int fds[2];
    char buf[64] = {0};

    cr_assert_eq(pipe(fds), 0);
    struct ps_process *a = ps_process_new(NULL, write_my_name, (void *)(intptr_t)fds[1], NULL, 0);
    struct ps_process *b = ps_process_new(NULL, spawn_grandchild, (void *)(intptr_t)fds[1], 0, 0);
    cr_assert_eq(run_to_end(a), 0);
    cr_assert_eq(read(fds[0], buf, sizeof buf - 1), 9);
    cr_assert_str_eq(buf, "Process-1");
    cr_assert_eq(run_to_end(b), 0);
    memset(buf, 0, sizeof buf);
    cr_assert_eq(read(fds[0], buf, sizeof buf - 1), 11, "the grandchild wrote before b ended");
    cr_assert_str_eq(buf, "Process-2:2");
    ps_mp_main_end();
}

Test(process, repr_as_python)
{
    char want[256], got[256];
    struct ps_process *p = ps_process_new(NULL, return_code, (void *)1, NULL, false);
    struct ps_process *q = ps_process_new(NULL, sleep_forever, NULL, "it's", true);
    int me = (int)getpid();

    snprintf(want, sizeof want, "<Process name='Process-1' parent=%d initial>", me);
    cr_assert_str_eq(ps_process_repr(p, got, sizeof got), want);
    cr_assert_eq(run_to_end(p), 1);
    snprintf(want, sizeof want, "<Process name='Process-1' pid=%d parent=%d stopped exitcode=1>",
             (int)ps_process_pid(p), me);
    cr_assert_str_eq(ps_process_repr(p, got, sizeof got), want);
    cr_assert_eq(ps_process_start(q), 0);
    snprintf(want, sizeof want, "<Process name=\"it's\" pid=%d parent=%d started daemon>",
             (int)ps_process_pid(q), me);
    cr_assert_str_eq(ps_process_repr(q, got, sizeof got), want);
    cr_assert_eq(ps_process_kill(q), 0);
    cr_assert_eq(ps_process_join(q, -1), 0);
    snprintf(want, sizeof want,
             "<Process name=\"it's\" pid=%d parent=%d stopped exitcode=-SIGKILL daemon>",
             (int)ps_process_pid(q), me);
    cr_assert_str_eq(ps_process_repr(q, got, sizeof got), want);
    cr_assert_str_eq(ps_process_repr(q, got, 8), "<Proces", "cut to the buffer");
    struct ps_process *k = ps_process_new(&my_kind, NULL, NULL, NULL, false);
    cr_assert_eq(run_to_end(k), 0);
    snprintf(want, sizeof want,
             "<MyProcess name='MyProcess-3' pid=%d parent=%d stopped exitcode=0>",
             (int)ps_process_pid(k), me);
    cr_assert_str_eq(ps_process_repr(k, got, sizeof got), want, "CPython 3.8+ shows exitcode=0");
    ps_mp_main_end();
}

Test(process, join_timeout_and_misuse)
{
    struct ps_process *p = ps_process_new(NULL, sleep_forever, NULL, NULL, false);

    cr_assert_eq(ps_process_join(p, 0.01), -EINVAL, "join before start");
    cr_assert_eq(ps_process_terminate(p), -EINVAL);
    cr_assert_eq(ps_process_start(p), 0);
    cr_assert_eq(ps_process_start(p), -EINVAL, "start twice");
    cr_assert_eq(ps_process_join(p, 0.02), -ETIMEDOUT);
    cr_assert(ps_process_is_alive(p));
    cr_assert_eq(ps_process_free(p), -EBUSY);
    cr_assert_eq(ps_process_terminate(p), 0);
    cr_assert_eq(ps_process_join(p, 20), 0);
    cr_assert_eq(ps_process_exitcode(p), -15);
    cr_assert_eq(ps_process_free(p), 0);
    ps_mp_main_end();
}

/* Sleep a little (scaled), then raise the shared flag. */
static int finish_late(void *arg)
{
    ps_sleep(0.05);
    *(volatile int *)arg = 1;
    return 0;
}

Test(process, exit_handler_terminates_daemons_and_joins_the_rest)
{
    int *flag = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    struct ps_process *d = ps_process_new(NULL, sleep_forever, NULL, NULL, true);
    struct ps_process *n = ps_process_new(NULL, finish_late, (void *)flag, NULL, false);

    cr_assert_neq(flag, MAP_FAILED);
    cr_assert_eq(ps_process_start(d), 0);
    cr_assert_eq(ps_process_start(n), 0);
    pid_t dpid = ps_process_pid(d), npid = ps_process_pid(n);
    cr_assert_eq(ps_mp_main_end(), 0, "returns although the daemon never ends by itself");
    cr_assert_eq(*(volatile int *)flag, 1, "the non-daemon was joined after it finished");
    cr_assert_eq(kill(dpid, 0), -1, "the daemon is gone and reaped");
    cr_assert_eq(kill(npid, 0), -1);
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1, "no child left");
}

Test(process, time_scale_from_the_environment)
{
    cr_assert_eq(setenv("PROCSCOPE_TIME_SCALE", "0.5", 1), 0);
    ps_time_scale_set(-1);
    cr_assert_float_eq(ps_time_scale(), 0.5, 1e-12);
    cr_assert_eq(setenv("PROCSCOPE_TIME_SCALE", "fast", 1), 0);
    ps_time_scale_set(-1);
    cr_assert_float_eq(ps_time_scale(), 1.0, 1e-12, "a bad value means 1");
    ps_time_scale_set(0);
    cr_assert_eq(ps_sleep(1e6), 0, "scale 0: no sleep (the test would time out)");
    cr_assert_eq(ps_sleep(NAN), -EINVAL);
    cr_assert_eq(ps_sleep(-3), 0);
}

/* At scale 0: print the order of wake-ups into the pipe (virtual clock). */
static int sleep_then_write(void *arg)
{
    int fd = (int)((intptr_t)arg & 0xffff);
    char tag = (char)((intptr_t)arg >> 16);

    ps_sleep(tag == 'a' ? 3 : tag == 'b' ? 1 : 2);
    return write(fd, &tag, 1) != 1;
}

Test(process, scale_zero_keeps_the_order_of_sleeps)
{
    int fds[2];
    char order[4] = {0};
    struct ps_process *p[3];

    ps_time_scale_set(0);
    cr_assert_eq(pipe(fds), 0);
    for (int i = 0; i < 3; i++) {
        p[i] = ps_process_new(NULL, sleep_then_write,
                              (void *)(((intptr_t)('a' + i) << 16) | fds[1]), NULL, false);
        cr_assert_eq(ps_process_start(p[i]), 0);
    }
    for (int i = 0; i < 3; i++)
        cr_assert_eq(ps_process_join(p[i], -1), 0);
    cr_assert_eq(read(fds[0], order, 3), 3);
    cr_assert_str_eq(order, "bca", "woken in the order of their virtual wake times");
    ps_mp_main_end();
}

Test(process, workers_forked_by_hand_share_the_counter_and_the_child_protocol)
{
    struct ps_process *a = ps_process_new(NULL, NULL, NULL, NULL, false);
    int fds[2], status;
    char buf[32] = {0};

    cr_assert_eq(ps_process_next_number(), 2, "a worker takes the next number");
    cr_assert_str_eq(ps_process_name(ps_process_new(NULL, NULL, NULL, NULL, false)), "Process-3");
    cr_assert_str_eq(ps_process_name(a), "Process-1");
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        ps_process_child_begin("ForkPoolWorker-2", true);
        if (write(fds[1], ps_process_current_name(), 16) != 16 || ps_process_parent_pid() <= 0)
            ps_process_child_end(1);
        ps_process_child_end(0x104);
    }
    cr_assert_gt(pid, 0);
    cr_assert_eq(read(fds[0], buf, 16), 16);
    cr_assert_str_eq(buf, "ForkPoolWorker-2");
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status));
    cr_assert_eq(WEXITSTATUS(status), 4, "the code is cut to 8 bits");
    ps_mp_main_end();
}

/* print("a \n"): two output events. */
static int print_two_lines(void *arg)
{
    (void)arg;
    return ps_print("a %s", "\n") != 0;
}

/* The first event of `type` emitted by `pid` about `peer`, or NULL. */
static const struct ps_event *find_event(const struct ring_collect *c, unsigned type, pid_t pid,
                                         pid_t peer)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->ev[i].type == type && c->ev[i].pid == pid && c->ev[i].peer == peer)
            return &c->ev[i];
    return NULL;
}

Test(process, events_of_lifecycles_and_printed_lines)
{
    static struct ps_ring ring;
    struct ring_collect c = {0};
    const struct ps_event *ev;

    ring_collect_attach(&ring);
    struct ps_process *p = ps_process_new(NULL, return_code, (void *)3, NULL, false);
    struct ps_process *q = ps_process_new(NULL, sleep_forever, NULL, NULL, true);
    struct ps_process *r = ps_process_new(NULL, print_two_lines, NULL, NULL, false);
    cr_assert_eq(run_to_end(p), 3);
    cr_assert_eq(ps_process_start(q), 0);
    cr_assert_eq(ps_process_terminate(q), 0);
    cr_assert_eq(ps_process_join(q, -1), 0);
    cr_assert_eq(run_to_end(r), 0);
    ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);
    pid_t me = getpid(), pp = ps_process_pid(p), qp = ps_process_pid(q);

    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_SPAWN, me, pp));
    cr_assert(ev->obj == 1 && ev->a == 0 && strcmp(ev->text, "Process-1") == 0);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_START, pp, me));
    cr_assert(ev->a == 0 && strcmp(ev->text, "Process-1") == 0);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_EXIT, pp, pp));
    cr_assert_eq(ev->a, 3);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_JOIN, me, pp));
    cr_assert(ev->a == 3 && ev->b == 0);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_SPAWN, me, qp));
    cr_assert(ev->obj == 2 && ev->a == 1 && strcmp(ev->text, "Process-2") == 0);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_TERMINATE, me, qp));
    cr_assert_eq(ev->a, 15);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_SIGNALLED, me, qp));
    cr_assert_eq(ev->a, 15);
    cr_assert_not_null(ev = find_event(&c, PS_EV_PROC_JOIN, me, qp));
    cr_assert_eq(ev->a, -15);
    cr_assert_null(find_event(&c, PS_EV_PROC_EXIT, qp, qp), "a terminated child reports no exit");
    long at = ring_collect_find(&c, PS_EV_OUTPUT, 0);
    cr_assert_geq(at, 0);
    cr_assert(c.ev[at].pid == ps_process_pid(r) && c.ev[at].a == 1);
    cr_assert_str_eq(c.ev[at].text, "a ");
    at = ring_collect_find(&c, PS_EV_OUTPUT, (size_t)at + 1);
    cr_assert_geq(at, 0);
    cr_assert_str_eq(c.ev[at].text, "", "the line the trailing newline makes");
    cr_assert_eq(ring_collect_count(&c, PS_EV_OUTPUT), 2);
    ring_collect_free(&c);
    ps_mp_main_end();
}
