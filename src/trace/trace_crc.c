#include "trace/trace_crc.h"

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

/* a(x) * b(x) modulo the polynomial (reflected bit order, as zlib's multmodp). */
static uint32_t ps_trace_crc_multmodp(uint32_t a, uint32_t b)
{
    uint32_t m = 1u << 31;
    uint32_t p = 0;
    for (;;) {
        if (a & m) {
            p ^= b;
            if ((a & (m - 1)) == 0) {
                break;
            }
        }
        m >>= 1;
        b = (b & 1u) ? (b >> 1) ^ PS_CRC32C_POLY : b >> 1;
    }
    return p;
}

/* x^(8 * len) modulo the polynomial: what appending len zero bytes multiplies by. */
static uint32_t ps_trace_crc_xpow8(size_t len)
{
    uint32_t p = 1u << 31; /* x^0 */
    uint32_t sq = 1u << 23; /* x^8 */
    for (size_t n = len; n; n >>= 1) {
        if (n & 1u) {
            p = ps_trace_crc_multmodp(sq, p);
        }
        sq = ps_trace_crc_multmodp(sq, sq);
    }
    return p;
}

/* The CRC of A then B, from crc_a = CRC(A) and crc_b = CRC(B) (started at 0). */
static uint32_t ps_trace_crc_combine(uint32_t crc_a, uint32_t crc_b, size_t len_b)
{
    return ps_trace_crc_multmodp(ps_trace_crc_xpow8(len_b), crc_a) ^ crc_b;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
/* Below this many bytes, one chain of crc32 instructions (combining costs about 1 µs). */
#define PS_TRACE_CRC_SPLIT 8192u

/* Three chains of the crc32 instruction over three thirds, run side by side. */
__attribute__((target("sse4.2"))) static void ps_trace_crc_hw3(uint64_t c[3],
                                                                const unsigned char *p[3],
                                                                size_t words)
{
    uint64_t c0 = c[0];
    uint64_t c1 = c[1];
    uint64_t c2 = c[2];
    for (size_t i = 0; i < words; i++) {
        uint64_t w0;
        uint64_t w1;
        uint64_t w2;
        memcpy(&w0, p[0] + 8 * i, sizeof w0);
        memcpy(&w1, p[1] + 8 * i, sizeof w1);
        memcpy(&w2, p[2] + 8 * i, sizeof w2);
        c0 = __builtin_ia32_crc32di(c0, w0);
        c1 = __builtin_ia32_crc32di(c1, w1);
        c2 = __builtin_ia32_crc32di(c2, w2);
    }
    c[0] = c0;
    c[1] = c1;
    c[2] = c2;
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
        if (len < PS_TRACE_CRC_SPLIT) {
            return ~ps_trace_crc_hw(crc, p, len);
        }
        /* The crc32 instruction takes 3 cycles but can start every cycle: three thirds at once. */
        size_t third = (len / 3) & ~(size_t)7;
        const unsigned char *parts[3] = {p, p + third, p + 2 * third};
        uint64_t c[3] = {crc, 0xffffffffu, 0xffffffffu};
        ps_trace_crc_hw3(c, parts, third / 8);
        uint32_t crc_a = ~(uint32_t)c[0];
        uint32_t crc_b = ~(uint32_t)c[1];
        uint32_t crc_c = ~ps_trace_crc_hw((uint32_t)c[2], p + 3 * third, len - 3 * third);
        return ps_trace_crc_combine(ps_trace_crc_combine(crc_a, crc_b, third), crc_c,
                                    len - 2 * third);
    }
#endif
    return ~ps_trace_crc_soft(crc, p, len);
}
