/* SPDX-License-Identifier: MIT */
/*
 * Encoding and decoding of the events of one block (see trace_format.h).
 * Internal to src/trace: the writer encodes, the reader decodes. Any process
 * may call these; they allocate nothing.
 */
#ifndef PS_TRACE_TRACE_CODEC_H
#define PS_TRACE_TRACE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"
#include "session/sink.h"

/* What the encoder or decoder remembers of the previous event of the block. */
struct ps_trace_codec {
    uint64_t seq;  /* seq of the previous event (first_seq - 1 before the first) */
    uint64_t t_ns; /* t_ns of the previous event (first_t_ns before the first) */
    int32_t pid;   /* pid of the previous event (0 before the first) */
    uint64_t drops; /* decoding: `a` of the latest ring.dropped event (kept across blocks) */
    uint64_t torn;  /* decoding: `a` of the latest ring.torn event (kept across blocks) */
};

/* Start a block whose first event has `first_seq` and `first_t_ns` (drops/torn are kept). */
void ps_trace_codec_start(struct ps_trace_codec *c, uint64_t first_seq, uint64_t first_t_ns);

/*
 * Encode `ev` (type < PS_EV__COUNT, text_len ≤ PS_EVENT_TEXT_MAX, seq greater
 * than the previous event's) at `out`, which has room for
 * PS_TRACE_EVENT_MAX_BYTES; returns the bytes written.
 */
size_t ps_trace_codec_encode(struct ps_trace_codec *c, uint8_t *out, const struct ps_event *ev);

/* Why a block failed to decode, and where. */
struct ps_trace_codec_error {
    size_t offset;   /* byte offset of the bad event inside the payload */
    uint32_t index;  /* its index inside the block */
    const char *why; /* static text: "overlong varint", "bad event type" … */
};

/*
 * Decode `count` events from payload[0..len), which must be used exactly, and
 * pass each to `sink` (text NUL-terminated, borrowed). Returns 0; -EBADMSG
 * with *err filled when the payload is malformed (the events before the bad
 * one have been passed to the sink); or the sink's error.
 */
int ps_trace_codec_decode(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                          uint32_t count, const struct ps_sink *sink,
                          struct ps_trace_codec_error *err);

/*
 * Check `count` events of payload[0..len) without building them: returns 0
 * and leaves *c exactly as ps_trace_codec_decode would (with a sink that
 * accepts everything), or -EBADMSG with *c unchanged when decoding would
 * fail (decode then to learn what and where). The fast path of loading.
 */
int ps_trace_codec_check(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                         uint32_t count);

/*
 * The same with the checked decoder only (every read bounds-checked): the
 * reference ps_trace_codec_decode must agree with, byte for byte, on any
 * input (same events to the sink, same return, same *err). For tests.
 */
int ps_trace_codec_decode_checked(struct ps_trace_codec *c, const uint8_t *payload, size_t len,
                                  uint32_t count, const struct ps_sink *sink,
                                  struct ps_trace_codec_error *err);

#endif /* PS_TRACE_TRACE_CODEC_H */
