/* SPDX-License-Identifier: MIT */
/*
 * spawning_processes_namespace.py: the same as spawning_processes.py, with
 * myFunc taken from its own module (demos/myFunc.c):
 *     from myFunc import myFunc
 *
 *     if __name__ == '__main__':
 *         for i in range(6):
 *             process = multiprocessing.Process(target=myFunc, args=(i,))
 *             process.start()
 *             process.join()
 */
#include <stdint.h>

#include "mp/mp.h"
#include "myFunc.h"

/* args=(i,): call the imported myFunc with the process's argument. */
static int target_myFunc(void *arg)
{
    myFunc((int)(intptr_t)arg);
    return 0;
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    for (int i = 0; i < 6; i++) {
        struct ps_process *process =
            ps_process_new(NULL, target_myFunc, (void *)(intptr_t)i, NULL, false);

        if (process == NULL || ps_process_start(process) < 0)
            return 1;
        ps_process_join(process, -1);
    }
    return ps_mp_main_end();
}
