/* SPDX-License-Identifier: MIT */
/*
 * Tests of core/utf8.c and core/termsafe.c: strict decoding, the kinds an
 * escaper needs, cuts that never split a character, and terminal escaping
 * that lets no C0, DEL, C1 or invalid byte through.
 */
#include <criterion/criterion.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/termsafe.h"
#include "core/utf8.h"

TestSuite(utf8, .timeout = 30);
TestSuite(termsafe, .timeout = 30);

/* Classify the first character of s. */
static enum ps_utf8_kind kind_of(const char *s, size_t n, size_t *len)
{
    uint32_t cp = 0;
    enum ps_utf8_kind k;
    *len = ps_utf8_next((const unsigned char *)s, n, &cp, &k);
    return k;
}

Test(utf8, decode_is_strict)
{
    uint32_t cp = 0;
    cr_assert_eq(ps_utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
    cr_assert_eq(cp, 0xe9);
    cr_assert_eq(ps_utf8_decode((const unsigned char *)"\xf0\x9f\x98\x80", 4, &cp), 4);
    cr_assert_eq(cp, 0x1f600);
    const char *bad[] = {"\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                         "\x80", "\xff", "\xe2\x82"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cr_expect_eq(ps_utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0,
                     "case %zu", i);
    }
}

Test(utf8, kinds)
{
    size_t len;
    cr_expect_eq(kind_of("a", 1, &len), PS_UTF8_PLAIN);
    cr_expect_eq(kind_of("\x1b", 1, &len), PS_UTF8_C0);
    cr_expect_eq(kind_of("\x7f", 1, &len), PS_UTF8_C0);
    cr_expect_eq(kind_of("\xc2\x9b", 2, &len), PS_UTF8_C1);
    cr_expect_eq(len, 2);
    cr_expect_eq(kind_of("\x9b", 1, &len), PS_UTF8_INVALID);
    cr_expect_eq(len, 1);
    cr_expect_eq(kind_of("\xc2\xa0", 2, &len), PS_UTF8_PLAIN);
}

Test(utf8, cut_never_splits_a_character)
{
    const char *s = "ab\xc3\xa9\xe2\x82\xac";
    cr_expect_eq(ps_utf8_cut(s, 7, 10), 7);
    cr_expect_eq(ps_utf8_cut(s, 7, 3), 2);
    cr_expect_eq(ps_utf8_cut(s, 7, 4), 4);
    cr_expect_eq(ps_utf8_cut(s, 7, 6), 4);
    cr_expect_eq(ps_utf8_cut(s, 7, 0), 0);
}

Test(termsafe, escapes_c0_c1_del_and_invalid_bytes)
{
    char out[128];
    const char in[] = "a\x1b]52;c;x\x07 \xc2\x9b" "1m \x9b \xff\tok \xc3\xa9\x7f";
    ps_term_escape(out, sizeof out, in, sizeof in - 1);
    cr_assert_str_eq(out, "a\\x1b]52;c;x\\x07 \\u009b1m \\x9b \\xff\tok \xc3\xa9\\x7f");
}

Test(termsafe, never_overflows_nor_cuts_an_escape)
{
    char out[6];
    size_t n = ps_term_escape(out, sizeof out, "ab\x1b" "cd", 5);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(out, "ab");
    n = ps_term_escape(out, sizeof out, "\xc3\xa9\xc3\xa9\xc3\xa9", 6);
    cr_assert_eq(n, 4);
}

/* ps_term_vfprintf through a variadic call. */
__attribute__((format(printf, 2, 3))) static int term_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = ps_term_vfprintf(f, fmt, ap);
    va_end(ap);
    return rc;
}

Test(termsafe, stream_and_printf_agree_with_the_buffer)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    cr_assert_eq(ps_term_fput(f, "x\x1by\x9b", 4), 0);
    cr_assert_eq(term_printf(f, " '%s' %d", "\x07name\xc2\x85", 7), 0);
    fclose(f);
    cr_assert_str_eq(buf, "x\\x1by\\x9b '\\x07name\\u0085' 7");
    free(buf);
}
