/* SPDX-License-Identifier: MIT */
/* Tests of core/hashtab.c: every key finds its row through growth, misses are -1. */
#include <criterion/criterion.h>

#include <stdint.h>

#include "core/hashtab.h"

TestSuite(hashtab, .timeout = 30);

Test(hashtab, rows_are_found_through_growth_and_misses_are_minus_one)
{
    struct ps_hashtab h;
    ps_hashtab_init(&h);
    cr_assert_eq(ps_hashtab_find(&h, 42), -1, "an empty table finds nothing");
    const uint32_t n = 50000;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t key = (uint64_t)i * 0x10001u + (i % 3 == 0 ? (1ull << 40) : 0); /* clustered */
        cr_assert_eq(ps_hashtab_put(&h, key, i), 0);
        cr_assert_geq(h.nslots, 2 * h.n, "more than half full");
    }
    cr_assert_eq(h.n, n);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t key = (uint64_t)i * 0x10001u + (i % 3 == 0 ? (1ull << 40) : 0);
        cr_assert_eq(ps_hashtab_find(&h, key), (int64_t)i);
        cr_assert_eq(ps_hashtab_find(&h, key + 1), -1);
    }
    cr_assert_eq(ps_hashtab_find(&h, 1ull << 40), 0, "row 0 is a row like any other");
    ps_hashtab_free(&h);
    cr_assert_eq(ps_hashtab_find(&h, 0), -1);
    cr_assert_eq(h.nslots, 0);
}
