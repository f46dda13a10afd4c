/* SPDX-License-Identifier: MIT */
#include <locale.h>
#include <string.h>

#include <criterion/criterion.h>

#include "ui/glyphs.h"
#include "ui/textsafe.h"

static void utf8_mode(void)
{
    cr_assert_not_null(setlocale(LC_ALL, "C.UTF-8"));
    ui_glyphs_set_utf8(true);
}

static void ascii_mode(void)
{
    setlocale(LC_ALL, "C");
    ui_glyphs_set_utf8(false);
}

static const char *esc(const char *src, size_t len)
{
    static char out[256];
    ui_text_escape(out, sizeof(out), src, len);
    return out;
}

Test(textsafe, escape_sequence_shown_as_caret, .init = utf8_mode)
{
    cr_assert_str_eq(esc("\x1b[2Jhi", 6), "^[[2Jhi");
    cr_assert_str_eq(esc("a\rb\n", 4), "a^Mb^J");
    cr_assert_str_eq(esc("\x7f", 1), "^?");
}

Test(textsafe, nul_byte_and_tab, .init = utf8_mode)
{
    cr_assert_str_eq(esc("a\0b\tc", 5), "a^@b c");
}

Test(textsafe, valid_utf8_passes_in_utf8_mode, .init = utf8_mode)
{
    cr_assert_str_eq(esc("caf\xc3\xa9 \xe2\x86\x92", 9), "caf\xc3\xa9 \xe2\x86\x92");
}

Test(textsafe, c1_controls_escaped, .init = utf8_mode)
{
    /* U+009B (CSI) encoded in UTF-8, and as a raw byte. */
    cr_assert_str_eq(esc("\xc2\x9b"
                         "2J",
                         4),
                     "\\x9b2J");
    cr_assert_str_eq(esc("\x9b"
                         "2J",
                         3),
                     "\\x9b2J");
}

Test(textsafe, invalid_bytes_as_hex, .init = utf8_mode)
{
    cr_assert_str_eq(esc("\xff\xfe", 2), "\\xff\\xfe");
    cr_assert_str_eq(esc("\xc0\xaf", 2), "\\xc0\\xaf");          /* overlong '/' */
    cr_assert_str_eq(esc("\xed\xa0\x80", 3), "\\xed\\xa0\\x80"); /* surrogate */
    cr_assert_str_eq(esc("ab\xe2\x86", 4), "ab\\xe2\\x86");      /* cut sequence */
}

Test(textsafe, non_ascii_becomes_question_mark_in_ascii_mode, .init = ascii_mode)
{
    cr_assert_str_eq(esc("caf\xc3\xa9", 5), "caf?");
    cr_assert_str_eq(esc("\x1b]0;x\x07", 6), "^[]0;x^G");
}

Test(textsafe, truncates_at_boundaries, .init = utf8_mode)
{
    char out[5];
    size_t n = ui_text_escape(out, sizeof(out),
                              "ab\x1b"
                              "cd",
                              5);
    cr_assert_eq(n, 4);
    cr_assert_str_eq(out, "ab^[");
    n = ui_text_escape(out, sizeof(out), "abc\xe2\x86\x92", 6);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(out, "abc");
    n = ui_text_escape(out, 1, "abc", 3);
    cr_assert_eq(n, 0);
    cr_assert_str_eq(out, "");
}

Test(textsafe, null_source, .init = utf8_mode)
{
    char out[4] = "zz";
    cr_assert_eq(ui_text_escape_str(out, sizeof(out), NULL), 0);
    cr_assert_str_eq(out, "");
}

Test(textsafe, columns_and_fit, .init = utf8_mode)
{
    cr_assert_eq(ui_text_cols("abc"), 3);
    cr_assert_eq(ui_text_cols("\xe2\x86\x92x"), 2);
    cr_assert_eq(ui_text_cols("\xe4\xb8\xad"), 2); /* a wide CJK character */
    cr_assert_eq(ui_text_fit("ab\xe4\xb8\xad", 3), 2);
    cr_assert_eq(ui_text_fit("ab\xe4\xb8\xad", 4), 5);
    cr_assert_eq(ui_text_fit("abc", 0), 0);
}
