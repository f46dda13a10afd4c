/* SPDX-License-Identifier: MIT */
/*
 * Test program: forks argv[1] children; every process (main included) emits
 * a "ready" mark and then waits for a signal forever.
 */
#include <stdlib.h>
#include <unistd.h>

#include "probe/probe.h"

int main(int argc, char **argv)
{
    long children = argc > 1 ? strtol(argv[1], NULL, 10) : 2;
    for (long i = 0; i < children; i++) {
        if (fork() == 0) {
            break;
        }
    }
    ps_probe_mark("ready");
    for (;;) {
        pause();
    }
}
