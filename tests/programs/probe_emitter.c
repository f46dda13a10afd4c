/* SPDX-License-Identifier: MIT */
/*
 * Test program: emits argv[1] marks through the probe (a = 0, 1, …), prints
 * one line on stdout and one on stderr, and exits with code argv[2].
 */
#include <stdio.h>
#include <stdlib.h>

#include "probe/probe.h"

int main(int argc, char **argv)
{
    long count = argc > 1 ? strtol(argv[1], NULL, 10) : 10;
    int code = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 0;
    for (long i = 0; i < count; i++) {
        ps_probe_emit(PS_EV_MARK, 0, 0, i, 0, "tick", 4);
    }
    printf("hello stdout\n");
    fflush(stdout);
    fprintf(stderr, "hello stderr, no newline");
    return code;
}
