/* SPDX-License-Identifier: MIT */
/*
 * Running the benchmarks' child programs: finding them (beside this program,
 * or beside the procscope named by $PROCSCOPE, the way the demos are found),
 * and running one to its end while draining a ring it writes into, with its
 * stdout collected and its wall time measured.
 */
#include "bench/bench.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/env.h"

/* Write "<dir>/<rel>/<name>" into buf; 0 when it names an executable file. */
static int ps_bench_try(const char *dir, const char *rel, const char *name, char *buf,
                        size_t size)
{
    int n = snprintf(buf, size, "%s/%s%s%s", dir, rel, rel[0] ? "/" : "", name);
    if (n < 0 || (size_t)n >= size) {
        return -ENAMETOOLONG;
    }
    return access(buf, X_OK) == 0 ? 0 : -ENOENT;
}

/* The folder of `path` (or of this program when path is NULL) into buf. */
static int ps_bench_dir_of(const char *path, char *buf, size_t size)
{
    if (path == NULL) {
        ssize_t len = readlink("/proc/self/exe", buf, size - 1);
        if (len <= 0) {
            return -ENOENT;
        }
        buf[len] = '\0';
    } else if (snprintf(buf, size, "%s", path) >= (int)size) {
        return -ENAMETOOLONG;
    }
    char *slash = strrchr(buf, '/');
    if (slash == NULL) {
        return -ENOENT;
    }
    *slash = '\0';
    return 0;
}

int ps_bench_find(const char *name, char *buf, size_t size)
{
    char dir[PATH_MAX];
    if (ps_bench_dir_of(NULL, dir, sizeof dir) == 0 && ps_bench_try(dir, "", name, buf, size) == 0) {
        return 0;
    }
    const char *self = getenv(PS_BENCH_PROCSCOPE_ENV);
    if (self == NULL || ps_bench_dir_of(self, dir, sizeof dir) < 0) {
        return -ENOENT;
    }
    if (ps_bench_try(dir, "demos", name, buf, size) == 0) {
        return 0;
    }
    return ps_bench_try(dir, "../libexec/procscope", name, buf, size);
}

int ps_bench_procscope(char *buf, size_t size)
{
    const char *self = getenv(PS_BENCH_PROCSCOPE_ENV);
    if (self != NULL && access(self, X_OK) == 0) {
        return snprintf(buf, size, "%s", self) < (int)size ? 0 : -ENAMETOOLONG;
    }
    char dir[PATH_MAX];
    if (ps_bench_dir_of(NULL, dir, sizeof dir) < 0) {
        return -ENOENT;
    }
    if (ps_bench_try(dir, "..", "procscope", buf, size) == 0) { /* build/demos/ */
        return 0;
    }
    return ps_bench_try(dir, "../../bin", "procscope", buf, size); /* libexec/procscope/ */
}

/* In the forked child: stdout to `out`, the ring inherited and named, exec argv. */
static _Noreturn void ps_bench_exec(char *const argv[], struct ps_ring *ring, int out)
{
    char num[16];
    if (dup2(out, STDOUT_FILENO) < 0) {
        _exit(127);
    }
    if (ring != NULL) {
        snprintf(num, sizeof num, "%d", ps_ring_fd(ring));
        if (ps_ring_inherit(ring) < 0 || setenv(PS_ENV_RING_FD, num, 1) < 0) {
            _exit(127);
        }
    } else {
        unsetenv(PS_ENV_RING_FD);
    }
    execv(argv[0], argv);
    _exit(127);
}

/* Count drained events. */
static int ps_bench_count(void *ctx, const struct ps_event *ev)
{
    (void)ev;
    (*(uint64_t *)ctx)++;
    return 0;
}

/* Read what is there from fd into r->out; false at end of file. */
static bool ps_bench_take(int fd, struct ps_bench_run *r, size_t *len)
{
    char scratch[4096];
    size_t room = sizeof r->out - 1 - *len;
    ssize_t n = read(fd, room > 0 ? r->out + *len : scratch, room > 0 ? room : sizeof scratch);
    if (n < 0 && errno == EINTR) {
        return true;
    }
    if (n <= 0) {
        return false;
    }
    if (room > 0) {
        *len += (size_t)n;
        r->out[*len] = '\0';
    }
    return true;
}

int ps_bench_run(char *const argv[], struct ps_ring *ring, struct ps_bench_run *r)
{
    int fds[2];
    size_t len = 0;
    r->out[0] = '\0';
    if (pipe2(fds, O_CLOEXEC) < 0) {
        return -errno;
    }
    uint64_t t0 = ps_bench_now_ns();
    pid_t pid = fork();
    if (pid == 0) {
        ps_bench_exec(argv, ring, fds[1]);
    }
    close(fds[1]);
    if (pid < 0) {
        close(fds[0]);
        return -errno;
    }
    struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
    bool open_ = true;
    while (open_) {
        if (poll(&pfd, 1, ring != NULL ? 1 : -1) > 0) {
            open_ = ps_bench_take(fds[0], r, &len);
        }
        while (ring != NULL && ps_ring_drain(ring, ps_bench_count, &r->events, SIZE_MAX) > 0) {
        }
    }
    close(fds[0]);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    r->wall_ns = ps_bench_now_ns() - t0;
    while (ring != NULL && ps_ring_drain(ring, ps_bench_count, &r->events, SIZE_MAX) > 0) {
    }
    r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return 0;
}
