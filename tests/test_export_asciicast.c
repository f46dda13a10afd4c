/* SPDX-License-Identifier: MIT */
/*
 * export --format asciicast and --format svg: the asciicast v2 writer as
 * plain data, then the exports of a shipped recording through the binary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "export/export_asciicast.h"
#include "support/cli_run.h"

static const char *const env[] = {"LC_ALL=C.UTF-8", NULL};

/* What `fn` wrote into a memory stream (malloc'd). */
static char *capture_header(int cols, int rows, long long ts, const char *title)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ps_asciicast_header(f, cols, rows, ts, title), 0);
    fclose(f);
    return buf;
}

Test(asciicast, header_line)
{
    char *h = capture_header(80, 24, 1700000000, "pipe \"demo\"");
    cr_assert_str_eq(h, "{\"version\": 2, \"width\": 80, \"height\": 24, \"timestamp\": 1700000000, "
                        "\"title\": \"pipe \\\"demo\\\"\", \"env\": {\"TERM\": \"xterm-256color\"}}\n");
    free(h);
}

Test(asciicast, output_event_escapes_the_terminal_bytes)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    const char data[] = "\033[1;1H\xe2\x94\x80\n";
    cr_assert_eq(ps_asciicast_output(f, 1.5, data, sizeof(data) - 1), 0);
    fclose(f);
    cr_assert_str_eq(buf, "[1.500000, \"o\", \"\\u001b[1;1H\xe2\x94\x80\\n\"]\n");
    free(buf);
}

static void in_source_dir(void)
{
    cr_assert_eq(chdir(PS_SOURCE_DIR), 0);
}

/* procscope export REC args… to stdout. */
static struct ps_test_run export_run(const char *const *args)
{
    const char *argv[16] = {ps_test_procscope(), "export"};
    size_t n = 2;
    for (size_t i = 0; args[i] && n < 15; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, env, 120, &run), 0);
    return run;
}

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* The number after `field` in what `procscope info` says of the recording at path. */
static double recording_field(const char *path, const char *field)
{
    const char *argv[] = {ps_test_procscope(), "info", path, NULL};
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, env, 120, &run), 0);
    const char *d = strstr(run.out, field);
    cr_assert_not_null(d, "info printed no %s: %s", field, run.out);
    double value = strtod(d + strlen(field), NULL);
    ps_test_run_free(&run);
    return value;
}

/* The recording's duration in seconds. */
static double recording_duration(const char *path)
{
    return recording_field(path, "\nduration:");
}

/* The recording's number of events. */
static long recording_events(const char *path)
{
    return (long)recording_field(path, "\nevents:");
}

/* The time of the last event line of a cast. */
static double last_time(const char *cast)
{
    const char *p = cast;
    const char *last = NULL;
    while ((p = strstr(p, "\n[")) != NULL) {
        last = ++p;
    }
    cr_assert_not_null(last);
    return strtod(last + 1, NULL);
}

Test(asciicast, replay_film_of_a_recording, .init = in_source_dir)
{
    struct ps_test_run run = export_run(
        ARGS("assets/derom.psrec", "--format", "asciicast", "--size", "100x30"));
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_assert(strncmp(run.out, "{\"version\": 2, \"width\": 100, \"height\": 30", 41) == 0);
    cr_assert(strstr(run.out, "\"title\": \"derom\""));
    char last_event[32];
    long events = recording_events("assets/derom.psrec");
    snprintf(last_event, sizeof last_event, "event %ld/%ld", events, events);
    cr_assert(strstr(run.out, last_event), "the last frame shows the last event (%s)",
              last_event);
    cr_assert(strstr(run.out, "killed"), "the kill of the background process is shown");
    double t1 = last_time(run.out);
    double duration = recording_duration("assets/derom.psrec");
    cr_assert(t1 > duration - 0.1 && t1 < duration + 0.1,
              "frames at the events' own times: last %f, recording %f s", t1, duration);
    size_t frames = ps_test_count_lines(run.out, "\"o\"");
    cr_assert(frames >= (size_t)events / 2 && frames <= (size_t)events + 2,
              "about one frame per event: %zu frames, %ld events", frames, events);
    ps_test_run_free(&run);
    run = export_run(ARGS("assets/derom.psrec", "--format", "asciicast", "--speed", "4"));
    cr_assert_eq(run.status, 0);
    double t4 = last_time(run.out);
    cr_assert(t4 > t1 / 4 - 0.01 && t4 < t1 / 4 + 0.01, "--speed 4: a quarter of the time");
    ps_test_run_free(&run);
}

Test(asciicast, svg_of_the_whole_sequence, .init = in_source_dir)
{
    struct ps_test_run run =
        export_run(ARGS("assets/processes_barrier.psrec", "--format", "svg"));
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_assert(strncmp(run.out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1080\"", 50) == 0,
              "120 columns of 9 px: %.80s", run.out);
    cr_assert(strstr(run.out, "barrier 1 released"), "the release line is in the picture");
    cr_assert(strstr(run.out, "join (exit 0)"));
    cr_assert(strstr(run.out, "</svg>\n"));
    ps_test_run_free(&run);
}

Test(asciicast, bad_options_exit_64, .init = in_source_dir)
{
    const char *const *const cases[] = {
        ARGS("assets/derom.psrec", "--format", "asciicast", "--speed", "0"),
        ARGS("assets/derom.psrec", "--format", "asciicast", "--speed", "fast"),
        ARGS("assets/derom.psrec", "--format", "asciicast", "--size", "20x5"),
        ARGS("assets/derom.psrec", "--format", "jsonl", "--speed", "2"),
        ARGS("assets/derom.psrec", "--format", "chrome", "--size", "80x24"),
        ARGS("assets/derom.psrec", "--format", "svg", "--speed", "2"),
        ARGS("assets/derom.psrec", "--format", "gif"),
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct ps_test_run run = export_run(cases[i]);
        cr_assert_eq(run.status, 64, "case %zu: %s", i, run.err);
        cr_assert_eq(ps_test_count_lines(run.err, ""), 1, "one line: %s", run.err);
        cr_assert_eq(run.out_len, 0);
        ps_test_run_free(&run);
    }
}
