#include "trace/trace_codec.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "trace/trace_format.h"

/* Which optional fields a type stores (from its field table). */
#define PS_TRACE_F_OBJ 0x01u
#define PS_TRACE_F_PEER 0x02u
#define PS_TRACE_F_A 0x04u
#define PS_TRACE_F_B 0x08u
#define PS_TRACE_F_TEXT 0x10u
#define PS_TRACE_F_ALL 0x1fu

static uint8_t ps_trace_codec_fields_tab[PS_TRACE_TAG_TYPE + 1]; /* 0 past the known types */
static pthread_once_t ps_trace_codec_once = PTHREAD_ONCE_INIT;

/* Derive every type's field mask from the event schema. */
static void ps_trace_codec_init(void)
{
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        const struct ps_event_type_info *ti = ps_event_type_info(t);
        unsigned m = 0;
        if (ti) {
            m |= ti->obj_key ? PS_TRACE_F_OBJ : 0u;
            m |= ti->peer_key ? PS_TRACE_F_PEER : 0u;
            m |= ti->a_key ? PS_TRACE_F_A : 0u;
            m |= ti->b_key ? PS_TRACE_F_B : 0u;
            m |= ti->text_key ? PS_TRACE_F_TEXT : 0u;
        }
        ps_trace_codec_fields_tab[t] = (uint8_t)m;
    }
}

/* The field mask of a known type (the table is built by ps_trace_codec_start). */
static inline unsigned ps_trace_codec_fields(unsigned type)
{
    return ps_trace_codec_fields_tab[type];
}

static inline uint64_t ps_trace_zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static inline int64_t ps_trace_unzigzag(uint64_t u)
{
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1u);
}

static inline uint8_t *ps_trace_put_varint(uint8_t *p, uint64_t v)
{
    while (v >= 0x80u) {
        *p++ = (uint8_t)(v | 0x80u);
        v >>= 7;
    }
    *p++ = (uint8_t)v;
    return p;
}

void ps_trace_codec_start(struct ps_trace_codec *c, uint64_t first_seq, uint64_t first_t_ns)
{
    pthread_once(&ps_trace_codec_once, ps_trace_codec_init);
    c->seq = first_seq - 1;
    c->t_ns = first_t_ns;
    c->pid = 0;
}

/* True when every field the type does not store is zero, so nothing is lost. */
static bool ps_trace_codec_fits(const struct ps_event *ev, unsigned used)
{
    return ((used & PS_TRACE_F_OBJ) || ev->obj == 0) &&
           ((used & PS_TRACE_F_PEER) || ev->peer == 0) && ((used & PS_TRACE_F_A) || ev->a == 0) &&
           ((used & PS_TRACE_F_B) || ev->b == 0) && ((used & PS_TRACE_F_TEXT) || ev->text_len == 0);
}

/* Encode the type's fields (obj, peer, a, b, text) that `used` names. */
static uint8_t *ps_trace_codec_put_fields(uint8_t *p, const struct ps_event *ev, unsigned used)
{
    if (used & PS_TRACE_F_OBJ) {
        p = ps_trace_put_varint(p, ev->obj);
    }
    if (used & PS_TRACE_F_PEER) {
        p = ps_trace_put_varint(p, ps_trace_zigzag((int64_t)ev->peer - ev->pid));
    }
    if (used & PS_TRACE_F_A) {
        p = ps_trace_put_varint(p, ps_trace_zigzag(ev->a));
    }
    if (used & PS_TRACE_F_B) {
        p = ps_trace_put_varint(p, ps_trace_zigzag(ev->b));
    }
    if (used & PS_TRACE_F_TEXT) {
        p = ps_trace_put_varint(p, ev->text_len);
        if (ev->text_len) {
            memcpy(p, ev->text, ev->text_len);
            p += ev->text_len;
        }
    }
    return p;
}

size_t ps_trace_codec_encode(struct ps_trace_codec *c, uint8_t *out, const struct ps_event *ev)
{
    unsigned used = ps_trace_codec_fields(ev->type);
    uint8_t tag = (uint8_t)ev->type;
    uint8_t extra = ev->flags ? PS_TRACE_X_FLAGS : 0u;
    extra |= ev->seq != c->seq + 1 ? PS_TRACE_X_SEQ : 0u;
    if (!ps_trace_codec_fits(ev, used)) {
        extra |= PS_TRACE_X_FULL;
        used = PS_TRACE_F_ALL;
    }
    uint8_t *p = out + 1;
    if (extra) {
        tag |= PS_TRACE_TAG_EXTRA;
        *p++ = extra;
    }
    if (ev->flags) {
        *p++ = ev->flags;
    }
    if (extra & PS_TRACE_X_SEQ) {
        p = ps_trace_put_varint(p, ev->seq - c->seq - 1);
    }
    p = ps_trace_put_varint(p, ps_trace_zigzag((int64_t)(ev->t_ns - c->t_ns)));
    if (ev->pid != c->pid) {
        tag |= PS_TRACE_TAG_PID;
        p = ps_trace_put_varint(p, ps_trace_zigzag((int64_t)ev->pid - c->pid));
    }
    p = ps_trace_codec_put_fields(p, ev, used);
    out[0] = tag;
    c->seq = ev->seq;
    c->t_ns = ev->t_ns;
    c->pid = ev->pid;
    return (size_t)(p - out);
}

/* The decoding cursor of one payload. */
struct ps_trace_cursor {
    const uint8_t *p;
    const uint8_t *end;
    const char *why; /* first error, static text */
};

/* Read one LEB128 varint; on error records why and returns 0. */
static inline uint64_t ps_trace_get_varint(struct ps_trace_cursor *cur)
{
    const uint8_t *p = cur->p;
    if (cur->end - p >= 2) { /* one- and two-byte varints, the common cases */
        if (p[0] < 0x80u) {
            cur->p = p + 1;
            return p[0];
        }
        if (p[1] < 0x80u && p[1] != 0) {
            cur->p = p + 2;
            return (uint64_t)(p[0] & 0x7fu) | (uint64_t)p[1] << 7;
        }
    }
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (p >= cur->end) {
            cur->why = "event runs past the end of its block";
            return 0;
        }
        uint8_t byte = *p++;
        if (shift == 63 && byte > 1u) {
            cur->why = "varint overflows 64 bits";
            return 0;
        }
        v |= (uint64_t)(byte & 0x7fu) << shift;
        if (!(byte & 0x80u)) {
            if (byte == 0 && shift > 0) {
                cur->why = "overlong varint";
                return 0;
            }
            cur->p = p;
            return v;
        }
    }
    cur->why = "varint overflows 64 bits";
    return 0;
}

/* Read one byte; on error records why and returns 0. */
static inline uint8_t ps_trace_get_byte(struct ps_trace_cursor *cur)
{
    if (cur->p >= cur->end) {
        cur->why = "event runs past the end of its block";
        return 0;
    }
    return *cur->p++;
}

/* A signed 32-bit value `base + delta`, or an error when it does not fit. */
static inline int32_t ps_trace_get_i32(struct ps_trace_cursor *cur, int64_t base, uint64_t zz,
                                       const char *what)
{
    int64_t d = ps_trace_unzigzag(zz);
    if ((d > 0 && base > INT64_MAX - d) || (d < 0 && base < INT64_MIN - d)) {
        cur->why = what;
        return 0;
    }
    int64_t v = base + d;
    if (v < INT32_MIN || v > INT32_MAX) {
        cur->why = what;
        return 0;
    }
    return (int32_t)v;
}

/* Decode the fields `used` names into ev; text goes to textbuf. */
static inline void ps_trace_codec_get_fields(struct ps_trace_cursor *cur, struct ps_event *ev,
                                             unsigned used, char *textbuf)
{
    if (used & PS_TRACE_F_OBJ) {
        uint64_t obj = ps_trace_get_varint(cur);
        if (obj > UINT32_MAX) {
            cur->why = "object id out of range";
        }
        ev->obj = (uint32_t)obj;
    }
    if (used & PS_TRACE_F_PEER) {
        ev->peer = ps_trace_get_i32(cur, ev->pid, ps_trace_get_varint(cur), "peer out of range");
    }
    if (used & PS_TRACE_F_A) {
        ev->a = ps_trace_unzigzag(ps_trace_get_varint(cur));
    }
    if (used & PS_TRACE_F_B) {
        ev->b = ps_trace_unzigzag(ps_trace_get_varint(cur));
    }
    if (used & PS_TRACE_F_TEXT) {
        uint64_t len = ps_trace_get_varint(cur);
        if (len > PS_EVENT_TEXT_MAX) {
            cur->why = "text longer than 1024 bytes";
        } else if (len > (uint64_t)(cur->end - cur->p)) {
            cur->why = "text runs past the end of its block";
        } else if (!cur->why) {
            if (len <= 16 && cur->end - cur->p >= 16) {
                memcpy(textbuf, cur->p, 16); /* one fixed-size move for short texts */
            } else {
                memcpy(textbuf, cur->p, (size_t)len);
            }
            textbuf[len] = '\0';
            cur->p += len;
            ev->text_len = (uint32_t)len;
            ev->text = textbuf;
        }
    }
}

/* Decode one event at the cursor (`first`: the block's first event). */
static inline void ps_trace_codec_get(struct ps_trace_codec *c, struct ps_trace_cursor *cur,
                                      struct ps_event *ev, bool first, char *textbuf)
{
    uint8_t tag = ps_trace_get_byte(cur);
    unsigned type = tag & PS_TRACE_TAG_TYPE;
    uint8_t extra = (tag & PS_TRACE_TAG_EXTRA) ? ps_trace_get_byte(cur) : 0u;
    if (type >= PS_EV__COUNT) {
        cur->why = "unknown event type";
    } else if (extra & ~PS_TRACE_X_KNOWN) {
        cur->why = "unknown encoding bits";
    } else if (first && (extra & PS_TRACE_X_SEQ)) {
        cur->why = "seq gap inside a block's first event";
    }
    *ev = (struct ps_event){.type = (uint16_t)type, .text = ""};
    ev->flags = (extra & PS_TRACE_X_FLAGS) ? ps_trace_get_byte(cur) : 0u;
    uint64_t gap = (extra & PS_TRACE_X_SEQ) ? ps_trace_get_varint(cur) : 0u;
    if (!first && gap >= UINT64_MAX - c->seq) {
        cur->why = "seq overflows";
    }
    ev->seq = c->seq + 1 + gap;
    ev->t_ns = c->t_ns + (uint64_t)ps_trace_unzigzag(ps_trace_get_varint(cur));
    ev->pid = (tag & PS_TRACE_TAG_PID)
                  ? ps_trace_get_i32(cur, c->pid, ps_trace_get_varint(cur), "pid out of range")
                  : c->pid;
    unsigned used = type < PS_EV__COUNT ? ps_trace_codec_fields(type) : 0u;
    ps_trace_codec_get_fields(cur, ev, (extra & PS_TRACE_X_FULL) ? PS_TRACE_F_ALL : used,
                              textbuf);
    c->seq = ev->seq;
    c->t_ns = ev->t_ns;
    c->pid = ev->pid;
}

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

/* Keep the latest drop and torn counts the ring reported. */
static inline void ps_trace_codec_note(struct ps_trace_codec *c, const struct ps_event *ev)
{
    if (ev->type >= PS_EV_RING_DROPPED) {
        c->drops = ev->type == PS_EV_RING_DROPPED && ev->a > 0 ? (uint64_t)ev->a : c->drops;
        c->torn = ev->type == PS_EV_RING_TORN && ev->a > 0 ? (uint64_t)ev->a : c->torn;
    }
}

/*
 * The checked decoder: every read bounds-checked, the first malformation named
 * in *err. Events before index `skip` were already passed to the sink by the
 * fast decoder and are decoded again silently. Decoding starts at byte `from`,
 * which holds event `from_index` (the codec state is the one before it).
 */
static int ps_trace_codec_decode_from(struct ps_trace_codec *c, const uint8_t *payload,
                                      size_t len, size_t from, uint32_t from_index,
                                      uint32_t count, uint32_t skip, const struct ps_sink *sink,
                                      struct ps_trace_codec_error *err)
{
    char textbuf[PS_EVENT_TEXT_MAX + 1];
    struct ps_trace_cursor cur = {.p = payload + from, .end = payload + len, .why = NULL};
    for (uint32_t i = from_index; i < count; i++) {
        const uint8_t *at = cur.p;
        struct ps_event ev;
        ps_trace_codec_get(c, &cur, &ev, i == 0, textbuf);
        if (cur.why) {
            *err = (struct ps_trace_codec_error){(size_t)(at - payload), i, cur.why};
            return -EBADMSG;
        }
        ps_trace_codec_note(c, &ev);
        int rc = i >= skip ? ps_sink_event(sink, &ev) : 0;
        if (rc < 0) {
            return rc;
        }
    }
    if (cur.p != cur.end) {
        *err = (struct ps_trace_codec_error){(size_t)(cur.p - payload), count,
                                             "bytes left after the block's last event"};
        return -EBADMSG;
    }
    return 0;
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

int ps_trace_codec_decode_checked(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                                  uint32_t count, const struct ps_sink *sink,
                                  struct ps_trace_codec_error *err)
{
    return ps_trace_codec_decode_from(c, payload, len, 0, 0, count, 0, sink, err);
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
