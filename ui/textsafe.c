/* SPDX-License-Identifier: MIT */
#include "ui/textsafe.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "ui/glyphs.h"

/*
 * Decode one UTF-8 character at s[0..n). Returns its length (1..4) and sets
 * *cp, or 0 when the bytes there are not a valid, complete character.
 */
static size_t ui_text_decode(const unsigned char *s, size_t n, uint32_t *cp)
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

/* Append `piece` of `n` bytes to dst when it fits whole; false when it does not. */
static bool ui_text_put(char *dst, size_t cap, size_t *pos, const char *piece, size_t n)
{
    if (*pos + n + 1 > cap) {
        return false;
    }
    memcpy(dst + *pos, piece, n);
    *pos += n;
    return true;
}

/* The printable form of one control or invalid byte into buf; returns its length. */
static size_t ui_text_control(unsigned char c, bool invalid, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    if (!invalid && c < 0x20) {
        buf[0] = '^';
        buf[1] = (char)(c + 0x40);
        return 2;
    }
    if (!invalid && c == 0x7f) {
        buf[0] = '^';
        buf[1] = '?';
        return 2;
    }
    buf[0] = '\\';
    buf[1] = 'x';
    buf[2] = hex[c >> 4];
    buf[3] = hex[c & 0xf];
    return 4;
}

/* True when the locale can print code point cp (wide or narrow). */
static bool ui_text_printable(uint32_t cp)
{
    return wcwidth((wchar_t)cp) >= 0;
}

size_t ui_text_escape(char *dst, size_t cap, const char *src, size_t len)
{
    const unsigned char *s = (const unsigned char *)src;
    bool utf8 = ui_glyphs_utf8();
    size_t pos = 0;
    size_t i = 0;
    char buf[8];
    bool ok = true;
    while (ok && i < len) {
        uint32_t cp = 0;
        size_t n = ui_text_decode(s + i, len - i, &cp);
        if (n == 1 && cp == '\t') {
            ok = ui_text_put(dst, cap, &pos, " ", 1);
        } else if (n == 1 && (cp < 0x20 || cp == 0x7f)) {
            ok = ui_text_put(dst, cap, &pos, buf, ui_text_control((unsigned char)cp, false, buf));
        } else if (n == 1) {
            ok = ui_text_put(dst, cap, &pos, (const char *)s + i, 1);
        } else if (n == 0) {
            ok = ui_text_put(dst, cap, &pos, buf, ui_text_control(s[i], true, buf));
            n = 1;
        } else if (cp < 0xa0) {
            ok = ui_text_put(dst, cap, &pos, buf, ui_text_control((unsigned char)cp, true, buf));
        } else if (!utf8 || !ui_text_printable(cp)) {
            ok = ui_text_put(dst, cap, &pos, "?", 1);
        } else {
            ok = ui_text_put(dst, cap, &pos, (const char *)s + i, n);
        }
        i += n;
    }
    if (cap > 0) {
        dst[pos] = '\0';
    }
    return pos;
}

size_t ui_text_escape_str(char *dst, size_t cap, const char *src)
{
    return ui_text_escape(dst, cap, src, src ? strlen(src) : 0);
}

/* Columns of one decoded character of escaped text (wide: 2, combining: 0). */
static int ui_text_char_cols(uint32_t cp)
{
    if (cp < 0x80) {
        return 1;
    }
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int ui_text_cols(const char *s)
{
    if (!s) {
        return 0;
    }
    size_t len = strlen(s);
    int cols = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t n = ui_text_decode((const unsigned char *)s + i, len - i, &cp);
        cols += n ? ui_text_char_cols(cp) : 1;
        i += n ? n : 1;
    }
    return cols;
}

size_t ui_text_fit(const char *s, int cols)
{
    if (!s || cols <= 0) {
        return 0;
    }
    size_t len = strlen(s);
    size_t i = 0;
    int used = 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = ui_text_decode((const unsigned char *)s + i, len - i, &cp);
        int w = n ? ui_text_char_cols(cp) : 1;
        if (used + w > cols) {
            break;
        }
        used += w;
        i += n ? n : 1;
    }
    return i;
}
