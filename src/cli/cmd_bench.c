/* SPDX-License-Identifier: MIT */
/* procscope bench [NAME…]: run the built-in benchmarks (all by default). */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "bench/bench.h"
#include "cli/cli.h"
#include "ui/ui.h"

static const struct {
    const char *name;
    ps_bench_fn fn;
    const char *what;
} ps_cli_benches[] = {
    {"ring", ps_bench_ring, "event emission vs a pipe write, drain rate, drops"},
    {"ipc", ps_bench_ipc, "pipe, queue and pool throughput with and without the probe"},
    {"replay", ps_bench_replay, "recording size, load rate, seek and export on 1 M events"},
    {"ui", ui_bench_run, "frame update and draw time, absorption rate, idle CPU"},
};

#define PS_CLI_BENCH_COUNT (sizeof ps_cli_benches / sizeof ps_cli_benches[0])

/* Run benchmark i; returns 0 or an exit code. */
static int ps_cli_bench_one(size_t i)
{
    int rc = ps_cli_benches[i].fn(stdout);
    fflush(stdout);
    if (rc < 0) {
        return ps_cli_fail(EX_SOFTWARE, "bench %s failed: %s", ps_cli_benches[i].name,
                           strerror(-rc));
    }
    return 0;
}

int ps_cli_bench(int argc, char **argv)
{
    size_t chosen[PS_CLI_BENCH_COUNT];
    size_t count = 0;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
            puts("usage: procscope bench [NAME…]   (all when no NAME is given)");
            for (size_t i = 0; i < PS_CLI_BENCH_COUNT; i++) {
                printf("  %-8s %s\n", ps_cli_benches[i].name, ps_cli_benches[i].what);
            }
            return 0;
        }
        size_t i = 0;
        while (i < PS_CLI_BENCH_COUNT && strcmp(argv[a], ps_cli_benches[i].name) != 0) {
            i++;
        }
        if (i == PS_CLI_BENCH_COUNT) {
            return ps_cli_usage_error("unknown benchmark '%s' (ring, ipc, replay, ui)", argv[a]);
        }
        if (count < PS_CLI_BENCH_COUNT) {
            chosen[count++] = i;
        }
    }
    if (count == 0) {
        for (size_t i = 0; i < PS_CLI_BENCH_COUNT; i++) {
            chosen[count++] = i;
        }
    }
    for (size_t c = 0; c < count; c++) {
        int code = ps_cli_bench_one(chosen[c]);
        if (code != 0) {
            return code;
        }
    }
    return 0;
}
