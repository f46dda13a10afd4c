/* SPDX-License-Identifier: MIT */
/*
 * Allocation that cannot fail: on exhaustion it restores the terminal (through
 * the hook the UI registers), prints one line and exits 70. For the
 * supervisor, the UI and the CLI only: never call these from src/probe or
 * src/mp, which run inside the demo's processes.
 */
#ifndef PS_CORE_XALLOC_H
#define PS_CORE_XALLOC_H

#include <stddef.h>

void *ps_xmalloc(size_t size);
void *ps_xcalloc(size_t n, size_t size);
void *ps_xrealloc(void *ptr, size_t size);
/* realloc for an array of n elements of `size`, checking the product for overflow. */
void *ps_xreallocarray(void *ptr, size_t n, size_t size);
char *ps_xstrdup(const char *s);

/* Called before the process exits on a fatal error (the UI sets endwin here). */
void ps_fatal_set_hook(void (*hook)(void));

/* A broken invariant: run the hook, print "procscope: <message>" and exit 70. */
_Noreturn void ps_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* PS_CORE_XALLOC_H */
