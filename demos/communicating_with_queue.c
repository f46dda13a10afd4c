/*
 * communicating_with_queue.py: `producer-1` puts ten random items (0..256)
 * into a Queue, one a second, printing each and the queue size; `consumer-2`
 * stops as soon as it finds the queue empty, else takes an item every 3 s.
 * The first empty() check races with the first put: either the consumer quits
 * at once (A) or it drains all ten items in FIFO order (B).
 *
 * Until mp-A1's process, print and timescale API exists, the small helpers
 * below start the children (with the proc.* events the API emits), print
 * lines (one write, one output event) and sleep scaled by
 * PROCSCOPE_TIME_SCALE.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/clock.h"
#include "mp/queue.h"
#include "probe/probe.h"

#define N_PROCESSES 2

static pid_t children[N_PROCESSES];
static int n_children;

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

/* time.sleep(seconds), scaled by PROCSCOPE_TIME_SCALE (default 1, 0 = no sleep). */
static void demo_sleep(double seconds)
{
    const char *env = getenv("PROCSCOPE_TIME_SCALE");
    double scale = env != NULL ? strtod(env, NULL) : 1.0;
    struct timespec ts;

    if (!(scale > 0) || scale > 1000)
        return;
    seconds *= scale;
    ts.tv_sec = (time_t)seconds;
    ts.tv_nsec = (long)((seconds - (double)ts.tv_sec) * 1e9);
    while (nanosleep(&ts, &ts) != 0)
        continue;
}

/* A Process subclass `kind` started: named <kind>-<n>, runs run(queue, name). */
static void demo_start(const char *kind, void (*run)(struct ps_queue *, const char *),
                       struct ps_queue *q)
{
    char name[32];
    snprintf(name, sizeof name, "%s-%d", kind, n_children + 1);
    pid_t pid = fork();

    if (pid == 0) {
        prctl(PR_SET_NAME, name);
        srandom((unsigned)(ps_clock_mono_ns() ^ (uint64_t)getpid()));
        ps_probe_emit_str(PS_EV_PROC_START, 0, (int32_t)getppid(), 0, 0, name);
        run(q, name);
        ps_probe_emit(PS_EV_PROC_EXIT, 0, ps_probe_pid(), 0, 0, NULL, 0);
        _exit(0);
    }
    if (pid < 0) {
        perror("Process.start");
        return;
    }
    children[n_children++] = pid;
    ps_probe_emit_str(PS_EV_PROC_SPAWN, (uint32_t)n_children, pid, 0, 0, name);
}

/* p.join() for every child, in start order. */
static void demo_join_all(void)
{
    for (int i = 0; i < n_children; i++) {
        int status;

        if (waitpid(children[i], &status, 0) != children[i])
            continue;
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        ps_probe_emit(PS_EV_PROC_JOIN, 0, children[i], code, 0, NULL, 0);
    }
}

/* producer.run(): ten random items, one a second, with the queue size after each. */
static void producer_run(struct ps_queue *q, const char *name)
{
    for (int i = 0; i < 10; i++) {
        long item = random() % 257;

        ps_queue_put_int(q, item, -1);
        demo_print("Process Producer : item %ld appended to queue %s", item, name);
        demo_sleep(1);
        demo_print("The size of queue is %ld", ps_queue_qsize(q));
    }
}

/* consumer.run(): stop at the first empty queue, else take an item every 3 s. */
static void consumer_run(struct ps_queue *q, const char *name)
{
    for (;;) {
        struct ps_value item;

        if (ps_queue_empty(q)) {
            demo_print("the queue is empty");
            break;
        }
        demo_sleep(2);
        if (ps_queue_get(q, &item, -1) != 0)
            break;
        demo_print("Process Consumer : item %lld popped%25sfrom by %s \n", (long long)item.i, "",
                   name);
        demo_sleep(1);
    }
}

int main(void)
{
    struct ps_queue *q = ps_queue_new(0, 0);

    if (q == NULL) {
        perror("Queue");
        return 1;
    }
    demo_start("producer", producer_run, q);
    demo_start("consumer", consumer_run, q);
    demo_join_all();
    ps_queue_free(q);
    return 0;
}
