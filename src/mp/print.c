/* SPDX-License-Identifier: MIT */
#include "mp/print.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "probe/probe.h"

/* One output event per line of text[0..len) (split at '\n'). */
static void ps_print_emit_lines(const char *text, size_t len)
{
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            ps_emit_output(1, text + start, i - start);
            start = i + 1;
        }
    }
}

/* Write all of buf[0..len) to stdout, resuming after signals and short writes. */
static int ps_print_write_all(const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, buf, len);

        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Emit the events for buf[0..len) and write it plus the newline at buf[len]. */
static int ps_print_out(char *buf, size_t len)
{
    ps_print_emit_lines(buf, len);
    if (ps_probe_active() && !ps_probe_echo())
        return 0;
    buf[len] = '\n';
    return ps_print_write_all(buf, len + 1);
}

int ps_print(const char *fmt, ...)
{
    char buf[PS_PRINT_MAX + 1];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -EINVAL;
    if ((size_t)n > PS_PRINT_MAX - 1)
        n = PS_PRINT_MAX - 1;
    return ps_print_out(buf, (size_t)n);
}

int ps_print_text(const char *text, size_t len)
{
    char buf[PS_PRINT_MAX + 1];

    if (len > PS_PRINT_MAX - 1)
        len = PS_PRINT_MAX - 1;
    memcpy(buf, text, len);
    return ps_print_out(buf, len);
}
