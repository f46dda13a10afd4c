/* SPDX-License-Identifier: MIT */
/*
 * killing_processes.py:
 *     def foo():
 *         print ('Starting function')
 *         for i in range(0,10):
 *             print('-->%d\n' %i)
 *             time.sleep(1)
 *         print ('Finished function')
 *
 *     if __name__ == '__main__':
 *         p = multiprocessing.Process(target=foo)
 *         print ('Process before execution:', p, p.is_alive())
 *         p.start()
 *         print ('Process running:', p, p.is_alive())
 *         p.terminate()
 *         print ('Process terminated:', p, p.is_alive())
 *         p.join()
 *         print ('Process joined:', p, p.is_alive())
 *         print ('Process exit code:', p.exitcode)
 */
#include <stdbool.h>

#include "mp/mp.h"

#define REPR_MAX 256

/* foo(): ten lines a second apart; terminated long before it finishes. */
static int foo(void *arg)
{
    (void)arg;
    ps_print("Starting function");
    for (int i = 0; i < 10; i++) {
        ps_print("-->%d\n", i);
        ps_sleep(1);
    }
    ps_print("Finished function");
    return 0;
}

/* print(label, p, p.is_alive()): is_alive is evaluated first, repr when printing, as in Python. */
static void print_process(const char *label, struct ps_process *p)
{
    char repr[REPR_MAX];
    bool alive = ps_process_is_alive(p);

    ps_process_repr(p, repr, sizeof repr);
    ps_print("%s %s %s", label, repr, alive ? "True" : "False");
}

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    struct ps_process *p = ps_process_new(NULL, foo, NULL, NULL, false);
    if (p == NULL)
        return 1;
    print_process("Process before execution:", p);
    if (ps_process_start(p) < 0)
        return 1;
    print_process("Process running:", p);
    ps_process_terminate(p);
    print_process("Process terminated:", p);
    ps_process_join(p, -1);
    print_process("Process joined:", p);
    ps_print("Process exit code: %d", ps_process_exitcode(p));
    return ps_mp_main_end();
}
