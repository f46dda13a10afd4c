/* SPDX-License-Identifier: MIT */
/*
 * procscope-bench-producer EVENTS PROCS RESULT: the flat-out producer that
 * `procscope bench ring` runs under the real supervisor (`procscope run
 * --headless` or `--record`). PROCS processes (this one and PROCS - 1 forked
 * children) each emit EVENTS one-slot events into the session's ring as fast
 * as they can, time the whole loop, and append one line "NS_PER_EVENT DROPS"
 * to the file RESULT (DROPS: the ring's drop counter when that process ended).
 * Drops are not retried: a reader that does not keep up shows as drops.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/ring.h"

/* Emit `events` events flat out; append this process's figure to `result`. */
static int ps_bench_producer_run(struct ps_ring *ring, long events, const char *result)
{
    struct ps_event ev = {.type = PS_EV_MARK, .pid = (int32_t)getpid()};
    uint64_t t0 = ps_clock_mono_ns();
    for (long i = 0; i < events; i++) {
        ev.a = i;
        (void)ps_ring_emit(ring, &ev, 0);
    }
    uint64_t t1 = ps_clock_mono_ns();
    char line[96];
    int len = snprintf(line, sizeof line, "%.3f %llu\n", (double)(t1 - t0) / (double)events,
                       (unsigned long long)ps_ring_drops(ring));
    int fd = open(result, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || write(fd, line, (size_t)len) != len) {
        return 1;
    }
    close(fd);
    return 0;
}

int main(int argc, char **argv)
{
    struct ps_ring ring;
    const char *env = getenv("PROCSCOPE_RING_FD");
    long events = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
    long procs = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
    if (argc != 4 || events <= 0 || procs <= 0 || procs > 64 || env == NULL ||
        ps_ring_attach(&ring, dup(atoi(env))) < 0) {
        fprintf(stderr, "usage: procscope-bench-producer EVENTS PROCS RESULT (under procscope)\n");
        return 2;
    }
    for (long k = 1; k < procs; k++) {
        if (fork() == 0) {
            _exit(ps_bench_producer_run(&ring, events, argv[3]));
        }
    }
    int rc = ps_bench_producer_run(&ring, events, argv[3]);
    while (wait(NULL) > 0) {
    }
    return rc;
}
