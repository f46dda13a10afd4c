/* SPDX-License-Identifier: MIT */
/*
 * Text from outside (a child's output, a recording's header, a file name on
 * the command line) made safe for a plain terminal line (stdout, stderr; the
 * curses side is ui/textsafe.h, on the same classification in core/utf8.h):
 *
 *   - C0 controls (but tab) and DEL become "\xNN" (ESC -> "\x1b");
 *   - C1 controls, encoded (U+0080..U+009F) become "\u00NN" (U+009B ->
 *     "\u009b"), so no 8-bit CSI reaches a terminal that honours it;
 *   - bytes that are not valid UTF-8 become "\xNN" each (a raw 0x9b ->
 *     "\x9b");
 *   - valid printable UTF-8 and tabs pass through unchanged.
 *
 * Any process may call these.
 */
#ifndef PS_CORE_TERMSAFE_H
#define PS_CORE_TERMSAFE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Escape s[0..len) into dst (cap >= 1 bytes, always NUL-terminated, never cut
 * inside an escape or a character). Returns the length written.
 */
size_t ps_term_escape(char *dst, size_t cap, const char *s, size_t len);

/* Write s[0..len) escaped to out; 0 or -EIO. */
int ps_term_fput(FILE *out, const char *s, size_t len);

/* printf to out with the whole formatted text escaped; 0 or -EIO (-ENOMEM). */
int ps_term_vfprintf(FILE *out, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif /* PS_CORE_TERMSAFE_H */
