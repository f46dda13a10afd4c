/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/parameterized.h>

#include "core/clock.h"
#include "supervisor/supervisor.h"
#include "support/ring_collect.h"
#include "support/ring_procfs.h"

TestSuite(supervisor, .timeout = 60);

#define PROGRAM(name) PS_TEST_PROGRAM_DIR "/" name

/* A string literal as the `char *` an argv holds (exec does not write to it). */
static char *S(const char *s)
{
    return (char *)(uintptr_t)s;
}

static struct ps_supervisor *start(char *const *argv, bool step)
{
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0, .step = step};
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    cr_assert_not_null(sup);
    return sup;
}

static void run_to_end(struct ps_supervisor *sup, struct ring_collect *c)
{
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = c};
    while (!ps_supervisor_finished(sup)) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 100), 0);
    }
}

/* Poll until `want` events of `type` arrived. */
static void poll_for(struct ps_supervisor *sup, struct ring_collect *c, unsigned type, size_t want)
{
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = c};
    while (ring_collect_count(c, type) < want) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 20), 0);
    }
}

Test(supervisor, runs_a_program_and_delivers_its_events)
{
    char *argv[] = {S(PROGRAM("probe_emitter")), S("100"), S("3"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    cr_assert_str_eq(ps_supervisor_info(sup)->demo, "probe_emitter");
    cr_assert_eq(ps_supervisor_info(sup)->supervisor_pid, getpid());
    run_to_end(sup, &c);

    cr_assert_eq(c.ev[0].type, PS_EV_PROC_SPAWN, "proc.spawn comes first");
    cr_assert_eq(c.ev[0].peer, main_pid);
    cr_assert_str_eq(c.ev[0].text, "MainProcess");
    cr_assert_eq(ring_collect_count(&c, PS_EV_MARK), 100);
    int64_t next = 0;
    for (size_t i = 0; i < c.n; i++) {
        cr_assert_eq(c.ev[i].seq, i);
        if (c.ev[i].type == PS_EV_MARK) {
            cr_assert_eq(c.ev[i].pid, main_pid);
            cr_assert_eq(c.ev[i].a, next++);
            cr_assert_str_eq(c.ev[i].text, "tick");
        }
    }
    long out = ring_collect_find(&c, PS_EV_STDIO, 0);
    cr_assert_geq(out, 0);
    long err = ring_collect_find(&c, PS_EV_STDIO, (size_t)out + 1);
    cr_assert_geq(err, 0);
    const struct ps_event *o = &c.ev[out], *e = &c.ev[err];
    if (o->a == 2) {
        const struct ps_event *t = o;
        o = e;
        e = t;
    }
    cr_assert_str_eq(o->text, "hello stdout");
    cr_assert_eq(o->a, 1);
    cr_assert_str_eq(e->text, "hello stderr, no newline");
    cr_assert_eq(e->a, 2);
    long exit_at = ring_collect_find(&c, PS_EV_PROC_EXIT, 0);
    cr_assert_geq(exit_at, 0);
    cr_assert_eq(c.ev[exit_at].peer, main_pid);
    cr_assert_eq(c.ev[exit_at].a, 3);

    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_eq(end.exit_status, 3);
    cr_assert_eq(end.complete, 1);
    cr_assert_eq(end.events, c.n);
    cr_assert_eq(end.drops, 0);
    ps_supervisor_free(sup);
    cr_assert_eq(procfs_count_pgid(main_pid), 0);
    cr_assert_eq(procfs_count_memfds("procscope-ring"), 0);
    ring_collect_free(&c);
}

Test(supervisor, missing_or_unexecutable_program_is_an_error)
{
    struct ps_supervisor *sup = NULL;
    char *missing[] = {S(PROGRAM("no_such_program")), NULL};
    char *in_path[] = {S("procscope-no-such-command-anywhere"), NULL};
    char *not_exec[] = {S(PS_SOURCE_DIR "/CMakeLists.txt"), NULL};
    char *dir[] = {S(PS_SOURCE_DIR), NULL};
    struct ps_supervisor_opts opts = {.argv = missing, .time_scale = -1};
    cr_assert_eq(ps_supervisor_start(&sup, &opts), -ENOENT);
    opts.argv = in_path;
    cr_assert_eq(ps_supervisor_start(&sup, &opts), -ENOENT);
    opts.argv = not_exec;
    cr_assert_eq(ps_supervisor_start(&sup, &opts), -EACCES);
    opts.argv = dir;
    cr_assert_eq(ps_supervisor_start(&sup, &opts), -EACCES);
    opts.argv = NULL;
    cr_assert_eq(ps_supervisor_start(&sup, &opts), -EINVAL);
    cr_assert_null(sup);
    cr_assert_eq(procfs_count_children(getpid()), 0);
    cr_assert_eq(procfs_count_memfds("procscope-ring"), 0);
}

Test(supervisor, finds_programs_in_path_and_reports_signal_deaths)
{
    char *argv[] = {S("sh"), S("-c"), S("echo from-sh; kill -9 $$"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    run_to_end(sup, &c);
    long line = ring_collect_find(&c, PS_EV_STDIO, 0);
    cr_assert_geq(line, 0);
    cr_assert_str_eq(c.ev[line].text, "from-sh");
    long sig = ring_collect_find(&c, PS_EV_PROC_SIGNALLED, 0);
    cr_assert_geq(sig, 0);
    cr_assert_eq(c.ev[sig].a, SIGKILL);
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_eq(end.exit_status, -SIGKILL);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, grandchildren_that_outlive_main_are_all_reaped)
{
    char *argv[] = {S(PROGRAM("grandchildren")), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    run_to_end(sup, &c);
    cr_assert_eq(ring_collect_count(&c, PS_EV_MARK), 3);
    /* main, three children and three grandchildren: each reaped here exactly once */
    cr_assert_eq(ring_collect_count(&c, PS_EV_PROC_EXIT), 4);
    cr_assert_eq(ring_collect_count(&c, PS_EV_PROC_SIGNALLED), 3);
    for (long i = ring_collect_find(&c, PS_EV_PROC_SIGNALLED, 0); i >= 0;
         i = ring_collect_find(&c, PS_EV_PROC_SIGNALLED, (size_t)i + 1)) {
        cr_assert_eq(c.ev[i].a, SIGTERM);
    }
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_eq(end.exit_status, 0);
    cr_assert_eq(procfs_count_pgid(main_pid), 0, "no process of the group, no zombie");
    cr_assert_eq(procfs_count_children(getpid()), 0);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, pause_stops_the_whole_group)
{
    char *argv[] = {S(PROGRAM("sleeper")), S("2"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    poll_for(sup, &c, PS_EV_MARK, 3);
    cr_assert_eq(ps_supervisor_pause(sup, true), 0);
    cr_assert(ps_supervisor_paused(sup));
    for (size_t i = 0; i < c.n; i++) {
        if (c.ev[i].type != PS_EV_MARK) {
            continue;
        }
        while (procfs_state(c.ev[i].pid) != 'T') { /* SIGSTOP lands asynchronously */
            ps_clock_sleep_ns(1000000);
        }
    }
    cr_assert_eq(ps_supervisor_pause(sup, false), 0);
    for (size_t i = 0; i < c.n; i++) {
        if (c.ev[i].type == PS_EV_MARK) {
            while (procfs_state(c.ev[i].pid) == 'T') {
                ps_clock_sleep_ns(1000000);
            }
        }
    }
    cr_assert_not(ps_supervisor_paused(sup));
    cr_assert_eq(ps_supervisor_pause(sup, true), 0);
    cr_assert_eq(ps_supervisor_stop(sup), 0, "stop also ends a stopped group");
    cr_assert_eq(procfs_count_pgid(main_pid), 0);
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_eq(end.complete, 0);
    cr_assert_eq(end.exit_status, -SIGTERM);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, signals_only_processes_of_the_session)
{
    char *argv[] = {S(PROGRAM("sleeper")), S("1"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    poll_for(sup, &c, PS_EV_MARK, 2);
    cr_assert_eq(ps_supervisor_signal(sup, getpid(), SIGTERM), -ESRCH);
    cr_assert_eq(ps_supervisor_signal(sup, 1, 0), -ESRCH);
    pid_t child = 0;
    for (size_t i = 0; i < c.n; i++) {
        if (c.ev[i].type == PS_EV_MARK && c.ev[i].pid != main_pid) {
            child = c.ev[i].pid;
        }
    }
    cr_assert_gt(child, 0);
    cr_assert_eq(ps_supervisor_signal(sup, child, SIGKILL), 0);
    cr_assert_eq(ps_supervisor_signal(sup, main_pid, SIGTERM), 0);
    run_to_end(sup, &c);
    cr_assert_eq(ring_collect_count(&c, PS_EV_PROC_SIGNALLED), 2);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, step_gate_lets_n_events_through)
{
    char *argv[] = {S(PROGRAM("probe_emitter")), S("20"), S("0"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, true);
    cr_assert(ps_supervisor_stepping(sup));
    cr_assert_eq(ps_supervisor_step(sup, 4), 0);
    poll_for(sup, &c, PS_EV_MARK, 4);
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = &c};
    for (int i = 0; i < 5; i++) {
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 20), 0);
    }
    cr_assert_eq(ring_collect_count(&c, PS_EV_MARK), 4);
    cr_assert_eq(ps_supervisor_set_stepping(sup, false), 0);
    cr_assert_eq(ps_supervisor_step(sup, 1), -EINVAL);
    run_to_end(sup, &c);
    cr_assert_eq(ring_collect_count(&c, PS_EV_MARK), 20);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

/*
 * A stand-in for procscope: runs `sleeper 2` under a supervisor until a
 * termination signal, then stops and frees, reporting the group id on `fd`.
 * Exits 0 when poll returned -EINTR for the expected signal.
 */
static void stand_in(int fd, int expect_sig)
{
    char *argv[] = {S(PROGRAM("sleeper")), S("2"), NULL};
    struct ring_collect c = {0};
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = &c};
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    if (ps_supervisor_install_signals() < 0 || ps_supervisor_start(&sup, &opts) < 0) {
        _exit(10);
    }
    int r = 0;
    bool told = false;
    while (r >= 0) {
        r = ps_supervisor_poll(sup, &sink, 50);
        if (!told && ring_collect_count(&c, PS_EV_MARK) == 3) {
            pid_t pgid = ps_supervisor_main_pid(sup);
            told = write(fd, &pgid, sizeof pgid) == (ssize_t)sizeof pgid;
        }
    }
    ps_supervisor_stop(sup);
    ps_supervisor_free(sup);
    bool clean = procfs_count_memfds("procscope-ring") == 0;
    _exit(r == -EINTR && ps_supervisor_pending_signal() == expect_sig && clean ? 0 : 11);
}

ParameterizedTestParameters(supervisor, termination_signal_leaves_nothing_behind)
{
    static int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    return cr_make_param_array(int, sigs, sizeof sigs / sizeof sigs[0]);
}

ParameterizedTest(int *sig, supervisor, termination_signal_leaves_nothing_behind)
{
    int fds[2];
    pid_t pgid = 0;
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        stand_in(fds[1], *sig);
    }
    close(fds[1]);
    cr_assert_eq(read(fds[0], &pgid, sizeof pgid), (ssize_t)sizeof pgid);
    cr_assert_eq(procfs_count_pgid(pgid), 3, "the demo runs with its two children");
    cr_assert_eq(kill(pid, *sig), 0);
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFEXITED(st));
    cr_assert_eq(WEXITSTATUS(st), 0, "stand-in saw -EINTR and kept no memfd");
    cr_assert_eq(procfs_count_pgid(pgid), 0, "no process of the group, no zombie");
    cr_assert_eq(procfs_count_children(getpid()), 0);
    close(fds[0]);
}

/* Whether process `pid` is gone (no such process, or a zombie nobody of ours will reap). */
static bool gone(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "re");
    if (!f) {
        return true;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *paren = strrchr(buf, ')');
    return paren && paren[1] == ' ' && paren[2] == 'Z';
}

/* Wait up to 10 s for `pid` to be gone. */
static bool wait_gone(pid_t pid)
{
    for (int i = 0; i < 1000 && !gone(pid); i++) {
        ps_clock_sleep_ns(10000000);
    }
    return gone(pid);
}

/* The pids escaper printed ("pid N" lines), up to `max`; how many. */
static size_t escaper_pids(const struct ring_collect *c, pid_t *pids, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n && n < max; i++) {
        int pid;
        if (c->ev[i].type == PS_EV_STDIO && sscanf(c->ev[i].text, "pid %d", &pid) == 1) {
            pids[n++] = pid;
        }
    }
    return n;
}

/* The event of `type` about process `peer`, or -1. */
static long find_about(const struct ring_collect *c, unsigned type, pid_t peer)
{
    for (size_t i = 0; i < c->n; i++) {
        if (c->ev[i].type == type && c->ev[i].peer == peer) {
            return (long)i;
        }
    }
    return -1;
}

Test(supervisor, setsid_setpgid_and_double_forks_end_with_the_session)
{
    char *argv[] = {S(PROGRAM("escaper")), S("300"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    cr_assert_neq(ps_supervisor_containment(sup), PS_CONTAIN_NONE);
    run_to_end(sup, &c);
    pid_t pids[3];
    cr_assert_eq(escaper_pids(&c, pids, 3), 3);
    for (int i = 0; i < 3; i++) {
        cr_assert(gone(pids[i]), "pid %d (escape %d) outlived the session", (int)pids[i], i);
        cr_assert_geq(find_about(&c, PS_EV_PROC_SIGNALLED, pids[i]), 0, "not reaped: %d", i);
    }
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, a_death_is_an_event_when_it_happens)
{
    char *argv[] = {S(PROGRAM("escaper")), S("500"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    run_to_end(sup, &c);
    long spawn = -1;
    for (size_t i = 0; i < c.n && spawn < 0; i++) {
        if (c.ev[i].type == PS_EV_PROC_SPAWN && strcmp(c.ev[i].text, "quick") == 0) {
            spawn = (long)i;
        }
    }
    cr_assert_geq(spawn, 0);
    long died = find_about(&c, PS_EV_PROC_DIED, c.ev[spawn].peer);
    long main_died = find_about(&c, PS_EV_PROC_DIED, main_pid);
    cr_assert_gt(died, spawn, "no proc.died for the quick child");
    cr_assert_eq(c.ev[died].a, 7);
    /* seen while main still slept its 500 ms, not when main ended and it was reaped */
    cr_assert_lt(died, main_died);
    cr_assert_lt(c.ev[died].t_ns + 200000000u, c.ev[main_died].t_ns);
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

Test(supervisor, the_users_signal_is_an_event)
{
    char *argv[] = {S(PROGRAM("escaper")), S("forever"), NULL};
    struct ring_collect c = {0};
    struct ps_supervisor *sup = start(argv, false);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    poll_for(sup, &c, PS_EV_PROC_SPAWN, 2);
    cr_assert_eq(ps_supervisor_signal(sup, main_pid, 999), -EINVAL);
    cr_assert_eq(ps_supervisor_signal(sup, main_pid, SIGTERM), 0);
    run_to_end(sup, &c);
    long sent = find_about(&c, PS_EV_USER_SIGNAL, main_pid);
    long died = find_about(&c, PS_EV_PROC_DIED, main_pid);
    cr_assert_geq(sent, 0);
    cr_assert_eq(c.ev[sent].a, SIGTERM);
    cr_assert_gt(died, sent);
    cr_assert_eq(c.ev[died].a, -SIGTERM);
    cr_assert_lt(died, find_about(&c, PS_EV_PROC_SIGNALLED, main_pid));
    ps_supervisor_free(sup);
    ring_collect_free(&c);
}

/* A stand-in procscope that is SIGKILLed: reports main, the escapers and the containment. */
static void killed_stand_in(int fd, bool no_cgroup)
{
    char *argv[] = {S(PROGRAM("escaper")), S("forever"), NULL};
    if (no_cgroup) {
        setenv("PROCSCOPE_NO_CGROUP", "1", 1);
    }
    struct ring_collect c = {0};
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = &c};
    struct ps_supervisor *sup = NULL;
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    if (ps_supervisor_start(&sup, &opts) < 0) {
        _exit(10);
    }
    pid_t report[5] = {ps_supervisor_main_pid(sup), 0, 0, 0, ps_supervisor_containment(sup)};
    while (escaper_pids(&c, report + 1, 3) < 3) {
        if (ps_supervisor_poll(sup, &sink, 50) < 0) {
            _exit(11);
        }
    }
    if (write(fd, report, sizeof report) != (ssize_t)sizeof report) {
        _exit(12);
    }
    for (;;) {
        ps_supervisor_poll(sup, &sink, 50);
    }
}

/*
 * SIGKILL a stand-in procscope (no_cgroup: in the subreaper mode); every
 * process of its session must die: main, the setsid() and setpgid() children
 * and the double-forked grandchild. Returns the containment it used.
 */
static int sigkill_stand_in(bool no_cgroup)
{
    int fds[2];
    pid_t report[5];
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        killed_stand_in(fds[1], no_cgroup);
    }
    close(fds[1]);
    cr_assert_eq(read(fds[0], report, sizeof report), (ssize_t)sizeof report);
    close(fds[0]);
    kill(pid, SIGKILL);
    cr_assert_eq(waitpid(pid, NULL, 0), pid);
    static const char *const what[] = {"main", "the setsid() child", "the setpgid() child",
                                       "the double-forked grandchild"};
    bool all = true;
    for (int i = 0; i < 4; i++) {
        bool ok = wait_gone(report[i]);
        cr_expect(ok, "%s (%d) outlived a SIGKILLed procscope (containment %d)", what[i],
                  (int)report[i], (int)report[4]);
        all = all && ok;
    }
    for (int i = 0; !all && i < 4; i++) {
        kill(report[i], SIGKILL); /* leave nothing behind even on failure */
    }
    return report[4];
}

Test(supervisor, sigkill_of_procscope_leaves_no_demo_behind)
{
    sigkill_stand_in(false);
}

/* Without a cgroup the keeper finds the escapers by the session's environment marker. */
Test(supervisor, sigkill_in_subreaper_mode_leaves_no_escaper_behind)
{
    cr_assert_eq(sigkill_stand_in(true), PS_CONTAIN_SUBREAPER);
}
