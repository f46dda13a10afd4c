/* SPDX-License-Identifier: MIT */
/*
 * Tests of src/export: escaping, the text and JSONL line formatters, and the
 * Chrome Trace Event exporter (its output checked with jq).
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export_escape.h"
#include "export/export_jsonl.h"
#include "export/export_text.h"

/* An event of `type` from `pid` at base + `us` microseconds with the given fields. */
static struct ps_event ev_make(unsigned type, int32_t pid, uint64_t us, uint32_t obj, int64_t a,
                               int64_t b, const char *text)
{
    struct ps_event ev = {0};
    ev.type = (uint16_t)type;
    ev.pid = pid;
    ev.t_ns = 1000000000u + us * 1000u;
    ev.obj = obj;
    ev.a = a;
    ev.b = b;
    ev.text = text ? text : "";
    ev.text_len = text ? (uint32_t)strlen(text) : 0;
    return ev;
}

static const char *esc_text(const char *s, size_t n)
{
    static char out[512];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_text(&b, s, n);
    return out;
}

static const char *esc_json(const char *s, size_t n)
{
    static char out[512];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_json(&b, s, n);
    return out;
}

Test(escape, text_escapes_control_characters)
{
    cr_assert_str_eq(esc_text("\x1b[31mred", 8), "\\x1b[31mred");
    cr_assert_str_eq(esc_text("a\nb\tc\rd", 7), "a\\nb\\tc\\rd");
    cr_assert_str_eq(esc_text("q\"\\", 3), "q\\\"\\\\");
    cr_assert_str_eq(esc_text("\x7f\x01", 2), "\\x7f\\x01");
    cr_assert_str_eq(esc_text("nul\0x", 5), "nul\\x00x");
}

Test(escape, text_keeps_valid_utf8_and_escapes_invalid_bytes)
{
    cr_assert_str_eq(esc_text("caf\xc3\xa9 \xe2\x86\x92", 9), "caf\xc3\xa9 \xe2\x86\x92");
    cr_assert_str_eq(esc_text("\xff\xfe", 2), "\\xff\\xfe");
    cr_assert_str_eq(esc_text("\xc3", 1), "\\xc3");                   /* cut short */
    cr_assert_str_eq(esc_text("\xc0\xaf", 2), "\\xc0\\xaf");          /* overlong */
    cr_assert_str_eq(esc_text("\xed\xa0\x80", 3), "\\xed\\xa0\\x80"); /* surrogate */
    cr_assert_str_eq(esc_text("\xf4\x90\x80\x80", 4), "\\xf4\\x90\\x80\\x80");
    cr_assert_str_eq(esc_text("\xc2\x9b", 2), "\\u009b"); /* C1 CSI */
}

Test(escape, json_escapes_controls_and_replaces_invalid_utf8)
{
    cr_assert_str_eq(esc_json("\x1b[31m", 5), "\"\\u001b[31m\"");
    cr_assert_str_eq(esc_json("a\nb\"\\", 5), "\"a\\nb\\\"\\\\\"");
    cr_assert_str_eq(esc_json("\xff"
                              "x",
                              2),
                     "\"\\ufffdx\"");
    cr_assert_str_eq(esc_json("\xe2\x80\xa8", 3), "\"\\u2028\"");
    cr_assert_str_eq(esc_json("\xf0\x9f\x98\x80", 4), "\"\xf0\x9f\x98\x80\"");
    cr_assert_str_eq(esc_json("", 0), "\"\"");
}

Test(escape, buffer_never_overflows_nor_cuts_an_escape)
{
    char out[8];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_text(&b, "abcde\x1b", 6);
    cr_assert_str_eq(out, "abcde");
    cr_assert(b.full);
    cr_assert_eq(b.len, 5);
    ps_export_buf_puts(&b, "x");
    cr_assert_str_eq(out, "abcde");
}

Test(escape, times)
{
    char out[32];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_seconds(&b, 1234567);
    ps_export_buf_put(&b, " ", 1);
    ps_export_buf_seconds(&b, -10000);
    ps_export_buf_put(&b, " ", 1);
    ps_export_buf_micros(&b, 1234567);
    cr_assert_str_eq(out, "+0.001234 -0.000010 1234.567");
}

Test(text, formats_a_pipe_send)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    size_t n = ps_export_text_line(line, sizeof(line), &ev, "Process-1", 1000000000u);
    cr_assert_str_eq(line, "+0.001234 Process-1[4242] pipe.send pipe=1 bytes=9 end=1 value=\"42\"");
    cr_assert_eq(n, strlen(line));
}

Test(text, escapes_text_and_names)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_OUTPUT, 7, 0, 0, 1, 0, "\x1b[2Jgone\n");
    ps_export_text_line(line, sizeof(line), &ev, "evil\x1b]0;", 1000000000u);
    cr_assert_str_eq(line, "+0.000000 evil\\x1b]0;[7] output stream=1 line=\"\\x1b[2Jgone\\n\"");
    cr_assert_null(strchr(line, '\x1b'));
}

Test(text, unknown_name_and_type)
{
    char line[256];
    struct ps_event ev = ev_make(200, 9, 5, 3, -1, 2, "t");
    ps_export_text_line(line, sizeof(line), &ev, NULL, 1000000000u);
    cr_assert_str_eq(line, "+0.000005 [9] unknown type=200 obj=3 peer=0 a=-1 b=2 text=\"t\"");
}

Test(text, long_text_is_cut_whole_in_a_small_buffer)
{
    char big[1025];
    memset(big, '\x1b', 1024);
    big[1024] = '\0';
    char line[100];
    struct ps_event ev = ev_make(PS_EV_MARK, 1, 0, 0, 0, 0, big);
    size_t n = ps_export_text_line(line, sizeof(line), &ev, "M", 1000000000u);
    cr_assert_lt(n, sizeof(line));
    cr_assert_eq(strlen(line), n);
    cr_assert_eq(n % 4, (strlen("+0.000000 M[1] mark label=\"")) % 4);
    char full[PS_EXPORT_TEXT_LINE_MAX];
    n = ps_export_text_line(full, sizeof(full), &ev, "M", 1000000000u);
    cr_assert_eq(n, strlen("+0.000000 M[1] mark label=\"\"") + 4 * 1024);
}

Test(jsonl, formats_a_pipe_send)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    ev.seq = 7;
    ps_export_jsonl_line(line, sizeof(line), &ev, "Process-1", 1000000000u);
    cr_assert_str_eq(line,
                     "{\"seq\":7,\"t_ns\":1234000,\"pid\":4242,\"type\":\"pipe.send\","
                     "\"name\":\"Process-1\",\"pipe\":1,\"bytes\":9,\"end\":1,\"value\":\"42\"}");
}

Test(jsonl, unknown_name_is_null_and_unused_fields_left_out)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_LOCK_WANT, 5, 0, 2, 99, 98, NULL);
    ps_export_jsonl_line(line, sizeof(line), &ev, NULL, 1000000000u);
    cr_assert_str_eq(line, "{\"seq\":0,\"t_ns\":0,\"pid\":5,\"type\":\"lock.want\",\"name\":null,"
                           "\"lock\":2}");
}

Test(jsonl, too_small_buffer_gives_empty_string)
{
    char line[20];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    cr_assert_eq(ps_export_jsonl_line(line, sizeof(line), &ev, "P", 0), 0);
    cr_assert_str_eq(line, "");
}

Test(jsonl, every_type_and_hostile_text_is_valid_json, .timeout = 60)
{
    static const char hostile[] = "\x1b[31m\"q\"\\ \xff\xc3 \xc2\x9b \xe2\x80\xa8 \x01\x7f";
    char path[64];
    snprintf(path, sizeof(path), "/tmp/ps_test_jsonl_%d.jsonl", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    char line[PS_EXPORT_JSONL_LINE_MAX];
    for (unsigned t = 0; t <= PS_EV__COUNT; t++) {
        struct ps_event ev = ev_make(t, 100 + (int32_t)t, t, t, INT64_MIN, INT64_MAX, NULL);
        ev.text = hostile;
        ev.text_len = sizeof(hostile) - 1;
        ev.flags = PS_EVF_TEXT_CUT;
        size_t n = ps_export_jsonl_line(line, sizeof(line), &ev, hostile, 0);
        cr_assert_gt(n, 0);
        fprintf(f, "%s\n", line);
    }
    fclose(f);
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "jq -e -s 'length == %d and all(.[]; .seq == 0)' %s >/dev/null",
             PS_EV__COUNT + 1, path);
    int rc = system(cmd);
    unlink(path);
    cr_assert_eq(rc, 0, "jq rejected the JSONL");
}

/* ---- Chrome Trace Event export ---- */

#include "export/export_chrome.h"

struct chrome_run {
    char path[96];
    FILE *f;
    struct ps_export_chrome *chrome;
    struct ps_sink sink;
    uint64_t seq;
};

static void chrome_open(struct chrome_run *r, const char *tag)
{
    snprintf(r->path, sizeof(r->path), "/tmp/ps_test_chrome_%d_%s.json", (int)getpid(), tag);
    r->f = fopen(r->path, "w");
    cr_assert_not_null(r->f);
    r->chrome = ps_export_chrome_new(r->f);
    cr_assert_not_null(r->chrome);
    r->sink = ps_export_chrome_sink(r->chrome);
    r->seq = 0;
}

static void chrome_begin(struct chrome_run *r)
{
    struct ps_session_info info = {.start_mono_ns = 1000000000u, .supervisor_pid = 10};
    strcpy(info.demo, "demo \"x\"");
    strcpy(info.argv, "procscope run \x1b[31m");
    cr_assert_eq(ps_sink_begin(&r->sink, &info), 0);
}

/* Send one event through the exporter (seq in order, time = us after the start). */
static void chrome_ev(struct chrome_run *r, unsigned type, int32_t pid, uint64_t us, int32_t peer,
                      uint32_t obj, int64_t a, int64_t b, const char *text)
{
    struct ps_event ev = ev_make(type, pid, us, obj, a, b, text);
    ev.peer = peer;
    ev.seq = r->seq++;
    cr_assert_eq(ps_sink_event(&r->sink, &ev), 0);
}

/* Close the exporter (with an end when `complete`), then the file. */
static void chrome_close(struct chrome_run *r, bool with_end)
{
    if (with_end) {
        struct ps_session_end end = {
            .end_mono_ns = 1000000000u + 900000u, .events = r->seq, .complete = 1};
        cr_assert_eq(ps_sink_end(&r->sink, &end), 0);
    }
    cr_assert_eq(ps_export_chrome_free(r->chrome), 0);
    cr_assert_eq(fclose(r->f), 0);
}

/* Does jq find `expr` true of the file? */
static bool jq_true(const char *path, const char *expr)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "jq -e '%s' %s >/dev/null", expr, path);
    return system(cmd) == 0;
}

Test(chrome, empty_session_is_valid_json, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "none");
    chrome_close(&r, false);
    cr_assert(jq_true(r.path, ".traceEvents == [] and .otherData.complete == \"false\""));
    chrome_open(&r, "empty");
    chrome_begin(&r);
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, ".traceEvents == [] and .otherData.complete == \"true\" and "
                              ".otherData.demo == \"demo \\\"x\\\"\""));
    unlink(r.path);
}

/* A session with three processes, a pipe, a queue, a barrier and a pool task. */
static void chrome_session(struct chrome_run *r)
{
    chrome_ev(r, PS_EV_PROC_SPAWN, 10, 1, 20, 0, 0, 0, "MainProcess");
    chrome_ev(r, PS_EV_PROC_START, 20, 2, 10, 0, 0, 0, "MainProcess");
    chrome_ev(r, PS_EV_PIPE_OPEN, 20, 3, 0, 1, 1, 0, NULL);
    chrome_ev(r, PS_EV_QUEUE_OPEN, 20, 4, 0, 2, 0, 0, NULL);
    chrome_ev(r, PS_EV_PROC_SPAWN, 20, 5, 30, 1, 0, 0, "Process-1");
    chrome_ev(r, PS_EV_PROC_SPAWN, 20, 6, 40, 2, 0, 0, "Process-2");
    chrome_ev(r, PS_EV_PROC_START, 30, 7, 20, 0, 0, 0, "Process-1");
    chrome_ev(r, PS_EV_PROC_START, 40, 8, 20, 0, 0, 0, "Process-2");
    chrome_ev(r, PS_EV_PIPE_SEND, 30, 10, 0, 1, 5, 1, "hello");
    chrome_ev(r, PS_EV_PIPE_SEND, 30, 11, 0, 1, 5, 1, "world");
    chrome_ev(r, PS_EV_PIPE_SEND, 20, 12, 0, 1, 2, 0, "hi"); /* the other direction */
    chrome_ev(r, PS_EV_PIPE_RECV, 20, 13, 0, 1, 5, 0, "hello");
    chrome_ev(r, PS_EV_PIPE_RECV, 30, 14, 0, 1, 2, 1, "hi");
    chrome_ev(r, PS_EV_PIPE_RECV, 20, 15, 0, 1, 5, 0, "world");
    for (int i = 1; i <= 3; i++) {
        chrome_ev(r, PS_EV_QUEUE_PUT, 40, 20 + (uint64_t)i, 0, 2, i, 3, "v");
    }
    chrome_ev(r, PS_EV_QUEUE_GET, 20, 30, 0, 2, 2, 3, "v");
    chrome_ev(r, PS_EV_QUEUE_GET, 20, 31, 0, 2, 1, 3, "v");
    chrome_ev(r, PS_EV_BARRIER_NEW, 20, 40, 0, 3, 2, 0, NULL);
    chrome_ev(r, PS_EV_BARRIER_ARRIVE, 30, 41, 0, 3, 0, 0, NULL);
    chrome_ev(r, PS_EV_BARRIER_ARRIVE, 40, 45, 0, 3, 1, 0, NULL);
    chrome_ev(r, PS_EV_BARRIER_RELEASE, 30, 46, 0, 3, 5000, 0, NULL);
    chrome_ev(r, PS_EV_BARRIER_RELEASE, 40, 46, 0, 3, 1000, 0, NULL);
    chrome_ev(r, PS_EV_POOL_START, 40, 50, 0, 4, 1, 2, NULL);
    chrome_ev(r, PS_EV_POOL_DONE, 40, 60, 0, 4, 1, 2, NULL);
    chrome_ev(r, PS_EV_OUTPUT, 30, 61, 0, 0, 1, 0, "\x1b[31mred\xff");
    chrome_ev(r, PS_EV_MARK, 20, 62, 0, 0, 0, 0, "here");
    chrome_ev(r, PS_EV_LOCK_WANT, 30, 63, 0, 5, 0, 0, NULL);
    chrome_ev(r, PS_EV_LOCK_ACQUIRED, 30, 64, 0, 5, 1000, 0, NULL);
    chrome_ev(r, PS_EV_LOCK_RELEASED, 30, 66, 0, 5, 2000, 0, NULL);
    chrome_ev(r, PS_EV_LOCK_ACQUIRED, 40, 67, 0, 5, 0, 0, NULL);
    chrome_ev(r, PS_EV_PROC_EXIT, 10, 70, 30, 0, 0, 0, NULL);
    chrome_ev(r, PS_EV_PROC_SIGNALLED, 10, 71, 40, 0, 15, 0, NULL);
}

Test(chrome, one_track_per_process_with_lifetimes, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "tracks");
    chrome_begin(&r);
    chrome_session(&r);
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"M\" and .name == "
                              "\"process_name\") | [.pid, .args.name]] | sort == "
                              "[[20, \"MainProcess\"], [30, \"Process-1\"], [40, \"Process-2\"]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | .pid] | unique == [20, 30, 40]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.cat == \"proc\") | [.pid, .ts, .dur, "
                              ".args.exit_code]] | sort == [[20, 1, 899, null], "
                              "[30, 5, 65, 0], [40, 6, 65, -15]]"));
    unlink(r.path);
}

Test(chrome, a_flow_pair_per_message, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "flows");
    chrome_begin(&r);
    chrome_session(&r);
    chrome_close(&r, true);
    /* 3 pipe messages and 2 of the 3 queue puts are received: 5 pairs */
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\")] | length == 5"));
    cr_assert(jq_true(r.path, "([.traceEvents[] | select(.ph == \"s\") | .id] | sort) == "
                              "([.traceEvents[] | select(.ph == \"f\") | .id] | sort)"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\" or .ph == \"f\")] | "
                              "group_by(.id) | map(map(.ph) | sort) | all(. == [\"f\", \"s\"])"));
    /* hello (seq 8) goes 30 -> 20, hi (seq 10) 20 -> 30, world (seq 9) 30 -> 20 */
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\" or .ph == \"f\") | "
                              "select(.id <= 10) | [.id, .ph, .pid, .ts]] | sort == "
                              "[[8, \"f\", 20, 13], [8, \"s\", 30, 10], "
                              "[9, \"f\", 20, 15], [9, \"s\", 30, 11], "
                              "[10, \"f\", 30, 14], [10, \"s\", 20, 12]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"f\")] | all(.bp == \"e\")"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\" or .ph == \"f\") | .name] "
                              "| unique == [\"pipe 1\", \"queue 2\"]"));
    unlink(r.path);
}

/* A receive the ring carried before its send (the reader was quicker to log) still pairs. */
Test(chrome, a_receive_logged_before_its_send_gets_its_flow, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "early");
    chrome_begin(&r);
    chrome_ev(&r, PS_EV_PROC_START, 20, 1, 10, 0, 0, 0, "MainProcess");
    chrome_ev(&r, PS_EV_PROC_START, 30, 2, 20, 0, 0, 0, "Process-1");
    chrome_ev(&r, PS_EV_PIPE_OPEN, 20, 3, 0, 1, 1, 0, NULL);
    chrome_ev(&r, PS_EV_PIPE_SEND, 30, 10, 0, 1, 1, 1, "0");
    chrome_ev(&r, PS_EV_PIPE_RECV, 20, 11, 0, 1, 1, 0, "0");
    chrome_ev(&r, PS_EV_PIPE_RECV, 20, 12, 0, 1, 1, 0, "1"); /* logged first ... */
    chrome_ev(&r, PS_EV_PIPE_SEND, 30, 13, 0, 1, 1, 1, "1"); /* ... stamped after it */
    chrome_ev(&r, PS_EV_PIPE_SEND, 30, 14, 0, 1, 1, 1, "2");
    chrome_ev(&r, PS_EV_PIPE_RECV, 20, 15, 0, 1, 1, 0, "2");
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\")] | length == 3"));
    /* the late send's arrow starts no later than its receive: ts 12 for both halves */
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\" or .ph == \"f\") | "
                              "[.ph, .pid, .ts]] | sort == [[\"f\", 20, 11], [\"f\", 20, 12], "
                              "[\"f\", 20, 15], [\"s\", 30, 10], [\"s\", 30, 12], "
                              "[\"s\", 30, 14]]"));
    unlink(r.path);
}

Test(chrome, queue_depth_counter_and_slices, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "counter");
    chrome_begin(&r);
    chrome_session(&r);
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"C\") | [.name, .pid, "
                              ".args.depth]] == [[\"queue 2 depth\", 20, 0], "
                              "[\"queue 2 depth\", 20, 1], [\"queue 2 depth\", 20, 2], "
                              "[\"queue 2 depth\", 20, 3], [\"queue 2 depth\", 20, 2], "
                              "[\"queue 2 depth\", 20, 1]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"barrier 3 wait\") | "
                              "[.pid, .ts, .dur]] | sort == [[30, 41, 5], [40, 45, 1]]"));
    cr_assert(jq_true(r.path,
                      "[.traceEvents[] | select(.cat == \"lock\") | [.name, .pid, .ts, "
                      ".dur]] == [[\"lock 5 wait\", 30, 63, 1], [\"lock 5 held\", 30, 64, 2]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"lock.acquired\") | [.ph, .pid, "
                              ".ts]] == [[\"i\", 40, 67]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"task 1\") | "
                              "[.ph, .pid, .ts, .dur, .args.items]] == [[\"X\", 40, 50, 10, 2]]"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"i\" and .name == \"output\")] "
                              "| .[0].args.line == \"\\u001b[31mred\\ufffd\""));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"here\")] | .[0].s == \"g\""));
    unlink(r.path);
}

Test(chrome, cut_short_session_is_valid_json, .timeout = 60)
{
    struct chrome_run r;
    chrome_open(&r, "cut");
    chrome_begin(&r);
    chrome_ev(&r, PS_EV_PROC_START, 20, 2, 10, 0, 0, 0, "Main\x1b[1m\"");
    chrome_ev(&r, PS_EV_POOL_START, 20, 5, 0, 4, 7, 3, NULL);
    chrome_ev(&r, PS_EV_PIPE_SEND, 20, 6, 0, 1, 5, 1, "never received");
    chrome_close(&r, false);
    cr_assert(jq_true(r.path, ".otherData.complete == \"false\" and "
                              "([.traceEvents[] | select(.ph == \"s\")] | length == 0)"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"task 7\")] | "
                              ".[0].args.unfinished == true and .[0].dur == 1"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"process_name\")] | "
                              ".[0].args.name == \"Main\\u001b[1m\\\"\""));
    unlink(r.path);
}

Test(chrome, reports_write_errors)
{
    FILE *f = fopen("/dev/full", "w");
    cr_assert_not_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    struct ps_export_chrome *chrome = ps_export_chrome_new(f);
    struct ps_sink sink = ps_export_chrome_sink(chrome);
    struct ps_session_info info = {0};
    cr_assert_eq(ps_sink_begin(&sink, &info), -ENOSPC);
    cr_assert_eq(ps_export_chrome_free(chrome), -ENOSPC);
    fclose(f);
    errno = 0;
    cr_assert_null(ps_export_chrome_new(NULL));
    cr_assert_eq(errno, EINVAL);
    cr_assert_eq(ps_export_chrome_free(NULL), 0);
}

/* ---- output files: temporary, then rename ---- */

#include <sys/stat.h>

#include "export/export_file.h"

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

Test(export_file, commit_renames_and_abort_leaves_nothing)
{
    char path[96], tmp[128];
    snprintf(path, sizeof(path), "/tmp/ps_test_out_%d.json", (int)getpid());
    snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
    struct ps_export_file out;
    FILE *f = ps_export_file_open(&out, path, NULL);
    cr_assert_not_null(f);
    cr_assert_str_eq(out.out.tmp, tmp);
    cr_assert(file_exists(tmp));
    cr_assert_not(file_exists(path));
    fputs("{}\n", f);
    cr_assert_eq(ps_export_file_commit(&out), 0);
    cr_assert_not(file_exists(tmp));
    cr_assert(file_exists(path));
    unlink(path);

    f = ps_export_file_open(&out, path, NULL);
    cr_assert_not_null(f);
    fputs("{\"traceEvents\":[", f);
    ps_export_file_abort(&out);
    ps_export_file_abort(&out);
    cr_assert_not(file_exists(tmp));
    cr_assert_not(file_exists(path));
}

Test(export_file, failures_leave_nothing)
{
    struct ps_export_file out;
    errno = 0;
    cr_assert_null(ps_export_file_open(&out, "/nonexistent-dir/x.json", NULL));
    cr_assert_eq(errno, ENOENT);
    char path[96];
    snprintf(path, sizeof(path), "/tmp/ps_test_out_%d_dir", (int)getpid());
    cr_assert_eq(mkdir(path, 0700), 0);
    errno = 0;
    cr_assert_null(ps_export_file_open(&out, path, NULL)); /* a directory is never an output */
    cr_assert_eq(errno, EISDIR);
    cr_assert_eq(rmdir(path), 0, "something was left in the directory");
    cr_assert_eq(ps_export_file_commit(&out), -EBADF);
}

/*
 * No .timeout here on purpose: with Criterion 2.4 a test this long (seconds
 * under ASan) with a timeout, beside other tests, makes the runner itself
 * leak 48 bytes, which LeakSanitizer turns into a failure (see test_ring.c).
 * It does not wait on anything but jq; ctest's timeout still applies.
 */
Test(chrome, tables_are_bounded_on_hostile_input)
{
    struct chrome_run r;
    chrome_open(&r, "bounded");
    chrome_begin(&r);
    for (uint32_t q = 1; q <= 5000; q++) {
        chrome_ev(&r, PS_EV_QUEUE_PUT, 20, q, 0, q, 1, 1, "v");
        chrome_ev(&r, PS_EV_QUEUE_GET, 30, q, 0, q, 0, 1, "v");
    }
    for (int32_t pid = 100; pid < 100 + 20000; pid++) {
        chrome_ev(&r, PS_EV_PROC_START, pid, 6000, 1, 0, 0, 0, "p");
    }
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"s\")] | length == 4096"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.ph == \"C\")] | length == 10000"));
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.name == \"process_name\")] | length == "
                              "16384"));
    unlink(r.path);
}

Test(jsonl, text_longer_than_the_maximum_is_cut_and_flagged)
{
    static char big[3 * PS_EVENT_TEXT_MAX];
    memset(big, '\x01', sizeof(big) - 1);
    struct ps_event ev = ev_make(PS_EV_MARK, 1, 0, 0, 0, 0, big);
    char line[PS_EXPORT_JSONL_LINE_MAX];
    size_t n = ps_export_jsonl_line(line, sizeof(line), &ev, "M", 1000000000u);
    cr_assert_gt(n, 6 * PS_EVENT_TEXT_MAX);
    cr_assert_not_null(strstr(line, "\"text_cut\":true}"));
    char text[PS_EXPORT_TEXT_LINE_MAX];
    n = ps_export_text_line(text, sizeof(text), &ev, "M", 1000000000u);
    cr_assert_gt(n, 4 * PS_EVENT_TEXT_MAX);
    cr_assert_not_null(strstr(text, "\" [cut]"));
}

Test(escape, utf8_sequence_lengths)
{
    const unsigned char *cases[] = {(const unsigned char *)"a",
                                    (const unsigned char *)"\xc3\xa9",
                                    (const unsigned char *)"\xe2\x82\xac",
                                    (const unsigned char *)"\xf0\x9f\x98\x80",
                                    (const unsigned char *)"\xe0\x80\x80",
                                    (const unsigned char *)"\xf0\x80\x80\x80",
                                    (const unsigned char *)"\xf5\x80\x80\x80",
                                    (const unsigned char *)"\x80",
                                    (const unsigned char *)"\xe2\x82"};
    const size_t want[] = {1, 2, 3, 4, 0, 0, 0, 0, 0};
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        size_t len = strlen((const char *)cases[i]);
        cr_assert_eq(ps_export_utf8_seq(cases[i], len), want[i], "case %zu", i);
    }
}

Test(chrome, long_mark_labels_are_cut_in_names_and_kept_in_args, .timeout = 60)
{
    static char label[PS_EVENT_TEXT_MAX + 1];
    memset(label, '\x1b', PS_EVENT_TEXT_MAX);
    struct chrome_run r;
    chrome_open(&r, "mark");
    chrome_begin(&r);
    chrome_ev(&r, PS_EV_MARK, 20, 1, 0, 0, 0, 0, label);
    chrome_close(&r, true);
    cr_assert(jq_true(r.path, "[.traceEvents[] | select(.cat == \"mark\")] | length == 1 and "
                              "(.[0].name | length) == 63 and (.[0].args.label | length) == 1024"));
    unlink(r.path);
}
