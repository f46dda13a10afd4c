/* SPDX-License-Identifier: MIT */
/* The gzip stream under `export -o X.gz`: what goes in comes out of zlib's inflate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <criterion/criterion.h>

#include "export/export_gzip.h"

/* Inflate a whole gzip member from f into a new buffer; *n its length. */
static unsigned char *ps_test_gunzip(FILE *f, size_t *n)
{
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    unsigned char *in = malloc((size_t)size);
    cr_assert_eq(fread(in, 1, (size_t)size, f), (size_t)size);
    size_t cap = 1u << 24;
    unsigned char *out = malloc(cap);
    z_stream z = {0};
    cr_assert_eq(inflateInit2(&z, 15 + 16), Z_OK);
    z.next_in = in;
    z.avail_in = (uInt)size;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    cr_assert_eq(inflate(&z, Z_FINISH), Z_STREAM_END, "not one complete gzip member");
    *n = cap - z.avail_out;
    inflateEnd(&z);
    free(in);
    return out;
}

Test(export_gzip, round_trip)
{
    FILE *dest = tmpfile();
    cr_assert_not_null(dest);
    FILE *gz = ps_export_gzip_open(dest);
    cr_assert_not_null(gz);
    size_t want = 0;
    for (int i = 0; i < 100000; i++) {
        int w = fprintf(gz, "{\"seq\": %d, \"name\": \"Process-%d\"}\n", i, i % 7);
        cr_assert_gt(w, 0);
        want += (size_t)w;
    }
    cr_assert_eq(fclose(gz), 0);
    long packed = ftell(dest);
    cr_expect_lt(packed, (long)want / 4, "%ld bytes for %zu: not compressed", packed, want);
    size_t n = 0;
    unsigned char *out = ps_test_gunzip(dest, &n);
    cr_assert_eq(n, want);
    cr_expect(memcmp(out, "{\"seq\": 0, \"name\": \"Process-0\"}\n", 32) == 0);
    free(out);
    fclose(dest);
}

Test(export_gzip, empty_stream_is_a_valid_member)
{
    FILE *dest = tmpfile();
    FILE *gz = ps_export_gzip_open(dest);
    cr_assert_not_null(gz);
    cr_assert_eq(fclose(gz), 0);
    size_t n = 99;
    unsigned char *out = ps_test_gunzip(dest, &n);
    cr_expect_eq(n, 0);
    free(out);
    fclose(dest);
}

Test(export_gzip, a_destination_that_fills_up_fails_at_close)
{
    char small[64];
    FILE *dest = fmemopen(small, sizeof small, "w");
    cr_assert_not_null(dest);
    setvbuf(dest, NULL, _IONBF, 0);
    FILE *gz = ps_export_gzip_open(dest);
    cr_assert_not_null(gz);
    for (unsigned i = 0; i < 20000; i++) {
        fprintf(gz, "%u %x incompressible-ish %d\n", i * 7919u, i * 104729u, rand());
    }
    cr_expect_eq(fclose(gz), EOF, "a failed write was not reported");
    fclose(dest);
}

Test(export_gzip, wanted_by_name)
{
    cr_expect(ps_export_gzip_wanted("trace.json.gz"));
    cr_expect(ps_export_gzip_wanted("a.gz"));
    cr_expect_not(ps_export_gzip_wanted(".gz"));
    cr_expect_not(ps_export_gzip_wanted("trace.json"));
    cr_expect_not(ps_export_gzip_wanted("trace.gzip"));
    cr_expect_not(ps_export_gzip_wanted("-"));
}
