/*
 * processes_barrier.py: `p1 - test_with_barrier` and `p2 - test_with_barrier`
 * meet at a Barrier(2), then take the time and print it; `p3 -
 * test_without_barrier` and `p4 - test_without_barrier` print at once. Each
 * prints `process <name> ----> <YYYY-MM-DD HH:MM:SS.ffffff>` (local time, as
 * str(datetime.fromtimestamp(now))). Main does not join: the children are
 * joined at its exit, as Python's atexit handler does.
 *
 * Until mp-A1's process, print and lock API (src/mp/process.h, print.h,
 * lock.h) exists, the small helpers below start the children (with the
 * proc.* events the API emits) and print lines (one write, one output
 * event). A line is one write(), so the Lock that serialises Python's print
 * is not needed for whole lines and is not modelled here yet.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mp/barrier.h"
#include "probe/probe.h"

#define N_PROCESSES 4

static pid_t children[N_PROCESSES];
static int n_children;
static const char *current_name = "MainProcess";

/* print(...): one formatted line to stdout in one write, and an output event. */
static void demo_print(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    if ((size_t)len > sizeof(line) - 2)
        len = (int)sizeof(line) - 2;
    ps_probe_emit(PS_EV_OUTPUT, 0, 0, 1, 0, line, (size_t)len);
    line[len] = '\n';
    if ((!ps_probe_active() || ps_probe_echo()) && write(STDOUT_FILENO, line, (size_t)len + 1) < 0)
        return;
}

/* Process(name=name, target=target, args=(arg,)).start() */
static void demo_start(const char *name, int (*target)(void *), void *arg)
{
    pid_t pid = fork();

    if (pid == 0) {
        current_name = name;
        prctl(PR_SET_NAME, name);
        ps_probe_emit_str(PS_EV_PROC_START, 0, (int32_t)getppid(), 0, 0, name);
        int code = target(arg);

        ps_probe_emit(PS_EV_PROC_EXIT, 0, ps_probe_pid(), code, 0, NULL, 0);
        _exit(code);
    }
    if (pid < 0) {
        perror("Process.start");
        return;
    }
    children[n_children++] = pid;
    ps_probe_emit_str(PS_EV_PROC_SPAWN, (uint32_t)n_children, pid, 0, 0, name);
}

/* Python's exit handler: join every child. */
static void demo_join_all(void)
{
    for (int i = 0; i < n_children; i++) {
        int status;
        int code;

        while (waitpid(children[i], &status, 0) < 0 && errno == EINTR)
            continue;
        code = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
        ps_probe_emit(PS_EV_PROC_JOIN, 0, children[i], code, 0, NULL, 0);
    }
}

/* str(datetime.fromtimestamp(time())): local time, with microseconds unless they are 0. */
static void format_now(char *buf, size_t size)
{
    struct timespec ts;
    struct tm tm;
    size_t n;
    long usec;

    clock_gettime(CLOCK_REALTIME, &ts);
    localtime_r(&ts.tv_sec, &tm);
    n = strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
    usec = ts.tv_nsec / 1000;
    if (usec != 0)
        snprintf(buf + n, size - n, ".%06ld", usec);
}

/* synchronizer.wait(); now = time(); with serializer: print(...) */
static int test_with_barrier(void *arg)
{
    struct ps_barrier *synchronizer = arg;
    char now[64];

    if (ps_barrier_wait(synchronizer, -1) < 0)
        return 1;
    format_now(now, sizeof(now));
    demo_print("process %s ----> %s", current_name, now);
    return 0;
}

/* now = time(); print(...) */
static int test_without_barrier(void *arg)
{
    char now[64];

    (void)arg;
    format_now(now, sizeof(now));
    demo_print("process %s ----> %s", current_name, now);
    return 0;
}

int main(void)
{
    struct ps_barrier *synchronizer = ps_barrier_new(2);

    if (synchronizer == NULL) {
        perror("Barrier");
        return 1;
    }
    demo_start("p1 - test_with_barrier", test_with_barrier, synchronizer);
    demo_start("p2 - test_with_barrier", test_with_barrier, synchronizer);
    demo_start("p3 - test_without_barrier", test_without_barrier, NULL);
    demo_start("p4 - test_without_barrier", test_without_barrier, NULL);
    demo_join_all();
    return 0;
}
