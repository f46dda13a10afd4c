/* SPDX-License-Identifier: MIT */
/*
 * Tests of the recording writer (src/trace/trace_writer.c) through the
 * reader: every event type, texts of 0..1024 bytes with control bytes and
 * invalid UTF-8, seq and time jumps, negative fields survive a round trip;
 * the file appears under its final name only when finished; a crashed
 * session's temporary file is a readable prefix; and a recording read back
 * into the printers prints exactly what the printers print live.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "export/printer.h"
#include "support/events_synth.h"
#include "support/trace_collect.h"
#include "trace/trace_format.h"
#include "trace/trace_reader.h"
#include "trace/trace_writer.h"

static char path[256];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/ps_test_trace_writer.%ld.psrec", (long)getpid());
}

static void teardown(void)
{
    unlink(path);
}

TestSuite(trace_writer, .init = setup, .fini = teardown, .timeout = 60);

static struct ps_session_info sample_info(void)
{
    struct ps_session_info info = {0};
    snprintf(info.demo, sizeof info.demo, "communicating_with_pipe");
    snprintf(info.argv, sizeof info.argv, "procscope run pipe --time-scale 0.5");
    snprintf(info.host, sizeof info.host, "testhost");
    info.start_wall_ns = 1763900000123456789ull;
    info.start_mono_ns = 5000000000ull;
    info.time_scale = 0.5;
    info.supervisor_pid = 4241;
    return info;
}

static bool file_exists(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0;
}

/* Write n events through a fresh writer and finish with `end`. */
static void write_events(const struct ps_event *evs, size_t n, const struct ps_session_end *end)
{
    struct ps_session_info info = sample_info();
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(ps_sink_event(&sink, &evs[i]), 0, "event %zu", i);
    }
    cr_assert_eq(ps_trace_writer_finish(w, end), 0);
}

/* Read the file back, expecting success. */
static void read_back(struct ps_collect *c, struct ps_trace_stats *st)
{
    char err[256];
    struct ps_sink sink = ps_collect_sink(c);
    int rc = ps_trace_read_ex(path, &sink, st, err, sizeof err);
    cr_assert_eq(rc, 0, "read: %d %s", rc, err);
    cr_assert(c->began && c->ended);
}

/* Every type with awkward values: big jumps, negatives, fields the type does not use. */
static size_t build_awkward(struct ps_event *evs, char texts[][PS_EVENT_TEXT_MAX + 1])
{
    size_t n = 0;
    uint64_t seq = 0;
    uint64_t t = 5000000000ull;
    for (unsigned type = 0; type < PS_EV__COUNT; type++) {
        for (int variant = 0; variant < 3; variant++) {
            char *tx = texts[n];
            size_t len = (size_t)((type * 37u + (unsigned)variant * 401u) % (PS_EVENT_TEXT_MAX + 1));
            for (size_t k = 0; k < len; k++) {
                tx[k] = (char)((k * 7 + type) % 256); /* control bytes, invalid UTF-8, NULs */
            }
            tx[len] = '\0';
            struct ps_event e = {.seq = seq, .t_ns = t, .type = (uint16_t)type,
                                 .pid = variant == 2 ? INT32_MIN : 4242 + (int32_t)(type % 5),
                                 .obj = variant == 1 ? UINT32_MAX : type,
                                 .peer = variant == 1 ? INT32_MAX : -7,
                                 .a = variant == 2 ? INT64_MIN : -(int64_t)type,
                                 .b = variant == 1 ? INT64_MAX : (int64_t)type * 1000003,
                                 .flags = (uint8_t)(variant == 2 ? PS_EVF_TEXT_CUT : 0),
                                 .text_len = (uint32_t)len, .text = tx};
            evs[n++] = e;
            seq += variant == 1 ? 1000000007ull : 1;
            t = variant == 2 ? t - 999 : t + (variant ? 1ull << 40 : 13);
        }
    }
    return n;
}

Test(trace_writer, round_trip_every_type_and_awkward_values)
{
    static struct ps_event evs[PS_EV__COUNT * 3];
    static char texts[PS_EV__COUNT * 3][PS_EVENT_TEXT_MAX + 1];
    size_t n = build_awkward(evs, texts);
    struct ps_session_end end = {.end_mono_ns = 77777777777ull, .events = n, .drops = 3,
                                 .torn = 1, .exit_status = -9, .complete = 1};
    write_events(evs, n, &end);

    struct ps_collect c = {0};
    struct ps_trace_stats st;
    read_back(&c, &st);
    struct ps_session_info info = sample_info();
    cr_assert_str_eq(c.info.demo, info.demo);
    cr_assert_str_eq(c.info.argv, info.argv);
    cr_assert_str_eq(c.info.host, info.host);
    cr_assert_eq(c.info.start_wall_ns, info.start_wall_ns);
    cr_assert_eq(c.info.start_mono_ns, info.start_mono_ns);
    cr_assert_eq(c.info.time_scale, info.time_scale);
    cr_assert_eq(c.info.supervisor_pid, info.supervisor_pid);
    cr_assert_eq(c.end.end_mono_ns, end.end_mono_ns);
    cr_assert_eq(c.end.events, end.events);
    cr_assert_eq(c.end.drops, end.drops);
    cr_assert_eq(c.end.torn, end.torn);
    cr_assert_eq(c.end.exit_status, end.exit_status);
    cr_assert_eq(c.end.complete, end.complete);
    cr_assert_eq(c.n, n);
    for (size_t i = 0; i < n; i++) {
        cr_assert(ps_collect_event_eq(&c.evs[i], &evs[i]), "event %zu (type %u) differs", i,
                  evs[i].type);
        cr_assert_eq(c.evs[i].text[c.evs[i].text_len], '\0');
    }
    cr_assert(st.complete_file && st.has_end);
    cr_assert_eq(st.events, n);
    cr_assert_eq(st.version, PS_TRACE_VERSION);
    ps_collect_free(&c);
}

Test(trace_writer, many_events_span_blocks_compactly)
{
    size_t n = 20000;
    struct ps_trace_writer *w = NULL;
    struct ps_session_info info = sample_info();
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    for (size_t i = 0; i < n; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(7, i, text, sizeof text);
        cr_assert_eq(ps_synth_sink(&sink, &e, 1, &seq), 0);
    }
    cr_assert_eq(ps_trace_writer_blocks(w), n / PS_TRACE_BLOCK_EVENTS_MAX);
    cr_assert_eq(ps_trace_writer_finish(w, &(struct ps_session_end){.events = n, .complete = 1}),
                 0);
    struct stat sb;
    cr_assert_eq(stat(path, &sb), 0);
    cr_assert_lt((double)sb.st_size / (double)n, 12.0, "%.2f bytes/event",
                 (double)sb.st_size / (double)n);

    struct ps_collect c = {0};
    struct ps_trace_stats st;
    read_back(&c, &st);
    cr_assert_eq(c.n, n);
    cr_assert_eq(st.blocks, (n + PS_TRACE_BLOCK_EVENTS_MAX - 1) / PS_TRACE_BLOCK_EVENTS_MAX);
    for (size_t i = 0; i < n; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(7, i, text, sizeof text);
        e.seq = i;
        cr_assert(ps_collect_event_eq(&c.evs[i], &e), "event %zu differs", i);
    }
    ps_collect_free(&c);
}

Test(trace_writer, final_name_only_when_finished_and_abort_removes)
{
    struct ps_session_info info = sample_info();
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    cr_assert_str_eq(ps_trace_writer_tmp_path(w), tmp);
    cr_assert(file_exists(tmp));
    cr_assert_not(file_exists(path));
    struct ps_trace_writer *w2 = NULL;
    cr_assert_eq(ps_trace_writer_open(&w2, path, &info), -EEXIST, "O_EXCL on the temp file");
    cr_assert_null(w2);
    ps_trace_writer_abort(w);
    cr_assert_not(file_exists(tmp));
    cr_assert_not(file_exists(path));

    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    cr_assert_eq(ps_trace_writer_finish(w, &(struct ps_session_end){.complete = 1}), 0);
    cr_assert(file_exists(path));
    cr_assert_not(file_exists(tmp));
    ps_trace_writer_abort(NULL);
}

Test(trace_writer, recording_to_a_device_or_through_a_symlink_replaces_neither)
{
    char dir[] = "/tmp/ps_writer_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char dev[64], link[64], real[64];
    snprintf(dev, sizeof dev, "%s/null", dir); /* a copy of /dev/null, never the real one */
    snprintf(link, sizeof link, "%s/link.psrec", dir);
    snprintf(real, sizeof real, "%s/real.psrec", dir);
    cr_assert_eq(mknod(dev, S_IFCHR | 0666, makedev(1, 3)), 0);
    cr_assert_eq(symlink("real.psrec", link), 0);
    struct ps_session_info info = sample_info();
    const char *outs[] = {dev, link};
    for (size_t i = 0; i < 2; i++) {
        struct ps_trace_writer *w = NULL;
        cr_assert_eq(ps_trace_writer_open(&w, outs[i], &info), 0);
        cr_assert_eq(ps_trace_writer_finish(w, &(struct ps_session_end){.complete = 1}), 0);
    }
    struct stat st;
    cr_assert_eq(lstat(dev, &st), 0);
    cr_expect(S_ISCHR(st.st_mode), "the device became mode %o", st.st_mode);
    cr_assert_eq(lstat(link, &st), 0);
    cr_expect(S_ISLNK(st.st_mode), "the symlink was replaced");
    struct ps_trace_stats ts;
    struct ps_sink none = {0};
    cr_expect_eq(ps_trace_read_ex(real, &none, &ts, NULL, 0), 0);
    cr_expect(ts.complete_file);
    unlink(dev);
    unlink(link);
    unlink(real);
    cr_expect_eq(rmdir(dir), 0, "a temporary was left behind");
}

Test(trace_writer, open_in_missing_directory_fails)
{
    struct ps_session_info info = sample_info();
    struct ps_trace_writer *w = (struct ps_trace_writer *)1;
    cr_assert_eq(ps_trace_writer_open(&w, "/nonexistent-dir-ps/x.psrec", &info), -ENOENT);
    cr_assert_null(w);
}

Test(trace_writer, crashed_session_leaves_readable_prefix)
{
    struct ps_session_info info = sample_info();
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    size_t n = PS_TRACE_BLOCK_EVENTS_MAX * 2 + 100;
    uint64_t seq = 0;
    for (size_t i = 0; i < n; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(3, i, text, sizeof text);
        if (i == 10) {
            e = ps_synth_event(PS_EV_RING_DROPPED, e.t_ns, 4241, 0, 0, 5, 0, NULL);
        }
        cr_assert_eq(ps_synth_sink(&sink, &e, 1, &seq), 0);
    }
    /* the "crash": read the temporary file as it is now */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s", ps_trace_writer_tmp_path(w));
    struct ps_collect c = {0};
    struct ps_trace_stats st;
    char err[256];
    struct ps_sink cs = ps_collect_sink(&c);
    cr_assert_eq(ps_trace_read_ex(tmp, &cs, &st, err, sizeof err), 0, "%s", err);
    cr_assert_eq(c.n, PS_TRACE_BLOCK_EVENTS_MAX * 2);
    cr_assert_eq(st.blocks, 2);
    cr_assert_not(st.complete_file);
    cr_assert_not(st.has_end);
    cr_assert(c.ended);
    cr_assert_eq(c.end.complete, 0);
    cr_assert_eq(c.end.events, c.n);
    cr_assert_eq(c.end.drops, 5);
    cr_assert_eq(c.end.end_mono_ns, c.evs[c.n - 1].t_ns);
    ps_collect_free(&c);
    ps_trace_writer_abort(w);
}

Test(trace_writer, refuses_bad_events_and_cuts_long_text)
{
    struct ps_session_info info = sample_info();
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    static char big[3000];
    memset(big, 'x', sizeof big - 1);
    struct ps_event e = ps_synth_event(PS_EV_OUTPUT, 1, 10, 0, 0, 1, 0, big);
    e.seq = 5;
    cr_assert_eq(ps_sink_event(&sink, &e), 0);
    e.seq = 5;
    cr_assert_eq(ps_sink_event(&sink, &e), -EINVAL, "seq must grow");
    e.seq = 6;
    e.type = PS_EV__COUNT;
    cr_assert_eq(ps_sink_event(&sink, &e), -EINVAL, "unknown type");
    cr_assert_eq(ps_trace_writer_finish(w, &(struct ps_session_end){.complete = 1}), 0);
    struct ps_collect c = {0};
    read_back(&c, NULL);
    cr_assert_eq(c.n, 1);
    cr_assert_eq(c.evs[0].seq, 5);
    cr_assert_eq(c.evs[0].text_len, PS_EVENT_TEXT_MAX);
    cr_assert(c.evs[0].flags & PS_EVF_TEXT_CUT);
    ps_collect_free(&c);
}

/* Print n mixed events with a fresh printer fed either directly or via a recording. */
static char *print_session(enum ps_print_format fmt, bool via_file, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    cr_assert_not_null(out);
    struct ps_printer *pr = ps_printer_new(out, fmt);
    cr_assert_not_null(pr);
    struct ps_sink ps = ps_printer_sink(pr);
    struct ps_session_info info = sample_info();
    struct ps_session_end end = {.end_mono_ns = 9000000000ull, .events = n, .complete = 1};
    struct ps_trace_writer *w = NULL;
    struct ps_sink direct = ps;
    if (via_file) {
        cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
        direct = ps_trace_writer_sink(w);
    } else {
        cr_assert_eq(ps_sink_begin(&ps, &info), 0);
    }
    uint64_t seq = 0;
    for (size_t i = 0; i < n; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(11, i, text, sizeof text);
        cr_assert_eq(ps_synth_sink(&direct, &e, 1, &seq), 0);
    }
    if (via_file) {
        cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
        char err[256];
        cr_assert_eq(ps_trace_read(path, &ps, err, sizeof err), 0, "%s", err);
    } else {
        cr_assert_eq(ps_sink_end(&ps, &end), 0);
    }
    ps_printer_free(pr);
    fclose(out);
    return buf;
}

Test(trace_writer, recording_prints_like_the_live_session)
{
    enum ps_print_format fmts[] = {PS_PRINT_TEXT, PS_PRINT_JSONL};
    for (size_t f = 0; f < 2; f++) {
        char *live = print_session(fmts[f], false, 6000);
        char *replayed = print_session(fmts[f], true, 6000);
        cr_assert_gt(strlen(live), 6000u);
        cr_assert_str_eq(replayed, live, "format %zu", f);
        free(live);
        free(replayed);
    }
}
