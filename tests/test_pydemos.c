/* SPDX-License-Identifier: MIT */
/*
 * The demos in Python (demos/python): run headless through procscope with
 * --lang python, their output equals the C demos' where it is the same every
 * run, and follows DEMOS.md's rules where it races.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdbool.h>
#include <string.h>

#include "support/cli_run.h"

TestSuite(pydemos, .timeout = 180);

/* Run argv and return its result (the caller frees). */
static struct ps_test_run run_cmd(const char *const *argv)
{
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 120, &run), 0);
    return run;
}

/* `procscope run DEMO --headless --time-scale SCALE [--lang python]`; the caller frees. */
static struct ps_test_run run_demo(const char *demo, bool python, const char *scale)
{
    const char *argv[] = {ps_test_procscope(), "run", demo, "--headless", "--time-scale", scale,
                          python ? "--lang" : NULL, "python", NULL};
    return run_cmd(argv);
}

/* The demos whose output is the same every run: the Python version prints the C one's. */
ParameterizedTestParameters(pydemos, demo_same_as_c)
{
    static int demos[] = {0, 1, 2, 3, 4, 5, 6};
    return cr_make_param_array(int, demos, 7);
}

ParameterizedTest(int *i, pydemos, demo_same_as_c)
{
    static const char *demos[] = {"pipe",  "myfunc",    "subclass",        "pool",
                                  "spawn", "namespace", "shared_namespace"};
    struct ps_test_run py = run_demo(demos[*i], true, "0"), c = run_demo(demos[*i], false, "0");
    cr_assert_eq(py.status, 0, "%s: %s", demos[*i], py.err);
    cr_assert_eq(c.status, 0);
    cr_assert_str_eq(py.out, c.out, "%s", demos[*i]);
    cr_assert_str_eq(py.err, "");
    ps_test_run_free(&py);
    ps_test_run_free(&c);
}

Test(pydemos, demo_rules)
{
    /* naming: both Starting lines before both Exiting lines (sleeps of 3 s at 0.05). */
    struct ps_test_run r = run_demo("naming", true, "0.05");
    cr_assert_eq(r.status, 0, "%s", r.err);
    const char *exit1 = strstr(r.out, "Exiting");
    cr_assert_not_null(exit1);
    cr_assert_eq(ps_test_count_lines(r.out, "Starting process name = "), 2);
    cr_assert(strstr(r.out, "Starting process name = Process-2") < exit1, "%s", r.out);
    cr_assert(strstr(r.out, "Starting process name = myFunc process") < exit1, "%s", r.out);
    ps_test_run_free(&r);

    /* kill: five lines in Python's repr form, exit code -15, never "Finished function". */
    r = run_demo("kill", true, "0");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(ps_test_count_lines(r.out, "Process joined: <Process name='Process-1' pid="), 1);
    cr_assert_eq(ps_test_count_lines(r.out, "stopped exitcode=-SIGTERM> False"), 1);
    cr_assert_eq(ps_test_count_lines(r.out, "Process exit code: -15"), 1);
    cr_assert_eq(ps_test_count_lines(r.out, "Finished function"), 0);
    ps_test_run_free(&r);

    /* background_nodaemon: both complete blocks, 28 lines. */
    r = run_demo("background_nodaemon", true, "0");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(ps_test_count_lines(r.out, "Exiting "), 2);
    cr_assert_eq(ps_test_count_lines(r.out, "---> "), 10);
    ps_test_run_free(&r);

    /* barrier: four timestamped lines, one per process. */
    r = run_demo("barrier", true, "0");
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(ps_test_count_lines(r.out, "_barrier ----> 20"), 4, "%s", r.out);
    ps_test_run_free(&r);
}
