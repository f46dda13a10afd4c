/* SPDX-License-Identifier: MIT */
/*
 * derom.py:
 *     def foo():
 *         name = multiprocessing.current_process().name
 *         print ("Starting process: %s" %name)
 *         if name == 'background_process':
 *             for i in range(0,5):
 *                 print('background_process ---> %d' %i)
 *                 time.sleep(1)
 *         else:
 *             for i in range(5,9):
 *                 print('non_background_process ---> %d' %i)
 *                 time.sleep(1)
 *         print ("Exiting process: %s" %name)
 *
 *     if __name__ == '__main__':
 *         background_process = multiprocessing.Process(name='background_process', target=foo)
 *         background_process.daemon = True
 *         NO_background_process = multiprocessing.Process(name='non_background_process',
 *                                                         target=foo)
 *         NO_background_process.daemon = False
 *         background_process.start()
 *         NO_background_process.start()
 *         time.sleep(2)
 *
 * Main ends at about 2 s without joining: the daemon is terminated (-15)
 * there, the non-daemon is joined and ends at about 4 s.
 */
#include <stdbool.h>
#include <string.h>

#include "mp/mp.h"

/* foo(): count with a second after each line, the daemon 0..4, the other 5..8. */
static int foo(void *arg)
{
    const char *name = ps_process_current_name();

    (void)arg;
    ps_print("Starting process: %s", name);
    if (strcmp(name, "background_process") == 0) {
        for (int i = 0; i < 5; i++) {
            ps_print("background_process ---> %d", i);
            ps_sleep(1);
        }
    } else {
        for (int i = 5; i < 9; i++) {
            ps_print("non_background_process ---> %d", i);
            ps_sleep(1);
        }
    }
    ps_print("Exiting process: %s", name);
    return 0;
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    struct ps_process *background_process =
        ps_process_new(NULL, foo, NULL, "background_process", false);
    struct ps_process *NO_background_process =
        ps_process_new(NULL, foo, NULL, "non_background_process", false);
    if (background_process == NULL || NO_background_process == NULL)
        return 1;
    ps_process_set_daemon(background_process, true);
    ps_process_set_daemon(NO_background_process, false);
    ps_process_start(background_process);
    ps_process_start(NO_background_process);
    ps_sleep(2);
    return ps_mp_main_end();
}
