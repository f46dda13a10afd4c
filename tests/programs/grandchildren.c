/* SPDX-License-Identifier: MIT */
/*
 * Test program: main forks three children; each forks a grandchild and exits
 * at once (main never waits for them). Each grandchild, once its parent has
 * exited (so main cannot end before its children), tells main it exists and
 * sleeps for a minute. Main exits once all three grandchildren are there,
 * leaving zombies and long-lived orphans for the supervisor to reap.
 */
#include <unistd.h>

#include "probe/probe.h"

int main(void)
{
    int fds[2];
    char byte = 'g';
    if (pipe(fds) < 0) {
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        if (fork() == 0) {
            pid_t child = getpid();
            if (fork() == 0) {
                while (getppid() == child) {
                    usleep(1000); /* until the child has exited: it is then only an orphan */
                }
                ps_probe_mark("grandchild");
                if (write(fds[1], &byte, 1) != 1) {
                    _exit(1);
                }
                sleep(60);
            }
            _exit(0);
        }
    }
    close(fds[1]);
    for (int got = 0; got < 3;) {
        ssize_t n = read(fds[0], &byte, 1);
        if (n <= 0) {
            return 2;
        }
        got++;
    }
    return 0;
}
