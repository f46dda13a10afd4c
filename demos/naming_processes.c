/* SPDX-License-Identifier: MIT */
/*
 * naming_processes.py:
 *     def myFunc():
 *         name = multiprocessing.current_process().name
 *         print ("Starting process name = %s \n" %name)
 *         time.sleep(3)
 *         print ("Exiting process name = %s \n" %name)
 *
 *     if __name__ == '__main__':
 *         process_with_name = multiprocessing.Process(name='myFunc process', target=myFunc)
 *         process_with_default_name = multiprocessing.Process(target=myFunc)
 *         process_with_name.start()
 *         process_with_default_name.start()
 *         process_with_name.join()
 *         process_with_default_name.join()
 */
#include <stdbool.h>

#include "mp/mp.h"

/* myFunc(): announce the current process's name, sleep 3 s, say goodbye. */
static int myFunc(void *arg)
{
    const char *name = ps_process_current_name();

    (void)arg;
    ps_print("Starting process name = %s \n", name);
    ps_sleep(3);
    ps_print("Exiting process name = %s \n", name);
    return 0;
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    struct ps_process *process_with_name =
        ps_process_new(NULL, myFunc, NULL, "myFunc process", false);
    struct ps_process *process_with_default_name = ps_process_new(NULL, myFunc, NULL, NULL, false);
    if (process_with_name == NULL || process_with_default_name == NULL)
        return 1;
    ps_process_start(process_with_name);
    ps_process_start(process_with_default_name);
    ps_process_join(process_with_name, -1);
    ps_process_join(process_with_default_name, -1);
    return ps_mp_main_end();
}
