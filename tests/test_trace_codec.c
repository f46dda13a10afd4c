/* SPDX-License-Identifier: MIT */
/*
 * Tests of the event codec (src/trace/trace_codec.c): encoded blocks decode
 * back to the same events, and the fast decoder agrees with the checked one
 * on any input, valid or damaged: same events passed on, same return, same
 * error (index, offset, reason), same decoder state.
 */
#include <criterion/criterion.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace_codec.h"
#include "trace/trace_format.h"

#define NEV 600u

/* What a decoder passed to its sink: a count and a hash of every field. */
struct record {
    uint64_t n;
    uint64_t hash;
    uint64_t fail_at; /* return -ECANCELED on this event (UINT64_MAX: never) */
    bool text_ok;     /* every text was NUL-terminated at text_len */
};

static void mix(uint64_t *h, uint64_t v)
{
    *h = (*h ^ v) * 0x100000001b3ull;
}

static int record_event(void *ctx, const struct ps_event *ev)
{
    struct record *r = ctx;
    if (r->n == r->fail_at) {
        return -ECANCELED;
    }
    r->n++;
    uint64_t *h = &r->hash;
    mix(h, ev->seq);
    mix(h, ev->t_ns);
    mix(h, (uint64_t)(uint32_t)ev->pid);
    mix(h, ev->type);
    mix(h, ev->flags);
    mix(h, ev->obj);
    mix(h, (uint64_t)(uint32_t)ev->peer);
    mix(h, (uint64_t)ev->a);
    mix(h, (uint64_t)ev->b);
    mix(h, ev->text_len);
    for (uint32_t i = 0; i < ev->text_len; i++) {
        mix(h, (unsigned char)ev->text[i]);
    }
    r->text_ok = r->text_ok && ev->text[ev->text_len] == '\0';
    return 0;
}

static uint64_t rnd(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* A value of a random magnitude (1 to 10 varint bytes), sometimes negative. */
static int64_t rnd_value(uint64_t *x)
{
    uint64_t r = rnd(x);
    int64_t v = (int64_t)(rnd(x) >> (r % 64));
    return (r >> 8) & 1 ? -v : v;
}

/* Event i of a block that uses every encoding path (gaps, flags, full, long texts). */
static struct ps_event make_event(uint64_t *x, uint64_t seq, uint64_t t, char *text)
{
    uint64_t r = rnd(x);
    struct ps_event ev = {.seq = seq, .t_ns = t, .type = (uint16_t)(1 + r % (PS_EV__COUNT - 1)),
                          .pid = (int32_t)(1000 + (r >> 8) % 5), .text = ""};
    ev.pid = (r >> 12) % 50 == 0 ? (int32_t)rnd(x) : ev.pid;
    ev.pid = (r >> 12) % 50 == 1 ? ((r >> 18) & 1 ? INT32_MAX : INT32_MIN) : ev.pid;
    ev.flags = (r >> 20) % 7 == 0 ? (uint8_t)(r >> 24) : 0u;
    const struct ps_event_type_info *ti = ps_event_type_info(ev.type);
    bool full = (r >> 32) % 13 == 0;
    ev.obj = ti->obj_key || full ? (uint32_t)((r >> 36) % 9) : 0u;
    uint32_t near = (uint32_t)ev.pid + (uint32_t)((r >> 40) % 7) - 3u; /* wraps, no overflow */
    ev.peer = ti->peer_key || full ? (int32_t)near : 0;
    ev.a = ti->a_key || full ? rnd_value(x) : 0;
    ev.b = ti->b_key || full ? rnd_value(x) % 1000 : 0;
    if (ti->text_key || full) {
        size_t len = (r >> 48) % 11 == 0 ? rnd(x) % (PS_EVENT_TEXT_MAX + 1) : (r >> 52) % 24;
        for (size_t k = 0; k < len; k++) {
            text[k] = (char)('a' + rnd(x) % 26);
        }
        text[len] = '\0';
        ev.text = text;
        ev.text_len = (uint32_t)len;
    }
    return ev;
}

/* Encode NEV events into buf; returns the payload length. */
static size_t make_block(uint8_t *buf, uint64_t seed)
{
    uint64_t x = seed;
    struct ps_trace_codec c = {0};
    ps_trace_codec_start(&c, 100, 5000);
    uint64_t seq = 100;
    uint64_t t = 5000;
    size_t len = 0;
    char text[PS_EVENT_TEXT_MAX + 1];
    for (uint32_t i = 0; i < NEV; i++) {
        struct ps_event ev = make_event(&x, seq, t, text);
        len += ps_trace_codec_encode(&c, buf + len, &ev);
        seq += 1 + (rnd(&x) % 9 == 0 ? rnd(&x) % 100000 : 0);
        t += rnd(&x) % 3 == 0 ? (uint64_t)rnd_value(&x) : rnd(&x) % 50000;
    }
    return len;
}

/* One decoder's whole outcome. */
struct outcome {
    int rc;
    struct ps_trace_codec_error err;
    struct record rec;
    struct ps_trace_codec end;
};

static struct outcome run(bool fast, const uint8_t *p, size_t len, uint32_t count,
                          uint64_t fail_at)
{
    struct outcome o = {.rec = {.fail_at = fail_at, .text_ok = true}};
    struct ps_sink sink = {.on_event = record_event, .ctx = &o.rec};
    struct ps_trace_codec c = {.drops = 7, .torn = 9};
    ps_trace_codec_start(&c, 100, 5000);
    o.rc = fast ? ps_trace_codec_decode(&c, p, len, count, &sink, &o.err)
                : ps_trace_codec_decode_checked(&c, p, len, count, &sink, &o.err);
    o.end = c;
    return o;
}

static void assert_same(const struct outcome *f, const struct outcome *s, unsigned trial)
{
    cr_assert_eq(f->rc, s->rc, "trial %u: rc %d vs %d", trial, f->rc, s->rc);
    cr_assert_eq(f->rec.n, s->rec.n, "trial %u: %lu vs %lu events", trial,
                 (unsigned long)f->rec.n, (unsigned long)s->rec.n);
    cr_assert_eq(f->rec.hash, s->rec.hash, "trial %u: different events", trial);
    cr_assert(f->rec.text_ok && s->rec.text_ok, "trial %u: text not terminated", trial);
    if (f->rc == -EBADMSG) {
        cr_assert_eq(f->err.index, s->err.index, "trial %u: index", trial);
        cr_assert_eq(f->err.offset, s->err.offset, "trial %u: offset", trial);
        cr_assert_str_eq(f->err.why, s->err.why, "trial %u", trial);
    }
    cr_assert_eq(f->end.seq, s->end.seq, "trial %u: seq state", trial);
    cr_assert_eq(f->end.t_ns, s->end.t_ns, "trial %u: t state", trial);
    cr_assert_eq(f->end.pid, s->end.pid, "trial %u: pid state", trial);
    cr_assert_eq(f->end.drops, s->end.drops, "trial %u: drops", trial);
    cr_assert_eq(f->end.torn, s->end.torn, "trial %u: torn", trial);
}

Test(trace_codec, round_trip_of_every_encoding)
{
    uint8_t *buf = malloc(NEV * PS_TRACE_EVENT_MAX_BYTES);
    cr_assert_not_null(buf);
    size_t len = make_block(buf, 0x1234567887654321ull);
    struct outcome f = run(true, buf, len, NEV, UINT64_MAX);
    struct outcome s = run(false, buf, len, NEV, UINT64_MAX);
    cr_assert_eq(f.rc, 0);
    cr_assert_eq(f.rec.n, NEV);
    assert_same(&f, &s, 0);

    /* Decoding again from a fresh encoder's events gives the very same hash. */
    uint64_t x = 0x1234567887654321ull;
    struct record want = {.fail_at = UINT64_MAX, .text_ok = true};
    uint64_t seq = 100;
    uint64_t t = 5000;
    char text[PS_EVENT_TEXT_MAX + 1];
    for (uint32_t i = 0; i < NEV; i++) {
        struct ps_event ev = make_event(&x, seq, t, text);
        record_event(&want, &ev);
        seq += 1 + (rnd(&x) % 9 == 0 ? rnd(&x) % 100000 : 0);
        t += rnd(&x) % 3 == 0 ? (uint64_t)rnd_value(&x) : rnd(&x) % 50000;
    }
    cr_assert_eq(f.rec.hash, want.hash);

    struct ps_trace_codec c = {.drops = 7, .torn = 9};
    ps_trace_codec_start(&c, 100, 5000);
    cr_assert_eq(ps_trace_codec_check(&c, buf, len, NEV), 0);
    cr_assert(c.seq == f.end.seq && c.t_ns == f.end.t_ns && c.pid == f.end.pid &&
              c.drops == f.end.drops && c.torn == f.end.torn);
    cr_assert(c.drops != 7 && c.torn != 9, "the block has ring.dropped and ring.torn events");
    free(buf);
}

Test(trace_codec, fast_decoder_agrees_with_checked_on_damaged_blocks, .timeout = 120)
{
    uint8_t *buf = malloc(NEV * PS_TRACE_EVENT_MAX_BYTES);
    uint8_t *bad = malloc(NEV * PS_TRACE_EVENT_MAX_BYTES);
    cr_assert(buf && bad);
    size_t len = make_block(buf, 0xdeadbeefcafef00dull);
    uint64_t x = 0x0123456789abcdefull;
    unsigned errors = 0;
    for (unsigned trial = 1; trial <= 1500; trial++) {
        memcpy(bad, buf, len);
        size_t blen = len;
        uint32_t count = NEV;
        unsigned kind = (unsigned)(rnd(&x) % 8);
        for (unsigned k = 0; k <= kind % 3; k++) {
            size_t at = rnd(&x) % len;
            bad[at] = (uint8_t)(kind < 4 ? rnd(&x) : (uint64_t)bad[at] ^ (1u << (rnd(&x) % 8)));
        }
        if (kind == 6) {
            blen = rnd(&x) % len; /* cut short */
        } else if (kind == 7) {
            count = (uint32_t)(rnd(&x) % (NEV + 5)); /* wrong count */
        }
        uint64_t fail_at = rnd(&x) % 10 == 0 ? rnd(&x) % NEV : UINT64_MAX;
        struct outcome f = run(true, bad, blen, count, fail_at);
        struct outcome s = run(false, bad, blen, count, fail_at);
        assert_same(&f, &s, trial);
        errors += f.rc == -EBADMSG;

        /* Checking without decoding accepts exactly what decoding accepts. */
        struct outcome all = fail_at == UINT64_MAX ? s : run(false, bad, blen, count, UINT64_MAX);
        struct ps_trace_codec c = {.drops = 7, .torn = 9};
        ps_trace_codec_start(&c, 100, 5000);
        struct ps_trace_codec before = c;
        int crc = ps_trace_codec_check(&c, bad, blen, count);
        cr_assert_eq(crc == 0, all.rc == 0, "trial %u: check %d, decode %d", trial, crc, all.rc);
        const struct ps_trace_codec *want = crc == 0 ? &all.end : &before;
        cr_assert(c.seq == want->seq && c.t_ns == want->t_ns && c.pid == want->pid &&
                      c.drops == want->drops && c.torn == want->torn,
                  "trial %u: check leaves another state", trial);
    }
    cr_assert_gt(errors, 100u, "the damage must be detected often (%u)", errors);
    free(bad);
    free(buf);
}

Test(trace_codec, seq_overflow_is_caught_by_every_path)
{
    /* Five events of 40-byte texts: the fourth is far enough from the end for the fast path. */
    uint8_t buf[5 * PS_TRACE_EVENT_MAX_BYTES];
    struct ps_trace_codec enc = {0};
    ps_trace_codec_start(&enc, 10, 0);
    size_t len = 0;
    for (uint64_t i = 0; i < 5; i++) {
        struct ps_event ev = {.seq = 10 + i, .t_ns = i, .pid = 1, .type = PS_EV_MARK,
                              .text = "0123456789012345678901234567890123456789", .text_len = 40};
        len += ps_trace_codec_encode(&enc, buf + len, &ev);
    }
    cr_assert_geq(len - 3 * 43, PS_TRACE_EVENT_MAX_BYTES - PS_EVENT_TEXT_MAX);
    for (uint64_t back = 2; back <= 4; back += 2) { /* from UINT64_MAX - 2 the fourth overflows */
        struct ps_trace_codec c[3];
        struct ps_trace_codec_error e[2] = {{0}};
        struct ps_sink none = {0};
        for (int k = 0; k < 3; k++) {
            c[k] = (struct ps_trace_codec){0};
            ps_trace_codec_start(&c[k], UINT64_MAX - back, 0);
        }
        int r0 = ps_trace_codec_decode(&c[0], buf, len, 5, &none, &e[0]);
        int r1 = ps_trace_codec_decode_checked(&c[1], buf, len, 5, &none, &e[1]);
        int r2 = ps_trace_codec_check(&c[2], buf, len, 5);
        cr_assert_eq(r0, back == 2 ? -EBADMSG : 0);
        cr_assert_eq(r1, r0);
        cr_assert_eq(r2, r0);
        if (r0 < 0) {
            cr_assert_str_eq(e[0].why, "seq overflows");
            cr_assert_str_eq(e[1].why, "seq overflows");
            cr_assert_eq(e[0].index, 3);
            cr_assert_eq(e[1].offset, e[0].offset);
        } else {
            cr_assert_eq(c[0].seq, UINT64_MAX);
            cr_assert_eq(c[2].seq, UINT64_MAX);
        }
    }
}
