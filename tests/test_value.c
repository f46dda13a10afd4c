/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>

#include "mp/value.h"

static void round_trip(const struct ps_value *v, struct ps_value *out)
{
    static unsigned char buf[PS_VALUE_WIRE_MAX];
    long n = ps_value_encode(v, buf, sizeof buf);
    cr_assert_gt(n, 0);
    cr_assert_eq(ps_value_decode(buf, (size_t)n, out), n);
    cr_assert_eq(out->kind, v->kind);
}

Test(value, int_round_trip)
{
    int64_t cases[] = {0, 42, -1, INT64_MIN, INT64_MAX};
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct ps_value v = ps_value_int(cases[k]), out;
        round_trip(&v, &out);
        cr_assert_eq(out.i, cases[k]);
    }
}

Test(value, string_and_bytes_round_trip_empty_and_max)
{
    static char big[PS_VALUE_MAX + 1];
    memset(big, 'x', PS_VALUE_MAX);
    const char *strs[] = {"", "hello", big};
    for (size_t k = 0; k < 3; k++) {
        struct ps_value v, out;
        cr_assert_eq(ps_value_str(strs[k], &v), 0);
        round_trip(&v, &out);
        cr_assert_eq(out.len, strlen(strs[k]));
        cr_assert_str_eq(out.data, strs[k]);
        ps_value_free(&v);
        ps_value_free(&out);
    }
    unsigned char raw[4] = {0, 255, 'a', 0};
    struct ps_value b, out;
    cr_assert_eq(ps_value_bytes(raw, sizeof raw, &b), 0);
    round_trip(&b, &out);
    cr_assert_eq(out.len, 4);
    cr_assert_eq(memcmp(out.data, raw, 4), 0);
    ps_value_free(&b);
    ps_value_free(&out);
}

Test(value, too_long_and_malformed_rejected)
{
    static char big[PS_VALUE_MAX + 2];
    memset(big, 'y', PS_VALUE_MAX + 1);
    struct ps_value v;
    cr_assert_eq(ps_value_str(big, &v), -EMSGSIZE);
    unsigned char buf[16];
    struct ps_value i = ps_value_int(7);
    cr_assert_eq(ps_value_encode(&i, buf, 8), -ENOSPC);
    long n = ps_value_encode(&i, buf, sizeof buf);
    cr_assert_eq(ps_value_decode(buf, (size_t)n - 1, &v), -EINVAL);
    buf[0] = 9;
    cr_assert_eq(ps_value_decode(buf, (size_t)n, &v), -EINVAL);
}

Test(value, preview_like_python_repr)
{
    char buf[32];
    struct ps_value v = ps_value_int(42);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "42");
    cr_assert_eq(ps_value_str("it's", &v), 0);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "'it\\'s'");
    ps_value_free(&v);
    cr_assert_eq(ps_value_bytes("\x00"
                                "ab",
                                3, &v),
                 0);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "b'\\x00ab'");
    ps_value_free(&v);
    cr_assert_eq(ps_value_str("abcdefghijklmnopqrstuvwxyz0123456789", &v), 0);
    size_t n = ps_value_preview(&v, buf, 16);
    cr_assert_lt(n, 16);
    cr_assert_str_eq(buf, "'abcdefghij...'");
    ps_value_free(&v);
    ps_value_preview(NULL, buf, sizeof buf);
    cr_assert_str_eq(buf, "None");
}

Test(value, preview_shown_whole_when_it_fits)
{
    char buf[16];
    struct ps_value v;
    cr_assert_eq(ps_value_str("abcdefghijklm", &v), 0);
    cr_assert_eq(ps_value_preview(&v, buf, sizeof buf), 15);
    cr_assert_str_eq(buf, "'abcdefghijklm'");
    ps_value_free(&v);
    cr_assert_eq(ps_value_str("abcdefghijklmn", &v), 0);
    cr_assert_eq(ps_value_preview(&v, buf, sizeof buf), 15);
    cr_assert_str_eq(buf, "'abcdefghij...'");
    ps_value_free(&v);
    cr_assert_eq(ps_value_str("", &v), 0);
    cr_assert_eq(ps_value_preview(&v, buf, sizeof buf), 2);
    cr_assert_str_eq(buf, "''");
    ps_value_free(&v);
}

Test(value, preview_escapes_like_python)
{
    char buf[64];
    struct ps_value v;
    cr_assert_eq(ps_value_bytes("\\\n\t\r\x7f\x80\xff' ~", 10, &v), 0);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "b'\\\\\\n\\t\\r\\x7f\\x80\\xff\\' ~'");
    ps_value_free(&v);
    cr_assert_eq(ps_value_str("caf\xc3\xa9\x01", &v), 0);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "'caf\xc3\xa9\\x01'");
    ps_value_free(&v);
}

/* A cut never splits an escape: the preview ends with "...'" after whole characters. */
Test(value, preview_of_long_bytes_cut_between_escapes)
{
    unsigned char zero[64] = {0};
    char buf[PS_VALUE_PREVIEW_SIZE];
    struct ps_value v;
    cr_assert_eq(ps_value_bytes(zero, sizeof zero, &v), 0);
    size_t n = ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "b'\\x00\\x00...'");
    cr_assert_eq(n, strlen(buf));
    cr_assert_leq(n, PS_EVENT_INLINE_TEXT);
    ps_value_free(&v);
    static char big[PS_VALUE_MAX + 1];
    memset(big, 'q', PS_VALUE_MAX);
    cr_assert_eq(ps_value_str(big, &v), 0);
    cr_assert_eq(ps_value_preview(&v, buf, sizeof buf), 16);
    cr_assert_str_eq(buf, "'qqqqqqqqqqq...'");
    ps_value_free(&v);
}

Test(value, preview_of_ints_whole_or_marked_cut)
{
    char buf[PS_VALUE_PREVIEW_SIZE];
    struct ps_value v = ps_value_int(INT64_MIN);
    char wide[32];
    ps_value_preview(&v, wide, sizeof wide);
    cr_assert_str_eq(wide, "-9223372036854775808");
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "-922337203685...");
    v = ps_value_int(INT64_MAX);
    ps_value_preview(&v, wide, sizeof wide);
    cr_assert_str_eq(wide, "9223372036854775807");
    v = ps_value_int(-7);
    ps_value_preview(&v, buf, sizeof buf);
    cr_assert_str_eq(buf, "-7");
    v = ps_value_int(1234567890123456);
    cr_assert_eq(ps_value_preview(&v, buf, sizeof buf), 16);
    cr_assert_str_eq(buf, "1234567890123456");
    cr_assert_eq(ps_value_preview(&v, buf, 7), 0, "size below 8 is refused");
}
