/* SPDX-License-Identifier: MIT */
#include "ui/catalog.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct ps_demo ps_demos[] = {
    {"communicating_with_pipe", "communicating_with_pipe", "pipe",
     "two duplex pipes: numbers in, squares out, EOF on close",
     "Process-1 sends 0..9 into pipe 1, Process-2 squares them into pipe 2, main prints them. "
     "EOF arrives only when every copy of a sending end is closed: watch each close, then the "
     "EOF."},
    {"communicating_with_queue", "communicating_with_queue", "queue",
     "a producer and a consumer racing on one queue",
     "The consumer's first empty() check races the producer's first put: either it quits at once "
     "or it drains all ten items. Watch the empty check beside the put and the queue depth."},
    {"derom", "derom", "derom", "a daemon and a non-daemon process; main ends without joining",
     "The daemon is terminated (-15) when main ends at about 2 s, having printed 0, 1 and perhaps "
     "2; "
     "the non-daemon is joined and runs on to 4 s."},
    {"killing_processes", "killing_processes", "kill",
     "terminate a running process and read its exit code",
     "Main starts Process-1, terminates it and joins it: is_alive() stays true until the join, "
     "and the exit code is -15 (SIGTERM)."},
    {"myFunc", "run_myFunc", "myfunc",
     "one child runs myFunc(i), the function both spawning demos share",
     "A single process prints the calling line and i output lines, then exits 0."},
    {"naming_processes", "naming_processes", "naming",
     "an explicitly named process beside a default-named one",
     "'myFunc process' and 'Process-2': both Starting lines come before both Exiting lines; "
     "the names are also the OS process titles (ps)."},
    {"process_in_subclass", "process_in_subclass", "subclass",
     "ten processes of a kind with its own run function",
     "MyProcess-1 .. MyProcess-10, each started and joined before the next: ten short lifetimes "
     "one after another."},
    {"process_pool", "process_pool", "pool", "Pool(4).map(square, 0..99) in chunks of 7",
     "Four ForkPoolWorker lanes take 15 chunks from the backlog: see which worker ran which chunk, "
     "busy and idle time, and the results in input order."},
    {"processes_barrier", "processes_barrier", "barrier",
     "two processes meet at a barrier, two do not wait",
     "p1 and p2 arrive at Barrier(2) and leave together (times within a few ms), then print under "
     "a lock; p3 and p4 print at once. Watch arrivals, the release and the lock hand-off."},
    {"run_background_processes", "run_background_processes", "background",
     "a daemon killed as main returns, a non-daemon "
     "that completes",
     "Main returns at once: the daemon is terminated (-15) within milliseconds, often before it "
     "printed everything; the non-daemon always finishes at about 1 s."},
    {"run_background_processes_no_daemons", "run_background_processes_no_daemons",
     "background_nodaemon", "the same two functions, both non-daemon: both complete",
     "Without the daemon flag main joins both processes: both complete blocks always appear."},
    {"spawning_processes", "spawning_processes", "spawn",
     "six processes run myFunc(0..5) one after another",
     "Process-1 .. Process-6 each run myFunc(i) and are joined before the next starts."},
    {"spawning_processes_namespace", "spawning_processes_namespace", "namespace",
     "the same, with myFunc from its own module",
     "Byte-for-byte the output of spawn: the point is that the function lives in another module."},
    {"shared_namespace", "shared_namespace", "shared_namespace",
     "a shared Namespace: one child sets, others read",
     "A child sets value = 42 and other fields; the parent and another child read them. "
     "Watch each set and each get."},
};

size_t ps_demo_count(void)
{
    return sizeof ps_demos / sizeof ps_demos[0];
}

const struct ps_demo *ps_demo_at(size_t i)
{
    return i < ps_demo_count() ? &ps_demos[i] : NULL;
}

const struct ps_demo *ps_demo_find(const char *name)
{
    for (size_t i = 0; i < ps_demo_count(); i++) {
        if (strcmp(ps_demos[i].name, name) == 0 || strcmp(ps_demos[i].alias, name) == 0) {
            return &ps_demos[i];
        }
    }
    return NULL;
}

/* Write "<dir>/<name>" into buf; 0 if it names an executable file. */
static int ps_demo_try(const char *dir, const char *name, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= size) {
        return -ENAMETOOLONG;
    }
    return access(buf, X_OK) == 0 ? 0 : -ENOENT;
}

/* The folder the running procscope binary is in (no build path is compiled in). */
static int ps_demo_exe_dir(char *buf, size_t size)
{
    ssize_t len = readlink("/proc/self/exe", buf, size - 1);
    if (len <= 0 || (size_t)len >= size - 1) {
        return -ENOENT;
    }
    buf[len] = '\0';
    char *slash = strrchr(buf, '/');
    if (!slash) {
        return -ENOENT;
    }
    *slash = '\0';
    return 0;
}

int ps_demo_path(const struct ps_demo *demo, char *buf, size_t size)
{
    return ps_libexec_path(demo->binary, buf, size);
}

int ps_libexec_path(const char *binary, char *buf, size_t size)
{
    const char *env = getenv(PS_DEMO_DIR_ENV);
    if (env && env[0] && ps_demo_try(env, binary, buf, size) == 0) {
        return 0;
    }
    char exe[PATH_MAX];
    if (ps_demo_exe_dir(exe, sizeof exe) < 0) {
        return -ENOENT;
    }
    /* A build tree keeps the demos in demos/; an install in ../libexec/procscope/. */
    static const char *const rel[] = {"demos", "../libexec/procscope"};
    int rc = -ENOENT;
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        char dir[PATH_MAX + 32];
        int n = snprintf(dir, sizeof dir, "%s/%s", exe, rel[i]);
        if (n < 0 || (size_t)n >= sizeof dir) {
            return -ENAMETOOLONG;
        }
        rc = ps_demo_try(dir, binary, buf, size);
        if (rc == 0 || rc == -ENAMETOOLONG) {
            return rc;
        }
    }
    return rc;
}
