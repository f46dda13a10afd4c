/* SPDX-License-Identifier: MIT */
#include "demo_run.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/env.h"
#include "probe/probe.h"
#include "session/sink.h"
#include "supervisor/supervisor.h"

/* The child's side of demo_run: stdout into the pipe, environment, exec. */
static _Noreturn void demo_run_exec(char *path, const char *arg, const char *scale, int fd)
{
    char argbuf[256];
    char *argv[] = {path, argbuf, NULL};

    if (arg != NULL)
        snprintf(argbuf, sizeof argbuf, "%s", arg);
    else
        argv[1] = NULL;

    dup2(fd, STDOUT_FILENO);
    close(fd);
    unsetenv(PS_ENV_RING_FD);
    unsetenv(PS_ENV_ECHO);
    if (scale != NULL)
        setenv(PS_ENV_TIME_SCALE, scale, 1);
    else
        unsetenv(PS_ENV_TIME_SCALE);
    execv(path, argv);
    _exit(127);
}

int demo_run(const char *binary, const char *arg, const char *scale, char *out, size_t size)
{
    char path[512];
    size_t used = 0;
    int fds[2], status;
    pid_t pid;
    ssize_t n;

    snprintf(path, sizeof path, "%s/%s", PS_DEMO_DIR, binary);
    if (size == 0 || pipe(fds) < 0)
        return -EINVAL;
    fflush(NULL);
    pid = fork();
    if (pid < 0)
        return -errno;
    if (pid == 0) {
        close(fds[0]);
        demo_run_exec(path, arg, scale, fds[1]);
    }
    close(fds[1]);
    while ((n = read(fds[0], out + used, size - 1 - used)) != 0) {
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0)
            used += (size_t)n;
        if (used == size - 1)
            break;
    }
    out[used] = '\0';
    close(fds[0]);
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -errno;
    return status;
}

size_t demo_lines(char *text, char **lines, size_t max)
{
    size_t n = 0;
    char *nl;

    while (n < max && (nl = strchr(text, '\n')) != NULL) {
        *nl = '\0';
        lines[n++] = text;
        text = nl + 1;
    }
    return n;
}

struct demo_run_fold {
    struct ps_model *model;
    struct ring_collect *collect;
};

/* Sink: fold into the model, then collect. */
static int demo_run_event(void *ctx, const struct ps_event *ev)
{
    struct demo_run_fold *f = ctx;

    ps_model_apply(f->model, ev);
    return f->collect != NULL ? ring_collect_event(f->collect, ev) : 0;
}

int demo_supervise(const char *binary, const char *arg, double time_scale, struct ps_model *model,
                   struct ring_collect *c)
{
    char path[512], argbuf[256];
    char *argv[] = {path, arg != NULL ? argbuf : NULL, NULL};
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = time_scale};
    struct demo_run_fold fold = {model, c};
    struct ps_sink sink = {.on_event = demo_run_event, .ctx = &fold};
    struct ps_supervisor *sup = NULL;
    struct ps_session_end end;
    int rc;

    snprintf(path, sizeof path, "%s/%s", PS_DEMO_DIR, binary);
    if (arg != NULL)
        snprintf(argbuf, sizeof argbuf, "%s", arg);
    ps_model_init(model);
    unsetenv(PS_ENV_RING_FD);
    rc = ps_supervisor_start(&sup, &opts);
    if (rc < 0)
        return rc;
    while (!ps_supervisor_finished(sup)) {
        rc = ps_supervisor_poll(sup, &sink, 100);
        if (rc < 0)
            break;
    }
    ps_supervisor_end(sup, &end);
    ps_supervisor_free(sup);
    return rc < 0 ? rc : end.exit_status;
}

const struct ps_model_proc *demo_model_proc(const struct ps_model *m, const char *name)
{
    for (uint32_t i = 0; i < m->nprocs; i++)
        if (strcmp(m->procs[i].name, name) == 0)
            return &m->procs[i];
    return NULL;
}
