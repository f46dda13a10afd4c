/* SPDX-License-Identifier: MIT */
#include "mp/value.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct ps_value ps_value_int(int64_t i)
{
    struct ps_value v = {.kind = PS_VALUE_INT, .i = i, .len = 0, .data = NULL};
    return v;
}

/* Copy `len` payload bytes (plus a NUL) into a new value of `kind`. */
static int ps_value_copy(enum ps_value_kind kind, const void *src, size_t len, struct ps_value *out)
{
    if (len > PS_VALUE_MAX)
        return -EMSGSIZE;
    char *data = malloc(len + 1);
    if (data == NULL)
        return -ENOMEM;
    if (len > 0)
        memcpy(data, src, len);
    data[len] = '\0';
    out->kind = kind;
    out->i = 0;
    out->len = len;
    out->data = data;
    return 0;
}

int ps_value_str(const char *s, struct ps_value *out)
{
    if (s == NULL || out == NULL)
        return -EINVAL;
    return ps_value_copy(PS_VALUE_STR, s, strlen(s), out);
}

int ps_value_bytes(const void *bytes, size_t len, struct ps_value *out)
{
    if ((bytes == NULL && len > 0) || out == NULL)
        return -EINVAL;
    return ps_value_copy(PS_VALUE_BYTES, bytes, len, out);
}

void ps_value_free(struct ps_value *v)
{
    if (v == NULL)
        return;
    free(v->data);
    v->kind = PS_VALUE_NONE;
    v->i = 0;
    v->len = 0;
    v->data = NULL;
}

long ps_value_encode(const struct ps_value *v, void *buf, size_t size)
{
    const void *payload = NULL;
    size_t len = 0;
    if (v == NULL || buf == NULL)
        return -EINVAL;
    if (v->kind == PS_VALUE_INT) {
        payload = &v->i;
        len = sizeof v->i;
    } else if (v->kind == PS_VALUE_STR || v->kind == PS_VALUE_BYTES) {
        if (v->len > PS_VALUE_MAX || (v->data == NULL && v->len > 0))
            return -EINVAL;
        payload = v->data;
        len = v->len;
    } else if (v->kind != PS_VALUE_NONE) {
        return -EINVAL;
    }
    if (size < PS_VALUE_HEADER + len)
        return -ENOSPC;
    unsigned char *p = buf;
    uint32_t len32 = (uint32_t)len;
    p[0] = (unsigned char)v->kind;
    memcpy(p + 1, &len32, sizeof len32);
    if (len > 0)
        memcpy(p + PS_VALUE_HEADER, payload, len);
    return (long)(PS_VALUE_HEADER + len);
}

long ps_value_decode(const void *buf, size_t len, struct ps_value *out)
{
    const unsigned char *p = buf;
    uint32_t plen;
    if (buf == NULL || out == NULL || len < PS_VALUE_HEADER)
        return -EINVAL;
    memcpy(&plen, p + 1, sizeof plen);
    if (plen > PS_VALUE_MAX || len - PS_VALUE_HEADER < plen)
        return -EINVAL;
    long used = (long)(PS_VALUE_HEADER + plen);
    int rc;
    switch (p[0]) {
    case PS_VALUE_NONE:
        *out = (struct ps_value){.kind = PS_VALUE_NONE};
        return plen == 0 ? used : -EINVAL;
    case PS_VALUE_INT:
        if (plen != sizeof out->i)
            return -EINVAL;
        *out = ps_value_int(0);
        memcpy(&out->i, p + PS_VALUE_HEADER, sizeof out->i);
        return used;
    case PS_VALUE_STR:
    case PS_VALUE_BYTES:
        rc = ps_value_copy((enum ps_value_kind)p[0], p + PS_VALUE_HEADER, plen, out);
        return rc < 0 ? rc : used;
    default:
        return -EINVAL;
    }
}

/* Length of a byte's repr in a quoted literal below 0x80: 1 itself, 2 `\n`-like, 4 `\xNN`. */
static const unsigned char ps_value_repr_len[128] = {
    4, 4, 4, 4, 4, 4, 4, 4, 4, 2, 2, 4, 4, 2, 4, 4, /* 0x00: \t \n \r */
    4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, /* 0x10 */
    1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: \' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, /* 0x50: \\ */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, /* 0x70: DEL */
};

/* Write the `n`-byte repr of byte `c` (n from ps_value_repr_len, or 1/4 above 0x7f) at `d`. */
static inline void ps_value_repr_put(unsigned char c, size_t n, char *d)
{
    static const char hex[] = "0123456789abcdef";
    if (n == 1) {
        d[0] = (char)c;
        return;
    }
    d[0] = '\\';
    if (n == 2) {
        d[1] = c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : (char)c;
        return;
    }
    d[1] = 'x';
    d[2] = hex[c >> 4];
    d[3] = hex[c & 0xf];
}

/*
 * Quote `len` bytes of `s` like Python's repr into `buf` (`size` >= 8). When
 * the whole repr does not fit in `size - 1` bytes it is cut after the last
 * character that leaves room for `...'`. Only the bytes that can fit are
 * looked at, so a long value costs no more than a short one.
 */
static size_t ps_value_repr_quoted(const char *s, size_t len, bool bytes, char *buf, size_t size)
{
    size_t pos = 0;
    size_t end = size - 2;     /* room left for the closing quote and the NUL */
    size_t cut_end = size - 5; /* room left for "...'" and the NUL */
    size_t cut = 0;            /* where "..." goes if the rest does not fit */
    if (bytes)
        buf[pos++] = 'b';
    buf[pos++] = '\'';
    size_t k = 0;
    for (; k < len; k++) {
        unsigned char c = (unsigned char)s[k];
        size_t n = c < 0x80 ? ps_value_repr_len[c] : bytes ? 4 : 1; /* a str's UTF-8 stays */
        cut = pos <= cut_end ? pos : cut;
        if (n > end - pos)
            break;
        ps_value_repr_put(c, n, buf + pos);
        pos += n;
    }
    if (k < len) {
        pos = cut;
        memcpy(buf + pos, "...", 3);
        pos += 3;
    }
    buf[pos++] = '\'';
    buf[pos] = '\0';
    return pos;
}

/* Write `i` in decimal into `buf` (at least 21 bytes, NUL added); returns the length. */
static size_t ps_value_int_text(int64_t i, char *buf)
{
    char tmp[20];
    size_t n = 0;
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    size_t pos = 0;
    if (i < 0)
        buf[pos++] = '-';
    while (n > 0)
        buf[pos++] = tmp[--n];
    buf[pos] = '\0';
    return pos;
}

size_t ps_value_preview(const struct ps_value *v, char *buf, size_t size)
{
    if (buf == NULL || size < 8)
        return 0;
    if (v == NULL || v->kind == PS_VALUE_NONE || v->kind > PS_VALUE_BYTES) {
        memcpy(buf, "None", 5);
        return 4;
    }
    if (v->kind == PS_VALUE_INT) {
        char num[21];
        size_t n = ps_value_int_text(v->i, num);
        if (n >= size) {
            n = size - 4;
            memcpy(num + n, "...", 3);
            n += 3;
        }
        memcpy(buf, num, n);
        buf[n] = '\0';
        return n;
    }
    return ps_value_repr_quoted(v->data, v->len, v->kind == PS_VALUE_BYTES, buf, size);
}
