/* SPDX-License-Identifier: MIT */
/*
 * Text that came from a process or a file, made safe to hand to curses: no
 * byte of it can start an escape sequence or move the cursor.
 *
 * - C0 controls and DEL become caret notation (ESC -> "^[", CR -> "^M",
 *   NUL -> "^@", DEL -> "^?"); a tab becomes one space.
 * - C1 controls (U+0080..U+009F, encoded or raw) become "\x80".."\x9f".
 * - Bytes that are not valid UTF-8 (stray continuation bytes, overlong
 *   forms, surrogates, > U+10FFFF, cut sequences) become "\xNN" per byte.
 * - Valid printable UTF-8 passes through when ui_glyphs_utf8() is true;
 *   otherwise each non-ASCII character becomes "?".
 * - Characters the locale cannot print (wcwidth < 0) become "?".
 *
 * The result is NUL-terminated, is valid UTF-8 (ASCII only in ASCII mode)
 * and is never cut in the middle of a character or an escape. UI process.
 */
#ifndef UI_TEXTSAFE_H
#define UI_TEXTSAFE_H

#include <stddef.h>

/*
 * Escape `len` bytes of `src` (NUL bytes included; src may be NULL when len
 * is 0) into `dst` of `cap` bytes (cap >= 1). Returns the length written,
 * without the NUL. Stops early, at a character boundary, when dst is full.
 */
size_t ui_text_escape(char *dst, size_t cap, const char *src, size_t len);

/* Like ui_text_escape for a NUL-terminated `src` (NULL gives ""). */
size_t ui_text_escape_str(char *dst, size_t cap, const char *src);

/* Terminal columns that escaped text `s` (NUL-terminated) takes. */
int ui_text_cols(const char *s);

/*
 * Bytes of escaped text `s` that fit in `cols` terminal columns, never
 * splitting a character (a wide character that would straddle is left out).
 */
size_t ui_text_fit(const char *s, int cols);

#endif /* UI_TEXTSAFE_H */
