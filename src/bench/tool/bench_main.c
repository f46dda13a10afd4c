/* SPDX-License-Identifier: MIT */
/*
 * procscope-bench [NAME…]: the built-in benchmarks, all by default. `procscope
 * bench` execs this program (installed beside the demos) with its arguments,
 * so the help, the messages and the exit codes here are procscope's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "bench/bench.h"
#include "core/termsafe.h"

static const struct {
    const char *name;
    ps_bench_fn fn;
    const char *what;
} ps_bench_table[] = {
    {"ring", ps_bench_ring, "event emission vs a pipe write, drain rate, drops"},
    {"ipc", ps_bench_ipc, "pipe, queue and pool throughput with and without the probe"},
    {"replay", ps_bench_replay, "recording size, load rate, seek and export on 1 M events"},
    {"python", ps_bench_python, "the Python hook: per event, Pipe/Queue/lock, start-up"},
    {"ui", ui_bench_run, "frame update and draw time, absorption rate, idle CPU"},
};

#define PS_BENCH_COUNT (sizeof ps_bench_table / sizeof ps_bench_table[0])

/* Print "procscope: <message escaped><tail>" on stderr, as the CLI does; returns code. */
__attribute__((format(printf, 3, 4))) static int ps_bench_fail(int code, const char *tail,
                                                                const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("procscope: ", stderr);
    ps_term_vfprintf(stderr, fmt, ap);
    fputs(tail, stderr);
    va_end(ap);
    return code;
}

/* Run benchmark i; returns 0 or an exit code. */
static int ps_bench_one(size_t i)
{
    int rc = ps_bench_table[i].fn(stdout);
    fflush(stdout);
    if (rc < 0) {
        return ps_bench_fail(EX_SOFTWARE, "\n", "bench %s failed: %s", ps_bench_table[i].name,
                             strerror(-rc));
    }
    return 0;
}

/* Fill chosen[] from the arguments; returns -1 after --help, an exit code, or 0. */
static int ps_bench_choose(int argc, char **argv, size_t *chosen, size_t *count)
{
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            puts("usage: procscope bench [NAME…]   (all when no NAME is given)");
            for (size_t i = 0; i < PS_BENCH_COUNT; i++) {
                printf("  %-8s %s\n", ps_bench_table[i].name, ps_bench_table[i].what);
            }
            return -1;
        }
        size_t i = 0;
        while (i < PS_BENCH_COUNT && strcmp(argv[a], ps_bench_table[i].name) != 0) {
            i++;
        }
        if (i == PS_BENCH_COUNT) {
            return ps_bench_fail(EX_USAGE, " (try 'procscope --help')\n",
                                 "unknown benchmark '%s' (ring, ipc, replay, ui)", argv[a]);
        }
        if (*count < PS_BENCH_COUNT) {
            chosen[(*count)++] = i;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    size_t chosen[PS_BENCH_COUNT];
    size_t count = 0;
    int code = ps_bench_choose(argc, argv, chosen, &count);
    if (code != 0) {
        return code < 0 ? 0 : code;
    }
    if (count == 0) {
        for (size_t i = 0; i < PS_BENCH_COUNT; i++) {
            chosen[count++] = i;
        }
    }
    for (size_t c = 0; c < count; c++) {
        code = ps_bench_one(chosen[c]);
        if (code != 0) {
            return code;
        }
    }
    return 0;
}
