/* SPDX-License-Identifier: MIT */
/* Run a program from a test, capturing its stdout, stderr and exit status. */
#ifndef PS_TESTS_SUPPORT_CLI_RUN_H
#define PS_TESTS_SUPPORT_CLI_RUN_H

#include <stddef.h>

struct ps_test_run {
    char *out;      /* stdout, NUL-terminated (malloc'd) */
    size_t out_len;
    char *err;      /* stderr, NUL-terminated (malloc'd) */
    size_t err_len;
    int status;     /* exit code, or 128+N when killed by signal N */
};

/*
 * Run argv (argv[0] a path) with stdin from /dev/null and the given extra
 * environment entries ("NAME=value", NULL-terminated, may be NULL), wait up
 * to `timeout_s` seconds (then SIGKILL and status 137). Returns 0 or -errno.
 */
int ps_test_run(const char *const *argv, const char *const *env, double timeout_s,
                struct ps_test_run *run);

/* Free what ps_test_run allocated. */
void ps_test_run_free(struct ps_test_run *run);

/* Path of the procscope binary under test ($PROCSCOPE, else the build's). */
const char *ps_test_procscope(void);

/* Count the lines of `text` that contain `needle`. */
size_t ps_test_count_lines(const char *text, const char *needle);

#endif /* PS_TESTS_SUPPORT_CLI_RUN_H */
