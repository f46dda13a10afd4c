/* SPDX-License-Identifier: MIT */
/*
 * The fast paths of decoding (trace_format.h): reads without bounds checks
 * while an event's largest fixed part fits before the end of the payload,
 * malformations only noted; whenever one is noted, the checked decoder of
 * trace_codec.c runs the block again, so results and errors are its own.
 */
#include "trace/trace_codec.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include "trace/trace_codec_internal.h"

/* The bytes an event needs at most before its text: tag, extra, flags and 8 varints. */
#define PS_TRACE_FIXED_MAX (3 + 8 * 10)

/*
 * Read one varint at *pp without bounds checks (the caller guarantees 10
 * readable bytes); a malformed one (overlong, overflowing) sets *bad.
 */
static inline uint64_t ps_trace_fast_varint(const uint8_t **pp, unsigned *bad)
{
    const uint8_t *p = *pp;
    uint64_t b = p[0];
    if (b < 0x80u) {
        *pp = p + 1;
        return b;
    }
    uint64_t v = b & 0x7fu;
    b = p[1];
    v |= (b & 0x7fu) << 7;
    if (b < 0x80u) { /* two bytes */
        *bad |= b == 0;
        *pp = p + 2;
        return v;
    }
    b = p[2];
    v |= (b & 0x7fu) << 14;
    if (b < 0x80u) { /* three bytes */
        *bad |= b == 0;
        *pp = p + 3;
        return v;
    }
    for (unsigned i = 3; i < 10; i++) {
        b = p[i];
        v |= (b & 0x7fu) << (7 * i);
        if (b < 0x80u) {
            *bad |= (b == 0) | (i == 9 && b > 1u);
            *pp = p + i + 1;
            return v;
        }
    }
    *bad |= 1u;
    *pp = p + 10;
    return 0;
}

/*
 * `base` plus a zigzag delta as a 32-bit value; sets *bad when it does not
 * fit. The sum is taken modulo 2^64 and shifted by 2^31: it lands in
 * [0, 2^32) exactly when the true sum is a 32-bit value (a sum that
 * overflows 64 bits wraps to near the far end, never into that range).
 */
static inline int32_t ps_trace_fast_i32(int32_t base, uint64_t zz, unsigned *bad)
{
    uint64_t u = (uint64_t)(int64_t)base + (uint64_t)ps_trace_unzigzag(zz) + 0x80000000ull;
    if (u > UINT32_MAX) {
        *bad |= 1u;
        return 0;
    }
    return (int32_t)((int64_t)u - 0x80000000ll);
}

/* The fast decoder's fields (obj, peer, a, b, text) that `used` names; p has FIXED_MAX bytes. */
static inline const uint8_t *ps_trace_fast_fields(const uint8_t *p, const uint8_t *end,
                                                  struct ps_event *ev, unsigned used,
                                                  char *textbuf, unsigned *bad)
{
    if (used & PS_TRACE_F_OBJ) {
        uint64_t obj = ps_trace_fast_varint(&p, bad);
        *bad |= obj > UINT32_MAX;
        ev->obj = (uint32_t)obj;
    }
    if (used & PS_TRACE_F_PEER) {
        ev->peer = ps_trace_fast_i32(ev->pid, ps_trace_fast_varint(&p, bad), bad);
    }
    if (used & PS_TRACE_F_A) {
        ev->a = ps_trace_unzigzag(ps_trace_fast_varint(&p, bad));
    }
    if (used & PS_TRACE_F_B) {
        ev->b = ps_trace_unzigzag(ps_trace_fast_varint(&p, bad));
    }
    if (used & PS_TRACE_F_TEXT) {
        uint64_t len = ps_trace_fast_varint(&p, bad);
        if (len > PS_EVENT_TEXT_MAX || len > (uint64_t)(end - p)) {
            *bad |= 1u;
            return p;
        }
        if (len <= 16 && end - p >= 16) {
            memcpy(textbuf, p, 16); /* one fixed-size move for short texts */
        } else {
            memcpy(textbuf, p, (size_t)len);
        }
        textbuf[len] = '\0';
        p += len;
        ev->text_len = (uint32_t)len;
        ev->text = textbuf;
    }
    return p;
}

/*
 * Decode one event at p, which has PS_TRACE_FIXED_MAX readable bytes, without
 * error messages: any malformation sets *bad (the caller then re-decodes the
 * block with the checked decoder, which names it). Returns the next event.
 */
static inline const uint8_t *ps_trace_fast_get(struct ps_trace_codec *c, const uint8_t *p,
                                               const uint8_t *end, struct ps_event *ev,
                                               bool first, char *textbuf, unsigned *bad)
{
    unsigned tag = *p++;
    unsigned type = tag & PS_TRACE_TAG_TYPE;
    unsigned extra = 0;
    uint64_t gap = 0;
    *ev = (struct ps_event){.type = (uint16_t)type, .text = ""};
    *bad |= type >= PS_EV__COUNT;
    if (tag & PS_TRACE_TAG_EXTRA) {
        extra = *p++;
        *bad |= (extra & ~PS_TRACE_X_KNOWN) != 0 || (first && (extra & PS_TRACE_X_SEQ));
        ev->flags = (extra & PS_TRACE_X_FLAGS) ? *p++ : 0u;
        gap = (extra & PS_TRACE_X_SEQ) ? ps_trace_fast_varint(&p, bad) : 0u;
    }
    *bad |= !first && gap >= UINT64_MAX - c->seq;
    ev->seq = c->seq + 1 + gap;
    ev->t_ns = c->t_ns + (uint64_t)ps_trace_unzigzag(ps_trace_fast_varint(&p, bad));
    ev->pid = c->pid;
    if (tag & PS_TRACE_TAG_PID) {
        ev->pid = ps_trace_fast_i32(c->pid, ps_trace_fast_varint(&p, bad), bad);
    }
    unsigned used = ps_trace_codec_fields(type);
    p = ps_trace_fast_fields(p, end, ev, (extra & PS_TRACE_X_FULL) ? PS_TRACE_F_ALL : used,
                             textbuf, bad);
    c->seq = ev->seq;
    c->t_ns = ev->t_ns;
    c->pid = ev->pid;
    return p;
}

/* Step over one varint at p (10 readable bytes), setting *bad when it is malformed. */
static inline const uint8_t *ps_trace_skip_varint(const uint8_t *p, unsigned *bad)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, p, sizeof w);
    uint64_t stops = ~w & 0x8080808080808080ull;
    if (stops) {
        unsigned last = (unsigned)__builtin_ctzll(stops); /* bit 7 of the varint's last byte */
        *bad |= (last > 7u) & ((uint8_t)(w >> (last - 7u)) == 0); /* overlong */
        return p + (last + 1u) / 8u;
    }
#endif
    uint64_t v = ps_trace_fast_varint(&p, bad);
    (void)v;
    return p;
}

/*
 * Check one event at p (PS_TRACE_FIXED_MAX readable bytes) without building
 * it: only the values the checks and the decoder state need are decoded.
 */
__attribute__((always_inline)) static inline const uint8_t *
ps_trace_check_one(struct ps_trace_codec *c, const uint8_t *p, const uint8_t *end, bool first,
                   unsigned *bad)
{
    unsigned tag = *p++;
    unsigned type = tag & PS_TRACE_TAG_TYPE;
    unsigned extra = 0;
    uint64_t gap = 0;
    *bad |= type >= PS_EV__COUNT;
    if (tag & PS_TRACE_TAG_EXTRA) {
        extra = *p++;
        *bad |= (extra & ~PS_TRACE_X_KNOWN) != 0 || (first && (extra & PS_TRACE_X_SEQ));
        p += (extra & PS_TRACE_X_FLAGS) ? 1 : 0;
        gap = (extra & PS_TRACE_X_SEQ) ? ps_trace_fast_varint(&p, bad) : 0u;
    }
    *bad |= !first && gap >= UINT64_MAX - c->seq;
    c->seq += 1 + gap;
    c->t_ns += (uint64_t)ps_trace_unzigzag(ps_trace_fast_varint(&p, bad));
    if (tag & PS_TRACE_TAG_PID) {
        c->pid = ps_trace_fast_i32(c->pid, ps_trace_fast_varint(&p, bad), bad);
    }
    unsigned used = (extra & PS_TRACE_X_FULL) ? PS_TRACE_F_ALL : ps_trace_codec_fields(type);
    if (used & PS_TRACE_F_OBJ) {
        *bad |= ps_trace_fast_varint(&p, bad) > UINT32_MAX;
    }
    if (used & PS_TRACE_F_PEER) {
        ps_trace_fast_i32(c->pid, ps_trace_fast_varint(&p, bad), bad);
    }
    if (type >= PS_EV_RING_DROPPED && type < PS_EV__COUNT && (used & PS_TRACE_F_A)) {
        int64_t a = ps_trace_unzigzag(ps_trace_fast_varint(&p, bad));
        c->drops = type == PS_EV_RING_DROPPED && a > 0 ? (uint64_t)a : c->drops;
        c->torn = type == PS_EV_RING_TORN && a > 0 ? (uint64_t)a : c->torn;
    } else if (used & PS_TRACE_F_A) {
        p = ps_trace_skip_varint(p, bad);
    }
    if (used & PS_TRACE_F_B) {
        p = ps_trace_skip_varint(p, bad);
    }
    if (used & PS_TRACE_F_TEXT) {
        uint64_t len = ps_trace_fast_varint(&p, bad);
        if (len > PS_EVENT_TEXT_MAX || len > (uint64_t)(end - p)) {
            *bad |= 1u;
            return p;
        }
        p += len;
    }
    return p;
}

/*
 * Decode a block with the fast decoder while PS_TRACE_FIXED_MAX bytes remain,
 * the checked one for the last events. When the fast decoder meets anything
 * malformed, the block is decoded again from its start by the checked decoder
 * (which passes on only the events not yet passed), so what the sink sees and
 * the error named are exactly the checked decoder's.
 */
int ps_trace_codec_decode(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                          uint32_t count, const struct ps_sink *sink,
                          struct ps_trace_codec_error *err)
{
    char textbuf[PS_EVENT_TEXT_MAX + 1];
    const struct ps_trace_codec start = *c;
    const uint8_t *p = payload;
    const uint8_t *end = payload + len;
    unsigned bad = 0;
    uint32_t i = 0;
    for (; i < count && end - p >= PS_TRACE_FIXED_MAX; i++) {
        struct ps_event ev;
        p = ps_trace_fast_get(c, p, end, &ev, i == 0, textbuf, &bad);
        if (bad) {
            break;
        }
        ps_trace_codec_note(c, &ev);
        int rc = ps_sink_event(sink, &ev);
        if (rc < 0) {
            return rc;
        }
    }
    if (i == count && p == end) {
        return 0;
    }
    if (!bad) { /* the last events, too near the end for the fast decoder */
        return ps_trace_codec_decode_from(c, payload, len, (size_t)(p - payload), i, count, 0,
                                          sink, err);
    }
    *c = start;
    return ps_trace_codec_decode_from(c, payload, len, 0, 0, count, i, sink, err);
}

int ps_trace_codec_check(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                         uint32_t count)
{
    static const struct ps_sink none = {0};
    const struct ps_trace_codec start = *c;
    const uint8_t *p = payload;
    const uint8_t *end = payload + len;
    unsigned bad = 0;
    uint32_t i = 0;
    if (count > 0 && len >= PS_TRACE_FIXED_MAX) {
        /* A malformed event only sets bad: every read stays in bounds, so carry on. */
        const uint8_t *last = end - PS_TRACE_FIXED_MAX; /* the fast path needs p <= last */
        struct ps_trace_codec st = *c; /* a local: its fields stay in registers */
        p = ps_trace_check_one(&st, p, end, true, &bad);
        for (i = 1; i < count && p <= last; i++) {
            p = ps_trace_check_one(&st, p, end, false, &bad);
        }
        *c = st;
    }
    if (!bad && i == count && p == end) {
        return 0;
    }
    struct ps_trace_codec_error e;
    if (!bad && ps_trace_codec_decode_from(c, payload, len, (size_t)(p - payload), i, count, 0,
                                           &none, &e) == 0) {
        return 0;
    }
    *c = start;
    return -EBADMSG;
}
