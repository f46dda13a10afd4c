/* SPDX-License-Identifier: MIT */
#include "export/export_escape.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

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

size_t ps_export_utf8_seq(const unsigned char *s, size_t n)
{
    uint32_t cp;
    return ps_utf8_decode(s, n, &cp);
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
        uint32_t cp = 0;
        enum ps_utf8_kind kind;
        size_t seq = ps_utf8_next(u + i, n - i, &cp, &kind);
        const char *esc = ps_export_short_escape(u[i]);
        if (esc) {
            ps_export_buf_puts(buf, esc);
        } else if (kind == PS_UTF8_C0) {
            ps_export_buf_hex(buf, json ? "\\u00" : "\\x", (unsigned char)cp);
        } else if (kind == PS_UTF8_INVALID) {
            if (json) {
                ps_export_buf_puts(buf, "\\ufffd");
            } else {
                ps_export_buf_hex(buf, "\\x", u[i]);
            }
        } else if (kind == PS_UTF8_C1) {
            ps_export_buf_hex(buf, "\\u00", (unsigned char)cp);
        } else if (json && (cp == 0x2028 || cp == 0x2029)) {
            ps_export_buf_puts(buf, cp == 0x2028 ? "\\u2028" : "\\u2029");
        } else {
            ps_export_buf_put(buf, s + i, seq);
        }
        i += seq;
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
