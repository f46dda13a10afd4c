/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 as every layer needs it, written once: decode one character
 * (strictly: no overlong forms, no surrogates, nothing above U+10FFFF, no
 * sequence cut short), classify it for escaping, find a cut that does not
 * split a character, and the terminal columns of a code point.
 *
 * Pure functions; any process and thread may call them (ps_utf8_cols uses
 * wcwidth, which follows the process's LC_CTYPE).
 */
#ifndef PS_CORE_UTF8_H
#define PS_CORE_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* What a character is, for whoever escapes text from outside. */
enum ps_utf8_kind {
    PS_UTF8_PLAIN,   /* printable ASCII or valid UTF-8 from U+00A0 on */
    PS_UTF8_C0,      /* a C0 control (U+0000..U+001F) or DEL (U+007F) */
    PS_UTF8_C1,      /* a C1 control, encoded (U+0080..U+009F) */
    PS_UTF8_INVALID, /* one byte that does not start a valid, complete character */
};

/*
 * Decode the character at s[0..n) (n > 0): its length (1..4) with *cp set,
 * or 0 when the bytes there are not a valid, complete character.
 */
size_t ps_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/*
 * Classify the character at s[0..n) (n > 0): returns how many bytes it takes
 * (1 for an invalid byte), with *kind and *cp (the byte for INVALID) set.
 */
size_t ps_utf8_next(const unsigned char *s, size_t n, uint32_t *cp, enum ps_utf8_kind *kind);

/*
 * The longest prefix of s[0..n) no longer than `max` bytes that does not end
 * inside a character (backs over continuation bytes at the cut).
 */
size_t ps_utf8_cut(const char *s, size_t n, size_t max);

/* Terminal columns of code point cp: 0 (combining), 1 or 2; -1 when not printable. */
int ps_utf8_cols(uint32_t cp);

#endif /* PS_CORE_UTF8_H */
