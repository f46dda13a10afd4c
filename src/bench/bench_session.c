/* SPDX-License-Identifier: MIT */
/*
 * The real path: a benchmark's child program run bare, under `procscope run
 * --headless` and under `procscope run --headless --record`, so that the
 * figures include the real supervisor, its drain and its recording. Used by
 * `bench ring` (a flat-out producer) and `bench ipc` (the 100-child workload).
 */
#include "bench/bench.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const ps_bench_mode_names[PS_BENCH_MODES] = {"bare", "headless", "recording"};

int ps_bench_session_open(struct ps_bench_session *s)
{
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(s->dir, sizeof s->dir, "%s/procscope-bench.XXXXXX",
                     tmp != NULL && tmp[0] ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= sizeof s->dir) {
        return -ENAMETOOLONG;
    }
    if (mkdtemp(s->dir) == NULL) {
        return -errno;
    }
    snprintf(s->rec, sizeof s->rec, "%s/run.psrec", s->dir);
    return ps_bench_procscope(s->procscope, sizeof s->procscope);
}

void ps_bench_session_close(struct ps_bench_session *s)
{
    unlink(s->rec);
    rmdir(s->dir);
}

int ps_bench_session_run(struct ps_bench_session *s, enum ps_bench_mode mode, char *const prog[],
                         struct ps_bench_run *r)
{
    char *argv[16];
    size_t k = 0;
    if (mode != PS_BENCH_BARE) {
        argv[k++] = s->procscope;
        argv[k++] = (char *)(uintptr_t) "run";
        argv[k++] = (char *)(uintptr_t) "--headless";
        if (mode == PS_BENCH_RECORD) {
            argv[k++] = (char *)(uintptr_t) "--record";
            argv[k++] = s->rec;
        }
        argv[k++] = (char *)(uintptr_t) "--";
    }
    for (size_t i = 0; prog[i] != NULL && k < sizeof argv / sizeof argv[0] - 1; i++) {
        argv[k++] = prog[i];
    }
    argv[k] = NULL;
    unlink(s->rec);
    int rc = ps_bench_run(argv, NULL, r);
    unlink(s->rec);
    return rc;
}

/* One round of the 100-child workload in each mode, the first mode rotating by round. */
static int ps_bench_fan_round(struct ps_bench_session *s, char *const prog[], int round,
                              double wall[PS_BENCH_MODES])
{
    for (int i = 0; i < PS_BENCH_MODES; i++) {
        enum ps_bench_mode m = (enum ps_bench_mode)((round + i) % PS_BENCH_MODES);
        struct ps_bench_run r = {0};
        int rc = ps_bench_session_run(s, m, prog, &r);
        if (rc < 0) {
            return rc;
        }
        if (r.status != 0) {
            return -EIO;
        }
        wall[m] = (double)r.wall_ns / 1e6;
    }
    return 0;
}

int ps_bench_ipc_fan(FILE *out, const char *prog)
{
    char *argv[] = {(char *)(uintptr_t)prog, (char *)(uintptr_t) "pipe100", NULL};
    struct ps_bench_session s;
    double wall[PS_BENCH_MODES][PS_BENCH_FAN_ROUNDS];
    double ratio[PS_BENCH_MODES][PS_BENCH_FAN_ROUNDS];
    int rc = ps_bench_session_open(&s);
    for (int r = 0; r < PS_BENCH_FAN_ROUNDS && rc == 0; r++) {
        double w[PS_BENCH_MODES];
        rc = ps_bench_fan_round(&s, argv, r, w);
        for (int m = 0; m < PS_BENCH_MODES && rc == 0; m++) {
            wall[m][r] = w[m];
            ratio[m][r] = w[m] / w[PS_BENCH_BARE];
        }
    }
    ps_bench_session_close(&s);
    if (rc < 0) {
        fprintf(out, "  100-child pipe workload: failed (%s)\n", strerror(-rc));
        return rc;
    }
    static const char *const target[PS_BENCH_MODES] = {NULL, "target: <= 1.10", "target: <= 1.15"};
    for (int m = 0; m < PS_BENCH_MODES; m++) {
        char label[96];
        snprintf(label, sizeof label, "100 children x 1000 msgs, %s", ps_bench_mode_names[m]);
        ps_bench_report(out, label, ps_bench_median(wall[m], PS_BENCH_FAN_ROUNDS), "ms",
                        "wall time, median of 7 alternating rounds");
    }
    for (int m = 1; m < PS_BENCH_MODES; m++) {
        char label[96];
        snprintf(label, sizeof label, "100 children, %s / bare", ps_bench_mode_names[m]);
        ps_bench_report(out, label, ps_bench_median(ratio[m], PS_BENCH_FAN_ROUNDS), "x",
                        target[m]);
    }
    return 0;
}
