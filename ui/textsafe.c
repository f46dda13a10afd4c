/* SPDX-License-Identifier: MIT */
#include "ui/textsafe.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "core/utf8.h"
#include "ui/glyphs.h"

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
        size_t n = ps_utf8_decode(s + i, len - i, &cp);
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
        size_t n = ps_utf8_decode((const unsigned char *)s + i, len - i, &cp);
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
        size_t n = ps_utf8_decode((const unsigned char *)s + i, len - i, &cp);
        int w = n ? ui_text_char_cols(cp) : 1;
        if (used + w > cols) {
            break;
        }
        used += w;
        i += n ? n : 1;
    }
    return i;
}
