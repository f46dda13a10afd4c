/* SPDX-License-Identifier: MIT */
/*
 * `procscope bench`: built-in benchmarks. Each prints its figures with their
 * units, measured in one run, medians of repeated rounds, and ratios against a
 * baseline measured in the same run. Benchmarks never assert on time.
 */
#ifndef PS_BENCH_BENCH_H
#define PS_BENCH_BENCH_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/ring.h"

/* One benchmark: returns 0, or a negative errno when it could not run. */
typedef int (*ps_bench_fn)(FILE *out);

/* The benchmarks, by name ("ring", "ipc", "replay", "ui"). */
int ps_bench_ring(FILE *out);
int ps_bench_ipc(FILE *out);
int ps_bench_replay(FILE *out);
int ps_bench_python(FILE *out); /* bench_python.c (helper "python") */

/* `procscope bench ui`: frame update/draw times, absorption rate, idle CPU (bench_ui.c). */
int ui_bench_run(FILE *out);

/* Nanoseconds from CLOCK_MONOTONIC. */
uint64_t ps_bench_now_ns(void);

/* Median of `n` values (sorts them in place); 0 when n is 0. */
double ps_bench_median(double *values, size_t n);

/* Largest of `n` values; 0 when n is 0. */
double ps_bench_max(const double *values, size_t n);

/* Print one figure: "  <label>  <value> <unit>   <note>" aligned. */
void ps_bench_report(FILE *out, const char *label, double value, const char *unit,
                     const char *note);

/* Print a heading for one benchmark. */
void ps_bench_heading(FILE *out, const char *name, const char *what);

/* The variable naming the procscope binary the benchmarks run (`procscope bench` sets it). */
#define PS_BENCH_PROCSCOPE_ENV "PROCSCOPE"

/*
 * The path of one of the benchmarks' programs (procscope-bench-producer,
 * procscope-bench-ipc): beside this program, else demos/ or
 * ../libexec/procscope/ beside $PROCSCOPE. Returns 0 or -ENOENT/-ENAMETOOLONG.
 */
int ps_bench_find(const char *name, char *buf, size_t size);

/* The procscope binary: $PROCSCOPE, else ../procscope or ../../bin/procscope from here. */
int ps_bench_procscope(char *buf, size_t size);

/* One child program's run: its exit status, wall time, first bytes of stdout, events drained. */
struct ps_bench_run {
    int status; /* exit code, or 128 + signal */
    uint64_t wall_ns;
    uint64_t events;
    char out[256];
};

/*
 * Run argv (argv[0] a path) to its end with stdout collected; with a ring, the
 * child inherits it (PROCSCOPE_RING_FD) and this process drains it meanwhile,
 * as the supervisor would. Returns 0 (see r->status) or -errno.
 */
int ps_bench_run(char *const argv[], struct ps_ring *ring, struct ps_bench_run *r);

/* How a child program runs: alone, under `procscope run --headless`, or also recording. */
enum ps_bench_mode { PS_BENCH_BARE, PS_BENCH_HEADLESS, PS_BENCH_RECORD, PS_BENCH_MODES };
extern const char *const ps_bench_mode_names[PS_BENCH_MODES];

/* Rounds of the real-path measurements (medians of alternating rounds). */
#define PS_BENCH_FAN_ROUNDS 7

/* A temporary folder for recordings, and the procscope that runs the programs. */
struct ps_bench_session {
    char dir[PATH_MAX];
    char rec[PATH_MAX + 16];
    char procscope[PATH_MAX];
};

/* Make the folder and find procscope; 0 or -errno. Close removes the folder. */
int ps_bench_session_open(struct ps_bench_session *s);
void ps_bench_session_close(struct ps_bench_session *s);

/* Run prog (a NULL-terminated argv, prog[0] a path) in `mode`; see ps_bench_run. */
int ps_bench_session_run(struct ps_bench_session *s, enum ps_bench_mode mode, char *const prog[],
                         struct ps_bench_run *r);

/* `bench ipc`'s last part: the 100-child pipe workload's wall time in each mode, and ratios. */
int ps_bench_ipc_fan(FILE *out, const char *prog);

#endif /* PS_BENCH_BENCH_H */
