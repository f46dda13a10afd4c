/* SPDX-License-Identifier: MIT */
/*
 * Tests of `procscope info` (src/trace/trace_info.c): header fields, the
 * processes with their exit statuses, counts per type, and complete versus
 * cut short; errors print nothing.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/events_synth.h"
#include "trace/trace_info.h"
#include "trace/trace_writer.h"

static char path[256];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/ps_test_trace_info.%ld.psrec", (long)getpid());
}

static void teardown(void)
{
    unlink(path);
}

TestSuite(trace_info, .init = setup, .fini = teardown, .timeout = 60);

/* A small session: supervisor 999, MainProcess 1000, Process-1 exits 3, Process-2 is killed. */
static struct ps_trace_writer *write_session(size_t padding, bool finish)
{
    struct ps_session_info info = {.start_wall_ns = 1763900000000000000ull,
                                   .start_mono_ns = 1000000, .time_scale = 0.25,
                                   .supervisor_pid = 999};
    snprintf(info.demo, sizeof info.demo, "process_kill");
    snprintf(info.argv, sizeof info.argv, "procscope run kill --record x");
    snprintf(info.host, sizeof info.host, "box");
    struct ps_event evs[] = {
        ps_synth_event(PS_EV_PROC_SPAWN, 1000000, 999, 0, 1000, 0, 0, "MainProcess"),
        ps_synth_event(PS_EV_PROC_START, 1100000, 1000, 0, 999, 0, 0, "MainProcess"),
        ps_synth_event(PS_EV_PROC_SPAWN, 1200000, 1000, 1, 1001, 0, 0, "Process-1"),
        ps_synth_event(PS_EV_PROC_SPAWN, 1300000, 1000, 2, 1002, 0, 0, "Process-2"),
        ps_synth_event(PS_EV_PROC_EXIT, 2000000, 1000, 0, 1001, 3, 0, NULL),
        ps_synth_event(PS_EV_PROC_SIGNALLED, 2100000, 1000, 0, 1002, 9, 0, NULL),
    };
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    cr_assert_eq(ps_synth_sink(&sink, evs, sizeof evs / sizeof evs[0], &seq), 0);
    for (size_t i = 0; i < padding; i++) {
        struct ps_event m = ps_synth_event(PS_EV_MARK, 2200000 + i, 1000, 0, 0, 0, 0, "m");
        cr_assert_eq(ps_synth_sink(&sink, &m, 1, &seq), 0);
    }
    if (!finish) {
        return w;
    }
    struct ps_session_end end = {.end_mono_ns = 3500000, .events = seq, .drops = 2,
                                 .exit_status = 0, .complete = 1};
    cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
    return NULL;
}

/* Run info on p and return what it printed (rc in *rc). */
static char *info_of(const char *p, int *rc, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    *rc = ps_trace_info(p, out, err, errlen);
    fclose(out);
    return buf;
}

Test(trace_info, complete_recording)
{
    write_session(0, true);
    int rc;
    char err[256];
    char *s = info_of(path, &rc, err, sizeof err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_not_null(strstr(s, "format:      psrec version 1"), "%s", s);
    cr_assert_not_null(strstr(s, "demo:        process_kill"));
    cr_assert_not_null(strstr(s, "argv:        procscope run kill --record x"));
    cr_assert_not_null(strstr(s, "host:        box"));
    cr_assert_not_null(strstr(s, "started:     2025-11-2"), "%s", s);
    cr_assert_not_null(strstr(s, "duration:    0.002500 s"));
    cr_assert_not_null(strstr(s, "time scale:  0.25"));
    cr_assert_not_null(strstr(s, "processes:   3"), "%s", s);
    cr_assert_not_null(strstr(s, "MainProcess"));
    cr_assert_not_null(strstr(s, "Process-1"));
    cr_assert_not_null(strstr(s, "exit 3"), "%s", s);
    cr_assert_not_null(strstr(s, "exit -9 SIGKILL"), "%s", s);
    cr_assert_not_null(strstr(s, "events:      6"));
    cr_assert_not_null(strstr(s, "proc.spawn           3"), "%s", s);
    cr_assert_not_null(strstr(s, "proc.signalled       1"));
    cr_assert_not_null(strstr(s, "drops:       2"));
    cr_assert_not_null(strstr(s, "blocks:      1"));
    cr_assert_not_null(strstr(s, "status:      complete\n"), "%s", s);
    free(s);
}

Test(trace_info, crashed_recording_is_cut_short)
{
    struct ps_trace_writer *w = write_session(9000, false);
    int rc;
    char err[256];
    char *s = info_of(ps_trace_writer_tmp_path(w), &rc, err, sizeof err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_not_null(strstr(s, "status:      cut short after block 2 (byte "), "%s", s);
    cr_assert_not_null(strstr(s, "events:      8192"), "%s", s);
    cr_assert_not_null(strstr(s, "Process-2"));
    free(s);
    ps_trace_writer_abort(w);
}

Test(trace_info, errors_print_nothing)
{
    int rc;
    char err[256];
    char *s = info_of("/nonexistent-ps/x.psrec", &rc, err, sizeof err);
    cr_assert_eq(rc, -ENOENT);
    cr_assert_str_eq(s, "");
    free(s);
    FILE *f = fopen(path, "w");
    fputs("not a recording at all, just text\n", f);
    fclose(f);
    s = info_of(path, &rc, err, sizeof err);
    cr_assert_eq(rc, -EBADMSG);
    cr_assert_str_eq(s, "");
    cr_assert_not_null(strstr(err, "not a procscope recording"));
    free(s);
}
