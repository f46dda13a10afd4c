/* SPDX-License-Identifier: MIT */
/*
 * Tests of the lazy replay loader (src/trace/trace_load.c): a loaded session
 * has the same info, end, events and models as one filled by streaming the
 * file (ps_trace_read into the session sink), whatever order it is visited
 * in; a damaged file fails as ps_trace_read fails, with the same message; a
 * file cut short is its prefix; a file changed after loading fails the seek
 * that reaches the change, without crashing. A file of many blocks, checked
 * on two threads, loads and fails exactly the same way.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session/evlog.h"
#include "session/session.h"
#include "support/events_synth.h"
#include "support/trace_collect.h"
#include "trace/trace_crc.h"
#include "trace/trace_format.h"
#include "trace/trace_load.h"
#include "trace/trace_reader.h"
#include "trace/trace_writer.h"

#define NEVENTS 20000u /* five event blocks */
#define NBIG (100u * 4096u + 123u) /* 101 event blocks: checked on two threads */

static char path[256];
static char path2[256];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/ps_test_trace_load.%ld.psrec", (long)getpid());
    snprintf(path2, sizeof path2, "/tmp/ps_test_trace_load.%ld.b.psrec", (long)getpid());
}

static void teardown(void)
{
    unlink(path);
    unlink(path2);
}

TestSuite(trace_load, .init = setup, .fini = teardown, .timeout = 120);

/* Write a valid recording of NEVENTS mixed events at path. */
static void write_file(void)
{
    struct ps_session_info info = {.start_mono_ns = 1000000, .time_scale = 1.0};
    snprintf(info.demo, sizeof info.demo, "loaded");
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    for (size_t i = 0; i < NEVENTS; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(11, i, text, sizeof text);
        cr_assert_eq(ps_synth_sink(&sink, &e, 1, &seq), 0);
    }
    struct ps_session_end end = {.end_mono_ns = 99, .events = NEVENTS, .exit_status = 3,
                                 .complete = 1};
    cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
}

/* A session filled the streaming way (not following), or NULL when the read failed. */
static struct ps_session *stream(const char *p, int *rc, char *err, size_t errlen)
{
    struct ps_session *s = ps_session_new();
    ps_session_follow(s, false);
    struct ps_sink sink = ps_session_sink(s);
    *rc = ps_trace_read(p, &sink, err, errlen);
    return s;
}

/* A session loaded lazily. */
static struct ps_session *load(const char *p, int *rc, char *err, size_t errlen)
{
    struct ps_session *s = ps_session_new();
    ps_session_follow(s, false);
    *rc = ps_trace_load(p, s, NULL, err, errlen);
    return s;
}

static void assert_same_sessions(struct ps_session *lazy, struct ps_session *eager)
{
    cr_assert_eq(ps_session_count(lazy), ps_session_count(eager));
    cr_assert_eq(memcmp(ps_session_info(lazy), ps_session_info(eager),
                        sizeof(struct ps_session_info)), 0);
    cr_assert_not_null(ps_session_end_info(lazy));
    cr_assert_eq(memcmp(ps_session_end_info(lazy), ps_session_end_info(eager),
                        sizeof(struct ps_session_end)), 0);
    /* Seek around first (blocks decoded out of visiting order), then every event. */
    uint64_t n = ps_session_count(eager);
    uint64_t targets[] = {n / 2, 7, n, 4096, n - 1, 0, 3 * n / 4};
    for (size_t k = 0; k < sizeof targets / sizeof targets[0]; k++) {
        cr_assert_eq(ps_session_seek(lazy, targets[k]), 0);
        cr_assert_eq(ps_session_seek(eager, targets[k]), 0);
        cr_assert_eq(memcmp(ps_session_model(lazy), ps_session_model(eager),
                            sizeof(struct ps_model)), 0, "model at %llu",
                     (unsigned long long)targets[k]);
    }
    for (uint64_t i = 0; i < n; i++) {
        struct ps_event x;
        struct ps_event y;
        cr_assert_eq(ps_session_event(lazy, i, &x), 0);
        cr_assert_eq(ps_session_event(eager, i, &y), 0);
        cr_assert(ps_collect_event_eq(&x, &y), "event %llu", (unsigned long long)i);
    }
}

Test(trace_load, same_session_as_streaming)
{
    write_file();
    int rc1 = 0;
    int rc2 = 0;
    char err[256];
    struct ps_session *lazy = load(path, &rc1, err, sizeof err);
    cr_assert_eq(rc1, 0, "%s", err);
    struct ps_session *eager = stream(path, &rc2, err, sizeof err);
    cr_assert_eq(rc2, 0, "%s", err);
    cr_assert_eq(ps_session_count(lazy), NEVENTS);
    cr_assert_eq(ps_session_cursor(lazy), 0, "loading folds nothing");
    assert_same_sessions(lazy, eager);
    cr_assert_eq(ps_session_index(lazy), 0);
    ps_session_free(lazy);
    ps_session_free(eager);

    struct ps_trace_stats st;
    struct ps_session *s = ps_session_new();
    cr_assert_eq(ps_trace_load(path, s, &st, err, sizeof err), 0);
    cr_assert(st.complete_file && st.has_end);
    cr_assert_eq(st.events, NEVENTS);
    cr_assert_eq(st.blocks, 5);
    ps_session_free(s); /* freed with every block still pending */
}

Test(trace_load, cut_short_file_is_its_prefix)
{
    write_file();
    size_t len = 0;
    unsigned char *buf = ps_collect_slurp(path, &len);
    cr_assert_not_null(buf);
    cr_assert_eq(ps_collect_spit(path2, buf, len / 2), 0); /* inside the third block */
    int rc1 = 0;
    int rc2 = 0;
    char err[256];
    struct ps_session *lazy = load(path2, &rc1, err, sizeof err);
    struct ps_session *eager = stream(path2, &rc2, err, sizeof err);
    cr_assert_eq(rc1, 0);
    cr_assert_eq(rc2, 0);
    cr_assert_eq(ps_session_count(lazy), 8192);
    cr_assert_eq(ps_session_end_info(lazy)->complete, 0);
    assert_same_sessions(lazy, eager);
    ps_session_free(lazy);
    ps_session_free(eager);
    free(buf);
}

/* Damage byte `at` of the file (and fix the block's CRC when crc_block_at is not 0). */
static void damage(unsigned char *buf, size_t len, size_t at, size_t crc_block_at)
{
    buf[at] ^= 0x5a;
    if (crc_block_at) {
        struct ps_trace_block b;
        memcpy(&b, buf + crc_block_at, sizeof b);
        b.crc = 0;
        uint32_t crc = ps_trace_crc32c(0, &b, sizeof b);
        b.crc = ps_trace_crc32c(crc, buf + crc_block_at + sizeof b, b.payload_len);
        memcpy(buf + crc_block_at, &b, sizeof b);
    }
    cr_assert_eq(ps_collect_spit(path2, buf, len), 0);
}

Test(trace_load, damaged_file_fails_like_streaming)
{
    write_file();
    size_t len = 0;
    unsigned char *orig = ps_collect_slurp(path, &len);
    cr_assert_not_null(orig);
    unsigned char *buf = malloc(len);
    struct ps_trace_block b0;
    memcpy(&b0, orig + PS_TRACE_HEADER_SIZE, sizeof b0);
    size_t second = PS_TRACE_HEADER_SIZE + sizeof b0 + b0.payload_len;
    size_t cases[][2] = {
        {second + 40, 0},           /* bad CRC in the second block */
        {second + 32 + 300, second}, /* a payload byte changed, CRC fixed */
        {second + 32 + 1, second},
        {3, 0},                     /* the magic */
        {len - 3, 0},               /* the footer */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        memcpy(buf, orig, len);
        damage(buf, len, cases[k][0], cases[k][1]);
        int rc1 = 0;
        int rc2 = 0;
        char err1[256];
        char err2[256];
        struct ps_session *lazy = load(path2, &rc1, err1, sizeof err1);
        struct ps_session *eager = stream(path2, &rc2, err2, sizeof err2);
        cr_assert_eq(rc1, rc2, "case %zu: %d vs %d", k, rc1, rc2);
        cr_assert_str_eq(err1, err2, "case %zu", k);
        if (rc1 < 0) {
            cr_assert_eq(ps_session_count(lazy), 0, "case %zu: no events after a failure", k);
        }
        ps_session_free(lazy);
        ps_session_free(eager);
    }
    int rc = 0;
    char err[256];
    struct ps_session *s = load("/nonexistent-ps/none.psrec", &rc, err, sizeof err);
    cr_assert_eq(rc, -ENOENT);
    ps_session_free(s);
    free(buf);
    free(orig);
}

Test(trace_load, file_changed_after_loading_fails_the_seek)
{
    write_file();
    int rc = 0;
    char err[256];
    struct ps_session *s = load(path, &rc, err, sizeof err);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_eq(ps_session_seek(s, 100), 0); /* decodes the first block */

    size_t len = 0;
    unsigned char *buf = ps_collect_slurp(path, &len);
    struct ps_trace_block b0;
    memcpy(&b0, buf + PS_TRACE_HEADER_SIZE, sizeof b0);
    size_t second = PS_TRACE_HEADER_SIZE + sizeof b0 + b0.payload_len;
    buf[second + 32 + 10] ^= 0x01;
    FILE *f = fopen(path, "r+b"); /* in place: the loader's open file sees it */
    cr_assert_not_null(f);
    cr_assert_eq(fseek(f, (long)(second + 32 + 10), SEEK_SET), 0);
    cr_assert_eq(fputc(buf[second + 32 + 10], f), buf[second + 32 + 10]);
    fclose(f);

    cr_assert_eq(ps_session_seek(s, NEVENTS), -EIO);
    cr_assert_eq(ps_session_cursor(s), b0.count, "stopped before the changed block");
    struct ps_event ev;
    cr_assert_eq(ps_session_event(s, b0.count - 1, &ev), 0);
    cr_assert_eq(ps_session_event(s, b0.count, &ev), -EIO);
    cr_assert_eq(ps_session_seek(s, 50), 0);

    cr_assert_eq(truncate(path, (off_t)second), 0); /* now cut short under it */
    cr_assert_eq(ps_session_event(s, NEVENTS - 1, &ev), -EIO);
    ps_session_free(s);
    free(buf);
}

Test(trace_load, appending_after_pending_events_produces_them_first)
{
    write_file();
    int rc = 0;
    char err[256];
    struct ps_session *s = load(path, &rc, err, sizeof err);
    cr_assert_eq(rc, 0, "%s", err);
    struct ps_sink sink = ps_session_sink(s);
    struct ps_event extra = ps_synth_event(PS_EV_MARK, 5, 1001, 0, 0, 0, 0, "after");
    cr_assert_eq(ps_sink_event(&sink, &extra), 0);
    cr_assert_eq(ps_session_count(s), NEVENTS + 1);
    struct ps_event ev;
    cr_assert_eq(ps_session_event(s, NEVENTS, &ev), 0);
    cr_assert_str_eq(ev.text, "after");
    cr_assert_eq(ps_session_event(s, 0, &ev), 0);
    ps_session_free(s);
}

/* A test source: 10 events in fills of 4, failing once when `fail_at_fill` is reached. */
struct test_src {
    uint64_t made;
    int fills;
    int fail_at_fill;
    bool released;
};

static int test_src_fill(void *ctx, struct ps_evlog *log)
{
    struct test_src *t = ctx;
    if (++t->fills == t->fail_at_fill) {
        return -ENOMEM;
    }
    for (int k = 0; k < 4 && t->made < 10; k++) {
        struct ps_event ev = ps_synth_event(PS_EV_MARK, t->made, 1, 0, 0, (int64_t)t->made, 0, "m");
        int rc = ps_evlog_append(log, &ev);
        if (rc < 0) {
            return rc;
        }
        t->made++;
    }
    return 0;
}

static void test_src_release(void *ctx)
{
    ((struct test_src *)ctx)->released = true;
}

Test(trace_load, evlog_source_failures_are_retried_and_reported)
{
    struct test_src t = {.fail_at_fill = 2};
    struct ps_evlog *log = ps_evlog_new();
    struct ps_evlog_source src = {.count = 10, .fill = test_src_fill,
                                  .release = test_src_release, .ctx = &t};
    cr_assert_eq(ps_evlog_attach(log, &src), 0);
    cr_assert_eq(ps_evlog_count(log), 10);
    struct ps_event ev;
    cr_assert_eq(ps_evlog_get(log, 2, &ev), 0); /* first fill: events 0..3 */
    cr_assert_eq(ps_evlog_get(log, 6, &ev), -ENOMEM); /* second fill fails */
    cr_assert_eq(ps_evlog_count(log), 10);
    cr_assert_eq(ps_evlog_get(log, 9, &ev), 0); /* retried */
    cr_assert_eq(ev.a, 9);
    cr_assert(t.released, "a used-up source is released");
    struct test_src t2 = {0};
    struct ps_evlog_source src2 = {.count = 3, .fill = test_src_fill,
                                   .release = test_src_release, .ctx = &t2};
    cr_assert_eq(ps_evlog_attach(log, &src2), 0);
    cr_assert_eq(ps_evlog_get(log, 12, &ev), -EIO, "a source making more than it said");
    ps_evlog_free(log);
    cr_assert(t2.released);
}

/* Write a valid recording of NBIG events at path with ring drops early and torn events late. */
static void write_big_file(void)
{
    struct ps_session_info info = {.start_mono_ns = 1000000, .time_scale = 1.0};
    snprintf(info.demo, sizeof info.demo, "big");
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    for (size_t i = 0; i < NBIG; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(5, i, text, sizeof text);
        if (i % 30011 == 17 && i < NBIG / 3) { /* drops only in the first third */
            e = ps_synth_event(PS_EV_RING_DROPPED, e.t_ns, 999, 0, 0, (int64_t)i, 0, NULL);
        } else if (i % 40009 == 5 && i < NBIG / 2) { /* torn only in the first half */
            e = ps_synth_event(PS_EV_RING_TORN, e.t_ns, 999, 0, 0, (int64_t)i / 7, 0, NULL);
        }
        cr_assert_eq(ps_synth_sink(&sink, &e, 1, &seq), 0);
    }
    struct ps_session_end end = {.end_mono_ns = 77, .events = NBIG, .complete = 1};
    cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
}

/* Load p and stream it: same return, same message, and on success the same session. */
static void assert_loads_like_streaming(const char *p, char *err, size_t errlen)
{
    int rc1 = 0;
    int rc2 = 0;
    char err2[256];
    struct ps_session *lazy = load(p, &rc1, err, errlen);
    struct ps_session *eager = stream(p, &rc2, err2, sizeof err2);
    cr_assert_eq(rc1, rc2, "%d vs %d", rc1, rc2);
    cr_assert_str_eq(err, err2);
    if (rc1 == 0) {
        assert_same_sessions(lazy, eager);
    } else {
        cr_assert_eq(ps_session_count(lazy), 0, "no events after a failure");
    }
    ps_session_free(lazy);
    ps_session_free(eager);
}

/* Damage the event block at `off`: a bad CRC, or (fix_crc) a bad first event type. */
static void damage_block(unsigned char *buf, size_t off, bool fix_crc)
{
    if (!fix_crc) {
        buf[off + 32 + 700] ^= 0x5a;
        return;
    }
    buf[off + 32] = 0x3f; /* type 63: no such event type */
    struct ps_trace_block b;
    memcpy(&b, buf + off, sizeof b);
    b.crc = 0;
    uint32_t crc = ps_trace_crc32c(0, &b, sizeof b);
    b.crc = ps_trace_crc32c(crc, buf + off + sizeof b, b.payload_len);
    memcpy(buf + off, &b, sizeof b);
}

/* File offsets of the first n event blocks of buf. */
static void block_offsets(const unsigned char *buf, size_t *offs, size_t n)
{
    size_t off = PS_TRACE_HEADER_SIZE;
    for (size_t k = 0; k < n; k++) {
        struct ps_trace_block b;
        memcpy(&b, buf + off, sizeof b);
        cr_assert_eq(b.kind, PS_TRACE_BLOCK_EVENTS);
        offs[k] = off;
        off += sizeof b + b.payload_len;
    }
}

Test(trace_load, big_file_loads_like_streaming)
{
    write_big_file();
    char err[256];
    assert_loads_like_streaming(path, err, sizeof err);
    struct ps_trace_stats st;
    struct ps_trace_stats st2;
    struct ps_session *s = ps_session_new();
    cr_assert_eq(ps_trace_load(path, s, &st, err, sizeof err), 0, "%s", err);
    cr_assert_eq(ps_trace_read_ex(path, &(struct ps_sink){0}, &st2, err, sizeof err), 0);
    cr_assert_eq(memcmp(&st, &st2, sizeof st), 0);
    cr_assert_eq(st.blocks, 101);
    cr_assert_eq(ps_session_end_info(s)->events, NBIG);
    ps_session_free(s);

    size_t len = 0;
    unsigned char *buf = ps_collect_slurp(path, &len);
    cr_assert_not_null(buf);
    size_t cuts[] = {len * 9 / 10, len * 3 / 4, len - 20}; /* 90, 75 blocks; the index */
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        cr_assert_eq(ps_collect_spit(path2, buf, cuts[k]), 0);
        assert_loads_like_streaming(path2, err, sizeof err); /* drops and torn of the prefix */
        struct ps_session *cut = load(path2, &(int){0}, err, sizeof err);
        cr_assert_eq(ps_session_end_info(cut)->complete, k == 2, "cut %zu", k);
        cr_assert_eq(ps_session_end_info(cut)->drops, k == 2 ? 0 : 120061, "cut %zu: %llu", k,
                     (unsigned long long)ps_session_end_info(cut)->drops);
        ps_session_free(cut);
    }
    free(buf);
}

Test(trace_load, big_file_reports_the_first_damaged_block)
{
    write_big_file();
    size_t len = 0;
    unsigned char *orig = ps_collect_slurp(path, &len);
    cr_assert_not_null(orig);
    unsigned char *buf = malloc(len);
    size_t offs[101];
    block_offsets(orig, offs, 101);
    char err[256];
    char want[64];
    /* {damaged block in the second half, in the first half (none: 0), fix the CRCs} */
    size_t cases[][3] = {{90, 0, 0}, {90, 0, 1}, {90, 3, 0}, {90, 3, 1}, {60, 40, 1}, {100, 1, 0}};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        memcpy(buf, orig, len);
        size_t late = offs[cases[k][0]];
        size_t early = offs[cases[k][1]];
        damage_block(buf, late, cases[k][2]);
        if (cases[k][1]) {
            damage_block(buf, early, !cases[k][2]); /* the other kind */
        }
        cr_assert_eq(ps_collect_spit(path2, buf, len), 0);
        assert_loads_like_streaming(path2, err, sizeof err);
        size_t first = cases[k][1] ? cases[k][1] : cases[k][0];
        snprintf(want, sizeof want, "block %zu at byte %zu: ", first, offs[first]);
        cr_assert_eq(strncmp(err, want, strlen(want)), 0, "case %zu: %s", k, err);
        cr_assert(strstr(err, cases[k][2] == (first == cases[k][0]) ? "unknown event type" : "bad CRC"),
                  "case %zu: %s", k, err);
    }
    free(buf);
    free(orig);
}
