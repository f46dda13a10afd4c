/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

#include <stdlib.h>

#include "core/clock.h"

uint64_t ps_bench_now_ns(void)
{
    return ps_clock_mono_ns();
}

static int ps_bench_cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x;
    double b = *(const double *)y;
    return (a > b) - (a < b);
}

double ps_bench_median(double *values, size_t n)
{
    if (n == 0) {
        return 0;
    }
    qsort(values, n, sizeof *values, ps_bench_cmp_double);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double ps_bench_max(const double *values, size_t n)
{
    double m = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || values[i] > m) {
            m = values[i];
        }
    }
    return m;
}

void ps_bench_report(FILE *out, const char *label, double value, const char *unit,
                     const char *note)
{
    fprintf(out, "  %-44s %14.2f %-10s %s\n", label, value, unit, note ? note : "");
}

void ps_bench_heading(FILE *out, const char *name, const char *what)
{
    fprintf(out, "bench %s: %s\n", name, what);
    fflush(out);
}
