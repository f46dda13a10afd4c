/* SPDX-License-Identifier: MIT */
/*
 * Test program: plain fork()/waitpid()/pipe(), no mp API and no probe call
 * (it links libprocscope.so, whose constructor is all it needs). Child 1
 * forks a grandchild (exit(7)) and ends with exit(3); child 2 reads a byte
 * from a pipe and ends with exit(0); child 3 ends with _exit(5), whose status
 * the probe cannot report. Main waits for all three.
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int fds[2];
    char byte = 'x';
    if (pipe(fds) < 0) {
        return 1;
    }
    pid_t kids[3];
    kids[0] = fork();
    if (kids[0] == 0) {
        pid_t g = fork();
        if (g == 0) {
            exit(7);
        }
        waitpid(g, NULL, 0);
        exit(3);
    }
    kids[1] = fork();
    if (kids[1] == 0) {
        exit(read(fds[0], &byte, 1) == 1 ? 0 : 1);
    }
    kids[2] = fork();
    if (kids[2] == 0) {
        _exit(5);
    }
    if (write(fds[1], &byte, 1) != 1) {
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        waitpid(kids[i], NULL, 0);
    }
    return 0;
}
