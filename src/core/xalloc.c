/* SPDX-License-Identifier: MIT */
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*ps_fatal_hook)(void);

void ps_fatal_set_hook(void (*hook)(void))
{
    ps_fatal_hook = hook;
}

void ps_fatal(const char *fmt, ...)
{
    if (ps_fatal_hook) {
        void (*hook)(void) = ps_fatal_hook;
        ps_fatal_hook = NULL; /* a hook that fails must not recurse */
        hook();
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("procscope: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(70); /* EX_SOFTWARE */
}

void *ps_xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p) {
        ps_fatal("out of memory (%zu bytes)", size);
    }
    return p;
}

void *ps_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) {
        ps_fatal("out of memory (%zu x %zu bytes)", n, size);
    }
    return p;
}

void *ps_xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p) {
        ps_fatal("out of memory (%zu bytes)", size);
    }
    return p;
}

void *ps_xreallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        ps_fatal("allocation overflow (%zu x %zu bytes)", n, size);
    }
    return ps_xrealloc(ptr, n * size);
}

char *ps_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = ps_xmalloc(n);
    memcpy(p, s, n);
    return p;
}
