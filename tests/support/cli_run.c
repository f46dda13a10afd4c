/* SPDX-License-Identifier: MIT */
#include "cli_run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Append what is readable on fd to a growing buffer; returns bytes read, 0 at EOF, -1 error. */
static ssize_t ps_test_slurp(int fd, char **buf, size_t *len, size_t *cap)
{
    if (*cap - *len < 4096) {
        *cap = *cap * 2 + 4096;
        *buf = realloc(*buf, *cap);
        if (!*buf) {
            return -1;
        }
    }
    ssize_t n = read(fd, *buf + *len, *cap - *len - 1);
    if (n > 0) {
        *len += (size_t)n;
    }
    (*buf)[*len] = '\0';
    return n;
}

static double ps_test_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child side: wire the pipes, extend the environment, exec. */
static void ps_test_exec(const char *const *argv, const char *const *env, int out[2], int err[2])
{
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    dup2(out[1], 1);
    dup2(err[1], 2);
    close(out[0]);
    close(err[0]);
    for (size_t i = 0; env && env[i]; i++) {
        putenv(strdup(env[i])); /* the child execs or exits right after */
    }
    /* execv's prototype predates const; it does not write through argv. */
    execv(argv[0], (char *const *)(uintptr_t)argv);
    _exit(127);
}

/* Read both pipes until EOF on both or the deadline; 1 when the deadline passed. */
static int ps_test_collect(int out, int err, double deadline, struct ps_test_run *run)
{
    size_t out_cap = 4096, err_cap = 4096;
    run->out = calloc(1, out_cap);
    run->err = calloc(1, err_cap);
    if (!run->out || !run->err) {
        return 1;
    }
    struct pollfd fds[2] = {{.fd = out, .events = POLLIN}, {.fd = err, .events = POLLIN}};
    int open_fds = 2;
    while (open_fds > 0) {
        double left = deadline - ps_test_now();
        if (left <= 0) {
            return 1;
        }
        if (poll(fds, 2, (int)(left * 1000) + 1) < 0 && errno != EINTR) {
            return 1;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd >= 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
                ssize_t n = i == 0 ? ps_test_slurp(out, &run->out, &run->out_len, &out_cap)
                                   : ps_test_slurp(err, &run->err, &run->err_len, &err_cap);
                if (n <= 0) {
                    fds[i].fd = -1;
                    open_fds--;
                }
            }
        }
    }
    return 0;
}

int ps_test_run(const char *const *argv, const char *const *env, double timeout_s,
                struct ps_test_run *run)
{
    memset(run, 0, sizeof *run);
    int out[2], err[2];
    if (pipe(out) || pipe(err)) {
        return -errno;
    }
    pid_t pid = fork();
    if (pid < 0) {
        return -errno;
    }
    if (pid == 0) {
        ps_test_exec(argv, env, out, err);
    }
    close(out[1]);
    close(err[1]);
    int timed_out = ps_test_collect(out[0], err[0], ps_test_now() + timeout_s, run);
    if (timed_out) {
        kill(pid, SIGKILL);
    }
    close(out[0]);
    close(err[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    run->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}

void ps_test_run_free(struct ps_test_run *run)
{
    free(run->out);
    free(run->err);
    memset(run, 0, sizeof *run);
}

const char *ps_test_procscope(void)
{
    const char *env = getenv("PROCSCOPE");
    return env && env[0] ? env : PS_BINARY_DIR "/procscope";
}

size_t ps_test_count_lines(const char *text, const char *needle)
{
    size_t count = 0;
    const char *line = text;
    while (line && *line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        char *copy = strndup(line, len);
        if (copy && strstr(copy, needle)) {
            count++;
        }
        free(copy);
        line = nl ? nl + 1 : NULL;
    }
    return count;
}
