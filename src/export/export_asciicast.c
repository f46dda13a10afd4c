/* SPDX-License-Identifier: MIT */
/* asciicast v2 lines (see export_asciicast.h). */
#include "export/export_asciicast.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_escape.h"

int ps_asciicast_header(FILE *out, int cols, int rows, int64_t timestamp, const char *title)
{
    char buf[512];
    struct ps_export_buf b;
    ps_export_buf_init(&b, buf, sizeof(buf));
    ps_export_buf_printf(&b, "{\"version\": 2, \"width\": %d, \"height\": %d", cols, rows);
    if (timestamp > 0) {
        ps_export_buf_printf(&b, ", \"timestamp\": %lld", (long long)timestamp);
    }
    if (title && title[0]) {
        ps_export_buf_puts(&b, ", \"title\": ");
        ps_export_buf_json(&b, title, strnlen(title, 200));
    }
    ps_export_buf_puts(&b, ", \"env\": {\"TERM\": \"xterm-256color\"}}\n");
    if (b.full) {
        return -ENOMEM;
    }
    return fputs(buf, out) == EOF ? -EIO : 0;
}

int ps_asciicast_output(FILE *out, double t, const char *data, size_t len)
{
    size_t cap = len * 6 + 64; /* every byte escaped as \u00NN at worst */
    char *buf = malloc(cap);
    if (!buf) {
        return -ENOMEM;
    }
    struct ps_export_buf b;
    ps_export_buf_init(&b, buf, cap);
    ps_export_buf_printf(&b, "[%.6f, \"o\", ", t < 0 ? 0.0 : t);
    ps_export_buf_json(&b, data, len);
    ps_export_buf_puts(&b, "]\n");
    int rc = b.full ? -ENOMEM : (fwrite(buf, 1, b.len, out) == b.len ? 0 : -EIO);
    free(buf);
    return rc;
}
