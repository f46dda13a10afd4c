/* SPDX-License-Identifier: MIT */
/*
 * Tests of the recording reader (src/trace/trace_reader.c) on hostile files:
 * each kind of damage gives its error and a message naming what and where,
 * a file cut short is a readable prefix, and nothing is trusted. Every
 * hostile file is also saved under <build>/fuzz_corpus/trace_reader/ as a
 * seed corpus for tests/fuzz/fuzz_trace_reader.c.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export/printer.h"
#include "support/events_synth.h"
#include "support/trace_collect.h"
#include "trace/trace_crc.h"
#include "trace/trace_format.h"
#include "trace/trace_reader.h"
#include "trace/trace_writer.h"

#define NEVENTS 9000u /* three event blocks: 4096 + 4096 + 808 */
#define HDR PS_TRACE_HEADER_SIZE
#define BLK sizeof(struct ps_trace_block)

static char path[256];

static void setup(void)
{
    snprintf(path, sizeof path, "/tmp/ps_test_trace_reader.%ld.psrec", (long)getpid());
}

static void teardown(void)
{
    unlink(path);
}

TestSuite(trace_reader, .init = setup, .fini = teardown, .timeout = 60);

/* Save a hostile input as a fuzzing seed (best effort). */
static void save_seed(const char *name, const void *data, size_t len)
{
    char p[512];
    snprintf(p, sizeof p, "%s/fuzz_corpus", PS_BINARY_DIR);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/fuzz_corpus/trace_reader", PS_BINARY_DIR);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/fuzz_corpus/trace_reader/%s", PS_BINARY_DIR, name);
    ps_collect_spit(p, data, len);
}

/* A valid recording of NEVENTS mixed events (plus one escape-laden output line), in memory. */
static unsigned char *valid_file(size_t *len)
{
    struct ps_session_info info = {.start_mono_ns = 1000000, .time_scale = 1.0};
    snprintf(info.demo, sizeof info.demo, "hostile");
    struct ps_trace_writer *w = NULL;
    cr_assert_eq(ps_trace_writer_open(&w, path, &info), 0);
    struct ps_sink sink = ps_trace_writer_sink(w);
    uint64_t seq = 0;
    for (size_t i = 0; i < NEVENTS; i++) {
        char text[64];
        struct ps_event e = ps_synth_mixed(5, i, text, sizeof text);
        if (i == 6) {
            e = ps_synth_event(PS_EV_OUTPUT, e.t_ns, 1001, 0, 0, 1, 0, "\x1b[31mred\x1b[0m\a");
        }
        cr_assert_eq(ps_synth_sink(&sink, &e, 1, &seq), 0);
    }
    struct ps_session_end end = {.end_mono_ns = 99, .events = NEVENTS, .exit_status = 3,
                                 .complete = 1};
    cr_assert_eq(ps_trace_writer_finish(w, &end), 0);
    unsigned char *buf = ps_collect_slurp(path, len);
    cr_assert_not_null(buf);
    return buf;
}

/* Read data from memory and from a file; both must agree. */
static int read_both(const void *data, size_t len, struct ps_collect *c, struct ps_trace_stats *st,
                     char *err, size_t errlen)
{
    struct ps_sink sink = ps_collect_sink(c);
    int rc = ps_trace_read_mem(data, len, &sink, st, err, errlen);
    struct ps_collect c2 = {0};
    struct ps_sink s2 = ps_collect_sink(&c2);
    char err2[256];
    cr_assert_eq(ps_collect_spit(path, data, len), 0);
    cr_assert_eq(ps_trace_read(path, &s2, err2, sizeof err2), rc);
    cr_assert_eq(c2.n, c->n);
    if (rc < 0) {
        cr_assert_str_eq(err2, err);
    }
    ps_collect_free(&c2);
    return rc;
}

/* Expect rc and a message containing `what`; saves the input as a seed. */
static void expect_error(const char *name, const void *data, size_t len, int want,
                         const char *what)
{
    save_seed(name, data, len);
    struct ps_collect c = {0};
    char err[256] = "";
    int rc = read_both(data, len, &c, NULL, err, sizeof err);
    cr_assert_eq(rc, want, "%s: rc %d (%s)", name, rc, err);
    cr_assert_not_null(strstr(err, what), "%s: message '%s' lacks '%s'", name, err, what);
    cr_assert_not(c.ended, "%s: no end for a bad file", name);
    ps_collect_free(&c);
}

/* Recompute the CRC of the block at off after a deliberate change. */
static void fix_crc(unsigned char *buf, size_t off)
{
    struct ps_trace_block b;
    memcpy(&b, buf + off, sizeof b);
    b.crc = 0;
    uint32_t crc = ps_trace_crc32c(0, &b, sizeof b);
    b.crc = ps_trace_crc32c(crc, buf + off + BLK, b.payload_len);
    memcpy(buf + off, &b, sizeof b);
}

/* The valid header followed by one event block holding `payload`. */
static unsigned char *one_block(const void *payload, size_t plen, uint32_t count, size_t *len)
{
    size_t vlen;
    unsigned char *v = valid_file(&vlen);
    *len = HDR + BLK + plen;
    unsigned char *buf = calloc(1, *len);
    memcpy(buf, v, HDR);
    struct ps_trace_block b = {.kind = PS_TRACE_BLOCK_EVENTS, .payload_len = (uint32_t)plen,
                               .count = count};
    memcpy(buf + HDR, &b, sizeof b);
    memcpy(buf + HDR + BLK, payload, plen);
    fix_crc(buf, HDR);
    free(v);
    return buf;
}

Test(trace_reader, valid_file_is_complete)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    save_seed("valid", v, len);
    struct ps_collect c = {0};
    struct ps_trace_stats st;
    char err[256];
    cr_assert_eq(read_both(v, len, &c, &st, err, sizeof err), 0, "%s", err);
    cr_assert_eq(c.n, NEVENTS);
    cr_assert_eq(st.blocks, 3);
    cr_assert(st.complete_file);
    cr_assert_eq(c.end.exit_status, 3);
    cr_assert_str_eq(c.info.demo, "hostile");
    ps_collect_free(&c);
    free(v);
}

Test(trace_reader, missing_file)
{
    struct ps_collect c = {0};
    struct ps_sink sink = ps_collect_sink(&c);
    char err[256];
    cr_assert_eq(ps_trace_read("/nonexistent-ps/none.psrec", &sink, err, sizeof err), -ENOENT);
    cr_assert_eq(ps_trace_read("/tmp", &sink, err, sizeof err), -EISDIR);
}

Test(trace_reader, not_a_recording)
{
    const char text[] = "hello, this is a text file\n";
    expect_error("text", text, sizeof text - 1, -EBADMSG, "not a procscope recording");
    expect_error("empty", "", 0, -EBADMSG, "not a procscope recording");
}

Test(trace_reader, unknown_version_and_truncated_header)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    expect_error("truncated_header", v, 100, -EBADMSG, "truncated header");
    expect_error("magic_only", v, 5, -EBADMSG, "truncated header");
    uint32_t version = 7;
    memcpy(v + 8, &version, sizeof version);
    expect_error("version7", v, len, -EPROTO, "unknown format version 7");
    version = PS_TRACE_VERSION;
    memcpy(v + 8, &version, sizeof version);
    uint32_t endian = 0x04030201u;
    memcpy(v + 16, &endian, sizeof endian);
    expect_error("endian", v, len, -EPROTO, "byte order");
    free(v);
}

Test(trace_reader, truncated_mid_block_is_readable_prefix)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    struct ps_trace_block b0;
    memcpy(&b0, v + HDR, sizeof b0);
    size_t second = HDR + BLK + b0.payload_len;
    size_t cuts[] = {HDR, HDR + 10, second - 1, second, second + 20, len - 100, len - 3};
    size_t want[] = {0, 0, 0, 4096, 4096, NEVENTS, NEVENTS};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "cut_%zu", i);
        save_seed(name, v, cuts[i]);
        struct ps_collect c = {0};
        struct ps_trace_stats st;
        char err[256];
        cr_assert_eq(read_both(v, cuts[i], &c, &st, err, sizeof err), 0, "cut %zu: %s", i, err);
        cr_assert_eq(c.n, want[i], "cut %zu: %zu events", i, c.n);
        cr_assert(c.ended);
        cr_assert_not(st.complete_file);
        if (want[i] < NEVENTS) {
            cr_assert_eq(c.end.complete, 0);
            cr_assert_eq(c.end.events, want[i]);
            cr_assert_eq(st.cut_at, want[i] ? second : HDR, "cut %zu at %llu", i,
                         (unsigned long long)st.cut_at);
        } else {
            cr_assert(st.has_end, "cut %zu: the end block is before the cut", i);
            cr_assert_eq(c.end.complete, 1);
        }
        ps_collect_free(&c);
    }
    free(v);
}

Test(trace_reader, bad_crc)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    struct ps_trace_block b0;
    memcpy(&b0, v + HDR, sizeof b0);
    size_t second = HDR + BLK + b0.payload_len;
    v[second + BLK + 100] ^= 0x20;
    char want[64];
    snprintf(want, sizeof want, "block 1 at byte %zu: bad CRC", second);
    expect_error("bad_crc", v, len, -EBADMSG, want);
    free(v);
}

Test(trace_reader, absurd_lengths_and_counts)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    unsigned char *copy = malloc(len);
    memcpy(copy, v, len);
    uint32_t huge = 0xfffffff0u;
    memcpy(copy + HDR + 4, &huge, sizeof huge);
    expect_error("absurd_length", copy, len, -EBADMSG, "absurd length");
    memcpy(copy, v, len);
    memcpy(copy + HDR + 8, &huge, sizeof huge);
    fix_crc(copy, HDR);
    expect_error("absurd_count", copy, len, -EBADMSG, "absurd event count");
    memcpy(copy, v, len);
    uint32_t kind = 0x12345678u;
    memcpy(copy + HDR, &kind, sizeof kind);
    expect_error("bad_kind", copy, len, -EBADMSG, "unknown block kind");
    memcpy(copy, v, len);
    uint32_t more = 4097; /* one more event than the payload holds */
    memcpy(copy + HDR + 8, &more, sizeof more);
    fix_crc(copy, HDR);
    expect_error("count_too_big", copy, len, -EBADMSG, "event 4096");
    free(copy);
    free(v);
}

Test(trace_reader, bad_varints_types_and_texts)
{
    static const struct {
        const char *name;
        unsigned char bytes[16];
        size_t n;
        const char *what;
    } cases[] = {
        {"overlong", {PS_EV_PROC_NAME, 0x80, 0x00, 0x00}, 4, "overlong varint"},
        {"overflow",
         {PS_EV_PROC_NAME, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0},
         12, "varint overflows 64 bits"},
        {"bad_type", {0x3f, 0x00}, 2, "unknown event type"},
        {"bad_extra", {PS_EV_MARK | PS_TRACE_TAG_EXTRA, 0x80, 0x00, 0x00}, 4, "unknown encoding bits"},
        {"text_too_long", {PS_EV_MARK, 0x00, 0xd0, 0x0f, 'x'}, 5, "text longer than 1024 bytes"},
        {"text_past_end", {PS_EV_MARK, 0x00, 0x09, 'x', 'y'}, 5, "text runs past the end"},
        {"event_past_end", {PS_EV_PIPE_SEND, 0x00, 0x01}, 3, "event runs past the end"},
        {"trailing", {PS_EV_LOCK_WANT, 0x00, 0x01, 0x7f}, 4, "bytes left"},
        {"pid_range", {PS_EV_MARK | PS_TRACE_TAG_PID, 0x00, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00},
         8, "pid out of range"},
        {"first_gap", {PS_EV_MARK | PS_TRACE_TAG_EXTRA, PS_TRACE_X_SEQ, 0x05, 0x00, 0x00}, 5,
         "seq gap inside"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t len;
        unsigned char *f = one_block(cases[i].bytes, cases[i].n, 1, &len);
        char want[96];
        snprintf(want, sizeof want, "block 0 at byte %d: event 0 at byte %zu: %s", HDR,
                 (size_t)HDR + BLK, cases[i].what);
        if (strcmp(cases[i].name, "trailing") == 0) {
            snprintf(want, sizeof want, "%s", cases[i].what);
        }
        expect_error(cases[i].name, f, len, -EBADMSG, want);
        free(f);
    }
}

Test(trace_reader, seq_must_grow_between_blocks)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    struct ps_trace_block b0;
    memcpy(&b0, v + HDR, sizeof b0);
    size_t second = HDR + BLK + b0.payload_len;
    uint64_t seq = 17;
    memcpy(v + second + 16, &seq, sizeof seq);
    fix_crc(v, second);
    expect_error("seq_back", v, len, -EBADMSG, "does not follow");
    free(v);
}

Test(trace_reader, damaged_index_and_footer)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    unsigned char *copy = malloc(len + 4);
    memcpy(copy, v, len);
    copy[len - 1] ^= 1;
    expect_error("bad_footer", copy, len, -EBADMSG, "bad footer");
    memcpy(copy, v, len);
    memcpy(copy + len, "junk", 4);
    expect_error("trailing_junk", copy, len + 4, -EBADMSG, "bad footer");
    memcpy(copy, v, len);
    uint64_t index_off;
    memcpy(&index_off, copy + len - 16, sizeof index_off);
    uint64_t bad = 12345678;
    memcpy(copy + index_off + BLK, &bad, sizeof bad);
    fix_crc(copy, (size_t)index_off);
    expect_error("bad_index", copy, len, -EBADMSG, "index entry 0");
    free(copy);
    free(v);
}

Test(trace_reader, sink_error_stops_the_read)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    struct ps_collect c = {.fail_after = 10};
    struct ps_sink sink = ps_collect_sink(&c);
    char err[256];
    cr_assert_eq(ps_trace_read_mem(v, len, &sink, NULL, err, sizeof err), -ECANCELED);
    cr_assert_eq(c.n, 10);
    cr_assert_not(c.ended);
    ps_collect_free(&c);
    free(v);
}

Test(trace_reader, escape_sequences_are_printed_escaped)
{
    size_t len;
    unsigned char *v = valid_file(&len);
    char *buf = NULL;
    size_t blen = 0;
    FILE *out = open_memstream(&buf, &blen);
    struct ps_printer *pr = ps_printer_new(out, PS_PRINT_TEXT);
    struct ps_sink sink = ps_printer_sink(pr);
    char err[256];
    cr_assert_eq(ps_trace_read_mem(v, len, &sink, NULL, err, sizeof err), 0, "%s", err);
    ps_printer_free(pr);
    fclose(out);
    cr_assert_null(strchr(buf, '\x1b'), "no raw escape reaches the output");
    cr_assert_null(strchr(buf, '\a'));
    cr_assert_not_null(strstr(buf, "\\x1b[31mred"), "escaped form printed");
    free(buf);
    free(v);
}

/* Sink that cuts the file it reads to `cut_to` bytes on the first event. */
struct cut_sink {
    const char *path;
    off_t cut_to;
    size_t events;
};

static int cut_on_event(void *ctx, const struct ps_event *ev)
{
    (void)ev;
    struct cut_sink *c = ctx;
    if (c->events++ == 0) {
        cr_assert_eq(truncate(c->path, c->cut_to), 0);
    }
    return 0;
}

Test(trace_reader, a_file_cut_while_it_is_read_is_an_error_not_a_crash)
{
    size_t len;
    free(valid_file(&len)); /* leaves the recording at path */
    const off_t cuts[] = {HDR + BLK + 10, HDR, 0};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        free(valid_file(&len));
        struct cut_sink c = {.path = path, .cut_to = cuts[i]};
        struct ps_sink sink = {.on_event = cut_on_event, .ctx = &c};
        char err[256] = "";
        int rc = ps_trace_read(path, &sink, err, sizeof err);
        cr_assert_eq(rc, -EIO, "cut to %ld: rc %d (%s)", (long)cuts[i], rc, err);
        cr_assert_not_null(strstr(err, "file changed while reading"), "%s", err);
        cr_assert_lt(c.events, NEVENTS, "events past the cut were delivered");
    }
}

Test(trace_reader, one_block_crc_function_is_the_format_s)
{
    unsigned char payload[100];
    for (size_t i = 0; i < sizeof payload; i++) {
        payload[i] = (unsigned char)(i * 7);
    }
    struct ps_trace_block b = {.kind = PS_TRACE_BLOCK_EVENTS, .payload_len = sizeof payload,
                               .count = 3, .crc = 0xdeadbeef, .first_seq = 5};
    struct ps_trace_block h = b;
    h.crc = 0;
    uint32_t want = ps_trace_crc32c(ps_trace_crc32c(0, &h, sizeof h), payload, sizeof payload);
    cr_assert_eq(ps_trace_block_crc(&b, payload), want, "the crc field must count as zero");
}
