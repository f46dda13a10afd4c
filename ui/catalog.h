/* SPDX-License-Identifier: MIT */
/*
 * The demo catalogue: the fourteen demos procscope ships, their short
 * aliases, a one-line summary for `procscope list` and a few lines on what to
 * watch for (the picker shows them), and where their binaries are. It lives with the CLI and the UI that show it.
 */
#ifndef PS_UI_CATALOG_H
#define PS_UI_CATALOG_H

#include <stddef.h>

struct ps_demo {
    const char *name;    /* the Python script's name without .py */
    const char *binary;  /* the program under demos/ (the name, but for myFunc) */
    const char *alias;   /* short name accepted on the command line */
    const char *summary; /* one line */
    const char *watch;   /* a few sentences: what the visualizer lets you see */
};

/* Number of demos, and demo i (0 <= i < count) in presentation order. */
size_t ps_demo_count(void);
const struct ps_demo *ps_demo_at(size_t i);

/* The demo called `name` (full name or alias), or NULL. */
const struct ps_demo *ps_demo_find(const char *name);

/* An environment variable naming a folder searched first for the demo programs. */
#define PS_DEMO_DIR_ENV "PROCSCOPE_DEMO_DIR"

/*
 * Write the path of the demo's binary into buf: $PROCSCOPE_DEMO_DIR first, then
 * demos/ beside the running executable (a build tree), then
 * ../libexec/procscope/ from it (an installed or moved tree). Returns 0,
 * -ENOENT when no executable is found, -ENAMETOOLONG when buf is too small.
 */
int ps_demo_path(const struct ps_demo *demo, char *buf, size_t size);

/* The same search for any program installed beside the demos (procscope-bench). */
int ps_libexec_path(const char *binary, char *buf, size_t size);

#endif /* PS_UI_CATALOG_H */
