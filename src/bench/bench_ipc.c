/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

/*
 * `procscope bench ipc`: messages per second through the mp API's pipe, queue
 * and pool map, each measured with the probe off and on in the same run,
 * rounds interleaved (the first of a pair alternates) so that drift and the
 * second-run penalty hit both alike; then the 100-child pipe workload's wall
 * time bare, under `procscope run --headless` and under `--record`.
 *
 * Every workload is the child program procscope-bench-ipc, so that neither
 * this program's nor procscope's image carries the demo runtime. "Off" runs it
 * with no ring; "on" gives it a ring of a session's size (PROCSCOPE_RING_FD;
 * its probe attaches at start) while this process drains the ring as the
 * supervisor would. The program times itself and prints its rate. The
 * overhead reported is the median of the rounds' own off/on pairs. Nothing
 * here asserts on time.
 */

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PS_BENCH_IPC_ROUNDS 8

/* One workload of procscope-bench-ipc. */
struct ps_bench_ipc_load {
    const char *arg;  /* its argument */
    const char *name; /* for the report */
    const char *what;
};

static const struct ps_bench_ipc_load ps_bench_ipc_loads[] = {
    {"pipe", "pipe", "64-byte bytes values, writer -> reader"},
    {"queue", "queue", "64-byte bytes values, producer -> consumer"},
    {"pool", "pool map", "64-byte messages, 64 per chunk"},
    {"pool-int", "pool map int64", "8-byte integers, 512 per chunk"},
};

/* Run the workload once, with the ring or without; its rate, or a negative errno. */
static double ps_bench_ipc_once(const char *prog, const char *arg, struct ps_ring *ring,
                                uint64_t *events)
{
    char *argv[] = {(char *)(uintptr_t)prog, (char *)(uintptr_t)arg, NULL};
    struct ps_bench_run r = {0};
    int rc = ps_bench_run(argv, ring, &r);
    *events += r.events;
    if (rc < 0) {
        return rc;
    }
    double rate = strtod(r.out, NULL);
    return r.status == 0 && rate > 0 ? rate : -EIO;
}

/* Print the off and on medians of one load and the median overhead of its pairs. */
static void ps_bench_ipc_print(FILE *out, const struct ps_bench_ipc_load *load, double *off,
                               double *on, double *overhead, uint64_t events, uint64_t drops)
{
    char label[96];
    char note[96];
    snprintf(label, sizeof label, "%s, probe off", load->name);
    ps_bench_report(out, label, ps_bench_median(off, PS_BENCH_IPC_ROUNDS), "msg/s", load->what);
    snprintf(label, sizeof label, "%s, probe on", load->name);
    snprintf(note, sizeof note, "%.0f events/round, %llu dropped",
             (double)events / PS_BENCH_IPC_ROUNDS, (unsigned long long)drops);
    ps_bench_report(out, label, ps_bench_median(on, PS_BENCH_IPC_ROUNDS), "msg/s", note);
    snprintf(label, sizeof label, "%s, instrumentation overhead", load->name);
    ps_bench_report(out, label, ps_bench_median(overhead, PS_BENCH_IPC_ROUNDS), "%",
                    "median of the rounds' pairs; target: < 10 %");
}

/* Measure one load off and on, rounds interleaved, and print the figures. */
static int ps_bench_ipc_measure(FILE *out, const char *prog, const struct ps_bench_ipc_load *load)
{
    double off[PS_BENCH_IPC_ROUNDS];
    double on[PS_BENCH_IPC_ROUNDS];
    double overhead[PS_BENCH_IPC_ROUNDS];
    uint64_t events = 0;
    uint64_t drops = 0;
    for (int r = 0; r < PS_BENCH_IPC_ROUNDS; r++) {
        struct ps_ring ring;
        int rc = ps_ring_create(&ring, PS_RING_DEFAULT_SLOTS);
        if (rc != 0) {
            return rc;
        }
        /* The second run of a pair is measurably slower: alternate which goes first. */
        bool off_first = r % 2 == 0;
        uint64_t none = 0;
        double first = ps_bench_ipc_once(prog, load->arg, off_first ? NULL : &ring,
                                         off_first ? &none : &events);
        double second = ps_bench_ipc_once(prog, load->arg, off_first ? &ring : NULL,
                                          off_first ? &events : &none);
        off[r] = off_first ? first : second;
        on[r] = off_first ? second : first;
        drops += ps_ring_drops(&ring);
        ps_ring_close(&ring);
        if (off[r] < 0 || on[r] < 0) {
            return (int)(off[r] < 0 ? off[r] : on[r]);
        }
        overhead[r] = (off[r] - on[r]) / off[r] * 100.0;
    }
    ps_bench_ipc_print(out, load, off, on, overhead, events, drops);
    return 0;
}

int ps_bench_ipc(FILE *out)
{
    char prog[PATH_MAX];
    if (ps_bench_find("procscope-bench-ipc", prog, sizeof prog) < 0) {
        fprintf(out, "  procscope-bench-ipc not found beside procscope-bench or $PROCSCOPE\n");
        return -ENOENT;
    }
    ps_bench_heading(out, "ipc",
                     "messages per second through the mp API, probe off vs on (median of 8)");
    for (size_t i = 0; i < sizeof ps_bench_ipc_loads / sizeof ps_bench_ipc_loads[0]; i++) {
        int rc = ps_bench_ipc_measure(out, prog, &ps_bench_ipc_loads[i]);
        if (rc != 0) {
            fprintf(out, "  %s: failed (%s)\n", ps_bench_ipc_loads[i].name, strerror(-rc));
            return rc;
        }
        fflush(out);
    }
    return ps_bench_ipc_fan(out, prog);
}
