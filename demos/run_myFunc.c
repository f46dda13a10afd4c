/* SPDX-License-Identifier: MIT */
/*
 * The `myfunc` demo: myFunc.py run alone prints nothing, so this program runs
 * myFunc(i) once in one child process (i from the command line, default 5)
 * so there is something to watch:
 *     process = multiprocessing.Process(target=myFunc, args=(i,))
 *     process.start()
 *     process.join()
 */
#include <stdint.h>
#include <stdlib.h>

#include "mp/mp.h"
#include "myFunc.h"

/* The target: myFunc(i). */
static int run_myFunc(void *arg)
{
    myFunc((int)(intptr_t)arg);
    return 0;
}

int main(int argc, char *argv[])
{
    int i = argc > 1 ? atoi(argv[1]) : 5;

    ps_mp_init(argc, argv);
    struct ps_process *process = ps_process_new(NULL, run_myFunc, (void *)(intptr_t)i, NULL, false);
    if (process == NULL || ps_process_start(process) < 0)
        return 1;
    ps_process_join(process, -1);
    return ps_mp_main_end();
}
