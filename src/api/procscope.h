/* SPDX-License-Identifier: MIT */
/*
 * procscope for your own programs: the multiprocessing-like API (Process,
 * Pipe, Queue, Lock, Barrier, Pool, Namespace, print, sleep) and the probe
 * (marks and raw events). Usable from C (C11 or later) and C++.
 *
 *   cc workers.c $(pkg-config --cflags --libs procscope)
 *   procscope run -- ./workers
 *
 * Outside procscope the probe is inactive and the program runs as it always
 * does. Installed as <procscope/procscope.h>; pkg-config's --cflags also make
 * <procscope.h> and the module headers ("mp/pipe.h", ...) reachable.
 */
#ifndef PROCSCOPE_PROCSCOPE_H
#define PROCSCOPE_PROCSCOPE_H

/* The system headers the API's own headers use, outside the extern "C" block. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "mp/mp.h"
#include "probe/probe.h"

/* The library's version, "MAJOR.MINOR.PATCH" (what `procscope --version` prints). */
const char *ps_version(void);

#ifdef __cplusplus
}
#endif

#endif /* PROCSCOPE_PROCSCOPE_H */
