#include "mp/value.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
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

/* Append the repr of one character of a quoted string/bytes; 0 if it does not fit. */
static size_t ps_value_repr_char(unsigned char c, bool bytes, char *dst, size_t room)
{
    char tmp[5];
    size_t n;
    if (c == '\\' || c == '\'') {
        tmp[0] = '\\';
        tmp[1] = (char)c;
        n = 2;
    } else if (c == '\n' || c == '\t' || c == '\r') {
        tmp[0] = '\\';
        tmp[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
        n = 2;
    } else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
        snprintf(tmp, sizeof tmp, "\\x%02x", c);
        n = 4;
    } else {
        tmp[0] = (char)c;
        n = 1;
    }
    if (n > room)
        return 0;
    memcpy(dst, tmp, n);
    return n;
}

/* Quote `len` bytes of `s` like Python's repr, with `...` when cut. */
static size_t ps_value_repr_quoted(const char *s, size_t len, bool bytes, char *buf, size_t size)
{
    size_t pos = 0;
    size_t limit = size - 1 - 4; /* keep room for "'...", closing quote added below */
    if (bytes)
        buf[pos++] = 'b';
    buf[pos++] = '\'';
    for (size_t k = 0; k < len; k++) {
        size_t n = ps_value_repr_char((unsigned char)s[k], bytes, buf + pos, limit - pos);
        if (n == 0) {
            memcpy(buf + pos, "...", 3);
            pos += 3;
            break;
        }
        pos += n;
    }
    buf[pos++] = '\'';
    buf[pos] = '\0';
    return pos;
}

size_t ps_value_preview(const struct ps_value *v, char *buf, size_t size)
{
    int n;
    if (buf == NULL || size < 8)
        return 0;
    if (v == NULL || v->kind == PS_VALUE_NONE || v->kind > PS_VALUE_BYTES) {
        n = snprintf(buf, size, "None");
        return (size_t)n;
    }
    if (v->kind == PS_VALUE_INT) {
        n = snprintf(buf, size, "%lld", (long long)v->i);
        return n < 0 ? 0 : ((size_t)n < size ? (size_t)n : size - 1);
    }
    return ps_value_repr_quoted(v->data, v->len, v->kind == PS_VALUE_BYTES, buf, size);
}
