/* SPDX-License-Identifier: MIT */
#include "export/export_gzip.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#define ZLIB_CONST
#include <zlib.h>

/* One compressing stream: zlib's state, the destination and a bounce buffer. */
struct ps_export_gzip {
    z_stream z;
    FILE *dest;
    bool failed;
    unsigned char out[65536];
};

/* Run deflate over the pending input with `flush`, writing what it produces. */
static int ps_export_gzip_pump(struct ps_export_gzip *g, int flush)
{
    int zrc;
    do {
        g->z.next_out = g->out;
        g->z.avail_out = sizeof g->out;
        zrc = deflate(&g->z, flush);
        if (zrc == Z_STREAM_ERROR) {
            return -EIO;
        }
        size_t have = sizeof g->out - g->z.avail_out;
        if (have && fwrite(g->out, 1, have, g->dest) != have) {
            return -EIO;
        }
    } while (g->z.avail_out == 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
    return 0;
}

static ssize_t ps_export_gzip_write(void *cookie, const char *buf, size_t size)
{
    struct ps_export_gzip *g = cookie;
    if (g->failed) {
        return -1;
    }
    size_t done = 0;
    while (done < size) {
        size_t chunk = size - done > 1u << 30 ? 1u << 30 : size - done;
        g->z.next_in = (const Bytef *)(buf + done);
        g->z.avail_in = (uInt)chunk;
        if (ps_export_gzip_pump(g, Z_NO_FLUSH) < 0) {
            g->failed = true;
            errno = EIO;
            return -1;
        }
        done += chunk;
    }
    return (ssize_t)size;
}

static int ps_export_gzip_close(void *cookie)
{
    struct ps_export_gzip *g = cookie;
    int rc = g->failed ? -EIO : ps_export_gzip_pump(g, Z_FINISH);
    deflateEnd(&g->z);
    free(g);
    if (rc < 0) {
        errno = EIO;
        return EOF;
    }
    return 0;
}

FILE *ps_export_gzip_open(FILE *dest)
{
    struct ps_export_gzip *g = calloc(1, sizeof *g);
    if (!g) {
        errno = ENOMEM;
        return NULL;
    }
    g->dest = dest;
    /* 15 + 16: a gzip header and trailer around the deflate stream. */
    if (deflateInit2(&g->z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
        free(g);
        errno = ENOMEM;
        return NULL;
    }
    cookie_io_functions_t io = {.write = ps_export_gzip_write, .close = ps_export_gzip_close};
    FILE *f = fopencookie(g, "w", io);
    if (!f) {
        deflateEnd(&g->z);
        free(g);
        errno = ENOMEM;
    }
    return f;
}

bool ps_export_gzip_wanted(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}
