/* SPDX-License-Identifier: MIT */
/*
 * run_background_processes.py:
 *     def foo():
 *         name = multiprocessing.current_process().name
 *         print ("Starting %s \n" %name)
 *         if name == 'background_process':
 *             for i in range(0,5):
 *                 print('---> %d \n' %i)
 *             time.sleep(1)
 *         else:
 *             for i in range(5,10):
 *                 print('---> %d \n' %i)
 *             time.sleep(1)
 *         print ("Exiting %s \n" %name)
 *
 *     if __name__ == '__main__':
 *         background_process = multiprocessing.Process(name='background_process', target=foo)
 *         background_process.daemon = True
 *         NO_background_process = multiprocessing.Process(name='NO_background_process', target=foo)
 *         NO_background_process.daemon = False
 *         background_process.start()
 *         NO_background_process.start()
 *
 * Main returns at once: the daemon is terminated at exit, the other joined.
 */
#include <stdbool.h>
#include <string.h>

#include "mp/mp.h"

/* foo(): five lines without pause, a second's sleep, then the exit line. */
static int foo(void *arg)
{
    const char *name = ps_process_current_name();

    (void)arg;
    ps_print("Starting %s \n", name);
    if (strcmp(name, "background_process") == 0) {
        for (int i = 0; i < 5; i++)
            ps_print("---> %d \n", i);
        ps_sleep(1);
    } else {
        for (int i = 5; i < 10; i++)
            ps_print("---> %d \n", i);
        ps_sleep(1);
    }
    ps_print("Exiting %s \n", name);
    return 0;
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    struct ps_process *background_process =
        ps_process_new(NULL, foo, NULL, "background_process", false);
    struct ps_process *NO_background_process =
        ps_process_new(NULL, foo, NULL, "NO_background_process", false);
    if (background_process == NULL || NO_background_process == NULL)
        return 1;
    ps_process_set_daemon(background_process, true);
    ps_process_set_daemon(NO_background_process, false);
    ps_process_start(background_process);
    ps_process_start(NO_background_process);
    return ps_mp_main_end();
}
