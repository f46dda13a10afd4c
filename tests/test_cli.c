/* SPDX-License-Identifier: MIT */
/* The command line as a user meets it: each bad argument gets one line and its exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support/cli_run.h"

TestSuite(cli, .timeout = 60.0);

/* Run procscope with up to 8 arguments; the result is checked by the caller. */
static struct ps_test_run ps_cli_try(const char *a0, const char *a1, const char *a2,
                                     const char *a3, const char *a4)
{
    const char *argv[] = {ps_test_procscope(), a0, a1, a2, a3, a4, NULL};
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
    return run;
}

/* A usage error: exit 64, exactly one line on stderr naming the problem and --help. */
static void ps_cli_expect_usage(const char *a0, const char *a1, const char *a2, const char *a3,
                                const char *needle)
{
    struct ps_test_run run = ps_cli_try(a0, a1, a2, a3, NULL);
    cr_expect_eq(run.status, 64, "status %d for %s %s: %s", run.status, a0, a1 ? a1 : "",
                 run.err);
    cr_expect_eq(ps_test_count_lines(run.err, ""), 1, "stderr: %s", run.err);
    cr_expect(strstr(run.err, needle) != NULL, "want '%s' in: %s", needle, run.err);
    cr_expect(strstr(run.err, "--help") != NULL, "no hint in: %s", run.err);
    cr_expect_eq(run.out_len, 0, "stdout: %s", run.out);
    ps_test_run_free(&run);
}

Test(cli, version_and_help)
{
    struct ps_test_run run = ps_cli_try("--version", NULL, NULL, NULL, NULL);
    cr_assert_eq(run.status, 0);
    cr_assert(strncmp(run.out, "procscope ", 10) == 0, "%s", run.out);
    ps_test_run_free(&run);
    run = ps_cli_try("--help", NULL, NULL, NULL, NULL);
    cr_assert_eq(run.status, 0);
    for (const char *cmd = "list\0run\0replay\0info\0export\0bench\0--time-scale\0"; *cmd;
         cmd += strlen(cmd) + 1) {
        cr_expect(strstr(run.out, cmd) != NULL, "--help does not mention %s", cmd);
    }
    ps_test_run_free(&run);
}

Test(cli, no_arguments_off_a_terminal_lists_the_demos)
{
    struct ps_test_run run = ps_cli_try(NULL, NULL, NULL, NULL, NULL);
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_assert_eq(ps_test_count_lines(run.out, ""), 14, "%s", run.out);
    cr_assert_eq(ps_test_count_lines(run.out, "communicating_with_pipe"), 1);
    cr_assert_eq(ps_test_count_lines(run.out, "shared_namespace"), 1);
    ps_test_run_free(&run);
}

Test(cli, list_shows_every_demo_with_alias)
{
    struct ps_test_run run = ps_cli_try("list", NULL, NULL, NULL, NULL);
    cr_assert_eq(run.status, 0);
    const char *aliases[] = {"(pipe)",   "(queue)",      "(derom)", "(kill)",
                             "(myfunc)", "(naming)",     "(subclass)", "(pool)",
                             "(barrier)", "(background)", "(background_nodaemon)",
                             "(spawn)",  "(namespace)",  "(shared_namespace)"};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        cr_expect_eq(ps_test_count_lines(run.out, aliases[i]), 1, "%s", aliases[i]);
    }
    ps_test_run_free(&run);
}

Test(cli, bad_commands_and_options)
{
    ps_cli_expect_usage("bogus", NULL, NULL, NULL, "unknown command 'bogus'");
    ps_cli_expect_usage("--bogus", NULL, NULL, NULL, "unknown option '--bogus'");
    ps_cli_expect_usage("list", "extra", NULL, NULL, "takes no arguments");
    ps_cli_expect_usage("bench", "nosuch", NULL, NULL, "unknown benchmark 'nosuch'");
}

Test(cli, bad_run_arguments)
{
    ps_cli_expect_usage("run", NULL, NULL, NULL, "missing demo name");
    ps_cli_expect_usage("run", "nosuchdemo", NULL, NULL, "unknown demo 'nosuchdemo'");
    ps_cli_expect_usage("run", "pipe", "--time-scale", "abc", "--time-scale");
    ps_cli_expect_usage("run", "pipe", "--time-scale", "-1", "--time-scale");
    ps_cli_expect_usage("run", "pipe", "--time-scale", "1e9", "--time-scale");
    ps_cli_expect_usage("run", "pipe", "--time-scale", "nan", "--time-scale");
    ps_cli_expect_usage("run", "pipe", "--time-scale", NULL, "needs an argument");
    ps_cli_expect_usage("run", "pipe", "--events=xml", NULL, "text or jsonl");
    ps_cli_expect_usage("run", "pipe", "--headless", "--events", "exclude each other");
    ps_cli_expect_usage("run", "pipe", "--step", "--headless", "--step needs the TUI");
    ps_cli_expect_usage("run", "pipe", "--record", NULL, "needs an argument");
    ps_cli_expect_usage("run", "pipe", "--frobnicate", NULL, "unknown option '--frobnicate'");
    ps_cli_expect_usage("run", "--", NULL, NULL, "missing program after '--'");
    ps_cli_expect_usage("run", "pipe", "--", "/bin/true", "not both");
}

Test(cli, bad_file_arguments)
{
    ps_cli_expect_usage("replay", NULL, NULL, NULL, "needs a recording FILE");
    ps_cli_expect_usage("replay", "a", "b", NULL, "takes one FILE");
    ps_cli_expect_usage("replay", "a", "--record", "x", "only for 'run'");
    ps_cli_expect_usage("info", NULL, NULL, NULL, "needs a recording FILE");
    ps_cli_expect_usage("info", "a", "b", NULL, "takes one FILE");
    ps_cli_expect_usage("export", "a", NULL, NULL, "needs --format");
    ps_cli_expect_usage("export", "a", "--format", "xml", "chrome, jsonl or text");
    ps_cli_expect_usage("export", "--format", "text", NULL, "needs a recording FILE");
}

Test(cli, missing_files_exit_66)
{
    const char *cases[][4] = {
        {"info", "/nonexistent/x.psrec", NULL, NULL},
        {"replay", "/nonexistent/x.psrec", "--events", NULL},
        {"export", "/nonexistent/x.psrec", "--format", "text"},
        {"run", "--headless", "--", "/nonexistent/program"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ps_test_run run = ps_cli_try(cases[i][0], cases[i][1], cases[i][2], cases[i][3],
                                            NULL);
        cr_expect_eq(run.status, 66, "%s: status %d: %s", cases[i][0], run.status, run.err);
        cr_expect_eq(ps_test_count_lines(run.err, ""), 1, "%s: %s", cases[i][0], run.err);
        ps_test_run_free(&run);
    }
}

Test(cli, a_file_that_is_not_a_recording_exits_65_and_export_leaves_nothing)
{
    char dir[] = "/tmp/ps_cli_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char bad[256], out[256];
    snprintf(bad, sizeof bad, "%s/notes.psrec", dir);
    snprintf(out, sizeof out, "%s/out.json", dir);
    FILE *f = fopen(bad, "w");
    cr_assert_not_null(f);
    fputs("this is not a recording\n\x1b[2J", f);
    fclose(f);
    const char *cmds[][5] = {
        {"info", bad, NULL, NULL, NULL},
        {"replay", bad, "--events", NULL, NULL},
        {"export", bad, "--format", "chrome", "-o"},
    };
    for (size_t i = 0; i < 3; i++) {
        struct ps_test_run run =
            ps_cli_try(cmds[i][0], cmds[i][1], cmds[i][2], cmds[i][3], cmds[i][4]);
        if (i == 2) {
            ps_test_run_free(&run);
            const char *argv[] = {ps_test_procscope(), "export", bad, "--format", "chrome",
                                  "-o", out, NULL};
            cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
        }
        cr_expect_eq(run.status, 65, "%s: status %d: %s", cmds[i][0], run.status, run.err);
        cr_expect_eq(ps_test_count_lines(run.err, ""), 1, "%s", run.err);
        cr_expect(strchr(run.err, '\x1b') == NULL, "escape sequence reached stderr");
        ps_test_run_free(&run);
    }
    cr_expect_neq(access(out, F_OK), 0, "export left %s behind", out);
    unlink(bad);
    cr_expect_eq(rmdir(dir), 0, "a temporary file was left in %s", dir);
}

/* A file name of 100 KB is a bad argument (64) or a missing input (66), never an internal error. */
Test(cli, huge_file_names_exit_64_or_66)
{
    char *name = malloc(100001);
    cr_assert_not_null(name);
    memset(name, 'a', 100000);
    name[100000] = '\0';
    const char *cases[][5] = {
        {"info", name, NULL},
        {"replay", name, "--headless", NULL},
        {"export", name, "--format", "text", NULL},
        {"run", "--headless", "--", name, NULL},
        {"run", "--headless", "--record", name, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const *c = cases[i];
        const char *argv[] = {ps_test_procscope(), c[0], c[1], c[2], c[3], c[4], NULL, NULL};
        if (i == 4) { /* --record needs a program */
            argv[5] = "--";
            argv[6] = "/bin/true";
        }
        struct ps_test_run run;
        cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
        cr_expect(run.status == 64 || run.status == 66, "%s: status %d", c[0], run.status);
        ps_test_run_free(&run);
    }
    free(name);
}

/* `run -- CMD` passes any number of arguments on (no fixed limit). */
Test(cli, run_passes_seventy_arguments)
{
    const char *argv[80] = {ps_test_procscope(), "run", "--headless", "--", "/bin/echo"};
    char words[70][8];
    for (int i = 0; i < 70; i++) {
        snprintf(words[i], sizeof words[i], "w%d", i);
        argv[5 + i] = words[i];
    }
    argv[75] = NULL;
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_assert(strstr(run.out, "w0 w1 ") != NULL && strstr(run.out, " w69\n") != NULL, "%s",
              run.out);
    ps_test_run_free(&run);
}
