/* SPDX-License-Identifier: MIT */
/*
 * Escaping for everything the exporters print: text that came from a demo or
 * a recording is never trusted, so it is escaped before it reaches a terminal
 * (text format) or a JSON document (JSONL, Chrome).
 *
 * Output goes into a bounded buffer (struct ps_export_buf) that never
 * overflows: an append that does not fit is dropped whole (an escape sequence
 * is never cut in half), the buffer is marked `full`, and later appends are
 * dropped too. The buffer is always NUL-terminated when size > 0.
 *
 * Escaping rules, both formats: valid UTF-8 passes through unchanged except
 * the C0 controls, DEL and the C1 controls (U+0080..U+009F), which are
 * escaped; bytes that are not valid UTF-8 (stray continuation bytes, overlong
 * forms, surrogates, values above U+10FFFF, a sequence cut short) are escaped
 * one byte at a time.
 *  - text:  \\ \" \n \t \r, other controls and invalid bytes as \xNN,
 *           C1 controls as \u00NN.
 *  - JSON:  \\ \" \n \t \r, other controls as \u00NN, U+2028/U+2029 as \u2028/
 *           \u2029, each invalid byte as \ufffd (the replacement character).
 * Any process may call these; they are pure and allocate nothing.
 */
#ifndef PS_EXPORT_EXPORT_ESCAPE_H
#define PS_EXPORT_EXPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ps_export_buf {
    char *p;     /* caller's storage */
    size_t size; /* bytes at p */
    size_t len;  /* bytes written, not counting the NUL */
    bool full;   /* an append did not fit and was dropped */
};

/* Start writing into p[0..size): empty string, not full. */
void ps_export_buf_init(struct ps_export_buf *buf, char *p, size_t size);

/* Append n raw bytes (no escaping): all of them or, when they do not fit, none. */
static inline void ps_export_buf_put(struct ps_export_buf *buf, const char *s, size_t n)
{
    if (buf->full || n >= buf->size - buf->len) {
        buf->full = true;
        return;
    }
    memcpy(buf->p + buf->len, s, n);
    buf->len += n;
    buf->p[buf->len] = '\0';
}

/* Append a NUL-terminated string raw. */
static inline void ps_export_buf_puts(struct ps_export_buf *buf, const char *s)
{
    ps_export_buf_put(buf, s, strlen(s));
}

/* Append printf-formatted text: all of it or none. */
void ps_export_buf_printf(struct ps_export_buf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append a signed / unsigned decimal number. */
void ps_export_buf_int(struct ps_export_buf *buf, int64_t v);
void ps_export_buf_uint(struct ps_export_buf *buf, uint64_t v);

/*
 * Append `ns` nanoseconds as seconds with six decimals and an explicit sign
 * ("+0.001234", "-0.000010"): the text format's relative time.
 */
void ps_export_buf_seconds(struct ps_export_buf *buf, int64_t ns);

/* Append `ns` nanoseconds as microseconds with three decimals ("1234.567", "-0.010"). */
void ps_export_buf_micros(struct ps_export_buf *buf, int64_t ns);

/* Append s[0..n) escaped for a terminal line (rules above), without quotes. */
void ps_export_buf_text(struct ps_export_buf *buf, const char *s, size_t n);

/* Append s[0..n) as a JSON string, quotes included (rules above). */
void ps_export_buf_json(struct ps_export_buf *buf, const char *s, size_t n);

/*
 * Length of the valid UTF-8 sequence at s[0..n) (1..4), or 0 when the first
 * byte does not start one (n must be > 0).
 */
size_t ps_export_utf8_seq(const unsigned char *s, size_t n);

#endif /* PS_EXPORT_EXPORT_ESCAPE_H */
