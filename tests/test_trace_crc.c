/* SPDX-License-Identifier: MIT */
/*
 * Tests of CRC32C (src/trace/trace_crc.c): the standard check value, and a
 * long buffer (three chains combined) gives what feeding it in small pieces
 * (one chain, or the table) gives, at every length and alignment.
 */
#include <criterion/criterion.h>

#include <stdint.h>
#include <stdlib.h>

#include "trace/trace_crc.h"

Test(trace_crc, check_value)
{
    cr_assert_eq(ps_trace_crc32c(0, "123456789", 9), 0xe3069283u);
    cr_assert_eq(ps_trace_crc32c(0, "", 0), 0u);
}

Test(trace_crc, long_buffers_equal_pieces)
{
    size_t n = 100000;
    unsigned char *buf = malloc(n + 8);
    cr_assert_not_null(buf);
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < n + 8; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (unsigned char)x;
    }
    for (size_t len = 8000; len < n; len += 997) {
        for (size_t align = 0; align < 8; align += 3) {
            uint32_t whole = ps_trace_crc32c(0x5eed, buf + align, len);
            uint32_t pieces = 0x5eed;
            for (size_t i = 0; i < len; i += 777) {
                pieces = ps_trace_crc32c(pieces, buf + align + i, len - i < 777 ? len - i : 777);
            }
            cr_assert_eq(whole, pieces, "length %zu, alignment %zu", len, align);
        }
    }
    free(buf);
}
