/* SPDX-License-Identifier: MIT */
/* UTF-8 decoding, classification, cutting and width. */
#include "core/utf8.h"

#include <wchar.h>

size_t ps_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t need;
    uint32_t min;
    uint32_t c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2, min = 0x80, c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3, min = 0x800, c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n < need) {
        return 0;
    }
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        c = (c << 6) | (s[i] & 0x3fu);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 0;
    }
    *cp = c;
    return need;
}

size_t ps_utf8_next(const unsigned char *s, size_t n, uint32_t *cp, enum ps_utf8_kind *kind)
{
    size_t len = ps_utf8_decode(s, n, cp);
    if (len == 0) {
        *cp = s[0];
        *kind = PS_UTF8_INVALID;
        return 1;
    }
    if (*cp < 0x20 || *cp == 0x7f) {
        *kind = PS_UTF8_C0;
    } else if (*cp >= 0x80 && *cp < 0xa0) {
        *kind = PS_UTF8_C1;
    } else {
        *kind = PS_UTF8_PLAIN;
    }
    return len;
}

size_t ps_utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max) {
        return n;
    }
    size_t len = max;
    while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80) {
        len--;
    }
    return len;
}

int ps_utf8_cols(uint32_t cp)
{
    if (cp >= 0x20 && cp < 0x7f) {
        return 1;
    }
    return wcwidth((wchar_t)cp);
}
