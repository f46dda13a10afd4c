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
