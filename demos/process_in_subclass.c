/* SPDX-License-Identifier: MIT */
/*
 * process_in_subclass.py:
 *     class MyProcess(multiprocessing.Process):
 *         def run(self):
 *             print ('called run method in %s' %self.name)
 *             return
 *
 *     if __name__ == '__main__':
 *         for i in range(10):
 *             process = MyProcess()
 *             process.start()
 *             process.join()
 *
 * A Python subclass with its own run() is a process kind with a run function.
 */
#include <stdbool.h>

#include "mp/mp.h"

/* MyProcess.run(self) */
static int MyProcess_run(struct ps_process *self, void *arg)
{
    (void)arg;
    ps_print("called run method in %s", ps_process_name(self));
    return 0;
}

static const struct ps_process_kind MyProcess = {"MyProcess", MyProcess_run};

int main(int argc, char *argv[])
{
    ps_mp_init(argc, argv);
    for (int i = 0; i < 10; i++) {
        struct ps_process *process = ps_process_new(&MyProcess, NULL, NULL, NULL, false);

        if (process == NULL || ps_process_start(process) < 0)
            return 1;
        ps_process_join(process, -1);
    }
    return ps_mp_main_end();
}
