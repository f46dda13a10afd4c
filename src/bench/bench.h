/* SPDX-License-Identifier: MIT */
/*
 * `procscope bench`: built-in benchmarks. Each prints its figures with their
 * units, measured in one run, medians of repeated rounds, and ratios against a
 * baseline measured in the same run. Benchmarks never assert on time.
 */
#ifndef PS_BENCH_BENCH_H
#define PS_BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* One benchmark: returns 0, or a negative errno when it could not run. */
typedef int (*ps_bench_fn)(FILE *out);

/* The benchmarks, by name ("ring", "ipc", "replay", "ui"). */
int ps_bench_ring(FILE *out);
int ps_bench_ipc(FILE *out);
int ps_bench_replay(FILE *out);

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

#endif /* PS_BENCH_BENCH_H */
