/* SPDX-License-Identifier: MIT */
/*
 * processes_barrier.py:
 *     def test_with_barrier(synchronizer, serializer):
 *         name = multiprocessing.current_process().name
 *         synchronizer.wait()
 *         now = time()
 *         with serializer:
 *             print("process %s ----> %s" %(name,datetime.fromtimestamp(now)))
 *
 *     def test_without_barrier():
 *         name = multiprocessing.current_process().name
 *         now = time()
 *         print("process %s ----> %s" %(name ,datetime.fromtimestamp(now)))
 *
 *     if __name__ == '__main__':
 *         synchronizer = Barrier(2)
 *         serializer = Lock()
 *         Process(name='p1 - test_with_barrier', target=test_with_barrier,
 *                 args=(synchronizer,serializer)).start()
 *         Process(name='p2 - test_with_barrier', target=test_with_barrier,
 *                 args=(synchronizer,serializer)).start()
 *         Process(name='p3 - test_without_barrier', target=test_without_barrier).start()
 *         Process(name='p4 - test_without_barrier', target=test_without_barrier).start()
 *
 * Main does not join: the children are joined at its exit, as Python's
 * atexit handler does.
 */
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "mp/mp.h"

/* args=(synchronizer, serializer) */
struct barrier_args {
    struct ps_barrier *synchronizer;
    struct ps_lock *serializer;
};

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

/* test_with_barrier(synchronizer, serializer) */
static int test_with_barrier(void *arg)
{
    struct barrier_args *args = arg;
    const char *name = ps_process_current_name();
    char now[64];

    if (ps_barrier_wait(args->synchronizer, -1) < 0)
        return 1;
    format_now(now, sizeof(now));
    if (ps_lock_acquire(args->serializer, -1) < 0)
        return 1;
    ps_print("process %s ----> %s", name, now);
    ps_lock_release(args->serializer);
    return 0;
}

/* test_without_barrier() */
static int test_without_barrier(void *arg)
{
    const char *name = ps_process_current_name();
    char now[64];

    (void)arg;
    format_now(now, sizeof(now));
    ps_print("process %s ----> %s", name, now);
    return 0;
}

/* Process(name=name, target=target, args=...).start() */
static void start(const char *name, ps_process_target_fn target, void *arg)
{
    struct ps_process *p = ps_process_new(NULL, target, arg, name, false);

    if (p == NULL || ps_process_start(p) < 0)
        perror("Process.start");
}

int main(int argc, char *argv[])
{
    struct barrier_args args = {ps_barrier_new(2), ps_lock_new()};

    ps_mp_init(argc, argv);
    if (args.synchronizer == NULL || args.serializer == NULL) {
        perror("Barrier/Lock");
        return 1;
    }
    start("p1 - test_with_barrier", test_with_barrier, &args);
    start("p2 - test_with_barrier", test_with_barrier, &args);
    start("p3 - test_without_barrier", test_without_barrier, NULL);
    start("p4 - test_without_barrier", test_without_barrier, NULL);
    return ps_mp_main_end();
}
