/* SPDX-License-Identifier: MIT */
/*
 * Encoding of the events of one block, and the checked decoder: every read
 * bounds-checked, the first malformation named (trace_format.h). The fast
 * paths that fall back on it are in trace_codec_fast.c.
 */
#include "trace/trace_codec.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "trace/trace_codec_internal.h"
#include "trace/trace_format.h"

uint8_t ps_trace_codec_fields_tab[PS_TRACE_TAG_TYPE + 1]; /* 0 past the known types */
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

int ps_trace_codec_decode_from(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                               size_t from, uint32_t from_index, uint32_t count, uint32_t skip,
                               const struct ps_sink *sink, struct ps_trace_codec_error *err)
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

int ps_trace_codec_decode_checked(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                                  uint32_t count, const struct ps_sink *sink,
                                  struct ps_trace_codec_error *err)
{
    return ps_trace_codec_decode_from(c, payload, len, 0, 0, count, 0, sink, err);
}
