/* SPDX-License-Identifier: MIT */
#include "supervisor/supervisor_internal.h"

/*
 * Starting the demo: resolve the program, build its environment, fork, and
 * in the child set up the process group, the inherited ring, /dev/null as
 * stdin and the capture pipes, then exec. The child waits on a "go" pipe
 * until the parent has put proc.spawn in the ring, so that event comes first;
 * an exec failure travels back on a close-on-exec error pipe.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "core/env.h"
#include "supervisor/python.h"

extern char **environ;

/* Everything the child needs, prepared before fork (the child only calls async-signal-safe code).
 */
struct ps_supervisor_exec {
    char path[4096];
    char *const *argv;
    char **envp;
    int ring_fd;
    const struct ps_ring *ring; /* its fds are made to survive exec (fcntl only) */
    int out_w, err_w; /* write ends of the capture pipes, -1 with echo */
    int go_r, go_w;   /* the go pipe: the child waits for its end of file */
    int err_w_exec;   /* write end of the exec-error pipe */
    pid_t parent;     /* the supervisor: the child dies with it */
};

/* Whether `path` is an executable regular file; 0 or -errno. */
static int ps_supervisor_check_exec(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        return -errno;
    }
    if (!S_ISREG(st.st_mode)) {
        return -EACCES;
    }
    return access(path, X_OK) < 0 ? -errno : 0;
}

/* Find `prog` (a path, or a name in PATH) and write its path to buf. */
static int ps_supervisor_resolve(const char *prog, char *buf, size_t size)
{
    if (prog[0] == '\0') {
        return -ENOENT;
    }
    if (strchr(prog, '/') != NULL) {
        if (strlcpy(buf, prog, size) >= size) {
            return -ENAMETOOLONG;
        }
        return ps_supervisor_check_exec(buf);
    }
    const char *path = getenv("PATH");
    int err = -ENOENT;
    for (const char *dir = path ? path : "/usr/local/bin:/usr/bin:/bin"; *dir != '\0';) {
        size_t n = strcspn(dir, ":");
        if ((size_t)snprintf(buf, size, "%.*s/%s", (int)n, dir, prog) < size) {
            int e = ps_supervisor_check_exec(buf);
            if (e == 0) {
                return 0;
            }
            err = e == -ENOENT ? err : e;
        }
        dir += n + (dir[n] == ':');
    }
    return err;
}

/* Whether environment entry `entry` is one of the variables we set ourselves. */
static bool ps_supervisor_own_var(const char *entry, bool python)
{
    static const char *const names[] = {PS_ENV_RING_FD "=",    PS_ENV_TIME_SCALE "=",
                                        PS_ENV_ECHO "=",       PS_CONTAIN_ENV "=",
                                        "PROCSCOPE_PYHOOK_BIN=", "PYTHONPATH="};
    size_t count = sizeof names / sizeof names[0] - (python ? 0 : 1);
    for (size_t i = 0; i < count; i++) {
        if (strncmp(entry, names[i], strlen(names[i])) == 0) {
            return true;
        }
    }
    return false;
}

/* Our environment minus stale PROCSCOPE_* entries, plus `extra` (NULL-terminated). */
static char **ps_supervisor_build_env(char *const *extra, bool python)
{
    size_t n = 0, k = 0;
    while (environ != NULL && environ[n] != NULL) {
        n++;
    }
    char **envp = ps_xcalloc(n + 8, sizeof *envp);
    for (size_t i = 0; i < n; i++) {
        if (!ps_supervisor_own_var(environ[i], python)) {
            envp[k++] = environ[i];
        }
    }
    for (size_t i = 0; extra[i] != NULL; i++) {
        envp[k++] = extra[i];
    }
    envp[k] = NULL;
    return envp;
}

/* In the child, after fork: set up and exec; never returns. */
static _Noreturn void ps_supervisor_child(const struct ps_supervisor_exec *ex)
{
    sigset_t none;
    char go;
    int err;

    setpgid(0, 0);
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != ex->parent) {
        _exit(127); /* the supervisor died before the line above */
    }
    signal(SIGPIPE, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    close(ex->go_w);
    while (read(ex->go_r, &go, 1) < 0 && errno == EINTR) {
    }
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0 || dup2(null, STDIN_FILENO) < 0) {
        goto fail;
    }
    if (ex->out_w >= 0 &&
        (dup2(ex->out_w, STDOUT_FILENO) < 0 || dup2(ex->err_w, STDERR_FILENO) < 0)) {
        goto fail;
    }
    if (ps_ring_inherit(ex->ring) < 0) {
        goto fail;
    }
    execve(ex->path, ex->argv, ex->envp);
fail:
    err = errno;
    while (write(ex->err_w_exec, &err, sizeof err) < 0 && errno == EINTR) {
    }
    _exit(127);
}

/* Open a pipe with both ends close-on-exec; the read end optionally non-blocking. */
static int ps_supervisor_pipe(int fds[2], bool nonblock_read)
{
    if (pipe2(fds, O_CLOEXEC) < 0) {
        return -errno;
    }
    if (nonblock_read) {
        fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    }
    return 0;
}

static void ps_supervisor_close_pair(int fds[2])
{
    for (int i = 0; i < 2; i++) {
        if (fds[i] >= 0) {
            close(fds[i]);
            fds[i] = -1;
        }
    }
}

/* Open the capture, go and exec-error pipes; on failure none stays open. */
static int ps_supervisor_open_pipes(int out[2], int err[2], int go[2], int exec_err[2], bool echo)
{
    int e = 0;
    if (!echo) {
        e = ps_supervisor_pipe(out, true);
        e = e < 0 ? e : ps_supervisor_pipe(err, true);
    }
    e = e < 0 ? e : ps_supervisor_pipe(go, false);
    e = e < 0 ? e : ps_supervisor_pipe(exec_err, false);
    if (e < 0) {
        ps_supervisor_close_pair(out);
        ps_supervisor_close_pair(err);
        ps_supervisor_close_pair(go);
        ps_supervisor_close_pair(exec_err);
    }
    return e;
}

/*
 * Release the child past its go pipe and learn whether exec worked. Returns 0,
 * or the child's exec errno (negated), in which case the child has been reaped.
 */
static int ps_supervisor_release(struct ps_supervisor *sup, int go_w, int exec_err_r)
{
    int e = 0;
    ssize_t n;
    close(go_w);
    while ((n = read(exec_err_r, &e, sizeof e)) < 0 && errno == EINTR) {
    }
    close(exec_err_r);
    if (n != (ssize_t)sizeof e) {
        return 0;
    }
    while (waitpid(sup->main_pid, NULL, 0) < 0 && errno == EINTR) {
    }
    sup->main_reaped = true;
    sup->group_gone = true;
    return e > 0 ? -e : -ENOEXEC;
}

/* Fork the child; in the parent record it, emit proc.spawn and let it go. */
static int ps_supervisor_fork(struct ps_supervisor *sup, struct ps_supervisor_exec *ex, int go[2],
                              int exec_err[2])
{
    pid_t pid = fork();
    if (pid < 0) {
        int e = -errno;
        ps_supervisor_close_pair(go);
        ps_supervisor_close_pair(exec_err);
        return e;
    }
    if (pid == 0) {
        ps_supervisor_child(ex);
    }
    setpgid(pid, pid); /* also in the child: whichever runs first */
    sup->main_pid = pid;
    ps_contain_adopt(sup, pid); /* its cgroup and its keeper, before it may run */
    ps_supervisor_watch(sup, pid);
    close(go[0]);
    close(exec_err[1]);
    ps_supervisor_queue(sup, PS_EV_PROC_SPAWN, sup->self, pid, 0, "MainProcess", 11);
    ps_supervisor_flush(sup);
    return ps_supervisor_release(sup, go[1], exec_err[0]);
}

int ps_supervisor_spawn(struct ps_supervisor *sup, const struct ps_supervisor_opts *opts)
{
    struct ps_supervisor_exec ex = {
        .argv = opts->argv,
        .ring_fd = ps_ring_fd(&sup->ring),
        .ring = &sup->ring,
        .parent = sup->self};
    int out[2] = {-1, -1}, err[2] = {-1, -1}, go[2] = {-1, -1}, exec_err[2] = {-1, -1};
    char fd_var[64], scale_var[64], echo_var[32], py_path[8192], py_bin[4200];
    char *extra[7] = {fd_var, sup->contain.marker, NULL, NULL, NULL, NULL, NULL};
    size_t k = 2;

    int e = ps_supervisor_resolve(opts->argv[0], ex.path, sizeof ex.path);
    if (e < 0) {
        return e;
    }
    snprintf(fd_var, sizeof fd_var, "%s=%d", PS_ENV_RING_FD, ex.ring_fd);
    if (opts->time_scale >= 0) {
        snprintf(scale_var, sizeof scale_var, "%s=%.17g", PS_ENV_TIME_SCALE, opts->time_scale);
        extra[k++] = scale_var;
    }
    if (opts->echo) {
        snprintf(echo_var, sizeof echo_var, "%s=1", PS_ENV_ECHO);
        extra[k++] = echo_var;
    }
    /* A Python program gets the hook (helper "python": src/supervisor/python.c). */
    bool python = ps_python_hook_on() && ps_python_is_python(ex.path, opts->argv) &&
                  ps_python_env(py_path, sizeof py_path, py_bin, sizeof py_bin) == 0;
    if (python) {
        extra[k++] = py_path;
        extra[k++] = py_bin;
    }
    e = ps_supervisor_open_pipes(out, err, go, exec_err, opts->echo);
    if (e < 0) {
        return e;
    }
    ex.envp = ps_supervisor_build_env(extra, python);
    ex.out_w = out[1];
    ex.err_w = err[1];
    ex.go_r = go[0];
    ex.go_w = go[1];
    ex.err_w_exec = exec_err[1];
    e = ps_supervisor_fork(sup, &ex, go, exec_err);
    free(ex.envp);
    if (out[1] >= 0) {
        close(out[1]);
        close(err[1]);
    }
    sup->streams[0] = (struct ps_supervisor_stream){.fd = out[0], .stream = 1};
    sup->streams[1] = (struct ps_supervisor_stream){.fd = err[0], .stream = 2};
    return e;
}
