/* SPDX-License-Identifier: MIT */
/*
 * spawning_processes.py:
 *     def myFunc(i):
 *         print ('calling myFunc from process n°: %s' %i)
 *         for j in range (0,i):
 *             print('output from myFunc is :%s' %j)
 *         return
 *
 *     if __name__ == '__main__':
 *         for i in range(6):
 *             process = multiprocessing.Process(target=myFunc, args=(i,))
 *             process.start()
 *             process.join()
 */
#include <stdint.h>

#include "mp/mp.h"

/* myFunc(i), defined here as in the Python script (the namespace demo imports it). */
static int myFunc(void *arg)
{
    int i = (int)(intptr_t)arg;

    ps_print("calling myFunc from process n°: %d", i);
    for (int j = 0; j < i; j++)
        ps_print("output from myFunc is :%d", j);
    return 0;
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    for (int i = 0; i < 6; i++) {
        struct ps_process *process = ps_process_new(NULL, myFunc, (void *)(intptr_t)i, NULL, false);

        if (process == NULL || ps_process_start(process) < 0)
            return 1;
        ps_process_join(process, -1);
    }
    return ps_mp_main_end();
}
