/* SPDX-License-Identifier: MIT */
/* Escaping text for a plain terminal line. */
#include "core/termsafe.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

/*
 * The escape of the character at s[0..n) into esc (8 bytes), or NULL when it
 * passes through; *len gets the character's length in s.
 */
static const char *ps_term_one(const unsigned char *s, size_t n, size_t *len, char *esc)
{
    static const char hex[] = "0123456789abcdef";
    uint32_t cp = 0;
    enum ps_utf8_kind kind;
    *len = ps_utf8_next(s, n, &cp, &kind);
    if (kind == PS_UTF8_PLAIN || (kind == PS_UTF8_C0 && cp == '\t')) {
        return NULL;
    }
    const char *prefix = kind == PS_UTF8_C1 ? "\\u00" : "\\x";
    size_t p = strlen(prefix);
    memcpy(esc, prefix, p);
    esc[p] = hex[(cp >> 4) & 15];
    esc[p + 1] = hex[cp & 15];
    esc[p + 2] = '\0';
    return esc;
}

size_t ps_term_escape(char *dst, size_t cap, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t pos = 0;
    for (size_t i = 0; i < len;) {
        char esc[8];
        size_t n = 0;
        const char *e = ps_term_one(u + i, len - i, &n, esc);
        size_t put = e ? strlen(e) : n;
        if (pos + put + 1 > cap) {
            break;
        }
        memcpy(dst + pos, e ? e : s + i, put);
        pos += put;
        i += n;
    }
    if (cap > 0) {
        dst[pos] = '\0';
    }
    return pos;
}

int ps_term_fput(FILE *out, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0; /* start of the bytes that pass through, not yet written */
    for (size_t i = 0; i < len;) {
        char esc[8];
        size_t n = 0;
        const char *e = ps_term_one(u + i, len - i, &n, esc);
        if (e) {
            if (fwrite(s + run, 1, i - run, out) != i - run || fputs(e, out) == EOF) {
                return -EIO;
            }
            run = i + n;
        }
        i += n;
    }
    return fwrite(s + run, 1, len - run, out) == len - run ? 0 : -EIO;
}

int ps_term_vfprintf(FILE *out, const char *fmt, va_list ap)
{
    char *text = NULL;
    int n = vasprintf(&text, fmt, ap);
    if (n < 0) {
        return -ENOMEM;
    }
    int rc = ps_term_fput(out, text, (size_t)n);
    free(text);
    return rc;
}
