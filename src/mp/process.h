/* SPDX-License-Identifier: MIT */
/*
 * Process: Python's multiprocessing.Process with the fork start method.
 *
 * A process object is created in the parent (ps_process_new) and forked on
 * ps_process_start. The child runs its kind's run function (the plain
 * `Process` kind runs the target) and _exits with its return code: it never
 * returns into the parent's main and never runs the parent's atexit handlers.
 * Before that it does what Python's child does at the end of run: terminates
 * its own daemonic children and joins the others (ps_mp_main_end).
 *
 * Names follow Python: `<Kind>-<n>` where n counts every process object this
 * process created, named or not (so the second object is `Process-2` even if
 * the first had an explicit name); a child's own children are `<Kind>-<n>:<k>`.
 * The OS process title is the name: prctl(PR_SET_NAME) always (the 15-byte
 * `comm` that `ps -o comm`, top and /proc/PID/comm show), and the full
 * command line title `ps` shows as well when the demo called ps_mp_init().
 *
 * Events: the parent emits proc.spawn (peer = child, obj = n, a = daemon,
 * text = name) after fork; the child emits proc.start (peer = parent, a =
 * daemon, text = name) first thing and proc.exit (peer = itself, a = code)
 * just before _exit. Whoever reaps a child emits proc.join (peer, a =
 * exitcode, b = timed out) on join and proc.signalled (peer, a = signal) when
 * it died by a signal; terminate/kill emit proc.terminate (peer, a = signal).
 *
 * Process objects belong to the process that created them: only it may
 * start, join, terminate or query them (as Python). Not thread-safe.
 */
#ifndef PS_MP_PROCESS_H
#define PS_MP_PROCESS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* ps_process_exitcode() before the process has ended (Python's None). */
#define PS_EXITCODE_NONE INT_MIN

struct ps_process;

/* A process target: returns the child's exit code (0..255). */
typedef int (*ps_process_target_fn)(void *arg);

/*
 * A kind of process, as a Python Process subclass: `name` names its default
 * instances (`MyProcess-3`) and shows in repr; `run` is the code the child
 * runs (self and the arg given to ps_process_new), returning the exit code.
 */
struct ps_process_kind {
    const char *name;
    int (*run)(struct ps_process *self, void *arg);
};

/* The plain `Process` kind: run calls the target with its arg (no target: exit 0). */
extern const struct ps_process_kind ps_process_kind_default;

/*
 * Process(target=target, args=(arg,), name=name, daemon=daemon) of `kind`
 * (NULL: ps_process_kind_default). name NULL: the default `<Kind>-<n>`.
 * Returns the object (owned by this module: freed by ps_process_free or
 * ps_mp_main_end), or NULL with errno ENOMEM. Any process (its own objects).
 */
struct ps_process *ps_process_new(const struct ps_process_kind *kind, ps_process_target_fn target,
                                  void *arg, const char *name, bool daemon);

/* p.daemon = daemon, before start. Returns 0, or -EINVAL once started. */
int ps_process_set_daemon(struct ps_process *p, bool daemon);

/*
 * p.start(): fork; the child runs the kind's run function and _exits.
 * Returns 0, -EINVAL if already started, or -errno from fork. Creator only.
 */
int ps_process_start(struct ps_process *p);

/*
 * p.join(timeout): wait until the child ends; timeout < 0 waits forever.
 * Returns 0 once it has ended (reaped; exitcode set), -ETIMEDOUT if it is
 * still running after `timeout` seconds, -EINVAL if never started.
 * Emits proc.join either way. Creator only.
 */
int ps_process_join(struct ps_process *p, double timeout);

/* p.terminate(): SIGTERM. Returns 0 (also when already ended) or -EINVAL if not started. */
int ps_process_terminate(struct ps_process *p);

/* p.kill(): SIGKILL. Returns as ps_process_terminate. */
int ps_process_kill(struct ps_process *p);

/*
 * p.is_alive(): started and not yet found ended (polls without blocking, so it
 * stays true right after terminate until the child is reaped). Creator only.
 */
bool ps_process_is_alive(struct ps_process *p);

/*
 * p.exitcode: PS_EXITCODE_NONE before the end (polls without blocking), the
 * exit code, or -N when killed by signal N. Creator only.
 */
int ps_process_exitcode(struct ps_process *p);

/* p.pid: the child's pid, or 0 before start. */
pid_t ps_process_pid(const struct ps_process *p);

/* p.name (owned by p). */
const char *ps_process_name(const struct ps_process *p);

/* p.daemon. */
bool ps_process_daemon(const struct ps_process *p);

/*
 * repr(p) exactly as CPython 3.8+ BaseProcess.__repr__:
 * `<Process name='Process-1' parent=123 initial>`,
 * `<Process name='Process-1' pid=456 parent=123 started>`,
 * `<Process name='Process-1' pid=456 parent=123 stopped exitcode=-SIGTERM>`
 * (`exitcode=0`, `exitcode=1` for normal ends; ` daemon` last for daemons).
 * Polls like is_alive. Writes at most size bytes (NUL-terminated); returns buf.
 */
char *ps_process_repr(struct ps_process *p, char *buf, size_t size);

/*
 * Free a process object that was never started or has been joined. Returns 0,
 * or -EBUSY (nothing freed) while its child may still run. Creator only.
 */
int ps_process_free(struct ps_process *p);

/* multiprocessing.current_process().name: `MainProcess`, or the child's name. */
const char *ps_process_current_name(void);

/* multiprocessing.parent_process() pid: 0 in the main process. */
pid_t ps_process_parent_pid(void);

/*
 * Take the next number of Python's process counter (what names `<Kind>-<n>`),
 * for objects that are processes without being ps_process ones (pool workers
 * are `ForkPoolWorker-<n>`). Any process (its own counter).
 */
unsigned ps_process_next_number(void);

/*
 * For code that forks its own workers (the pool), first thing in the forked
 * child: `name` becomes the current process name, the OS titles are set, the
 * parent's process objects are forgotten, and proc.start (peer = parent,
 * a = daemon) is emitted. The forked child only.
 */
void ps_process_child_begin(const char *name, bool daemon);

/*
 * End such a child as a Process child ends: the exit handler for its own
 * children (ps_mp_main_end), proc.exit (a = code & 0xff), then _exit.
 */
_Noreturn void ps_process_child_end(int code);

/*
 * Optional first call in a demo's main: lets children set their full command
 * line title (libbsd setproctitle_init). Without it only `comm` is set.
 */
void ps_mp_init(int argc, char *argv[]);

/*
 * Python's exit handler for the end of main: SIGTERM to every live daemonic
 * child of this process, then join every started child, then free every
 * process object this process created. Returns 0. Any process (its own).
 */
int ps_mp_main_end(void);

#endif /* PS_MP_PROCESS_H */
