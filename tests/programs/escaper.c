/* SPDX-License-Identifier: MIT */
/*
 * Test program: processes that try to outlive the session. Main starts
 *   - a child that calls setsid() (a new session and group),
 *   - a child that calls setpgid(0, 0) (a new group),
 *   - a grandchild through a double fork (its parent exits at once),
 * each sleeping for ever, and a child announced with proc.spawn that exits
 * with code 7 at once (never waited for until main ends). It prints one line
 * "pid N" per sleeper, then "ready". With argument "forever" main sleeps for
 * ever too; otherwise it sleeps `argv[1]` ms and exits 0.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "probe/probe.h"

/* Fork a child that runs `how` (0 setsid, 1 setpgid, 2 double fork) then sleeps; its pid. */
static pid_t escape(int how, int report)
{
    pid_t pid = fork();
    if (pid != 0) {
        return pid;
    }
    if (how == 0) {
        setsid();
    } else if (how == 1) {
        setpgid(0, 0);
    } else if (fork() != 0) {
        _exit(0); /* the middle process: its child is orphaned */
    }
    pid_t me = getpid();
    if (write(report, &me, sizeof me) != (ssize_t)sizeof me) {
        _exit(1);
    }
    for (;;) {
        pause();
    }
}

int main(int argc, char **argv)
{
    int fds[2];
    if (pipe(fds) < 0) {
        return 1;
    }
    for (int how = 0; how < 3; how++) {
        escape(how, fds[1]);
    }
    for (int i = 0; i < 3; i++) {
        pid_t pid;
        if (read(fds[0], &pid, sizeof pid) != (ssize_t)sizeof pid) {
            return 2;
        }
        printf("pid %d\n", (int)pid);
    }
    pid_t quick = fork();
    if (quick == 0) {
        _exit(7);
    }
    ps_emit_proc_spawn(0, (int32_t)quick, 0, "quick", PS_EMIT_STR);
    printf("ready\n");
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "forever") == 0) {
        for (;;) {
            pause();
        }
    }
    usleep((useconds_t)(argc > 1 ? atoi(argv[1]) : 0) * 1000u);
    return 0;
}
