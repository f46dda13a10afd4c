/* SPDX-License-Identifier: MIT */
/*
 * A program of plain fork()/exit() calls (tests/programs/plain_fork.c) run
 * under procscope: each child starts with a name and a parent, exit(3)
 * statuses arrive, an _exit(2) child shows its start only, and the mp API's
 * own children are not announced twice.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "support/cli_run.h"

/* Run `prog` under procscope --events=jsonl; the output, asserted successful. */
static struct ps_test_run ps_fork_events(const char *prog)
{
    struct ps_test_run run;
    const char *argv[] = {ps_test_procscope(), "run", "--events=jsonl", "--", prog, NULL};
    cr_assert_eq(ps_test_run(argv, NULL, 60, &run), 0);
    cr_assert_eq(run.status, 0, "status %d: %s", run.status, run.err);
    return run;
}

/* Lines of `text` holding both `a` and `b`. */
static size_t ps_fork_count(const char *text, const char *a, const char *b)
{
    size_t n = 0;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        n += memmem(line, len, a, strlen(a)) && memmem(line, len, b, strlen(b));
        line = end ? end + 1 : NULL;
    }
    return n;
}

Test(probe_fork, plain_children_are_named_and_their_exits_seen)
{
    struct ps_test_run run = ps_fork_events(PS_TEST_PROGRAM_DIR "/plain_fork");
    const char *names[] = {"plain_fork-1", "plain_fork-1-1", "plain_fork-2", "plain_fork-3"};
    for (size_t i = 0; i < 4; i++) {
        char want[96];
        snprintf(want, sizeof want, "\"proc_name\":\"%s\"", names[i]);
        cr_expect_eq(ps_fork_count(run.out, want, "\"type\":\"proc.start\""), 1,
                     "%s: one proc.start: %s", names[i], run.out);
        cr_expect_eq(ps_fork_count(run.out, want, "\"type\":\"proc.name\""), 1,
                     "%s: one proc.name", names[i]);
    }
    cr_expect_eq(ps_test_count_lines(run.out, "\"type\":\"proc.exit\""), 4,
                 "main, and children 1, 1-1 and 2 (not 3: _exit): %s", run.out);
    cr_expect_eq(ps_test_count_lines(run.out, "\"exitcode\":7"), 1, "the grandchild's exit(7)");
    cr_expect_eq(ps_test_count_lines(run.out, "\"exitcode\":3"), 1, "child 1's exit(3)");
    ps_test_run_free(&run);
}

Test(probe_fork, mp_children_are_not_announced_twice)
{
    struct ps_test_run run;
    const char *argv[] = {ps_test_procscope(), "run", "spawn", "--events=jsonl", "--time-scale",
                          "0", NULL};
    cr_assert_eq(ps_test_run(argv, NULL, 60, &run), 0);
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_expect_eq(ps_test_count_lines(run.out, "\"type\":\"proc.start\""), 6, "%s", run.out);
    cr_expect_eq(ps_test_count_lines(run.out, "\"type\":\"proc.name\""), 0, "%s", run.out);
    cr_expect_eq(ps_test_count_lines(run.out, "spawning_processes-"), 0, "%s", run.out);
    ps_test_run_free(&run);
}
