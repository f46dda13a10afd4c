/* SPDX-License-Identifier: MIT */
#include "trace/trace_crc.h"

#include "trace/trace_format.h"

#include <pthread.h>
#include <string.h>

#define PS_CRC32C_POLY 0x82f63b78u /* reflected Castagnoli polynomial */

static uint32_t ps_trace_crc_table[8][256];
static pthread_once_t ps_trace_crc_once = PTHREAD_ONCE_INIT;

/* Fill the slicing-by-8 tables. */
static void ps_trace_crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? (c >> 1) ^ PS_CRC32C_POLY : c >> 1;
        }
        ps_trace_crc_table[0][i] = c;
    }
    for (uint32_t i = 0; i < 256; i++) {
        for (int t = 1; t < 8; t++) {
            uint32_t prev = ps_trace_crc_table[t - 1][i];
            ps_trace_crc_table[t][i] = (prev >> 8) ^ ps_trace_crc_table[0][prev & 0xffu];
        }
    }
}

/* Table-driven CRC32C, eight bytes per step. */
static uint32_t ps_trace_crc_soft(uint32_t crc, const unsigned char *p, size_t len)
{
    pthread_once(&ps_trace_crc_once, ps_trace_crc_init);
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        w ^= crc;
        crc = ps_trace_crc_table[7][w & 0xff] ^ ps_trace_crc_table[6][(w >> 8) & 0xff] ^
              ps_trace_crc_table[5][(w >> 16) & 0xff] ^ ps_trace_crc_table[4][(w >> 24) & 0xff] ^
              ps_trace_crc_table[3][(w >> 32) & 0xff] ^ ps_trace_crc_table[2][(w >> 40) & 0xff] ^
              ps_trace_crc_table[1][(w >> 48) & 0xff] ^ ps_trace_crc_table[0][w >> 56];
        p += 8;
        len -= 8;
    }
    while (len--) {
        crc = (crc >> 8) ^ ps_trace_crc_table[0][(crc ^ *p++) & 0xffu];
    }
    return crc;
}

/* a(x) * b(x) modulo the polynomial (reflected bit order, as zlib's multmodp), without branches. */
static uint32_t ps_trace_crc_multmodp(uint32_t a, uint32_t b)
{
    uint32_t p = 0;
    for (unsigned k = 0; k < 32; k++) {
        p ^= b & (0u - ((a >> (31 - k)) & 1u));
        b = (b >> 1) ^ (PS_CRC32C_POLY & (0u - (b & 1u)));
    }
    return p;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* The hardware path runs three chains over three PS_TRACE_CRC_CHUNK-byte chunks at a time. */
#define PS_TRACE_CRC_CHUNK 2048u

/* x^(8 * CHUNK) and x^(16 * CHUNK) modulo the polynomial: appending 1 or 2 chunks of zeros. */
static uint32_t ps_trace_crc_shift[2];
static pthread_once_t ps_trace_crc_shift_once = PTHREAD_ONCE_INIT;

static void ps_trace_crc_shift_init(void)
{
    uint32_t x = 1u << 23; /* x^8: one zero byte */
    for (unsigned n = 1; n < PS_TRACE_CRC_CHUNK; n <<= 1) {
        x = ps_trace_crc_multmodp(x, x);
    }
    ps_trace_crc_shift[0] = x;
    ps_trace_crc_shift[1] = ps_trace_crc_multmodp(x, x);
}

/*
 * The crc32 instruction takes 3 cycles but can start every cycle: three
 * chains over the three chunks of each round run side by side, then
 * CRC(ABC) = CRC(A) * x^(16 CHUNK) + CRC(B) * x^(8 CHUNK) + CRC(C).
 * Returns the CRC (finalised) after the rounds; *p and *len advance.
 */
__attribute__((target("sse4.2"))) static uint32_t ps_trace_crc_hw3(uint32_t crc,
                                                                    const unsigned char **p,
                                                                    size_t *len)
{
    pthread_once(&ps_trace_crc_shift_once, ps_trace_crc_shift_init);
    const unsigned char *q = *p;
    for (; *len >= 3 * PS_TRACE_CRC_CHUNK; *len -= 3 * PS_TRACE_CRC_CHUNK) {
        uint64_t c0 = ~crc;
        uint64_t c1 = 0xffffffffu;
        uint64_t c2 = 0xffffffffu;
        for (size_t i = 0; i < PS_TRACE_CRC_CHUNK; i += 8) {
            uint64_t w0;
            uint64_t w1;
            uint64_t w2;
            memcpy(&w0, q + i, sizeof w0);
            memcpy(&w1, q + PS_TRACE_CRC_CHUNK + i, sizeof w1);
            memcpy(&w2, q + 2 * PS_TRACE_CRC_CHUNK + i, sizeof w2);
            c0 = __builtin_ia32_crc32di(c0, w0);
            c1 = __builtin_ia32_crc32di(c1, w1);
            c2 = __builtin_ia32_crc32di(c2, w2);
        }
        crc = ps_trace_crc_multmodp(ps_trace_crc_shift[1], ~(uint32_t)c0) ^
              ps_trace_crc_multmodp(ps_trace_crc_shift[0], ~(uint32_t)c1) ^ ~(uint32_t)c2;
        q += 3 * PS_TRACE_CRC_CHUNK;
    }
    *p = q;
    return crc;
}

/* The SSE4.2 crc32 instruction, eight bytes per step. */
__attribute__((target("sse4.2"))) static uint32_t ps_trace_crc_hw(uint32_t crc,
                                                                   const unsigned char *p,
                                                                   size_t len)
{
    uint64_t c = crc;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, p, sizeof w);
        c = __builtin_ia32_crc32di(c, w);
        p += 8;
        len -= 8;
    }
    uint32_t c32 = (uint32_t)c;
    while (len--) {
        c32 = __builtin_ia32_crc32qi(c32, *p++);
    }
    return c32;
}
#endif

uint32_t ps_trace_crc32c(uint32_t crc, const void *data, size_t len)
{
    const unsigned char *p = data;
    crc = ~crc;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (__builtin_cpu_supports("sse4.2")) {
        if (len >= 3 * PS_TRACE_CRC_CHUNK) {
            crc = ~ps_trace_crc_hw3(~crc, &p, &len);
        }
        return ~ps_trace_crc_hw(crc, p, len);
    }
#endif
    return ~ps_trace_crc_soft(crc, p, len);
}

uint32_t ps_trace_block_crc(const struct ps_trace_block *b, const void *payload)
{
    struct ps_trace_block h = *b;
    h.crc = 0;
    return ps_trace_crc32c(ps_trace_crc32c(0, &h, sizeof h), payload, b->payload_len);
}
