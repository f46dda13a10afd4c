/* SPDX-License-Identifier: MIT */
/* The command line as a user meets it: each bad argument gets one line and its exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "support/cli_run.h"
#include "support/events_synth.h"
#include "trace/trace_writer.h"

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
    ps_cli_expect_usage("run", "pipe", "--events=xml", NULL, "text, jsonl or story");
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
    ps_cli_expect_usage("export", "a", "--format", "xml", "chrome, jsonl, text, asciicast or svg");
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

/* Run procscope with argv (NULL-terminated, without the binary). */
static struct ps_test_run ps_cli_argv(const char *const *args)
{
    const char *argv[16] = {ps_test_procscope()};
    for (size_t i = 0; args[i] && i < 14; i++) {
        argv[i + 1] = args[i];
    }
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
    return run;
}

/* One short line on stderr for an over-long name: no 100 KB echo, no raw control. */
static void ps_cli_expect_short_error(const struct ps_test_run *run, const char *what)
{
    cr_expect_eq(ps_test_count_lines(run->err, ""), 1, "%s: stderr %.300s", what, run->err);
    cr_expect_lt(run->err_len, 1024, "%s: a %zu-byte message", what, run->err_len);
    cr_expect(strstr(run->err, "bytes]") != NULL, "%s: the cut is not said: %.300s", what,
              run->err);
    cr_expect_null(strchr(run->err, '\x1b'), "%s: raw ESC in %.300s", what, run->err);
}

/*
 * A file name of 100 KB, as input or as output of every command that takes one,
 * is a bad argument (64) or a missing input (66), said in one short escaped line.
 */
Test(cli, huge_file_names_exit_64_or_66)
{
    char *name = malloc(100001);
    cr_assert_not_null(name);
    memset(name, 'a', 100000);
    name[0] = '\x1b';
    name[100000] = '\0';
    char *sub = NULL;
    cr_assert_gt(asprintf(&sub, "/tmp/%s", name + 1), 0);
    const char *rec = PS_SOURCE_DIR "/assets/communicating_with_pipe.psrec";
    const char *cases[][8] = {
        {"info", name},
        {"replay", name, "--headless"},
        {"export", name, "--format", "text"},
        {"screen", name},
        {"run", "--headless", "--", name},
        {"run", "--headless", "--record", name, "--", "/bin/true"},
        {"run", "--events", "--record", sub, "--", "/bin/true"},
        {"export", rec, "--format", "text", "-o", name},
        {"export", rec, "--format", "jsonl", "-o", sub},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *const *c = cases[i];
        const char *argv[10] = {ps_test_procscope()};
        for (size_t k = 0; k < 8 && c[k]; k++) {
            argv[k + 1] = c[k];
        }
        struct ps_test_run run;
        cr_assert_eq(ps_test_run(argv, NULL, 30, &run), 0);
        cr_expect(run.status == 64 || run.status == 66, "case %zu (%s %s): status %d", i, c[0],
                  c[1][0] == 'a' || c[1][0] == '\x1b' ? "NAME" : c[1], run.status);
        ps_cli_expect_short_error(&run, c[0]);
        ps_test_run_free(&run);
    }
    free(sub);
    free(name);
}

/* A valid 250-byte name is writable: the temporary must not push it past NAME_MAX. */
Test(cli, a_250_byte_output_name_is_written)
{
    char dir[] = "/tmp/ps_cli_long_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char base[251];
    memset(base, 'n', 250);
    base[250] = '\0';
    char out[600];
    snprintf(out, sizeof out, "%s/%s", dir, base);
    const char *rec = PS_SOURCE_DIR "/assets/communicating_with_pipe.psrec";
    const char *exp[] = {"export", rec, "--format", "text", "-o", out, NULL};
    struct ps_test_run run = ps_cli_argv(exp);
    cr_expect_eq(run.status, 0, "export: %d %.300s", run.status, run.err);
    ps_test_run_free(&run);
    cr_expect_eq(access(out, F_OK), 0, "export wrote no %s", base);
    cr_expect_eq(unlink(out), 0);
    const char *recd[] = {"run", "--headless", "--record", out, "--", "/bin/true", NULL};
    run = ps_cli_argv(recd);
    cr_expect_eq(run.status, 0, "record: %d %.300s", run.status, run.err);
    ps_test_run_free(&run);
    cr_expect_eq(unlink(out), 0, "--record wrote no %s", base);
    cr_expect_eq(rmdir(dir), 0, "a temporary was left in %s", dir);
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

/* A small recording at `path` whose header and names carry terminal controls. */
static void ps_cli_hostile_recording(const char *path)
{
    struct ps_session_info info = {.start_mono_ns = 1000, .time_scale = 1, .supervisor_pid = 9};
    snprintf(info.demo, sizeof info.demo, "demo\x1b]52;c;aGk=\x07");
    snprintf(info.argv, sizeof info.argv, "run \x1b[2J\x9b" "31m");
    snprintf(info.host, sizeof info.host, "host\x1b[31m");
    struct ps_event evs[] = {
        ps_synth_event(PS_EV_PROC_SPAWN, 1000, 9, 0, 10, 0, 0, "Main\x1b]0;owned\x07"),
        ps_synth_event(PS_EV_PROC_START, 2000, 10, 0, 9, 0, 0, "Main\x1b]0;owned\x07"),
        ps_synth_event(PS_EV_OUTPUT, 3000, 10, 0, 0, 1, 0, "out \x1b[2J \xc2\x9b" "1m \x9b \xff!"),
        ps_synth_event(PS_EV_PROC_EXIT, 4000, 9, 0, 10, 0, 0, NULL),
    };
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    cr_assert_eq(ps_synth_sink(&sink, evs, sizeof evs / sizeof evs[0], &seq), 0);
    struct ps_session_end end = {.end_mono_ns = 5000, .events = seq, .complete = 1};
    cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
}

/* How many entries directory d holds (a leftover temporary shows here). */
static int ps_cli_entries(const char *d)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", d);
    FILE *p = popen(cmd, "r");
    int n = -1;
    cr_assert_eq(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

Test(cli, export_outputs_follow_the_file_rules)
{
    char dir[] = "/tmp/ps_cli_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char rec[128], dev[128], link[128], real[128];
    snprintf(rec, sizeof rec, "%s/in.psrec", dir);
    snprintf(dev, sizeof dev, "%s/null", dir);
    snprintf(link, sizeof link, "%s/link.txt", dir);
    snprintf(real, sizeof real, "%s/real.txt", dir);
    ps_cli_hostile_recording(rec);
    cr_assert_eq(mknod(dev, S_IFCHR | 0666, makedev(1, 3)), 0); /* a copy of /dev/null */
    cr_assert_eq(symlink("real.txt", link), 0);
    struct stat before, st;
    cr_assert_eq(stat(rec, &before), 0);

    struct ps_test_run run = ps_cli_argv((const char *[]){"export", rec, "--format", "text",
                                                          "-o", dev, NULL});
    cr_expect_eq(run.status, 0, "%s", run.err);
    ps_test_run_free(&run);
    cr_assert_eq(lstat(dev, &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "the device became a file (mode %o)", st.st_mode);

    run = ps_cli_argv((const char *[]){"export", rec, "--format", "jsonl", "-o", link, NULL});
    cr_expect_eq(run.status, 0, "%s", run.err);
    ps_test_run_free(&run);
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the symlink was replaced");
    cr_assert_eq(stat(real, &st), 0);
    cr_expect_gt(st.st_size, 0);

    run = ps_cli_argv((const char *[]){"export", rec, "--format", "jsonl", "-o", "-", NULL});
    cr_expect_eq(run.status, 0, "%s", run.err);
    cr_expect_eq((off_t)run.out_len, st.st_size, "-o - is stdout");
    ps_test_run_free(&run);

    const char *same[] = {rec, "in.psrec"};
    for (size_t i = 0; i < 2; i++) {
        if (i == 1) {
            cr_assert_eq(chdir(dir), 0);
        }
        run = ps_cli_argv((const char *[]){"export", rec, "--format", "text", "-o", same[i],
                                           NULL});
        cr_expect_eq(run.status, 64, "%s", run.err);
        cr_expect(strstr(run.err, "input") != NULL, "%s", run.err);
        ps_test_run_free(&run);
    }
    cr_assert_eq(chdir("/"), 0);
    cr_assert_eq(stat(rec, &st), 0);
    cr_expect(st.st_ino == before.st_ino && st.st_size == before.st_size, "input changed");
    cr_expect_eq(ps_cli_entries(dir), 4, "a temporary was left behind");
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}

Test(cli, a_fifo_given_as_a_recording_is_refused_at_once)
{
    char dir[] = "/tmp/ps_cli_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char fifo[128], out[128];
    snprintf(fifo, sizeof fifo, "%s/rec.psrec", dir);
    snprintf(out, sizeof out, "%s/out.json", dir);
    cr_assert_eq(mkfifo(fifo, 0600), 0);
    const char *cmds[][8] = {
        {"info", fifo, NULL},
        {"replay", fifo, "--events", NULL},
        {"replay", fifo, "--headless", NULL},
        {"export", fifo, "--format", "chrome", "-o", out, NULL},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        const char *argv[10] = {ps_test_procscope()};
        for (size_t k = 0; cmds[i][k]; k++) {
            argv[k + 1] = cmds[i][k];
        }
        struct ps_test_run run;
        cr_assert_eq(ps_test_run(argv, NULL, 10, &run), 0);
        cr_expect_eq(run.status, 66, "%s: status %d (137: it hung): %s", cmds[i][0], run.status,
                     run.err);
        cr_expect(strstr(run.err, "not a regular file") != NULL, "%s", run.err);
        cr_expect_eq(ps_test_count_lines(run.err, ""), 1, "%s", run.err);
        ps_test_run_free(&run);
    }
    cr_expect_neq(access(out, F_OK), 0, "export created its output before the input was good");
    cr_expect_eq(ps_cli_entries(dir), 1);
    unlink(fifo);
    rmdir(dir);
}

Test(cli, text_from_a_recording_or_an_argument_never_reaches_the_terminal_raw)
{
    char dir[] = "/tmp/ps_cli_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char rec[128], evil[160];
    snprintf(rec, sizeof rec, "%s/in.psrec", dir);
    snprintf(evil, sizeof evil, "%s/no\x1b]52;c;aGk=\x07such\x9b.psrec", dir);
    ps_cli_hostile_recording(rec);
    const char *cmds[][6] = {
        {"info", rec, NULL},
        {"replay", rec, "--headless", NULL},
        {"replay", rec, "--events", NULL},
        {"info", evil, NULL},
        {"export", evil, "--format", "text", NULL},
        {"run", "no\x1b[2Jdemo\x07", NULL},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        struct ps_test_run run = ps_cli_argv(cmds[i]);
        const char *both[] = {run.out, run.err};
        for (size_t k = 0; k < 2; k++) {
            for (const char *c = both[k]; *c; c++) {
                unsigned char u = (unsigned char)*c;
                cr_expect(u >= 0x20 || u == '\n' || u == '\t', "%s %s: raw 0x%02x on %s", cmds[i][0],
                          cmds[i][1], u, k ? "stderr" : "stdout");
                cr_expect(u != 0x7f && u != 0x9b && u != 0xff, "%s: raw 0x%02x", cmds[i][0], u);
                cr_expect(!(u == 0xc2 && (unsigned char)c[1] < 0xa0), "%s: a C1 control",
                          cmds[i][0]);
            }
        }
        if (i == 0) {
            cr_expect(strstr(run.out, "demo\\x1b]52;c;aGk=\\x07") != NULL, "%s", run.out);
            cr_expect(strstr(run.out, "Main\\x1b]0;owned\\x07") != NULL, "%s", run.out);
        } else if (i == 1) {
            cr_expect(strstr(run.out, "\\x1b[2J \\u009b1m \\x9b \\xff!") != NULL, "%s", run.out);
        }
        ps_test_run_free(&run);
    }
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    cr_expect_eq(system(cmd), 0);
}
