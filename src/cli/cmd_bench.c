/* SPDX-License-Identifier: MIT */
/*
 * procscope bench [NAME…]: the benchmarks live in their own program,
 * procscope-bench, installed beside the demos (so that this binary carries
 * neither the benchmarks nor the demo runtime they drive). This execs it with
 * the same arguments; it prints the same help and returns the same codes.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ui/catalog.h"

/* The variable procscope-bench reads to find the procscope that runs its workloads. */
#define PS_CLI_BENCH_SELF_ENV "PROCSCOPE"

int ps_cli_bench(int argc, char **argv)
{
    char path[PATH_MAX];
    char self[PATH_MAX];
    if (ps_libexec_path("procscope-bench", path, sizeof path) < 0) {
        return ps_cli_fail(EX_UNAVAILABLE, "procscope-bench not found beside the demos");
    }
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len > 0) {
        self[len] = '\0';
        setenv(PS_CLI_BENCH_SELF_ENV, self, 1);
    }
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (args == NULL) {
        return ps_cli_fail(EX_OSERR, "out of memory");
    }
    args[0] = path;
    for (int a = 1; a < argc; a++) {
        args[a] = argv[a];
    }
    fflush(NULL);
    execv(path, args);
    int err = errno;
    free(args);
    return ps_cli_fail(EX_UNAVAILABLE, "cannot run %s: %s", path, strerror(err));
}
