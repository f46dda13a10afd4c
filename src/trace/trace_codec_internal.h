/* SPDX-License-Identifier: MIT */
/*
 * What the two halves of the codec share (src/trace only): trace_codec.c
 * encodes and holds the checked decoder, trace_codec_fast.c the fast decoder
 * and the checker. The field table is built by ps_trace_codec_start(), which
 * every decoding path calls first.
 */
#ifndef PS_TRACE_TRACE_CODEC_INTERNAL_H
#define PS_TRACE_TRACE_CODEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "trace/trace_codec.h"
#include "trace/trace_format.h"

/* Which optional fields a type stores (from its field table). */
#define PS_TRACE_F_OBJ 0x01u
#define PS_TRACE_F_PEER 0x02u
#define PS_TRACE_F_A 0x04u
#define PS_TRACE_F_B 0x08u
#define PS_TRACE_F_TEXT 0x10u
#define PS_TRACE_F_ALL 0x1fu

/* Every type's PS_TRACE_F_* mask (0 past the known types), built by ps_trace_codec_start. */
extern uint8_t ps_trace_codec_fields_tab[PS_TRACE_TAG_TYPE + 1];

/* The field mask of a known type (the table is built by ps_trace_codec_start). */
static inline unsigned ps_trace_codec_fields(unsigned type)
{
    return ps_trace_codec_fields_tab[type];
}

/* Signed to unsigned for varints: 0, -1, 1, -2 ... become 0, 1, 2, 3 ... */
static inline uint64_t ps_trace_zigzag(int64_t v)
{
    return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

/* The inverse of ps_trace_zigzag. */
static inline int64_t ps_trace_unzigzag(uint64_t u)
{
    return (int64_t)(u >> 1) ^ -(int64_t)(u & 1u);
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
 * Returns like ps_trace_codec_decode.
 */
int ps_trace_codec_decode_from(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                               size_t from, uint32_t from_index, uint32_t count, uint32_t skip,
                               const struct ps_sink *sink, struct ps_trace_codec_error *err);

#endif /* PS_TRACE_TRACE_CODEC_INTERNAL_H */
