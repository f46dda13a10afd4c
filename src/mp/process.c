/* SPDX-License-Identifier: MIT */
#include "mp/process.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "mp/sync_internal.h"
#include "mp/vclock.h"
#include "probe/probe.h"
#include "probe/probe_fork.h"

#define PS_PROCESS_IDENTITY_MAX 64

struct ps_process {
    const struct ps_process_kind *kind;
    ps_process_target_fn target;
    void *arg;
    char *name;
    char identity[PS_PROCESS_IDENTITY_MAX]; /* "3", or "2:1" for a child's child */
    unsigned number;                        /* n: this object's place in the counter */
    bool daemon;
    bool ended;   /* reaped (or found gone) */
    pid_t pid;    /* 0 before start */
    pid_t parent; /* the creator's pid */
    int exitcode; /* PS_EXITCODE_NONE until ended */
    struct ps_process *next;
};

/* Objects this process created, newest first. */
static struct ps_process *ps_process_list;
/* In a child: its own object (Python's _current_process); NULL in main and in workers. */
static struct ps_process *ps_process_self;
/* The current process's name and parent when it has no object of its own. */
static char ps_process_my_name[64] = "MainProcess";
static pid_t ps_process_my_parent;
/* Python's _process_counter: objects created by this process so far. */
static unsigned ps_process_counter;
/* True once ps_mp_init prepared setproctitle. */
static bool ps_process_title_ok;

/* The plain kind's run: call the target. */
static int ps_process_run_target(struct ps_process *self, void *arg)
{
    return self->target != NULL ? self->target(arg) : 0;
}

const struct ps_process_kind ps_process_kind_default = {"Process", ps_process_run_target};

/* Fill p->identity (parent identity + ":" + n) and, with no explicit name, p->name. */
static int ps_process_name_default(struct ps_process *p, const char *name)
{
    const char *prefix = ps_process_self != NULL ? ps_process_self->identity : "";
    int n =
        snprintf(p->identity, sizeof p->identity, "%s%s%u", prefix, *prefix ? ":" : "", p->number);

    if (n < 0 || (size_t)n >= sizeof p->identity)
        return -ENAMETOOLONG;
    if (name != NULL) {
        p->name = strdup(name);
    } else {
        size_t size = strlen(p->kind->name) + 1 + (size_t)n + 1;

        p->name = malloc(size);
        if (p->name != NULL)
            snprintf(p->name, size, "%s-%s", p->kind->name, p->identity);
    }
    return p->name != NULL ? 0 : -ENOMEM;
}

struct ps_process *ps_process_new(const struct ps_process_kind *kind, ps_process_target_fn target,
                                  void *arg, const char *name, bool daemon)
{
    struct ps_process *p = calloc(1, sizeof *p);
    int rc;

    if (p == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    p->kind = kind != NULL ? kind : &ps_process_kind_default;
    p->target = target;
    p->arg = arg;
    p->daemon = daemon;
    p->parent = getpid();
    p->exitcode = PS_EXITCODE_NONE;
    p->number = ps_process_next_number();
    rc = ps_process_name_default(p, name);
    if (rc < 0) {
        free(p);
        errno = -rc;
        return NULL;
    }
    p->next = ps_process_list;
    ps_process_list = p;
    return p;
}

unsigned ps_process_next_number(void)
{
    return ++ps_process_counter;
}

int ps_process_set_daemon(struct ps_process *p, bool daemon)
{
    if (p->pid != 0)
        return -EINVAL;
    p->daemon = daemon;
    return 0;
}

/* Set the OS-visible titles of the calling child to `name`. */
static void ps_process_set_title(const char *name)
{
    prctl(PR_SET_NAME, name, 0, 0, 0);
    if (ps_process_title_ok)
        setproctitle("-%s", name);
}

void ps_process_child_begin(const char *name, bool daemon)
{
    ps_process_list = NULL; /* the parent's objects are not ours to join */
    ps_process_counter = 0;
    ps_process_self = NULL;
    ps_process_my_parent = getppid();
    strlcpy(ps_process_my_name, name, sizeof ps_process_my_name);
    ps_process_set_title(name);
    ps_emit_proc_start((int32_t)ps_process_my_parent, daemon, name, PS_EMIT_STR);
}

_Noreturn void ps_process_child_end(int code)
{
    code &= 0xff;
    ps_mp_main_end();
    ps_emit_proc_exit((int32_t)ps_probe_pid(), code);
    ps_vclock_gone(getpid());
    _exit(code);
}

/* The child's side of start: run, end like Python's _bootstrap, _exit. */
static _Noreturn void ps_process_child(struct ps_process *p, int slot, struct ps_spawn_gate *gate)
{
    ps_vclock_enter(slot);
    ps_spawn_gate_wait(gate);
    ps_process_child_begin(p->name, p->daemon);
    ps_process_self = p;
    ps_process_child_end(p->kind->run(p, p->arg));
}

int ps_process_start(struct ps_process *p)
{
    struct ps_spawn_gate gate;
    int slot, err;
    pid_t pid;

    if (p->pid != 0 || p->parent != getpid())
        return -EINVAL;
    fflush(NULL); /* stdio data written before fork must not appear twice */
    slot = ps_vclock_reserve();
    ps_spawn_gate_make(&gate);
    ps_probe_fork_managed(true); /* the child announces itself */
    pid = fork();
    ps_probe_fork_managed(false);
    err = errno;
    if (pid == 0)
        ps_process_child(p, slot, &gate);
    ps_vclock_spawned(slot, pid);
    if (pid < 0) {
        ps_spawn_gate_open(&gate);
        return -err;
    }
    p->pid = pid;
    ps_emit_proc_spawn(p->number, (int32_t)pid, p->daemon, p->name, PS_EMIT_STR);
    ps_spawn_gate_open(&gate);
    return 0;
}

/*
 * waitpid the child with `options`. Returns 1 when it has ended (exitcode
 * set; proc.signalled emitted for a signal), 0 while it runs, or -errno.
 */
static int ps_process_reap(struct ps_process *p, int options)
{
    int status;
    pid_t r;

    if (p->ended)
        return 1;
    do {
        r = waitpid(p->pid, &status, options);
    } while (r < 0 && errno == EINTR);
    if (r == 0)
        return 0;
    if (r < 0) {
        if (errno != ECHILD)
            return -errno;
        p->ended = true; /* reaped elsewhere: the code is unknown */
        return 1;
    }
    p->ended = true;
    ps_vclock_gone(p->pid);
    if (WIFSIGNALED(status)) {
        p->exitcode = -WTERMSIG(status);
        ps_emit_proc_signalled((int32_t)p->pid, WTERMSIG(status));
    } else {
        p->exitcode = WEXITSTATUS(status);
    }
    return 1;
}

/* Poll the child without blocking; true once it has ended. */
static bool ps_process_poll(struct ps_process *p)
{
    return p->pid != 0 && ps_process_reap(p, WNOHANG) == 1;
}

/* Wait up to `timeout` seconds for the child to end, polling. Returns as ps_process_reap. */
static int ps_process_wait_until(struct ps_process *p, double timeout)
{
    uint64_t deadline = ps_clock_mono_ns() + (uint64_t)(timeout * 1e9);
    uint64_t step = 100000; /* 0.1 ms, doubling to 10 ms */
    int rc;

    while ((rc = ps_process_reap(p, WNOHANG)) == 0) {
        uint64_t now = ps_clock_mono_ns();

        if (now >= deadline)
            return 0;
        ps_clock_sleep_ns(step < deadline - now ? step : deadline - now);
        if (step < 10000000)
            step *= 2;
    }
    return rc;
}

int ps_process_join(struct ps_process *p, double timeout)
{
    int rc;

    if (p->pid == 0 || p->parent != getpid())
        return -EINVAL;
    if (timeout != 0 && ps_probe_active() && !ps_process_poll(p))
        ps_emit_wait_begin(0, (int32_t)p->pid, PS_WAIT_JOIN, 0, NULL, 0);
    ps_vclock_blocked(1);
    if (timeout < 0)
        rc = ps_process_reap(p, 0);
    else
        rc = ps_process_wait_until(p, timeout > 1e9 ? 1e9 : timeout);
    ps_vclock_blocked(0);
    if (rc < 0)
        return rc;
    ps_emit_proc_join((int32_t)p->pid, rc == 1 ? p->exitcode : 0, rc == 0);
    return rc == 1 ? 0 : -ETIMEDOUT;
}

/* Send `sig` to a started child that has not been reaped, with proc.terminate. */
static int ps_process_signal(struct ps_process *p, int sig)
{
    if (p->pid == 0)
        return -EINVAL;
    if (p->ended)
        return 0;
    if (kill(p->pid, sig) < 0)
        return errno == ESRCH ? 0 : -errno;
    ps_vclock_gone(p->pid); /* about to die: sleepers must not wait for it */
    ps_emit_proc_terminate((int32_t)p->pid, sig);
    return 0;
}

int ps_process_terminate(struct ps_process *p)
{
    return ps_process_signal(p, SIGTERM);
}

int ps_process_kill(struct ps_process *p)
{
    return ps_process_signal(p, SIGKILL);
}

bool ps_process_is_alive(struct ps_process *p)
{
    if (p == ps_process_self)
        return true;
    if (p->pid == 0 || p->parent != getpid())
        return false;
    return !ps_process_poll(p);
}

int ps_process_exitcode(struct ps_process *p)
{
    if (p->pid != 0 && p->parent == getpid())
        ps_process_poll(p);
    return p->exitcode;
}

pid_t ps_process_pid(const struct ps_process *p)
{
    return p->pid;
}

const char *ps_process_name(const struct ps_process *p)
{
    return p->name;
}

bool ps_process_daemon(const struct ps_process *p)
{
    return p->daemon;
}

/* Append the NUL-terminated piece to buf at *len (cut at size). */
static void ps_process_repr_put(char *buf, size_t size, size_t *len, const char *piece)
{
    for (; *piece != '\0' && *len + 1 < size; piece++)
        buf[(*len)++] = *piece;
    buf[*len] = '\0';
}

/* Append Python's repr() of the string s to buf at *len (cut at size). */
static void ps_process_repr_str(char *buf, size_t size, size_t *len, const char *s)
{
    char quote = strchr(s, '\'') != NULL && strchr(s, '"') == NULL ? '"' : '\'';
    char tmp[8] = {quote, '\0'};

    ps_process_repr_put(buf, size, len, tmp);
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;

        if (ch == (unsigned char)quote || ch == '\\')
            snprintf(tmp, sizeof tmp, "\\%c", ch);
        else if (ch < 0x20)
            snprintf(tmp, sizeof tmp, ch == '\n' ? "\\n" : ch == '\t' ? "\\t" : "\\x%02x", ch);
        else
            snprintf(tmp, sizeof tmp, "%c", ch);
        ps_process_repr_put(buf, size, len, tmp);
    }
    tmp[0] = quote;
    tmp[1] = '\0';
    ps_process_repr_put(buf, size, len, tmp);
}

/* Python's status word for p, polling a started child. */
static const char *ps_process_status(struct ps_process *p)
{
    if (p == ps_process_self)
        return "started";
    if (p->parent != getpid())
        return "unknown";
    if (p->pid == 0)
        return "initial";
    return ps_process_poll(p) ? "stopped" : "started";
}

char *ps_process_repr(struct ps_process *p, char *buf, size_t size)
{
    const char *status = ps_process_status(p);
    size_t len;
    int n;

    if (size == 0)
        return buf;
    n = snprintf(buf, size, "<%s name=", p->kind->name);
    len = n < 0 ? 0 : (size_t)n < size ? (size_t)n : size - 1;
    ps_process_repr_str(buf, size, &len, p->name);
    n = 0;
    if (p->pid != 0)
        n = snprintf(buf + len, size - len, " pid=%d", (int)p->pid);
    len += n < 0 ? 0 : (size_t)n < size - len ? (size_t)n : size - len - 1;
    n = snprintf(buf + len, size - len, " parent=%d %s", (int)p->parent, status);
    len += n < 0 ? 0 : (size_t)n < size - len ? (size_t)n : size - len - 1;
    if (strcmp(status, "stopped") == 0 && p->exitcode != PS_EXITCODE_NONE) {
        const char *sig = p->exitcode < 0 ? sigabbrev_np(-p->exitcode) : NULL;

        if (sig != NULL)
            n = snprintf(buf + len, size - len, " exitcode=-SIG%s", sig);
        else
            n = snprintf(buf + len, size - len, " exitcode=%d", p->exitcode);
        len += n < 0 ? 0 : (size_t)n < size - len ? (size_t)n : size - len - 1;
    }
    snprintf(buf + len, size - len, "%s>", p->daemon ? " daemon" : "");
    return buf;
}

int ps_process_free(struct ps_process *p)
{
    struct ps_process **link = &ps_process_list;

    if (p->pid != 0 && !p->ended && p->parent == getpid())
        return -EBUSY;
    while (*link != NULL && *link != p)
        link = &(*link)->next;
    if (*link == p)
        *link = p->next;
    free(p->name);
    free(p);
    return 0;
}

const char *ps_process_current_name(void)
{
    return ps_process_self != NULL ? ps_process_self->name : ps_process_my_name;
}

pid_t ps_process_parent_pid(void)
{
    return ps_process_self != NULL ? ps_process_self->parent : ps_process_my_parent;
}

void ps_mp_init(int argc, char *argv[])
{
    extern char **environ;

    if (argc > 0 && argv != NULL && !ps_process_title_ok) {
        setproctitle_init(argc, argv, environ);
        ps_process_title_ok = true;
    }
}

int ps_mp_main_end(void)
{
    struct ps_process *p;

    for (p = ps_process_list; p != NULL; p = p->next)
        if (p->daemon && p->pid != 0 && !ps_process_poll(p))
            ps_process_terminate(p);
    for (int daemons = 1; daemons >= 0; daemons--) /* the terminated ones first */
        for (p = ps_process_list; p != NULL; p = p->next)
            if (p->daemon == daemons && p->pid != 0 && !ps_process_poll(p))
                ps_process_join(p, -1);
    while (ps_process_list != NULL) {
        p = ps_process_list;
        ps_process_list = p->next;
        free(p->name);
        free(p);
    }
    return 0;
}
