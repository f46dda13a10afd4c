/* SPDX-License-Identifier: MIT */
/*
 * Typed values: what a pipe or a queue carries (Python would pickle any
 * object; procscope's demos send integers, strings and byte strings).
 *
 * A value owns its payload (`data`, allocated with malloc). The wire form is
 * one kind byte, a 4-byte payload length and the payload (8 bytes for an
 * int64); payloads are at most PS_VALUE_MAX bytes.
 */
#ifndef PS_MP_VALUE_H
#define PS_MP_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "core/event.h"

#define PS_VALUE_MAX 65536u /* largest string/bytes payload */
#define PS_VALUE_HEADER 5u  /* kind byte + 4-byte length */
#define PS_VALUE_WIRE_MAX (PS_VALUE_HEADER + PS_VALUE_MAX)

enum ps_value_kind {
    PS_VALUE_NONE = 0,  /* empty slot / Python None */
    PS_VALUE_INT = 1,   /* int64 in `i` */
    PS_VALUE_STR = 2,   /* text in `data` (NUL-terminated, `len` without the NUL) */
    PS_VALUE_BYTES = 3, /* raw bytes in `data`, `len` bytes */
};

struct ps_value {
    enum ps_value_kind kind;
    int64_t i;
    size_t len;
    char *data; /* owned; NULL for NONE and INT */
};

/* An int64 value (owns nothing). Any process. */
struct ps_value ps_value_int(int64_t i);

/*
 * Fill `out` with a copy of the string `s` (STR) or of `len` bytes (BYTES).
 * Returns 0, -EINVAL (NULL argument), -EMSGSIZE (longer than PS_VALUE_MAX) or
 * -ENOMEM. The caller frees `out` with ps_value_free(). Any process.
 */
int ps_value_str(const char *s, struct ps_value *out);
int ps_value_bytes(const void *bytes, size_t len, struct ps_value *out);

/* Release the payload of `v` and reset it to NONE. NULL is ignored. */
void ps_value_free(struct ps_value *v);

/*
 * Encode `v` into `buf` (`size` bytes). Returns the number of bytes written,
 * or -ENOSPC when it does not fit, -EINVAL for a bad value. Any process.
 */
long ps_value_encode(const struct ps_value *v, void *buf, size_t size);

/*
 * Decode one value from `buf` (`len` bytes) into `out` (a fresh copy the
 * caller frees). Returns the number of bytes consumed, or -EINVAL
 * (truncated or malformed input) or -ENOMEM. Any process.
 */
long ps_value_decode(const void *buf, size_t len, struct ps_value *out);

/*
 * The preview buffer pipe and queue events use: the preview fits the event's
 * inline text, so each send, receive, put and get takes one ring slot.
 */
#define PS_VALUE_PREVIEW_SIZE (PS_EVENT_INLINE_TEXT + 1)

/*
 * Write a short Python-repr-like preview of `v` into `buf` (NUL-terminated):
 * `42`, `'hello'`, `b'\x00ab'`, `None`; when longer than `size - 1` it is cut
 * with `...` (`'abcdefghij...'`, `1234567890123...`). Only the bytes that can
 * show are looked at: the cost does not grow with the value. Returns the
 * length written. `size` must be at least 8. Any process.
 */
size_t ps_value_preview(const struct ps_value *v, char *buf, size_t size);

#endif /* PS_MP_VALUE_H */
