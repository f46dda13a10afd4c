/* SPDX-License-Identifier: MIT */
/*
 * Tests of the event printer (src/export/printer.c): process names resolved
 * from the events themselves, identical output for the same events whatever
 * their source, and write errors reported.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/printer.h"

#define BASE_NS 5000000000u

/* A small session: the supervisor (pid 10) spawns MainProcess (20), which spawns Process-1 (30). */
static const struct {
    unsigned type;
    int32_t pid, peer;
    uint32_t obj;
    int64_t a, b;
    const char *text;
} script[] = {
    {PS_EV_PROC_SPAWN, 10, 20, 0, 0, 0, "MainProcess"},
    {PS_EV_PROC_START, 20, 10, 0, 0, 0, "MainProcess"},
    {PS_EV_PIPE_OPEN, 20, 0, 1, 0, 0, NULL},
    {PS_EV_PROC_SPAWN, 20, 30, 1, 0, 0, "Process-1"},
    {PS_EV_PIPE_SEND, 30, 0, 1, 9, 1, "42"},
    {PS_EV_PROC_NAME, 30, 0, 0, 0, 0, "Renamed\x1b[1m"},
    {PS_EV_PIPE_RECV, 20, 0, 1, 9, 0, "42"},
    {PS_EV_OUTPUT, 20, 0, 0, 1, 0, "got \xff 42\n"},
    {PS_EV_PROC_EXIT, 10, 30, 0, 0, 0, NULL},
    {PS_EV_RING_DROPPED, 10, 0, 0, 3, 0, NULL},
};
#define NSCRIPT (sizeof(script) / sizeof(script[0]))

/* Feed the script to `sink`, each text from a fresh heap copy (a different source). */
static int feed(const struct ps_sink *sink)
{
    struct ps_session_info info = {.start_mono_ns = BASE_NS, .supervisor_pid = 10};
    strcpy(info.demo, "test");
    int err = ps_sink_begin(sink, &info);
    for (size_t i = 0; i < NSCRIPT && err == 0; i++) {
        const char *text = script[i].text ? script[i].text : "";
        struct ps_event ev = {.seq = i,
                              .t_ns = BASE_NS + i * 1500u,
                              .pid = script[i].pid,
                              .type = (uint16_t)script[i].type,
                              .obj = script[i].obj,
                              .peer = script[i].peer,
                              .a = script[i].a,
                              .b = script[i].b};
        char *copy = strdup(text);
        ev.text = copy;
        ev.text_len = (uint32_t)strlen(copy);
        err = ps_sink_event(sink, &ev);
        memset(copy, 'X', strlen(copy));
        free(copy);
    }
    struct ps_session_end end = {.end_mono_ns = BASE_NS + 100000, .events = NSCRIPT, .complete = 1};
    return err ? err : ps_sink_end(sink, &end);
}

/* Print the script in `fmt`; returns a malloc'ed string. */
static char *print_script(enum ps_print_format fmt)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    cr_assert_not_null(f);
    struct ps_printer *p = ps_printer_new(f, fmt);
    cr_assert_not_null(p);
    struct ps_sink sink = ps_printer_sink(p);
    cr_assert_eq(feed(&sink), 0);
    ps_printer_free(p);
    fclose(f);
    return out;
}

/* Line `n` (0-based) of `s` into a static buffer. */
static const char *line_of(const char *s, int n)
{
    static char line[1024];
    for (; n > 0 && s; n--) {
        s = strchr(s, '\n');
        s = s ? s + 1 : NULL;
    }
    cr_assert_not_null(s);
    size_t len = strcspn(s, "\n");
    memcpy(line, s, len);
    line[len] = '\0';
    return line;
}

Test(printer, text_names_processes_from_the_events)
{
    char *out = print_script(PS_PRINT_TEXT);
    cr_assert_str_eq(line_of(out, 0),
                     "+0.000000 procscope[10] proc.spawn index=0 child=20 daemon=0 "
                     "child_name=\"MainProcess\"");
    cr_assert_str_eq(line_of(out, 2), "+0.000003 MainProcess[20] pipe.open pipe=1 duplex=0");
    cr_assert_str_eq(line_of(out, 4),
                     "+0.000006 Process-1[30] pipe.send pipe=1 bytes=9 end=1 value=\"42\"");
    cr_assert_str_eq(line_of(out, 5), "+0.000007 Renamed\\x1b[1m[30] proc.name "
                                      "proc_name=\"Renamed\\x1b[1m\"");
    cr_assert_str_eq(line_of(out, 7),
                     "+0.000010 MainProcess[20] output stream=1 line=\"got \\xff 42\\n\"");
    cr_assert_str_eq(line_of(out, 9), "+0.000013 procscope[10] ring.dropped total=3");
    cr_assert_null(strchr(out, '\x1b'));
    free(out);
}

Test(printer, same_events_print_identical_output)
{
    for (int fmt = PS_PRINT_TEXT; fmt <= PS_PRINT_JSONL; fmt++) {
        char *first = print_script((enum ps_print_format)fmt);
        char *second = print_script((enum ps_print_format)fmt);
        cr_assert_str_eq(first, second);
        size_t lines = 0;
        for (const char *c = first; *c; c++) {
            lines += *c == '\n';
        }
        cr_assert_eq(lines, NSCRIPT);
        free(first);
        free(second);
    }
}

Test(printer, jsonl_lines_parse_and_carry_names, .timeout = 60)
{
    char *out = print_script(PS_PRINT_JSONL);
    cr_assert_str_eq(line_of(out, 4), "{\"seq\":4,\"t_ns\":6000,\"pid\":30,\"type\":\"pipe.send\","
                                      "\"name\":\"Process-1\",\"pipe\":1,\"bytes\":9,\"end\":1,"
                                      "\"value\":\"42\"}");
    char path[64];
    snprintf(path, sizeof(path), "/tmp/ps_test_printer_%d.jsonl", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs(out, f);
    fclose(f);
    char cmd[256];
    snprintf(
        cmd, sizeof(cmd),
        "jq -e -s 'length == %zu and .[0].name == \"procscope\" and .[1].name == \"MainProcess\" "
        "and .[7].line == \"got \\ufffd 42\\n\"' %s >/dev/null",
        NSCRIPT, path);
    int rc = system(cmd);
    unlink(path);
    free(out);
    cr_assert_eq(rc, 0, "jq rejected the JSONL or its content");
}

Test(printer, reports_write_errors)
{
    FILE *f = fopen("/dev/full", "w");
    cr_assert_not_null(f);
    setvbuf(f, NULL, _IONBF, 0);
    struct ps_printer *p = ps_printer_new(f, PS_PRINT_TEXT);
    struct ps_sink sink = ps_printer_sink(p);
    cr_assert_eq(feed(&sink), -ENOSPC);
    ps_printer_free(p);
    fclose(f);
}

Test(printer, rejects_bad_arguments)
{
    errno = 0;
    cr_assert_null(ps_printer_new(stdout, (enum ps_print_format)7));
    cr_assert_eq(errno, EINVAL);
    cr_assert_null(ps_printer_new(NULL, PS_PRINT_TEXT));
    ps_printer_free(NULL);
}

/* ---- random hostile events: nothing crashes, output stays clean ---- */

#include "export/export_chrome.h"
#include "export/export_escape.h"

/* A deterministic pseudo-random generator (xorshift64). */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Feed `n` random events with random bytes as text to `sink`. */
static void feed_random(const struct ps_sink *sink, uint64_t seed, int n)
{
    static const int64_t extremes[] = {0, 1, -1, INT64_MIN, INT64_MAX, 2, 1000000};
    char text[PS_EVENT_TEXT_MAX + 1];
    struct ps_session_info info = {.start_mono_ns = 1000000};
    memset(info.demo, 'd', sizeof(info.demo)); /* not NUL-terminated */
    cr_assert_eq(ps_sink_begin(sink, &info), 0);
    for (int i = 0; i < n; i++) {
        struct ps_event ev = {.seq = (uint64_t)i,
                              .t_ns = rnd(&seed) % 3000000,
                              .pid = (int32_t)(rnd(&seed) % 8) - 1,
                              .type = (uint16_t)(rnd(&seed) % (PS_EV__COUNT + 3)),
                              .flags = (uint8_t)rnd(&seed),
                              .obj = (uint32_t)(rnd(&seed) % 4),
                              .peer = (int32_t)(rnd(&seed) % 8) - 1};
        ev.a = extremes[rnd(&seed) % 7];
        ev.b = extremes[rnd(&seed) % 7];
        ev.text_len = (uint32_t)(rnd(&seed) % 4 == 0 ? rnd(&seed) % (PS_EVENT_TEXT_MAX + 1) : 8);
        for (uint32_t k = 0; k < ev.text_len; k++) {
            text[k] = (char)rnd(&seed);
        }
        text[ev.text_len] = '\0';
        ev.text = text;
        cr_assert_eq(ps_sink_event(sink, &ev), 0);
    }
    struct ps_session_end end = {.events = (uint64_t)n};
    cr_assert_eq(ps_sink_end(sink, &end), 0);
}

/* Run `sink_kind` (0 text, 1 jsonl, 2 chrome) over random events into a file at `path`. */
static void export_random(const char *path, int kind, uint64_t seed)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    if (kind == 2) {
        struct ps_export_chrome *chrome = ps_export_chrome_new(f);
        struct ps_sink sink = ps_export_chrome_sink(chrome);
        feed_random(&sink, seed, 3000);
        cr_assert_eq(ps_export_chrome_free(chrome), 0);
    } else {
        struct ps_printer *p = ps_printer_new(f, kind ? PS_PRINT_JSONL : PS_PRINT_TEXT);
        struct ps_sink sink = ps_printer_sink(p);
        feed_random(&sink, seed, 3000);
        ps_printer_free(p);
    }
    cr_assert_eq(fclose(f), 0);
}

Test(printer, random_events_give_valid_json, .timeout = 120)
{
    char path[96];
    char cmd[256];
    for (int kind = 1; kind <= 2; kind++) {
        snprintf(path, sizeof(path), "/tmp/ps_test_random_%d_%d.json", (int)getpid(), kind);
        export_random(path, kind, 0x9e3779b97f4a7c15u + (uint64_t)kind);
        snprintf(cmd, sizeof(cmd), "jq -e %s %s >/dev/null",
                 kind == 1 ? "-s 'length == 3000'" : "'.traceEvents | length > 3000'", path);
        int rc = system(cmd);
        unlink(path);
        cr_assert_eq(rc, 0, "jq rejected the %s output", kind == 1 ? "JSONL" : "Chrome");
    }
}

Test(printer, random_events_give_clean_text_lines)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    struct ps_printer *p = ps_printer_new(f, PS_PRINT_TEXT);
    struct ps_sink sink = ps_printer_sink(p);
    feed_random(&sink, 12345, 3000);
    ps_printer_free(p);
    fclose(f);
    size_t lines = 0;
    const unsigned char *u = (const unsigned char *)out;
    for (size_t i = 0; i < len;) {
        if (u[i] == '\n') {
            lines++;
            i++;
            continue;
        }
        cr_assert(u[i] >= 0x20 && u[i] != 0x7f, "raw control byte at %zu", i);
        size_t seq = ps_export_utf8_seq(u + i, len - i);
        cr_assert_gt(seq, 0, "invalid UTF-8 at %zu", i);
        cr_assert_not(seq == 2 && u[i] == 0xc2 && u[i + 1] < 0xa0, "C1 control at %zu", i);
        i += seq;
    }
    cr_assert_eq(lines, 3000);
    free(out);
}

/* ---- a real session under the supervisor ---- */

#include <stdint.h>

#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

/* Every sink of a live run: two printers, a Chrome exporter and a collector of copies. */
struct live_sinks {
    struct ps_sink sinks[4];
};

static int live_begin(void *ctx, const struct ps_session_info *info)
{
    struct live_sinks *l = ctx;
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(ps_sink_begin(&l->sinks[i], info), 0);
    }
    return 0;
}

static int live_event(void *ctx, const struct ps_event *ev)
{
    struct live_sinks *l = ctx;
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(ps_sink_event(&l->sinks[i], ev), 0);
    }
    return 0;
}

static int live_end(void *ctx, const struct ps_session_end *end)
{
    struct live_sinks *l = ctx;
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(ps_sink_end(&l->sinks[i], end), 0);
    }
    return 0;
}

/* A printer of `fmt` writing into a memstream. */
static struct ps_printer *mem_printer(enum ps_print_format fmt, FILE **f, char **buf, size_t *len)
{
    *f = open_memstream(buf, len);
    cr_assert_not_null(*f);
    struct ps_printer *p = ps_printer_new(*f, fmt);
    cr_assert_not_null(p);
    return p;
}

/* Print the collected copies in `fmt`, as a replay would; returns a malloc'ed string. */
static char *print_copies(const struct ring_collect *c, const struct ps_session_info *info,
                          const struct ps_session_end *end, enum ps_print_format fmt)
{
    FILE *f;
    char *buf = NULL;
    size_t len = 0;
    struct ps_printer *p = mem_printer(fmt, &f, &buf, &len);
    struct ps_sink sink = ps_printer_sink(p);
    cr_assert_eq(ps_sink_begin(&sink, info), 0);
    for (size_t i = 0; i < c->n; i++) {
        cr_assert_eq(ps_sink_event(&sink, &c->ev[i]), 0);
    }
    cr_assert_eq(ps_sink_end(&sink, end), 0);
    ps_printer_free(p);
    fclose(f);
    return buf;
}

Test(printer, live_session_and_its_copy_print_the_same, .timeout = 60)
{
    char prog[] = PS_TEST_PROGRAM_DIR "/probe_emitter";
    char count[] = "5";
    char code[] = "3";
    char *argv[] = {prog, count, code, NULL};
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    struct ps_supervisor *sup = NULL;
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    FILE *tf, *jf;
    char *text = NULL, *jsonl = NULL;
    size_t tlen = 0, jlen = 0;
    struct ps_printer *tp = mem_printer(PS_PRINT_TEXT, &tf, &text, &tlen);
    struct ps_printer *jp = mem_printer(PS_PRINT_JSONL, &jf, &jsonl, &jlen);
    char path[96];
    snprintf(path, sizeof(path), "/tmp/ps_test_live_%d.json", (int)getpid());
    FILE *cf = fopen(path, "w");
    struct ps_export_chrome *chrome = ps_export_chrome_new(cf);
    struct ring_collect c = {0};
    struct live_sinks l = {{ps_printer_sink(tp),
                            ps_printer_sink(jp),
                            ps_export_chrome_sink(chrome),
                            {.on_event = ring_collect_event, .ctx = &c}}};
    struct ps_sink tee = {live_begin, live_event, live_end, &l};
    struct ps_session_info info = *ps_supervisor_info(sup);
    cr_assert_eq(ps_sink_begin(&tee, &info), 0);
    while (!ps_supervisor_finished(sup)) {
        cr_assert_geq(ps_supervisor_poll(sup, &tee, 100), 0);
    }
    struct ps_session_end end;
    ps_supervisor_end(sup, &end);
    cr_assert_eq(ps_sink_end(&tee, &end), 0);
    pid_t main_pid = ps_supervisor_main_pid(sup);
    ps_supervisor_free(sup);
    ps_printer_free(tp);
    ps_printer_free(jp);
    fclose(tf);
    fclose(jf);
    cr_assert_eq(ps_export_chrome_free(chrome), 0);
    fclose(cf);

    char *text2 = print_copies(&c, &info, &end, PS_PRINT_TEXT);
    char *jsonl2 = print_copies(&c, &info, &end, PS_PRINT_JSONL);
    cr_assert_str_eq(text, text2);
    cr_assert_str_eq(jsonl, jsonl2);
    char want[64];
    snprintf(want, sizeof(want), " MainProcess[%d] mark label=\"tick\"\n", (int)main_pid);
    cr_assert_not_null(strstr(text, want), "%s", text);
    char cmd[512];
    snprintf(cmd, sizeof(cmd),
             "jq -e '[.traceEvents[] | select(.name == \"process_name\") | [.pid, .args.name]] "
             "== [[%d, \"MainProcess\"]] and ([.traceEvents[] | select(.cat == \"proc\")] | "
             ".[0].args.exit_code == 3) and .otherData.complete == \"true\"' %s >/dev/null",
             (int)main_pid, path);
    int rc = system(cmd);
    unlink(path);
    cr_assert_eq(rc, 0, "jq rejected the Chrome export of a live session");
    free(text);
    free(text2);
    free(jsonl);
    free(jsonl2);
    ring_collect_free(&c);
}
