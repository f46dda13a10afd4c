/* SPDX-License-Identifier: MIT */
#include "export/export_escape.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char ps_export_hex[] = "0123456789abcdef";

void ps_export_buf_init(struct ps_export_buf *buf, char *p, size_t size)
{
    buf->p = p;
    buf->size = size;
    buf->len = 0;
    buf->full = size == 0;
    if (size > 0) {
        p[0] = '\0';
    }
}

void ps_export_buf_printf(struct ps_export_buf *buf, const char *fmt, ...)
{
    if (buf->full) {
        return;
    }
    size_t room = buf->size - buf->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf->p + buf->len, room, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= room) {
        buf->p[buf->len] = '\0';
        buf->full = true;
        return;
    }
    buf->len += (size_t)n;
}

/* Write the decimal digits of v, at least `min` of them, ending at end; returns the first. */
static char *ps_export_digits(char *end, uint64_t v, int min)
{
    char *p = end;
    do {
        *--p = (char)('0' + v % 10u);
        v /= 10u;
        min--;
    } while (v != 0 || min > 0);
    return p;
}

void ps_export_buf_uint(struct ps_export_buf *buf, uint64_t v)
{
    char tmp[24];
    char *p = ps_export_digits(tmp + sizeof(tmp), v, 1);
    ps_export_buf_put(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* The magnitude of a signed 64-bit value, INT64_MIN included. */
static uint64_t ps_export_magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void ps_export_buf_int(struct ps_export_buf *buf, int64_t v)
{
    char tmp[24];
    char *p = ps_export_digits(tmp + sizeof(tmp), ps_export_magnitude(v), 1);
    if (v < 0) {
        *--p = '-';
    }
    ps_export_buf_put(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

/*
 * Append the magnitude of ns / unit as "<sign><whole>.<frac>", with `digits`
 * decimals taken from the remainder divided by `frac_div`.
 */
static void ps_export_buf_fixed(struct ps_export_buf *buf, int64_t ns, const char *sign,
                                uint64_t unit, uint64_t frac_div, int digits)
{
    char tmp[48];
    uint64_t m = ps_export_magnitude(ns);
    char *p = ps_export_digits(tmp + sizeof(tmp), (m % unit) / frac_div, digits);
    *--p = '.';
    p = ps_export_digits(p, m / unit, 1);
    size_t n = strlen(sign);
    p -= n;
    memcpy(p, sign, n);
    ps_export_buf_put(buf, p, (size_t)(tmp + sizeof(tmp) - p));
}

void ps_export_buf_seconds(struct ps_export_buf *buf, int64_t ns)
{
    ps_export_buf_fixed(buf, ns, ns < 0 ? "-" : "+", 1000000000u, 1000u, 6);
}

void ps_export_buf_micros(struct ps_export_buf *buf, int64_t ns)
{
    ps_export_buf_fixed(buf, ns, ns < 0 ? "-" : "", 1000u, 1u, 3);
}

/* Is b a UTF-8 continuation byte within [lo, hi]? */
static bool ps_export_utf8_cont(unsigned char b, unsigned char lo, unsigned char hi)
{
    return b >= lo && b <= hi;
}

size_t ps_export_utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        return 1;
    }
    size_t len;
    unsigned char lo = 0x80;
    unsigned char hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        len = 3;
        lo = c == 0xe0 ? 0xa0 : 0x80; /* no overlong forms */
        hi = c == 0xed ? 0x9f : 0xbf; /* no surrogates */
    } else if (c >= 0xf0 && c <= 0xf4) {
        len = 4;
        lo = c == 0xf0 ? 0x90 : 0x80; /* no overlong forms */
        hi = c == 0xf4 ? 0x8f : 0xbf; /* nothing above U+10FFFF */
    } else {
        return 0;
    }
    if (n < len || !ps_export_utf8_cont(s[1], lo, hi)) {
        return 0;
    }
    for (size_t i = 2; i < len; i++) {
        if (!ps_export_utf8_cont(s[i], 0x80, 0xbf)) {
            return 0;
        }
    }
    return len;
}

/* The short escape of a control byte both formats share (\n \t \r \\ \"), or NULL. */
static const char *ps_export_short_escape(unsigned char c)
{
    switch (c) {
    case '\n':
        return "\\n";
    case '\t':
        return "\\t";
    case '\r':
        return "\\r";
    case '\\':
        return "\\\\";
    case '"':
        return "\\\"";
    default:
        return NULL;
    }
}

/* Append `prefix` followed by the two hex digits of byte c ("\x1b", "\u001b"). */
static void ps_export_buf_hex(struct ps_export_buf *buf, const char *prefix, unsigned char c)
{
    char tmp[8];
    size_t n = strlen(prefix);
    memcpy(tmp, prefix, n);
    tmp[n] = ps_export_hex[c >> 4];
    tmp[n + 1] = ps_export_hex[c & 15];
    ps_export_buf_put(buf, tmp, n + 2);
}

/*
 * Escape s[0..n) into buf: `json` picks the JSON rules, otherwise the text
 * rules. Runs of plain bytes are copied in one append.
 */
static void ps_export_buf_escape(struct ps_export_buf *buf, const char *s, size_t n, bool json)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && !buf->full) {
        size_t run = i;
        while (run < n && u[run] >= 0x20 && u[run] < 0x7f && u[run] != '"' && u[run] != '\\') {
            run++;
        }
        if (run > i) {
            ps_export_buf_put(buf, s + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = u[i];
        const char *esc = ps_export_short_escape(c);
        size_t seq = ps_export_utf8_seq(u + i, n - i);
        if (esc) {
            ps_export_buf_puts(buf, esc);
        } else if (c < 0x20 || c == 0x7f) {
            ps_export_buf_hex(buf, json ? "\\u00" : "\\x", c);
        } else if (seq == 0) {
            if (json) {
                ps_export_buf_puts(buf, "\\ufffd");
            } else {
                ps_export_buf_hex(buf, "\\x", c);
            }
            seq = 1;
        } else if (seq == 2 && c == 0xc2 && u[i + 1] < 0xa0) {
            ps_export_buf_hex(buf, "\\u00", u[i + 1]); /* C1 control */
        } else if (json && seq == 3 && c == 0xe2 && u[i + 1] == 0x80 &&
                   (u[i + 2] == 0xa8 || u[i + 2] == 0xa9)) {
            ps_export_buf_puts(buf, u[i + 2] == 0xa8 ? "\\u2028" : "\\u2029");
        } else {
            ps_export_buf_put(buf, s + i, seq);
        }
        i += seq ? seq : 1;
    }
}

void ps_export_buf_text(struct ps_export_buf *buf, const char *s, size_t n)
{
    ps_export_buf_escape(buf, s, n, false);
}

void ps_export_buf_json(struct ps_export_buf *buf, const char *s, size_t n)
{
    ps_export_buf_put(buf, "\"", 1);
    ps_export_buf_escape(buf, s, n, true);
    ps_export_buf_put(buf, "\"", 1);
}
