/* SPDX-License-Identifier: MIT */
/*
 * Record -> replay -> info -> export, through the command line, for every demo:
 * a recording plays back exactly the events the live session printed (so the
 * model folded from them ends the same), and its exports agree with them.
 */
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/event.h"
#include "support/cli_run.h"

TestSuite(record, .timeout = 200.0);

static char ps_dir[64];

/* Run procscope with argv[1..] (NULL-terminated); the caller frees the result. */
static struct ps_test_run ps_rec_cli(const char *const *args)
{
    const char *argv[12] = {ps_test_procscope()};
    for (size_t i = 0; args[i] && i + 2 < sizeof argv / sizeof argv[0]; i++) {
        argv[i + 1] = args[i];
    }
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 60, &run), 0);
    return run;
}

/* Run jq's `filter` on `file` and return its output as a number. */
static long ps_rec_jq_count(const char *filter, const char *file)
{
    const char *argv[] = {"/usr/bin/jq", "-e", filter, file, NULL};
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, NULL, 60, &run), 0);
    cr_assert_eq(run.status, 0, "jq %s %s: %s", filter, file, run.err);
    long n = strtol(run.out, NULL, 10);
    ps_test_run_free(&run);
    return n;
}

/* The number after `label` at the start of a line of `text`, or -1. */
static long ps_rec_field(const char *text, const char *label)
{
    const char *at = strstr(text, label);
    return at ? strtol(at + strlen(label), NULL, 10) : -1;
}

/* The demo names, from `procscope list` (first column). */
static size_t ps_rec_demos(char names[][64], size_t max)
{
    struct ps_test_run run = ps_rec_cli((const char *[]){"list", NULL});
    cr_assert_eq(run.status, 0);
    size_t n = 0;
    for (char *line = strtok(run.out, "\n"); line && n < max; line = strtok(NULL, "\n")) {
        sscanf(line, "%63s", names[n++]);
    }
    ps_test_run_free(&run);
    return n;
}

/* One demo's round trip; every comparison names the demo. */
static void ps_rec_round_trip(const char *demo)
{
    char rec[PATH_MAX], json[PATH_MAX];
    snprintf(rec, sizeof rec, "%s/%s.psrec", ps_dir, demo);
    snprintf(json, sizeof json, "%s/%s.json", ps_dir, demo);

    struct ps_test_run live = ps_rec_cli((const char *[]){
        "run", demo, "--time-scale", "0", "--events=jsonl", "--record", rec, NULL});
    cr_assert_eq(live.status, 0, "%s: run status %d: %s", demo, live.status, live.err);
    cr_assert_gt(live.out_len, 0, "%s printed no events", demo);

    struct ps_test_run replay = ps_rec_cli((const char *[]){"replay", rec, "--events=jsonl", NULL});
    cr_expect_eq(replay.status, 0, "%s: replay: %s", demo, replay.err);
    cr_expect_str_eq(replay.out, live.out, "%s: replayed events differ from the live ones", demo);

    struct ps_test_run jsonl =
        ps_rec_cli((const char *[]){"export", rec, "--format", "jsonl", NULL});
    cr_expect_str_eq(jsonl.out, live.out, "%s: export jsonl differs from --events=jsonl", demo);

    struct ps_test_run text = ps_rec_cli((const char *[]){"export", rec, "--format", "text", NULL});
    struct ps_test_run text_replay =
        ps_rec_cli((const char *[]){"replay", rec, "--events=text", NULL});
    cr_expect_str_eq(text.out, text_replay.out, "%s: export text differs from --events=text", demo);

    struct ps_test_run info = ps_rec_cli((const char *[]){"info", rec, NULL});
    cr_expect_eq(info.status, 0, "%s: info: %s", demo, info.err);
    cr_expect(strstr(info.out, "status:      complete") != NULL, "%s: %s", demo, info.out);
    cr_expect_eq(ps_rec_field(info.out, "\nevents:"),
                 (long)ps_test_count_lines(live.out, "\"seq\":"), "%s: info's event count", demo);
    cr_expect_eq(ps_rec_field(info.out, "\ndrops:"), 0, "%s", demo);
    /* A slot is torn only when its producer is killed between reserving and publishing: a
     * daemon terminated at main's end may be printing (run_background_processes at time scale
     * 0). So: none unless a process was killed, and at most one event's slots per kill. */
    long killed = (long)ps_test_count_lines(info.out, " killed ");
    cr_expect_leq(ps_rec_field(info.out, "\ntorn:"), killed * PS_EVENT_MAX_SLOTS,
                  "%s: torn slots without a killed producer", demo);

    struct ps_test_run chrome = ps_rec_cli((const char *[]){
        "export", rec, "--format", "chrome", "-o", json, NULL});
    cr_expect_eq(chrome.status, 0, "%s: export chrome: %s", demo, chrome.err);
    long tracks = ps_rec_jq_count(
        "[.traceEvents[] | select(.ph == \"M\" and .name == \"process_name\")] | length", json);
    cr_expect_eq(tracks, ps_rec_field(info.out, "\nprocesses:"), "%s: one track per process",
                 demo);
    long starts = ps_rec_jq_count("[.traceEvents[] | select(.ph == \"s\")] | length", json);
    long ends = ps_rec_jq_count("[.traceEvents[] | select(.ph == \"f\")] | length", json);
    long received = (long)(ps_test_count_lines(live.out, "\"type\":\"pipe.recv\"") +
                           ps_test_count_lines(live.out, "\"type\":\"queue.get\""));
    cr_expect_eq(starts, ends, "%s: flow starts and ends pair up", demo);
    cr_expect_eq(starts, received, "%s: a flow per message received", demo);

    struct ps_test_run *all[] = {&live, &replay, &jsonl, &text, &text_replay, &info, &chrome};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        ps_test_run_free(all[i]);
    }
    unlink(rec);
    unlink(json);
}

static void ps_rec_setup(void)
{
    snprintf(ps_dir, sizeof ps_dir, "/tmp/ps_record_%ld_XXXXXX", (long)getpid());
    cr_assert_not_null(mkdtemp(ps_dir));
}

static void ps_rec_teardown(void)
{
    rmdir(ps_dir);
}

Test(record, every_demo_round_trips, .init = ps_rec_setup, .fini = ps_rec_teardown)
{
    char names[32][64];
    size_t n = ps_rec_demos(names, 32);
    cr_assert_eq(n, 14, "procscope list shows %zu demos", n);
    for (size_t i = 0; i < n; i++) {
        ps_rec_round_trip(names[i]);
    }
    cr_expect_eq(rmdir(ps_dir), 0, "a file was left in %s", ps_dir);
    ps_dir[0] = '\0';
}

/* The first child pid listed in /proc/PID/task/PID/children, or -1. */
static pid_t ps_rec_first_child(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/task/%ld/children", (long)pid, (long)pid);
    FILE *f = fopen(path, "r");
    long child = -1;
    if (f) {
        if (fscanf(f, "%ld", &child) != 1) {
            child = -1;
        }
        fclose(f);
    }
    return (pid_t)child;
}

/* Kill procscope while it records: the temporary file keeps every block written. */
Test(record, a_recorder_killed_mid_write_leaves_a_readable_prefix, .init = ps_rec_setup,
     .fini = ps_rec_teardown)
{
    char rec[128];
    snprintf(rec, sizeof rec, "%s/derom.psrec", ps_dir);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        execl(ps_test_procscope(), "procscope", "run", "derom", "--headless", "--record", rec,
              (char *)NULL);
        _exit(127);
    }
    /* derom prints about once a second for four seconds; a block closes once it spans
       a quarter second, so by 2.5 s at least one block is on disk */
    usleep(2500 * 1000);
    pid_t demo = ps_rec_first_child(pid); /* the demo leads its own process group */
    kill(pid, SIGKILL);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    if (demo > 0) {
        kill(-demo, SIGKILL); /* SIGKILL gave the supervisor no chance to clean up */
    }
    char tmp[200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", rec, (long)pid);
    cr_assert_neq(access(rec, F_OK), 0, "an unfinished recording got its final name");
    cr_assert_eq(access(tmp, F_OK), 0, "no temporary file %s", tmp);

    struct ps_test_run info = ps_rec_cli((const char *[]){"info", tmp, NULL});
    cr_expect_eq(info.status, 0, "info on a cut file: %s", info.err);
    cr_expect(strstr(info.out, "cut short") != NULL, "%s", info.out);
    cr_expect_gt(ps_rec_field(info.out, "\nevents:"), 5, "%s", info.out);
    struct ps_test_run events = ps_rec_cli((const char *[]){"replay", tmp, "--events", NULL});
    cr_expect_eq(events.status, 0, "%s", events.err);
    cr_expect_gt(ps_test_count_lines(events.out, "background_process"), 0, "%s", events.out);
    ps_test_run_free(&info);
    ps_test_run_free(&events);
    unlink(tmp);
}

/* assets/ ships a complete recording of every demo, readable by replay. */
Test(record, every_demo_has_a_shipped_recording)
{
    char names[32][64];
    size_t n = ps_rec_demos(names, 32);
    for (size_t i = 0; i < n; i++) {
        char rec[512], demo_line[128];
        snprintf(rec, sizeof rec, "%s/assets/%s.psrec", PS_SOURCE_DIR, names[i]);
        snprintf(demo_line, sizeof demo_line, "\ndemo:        %s\n", names[i]);
        struct ps_test_run info = ps_rec_cli((const char *[]){"info", rec, NULL});
        cr_expect_eq(info.status, 0, "%s: %s", rec, info.err);
        cr_expect(strstr(info.out, demo_line) != NULL, "%s: %s", rec, info.out);
        cr_expect(strstr(info.out, "status:      complete") != NULL, "%s: %s", rec, info.out);
        struct ps_test_run printed = ps_rec_cli((const char *[]){"replay", rec, "--headless", NULL});
        cr_expect_eq(printed.status, 0, "%s: %s", rec, printed.err);
        cr_expect_gt(printed.out_len, 0, "%s printed nothing", rec);
        ps_test_run_free(&info);
        ps_test_run_free(&printed);
    }
}
