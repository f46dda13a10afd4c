/* SPDX-License-Identifier: MIT */
/*
 * What the supervisor's files share: the session state and the helpers of
 * supervisor_spawn.c (starting the child) and supervisor_proc.c (reaping,
 * ending the group, captured output, the supervisor's own events). Never
 * included outside src/supervisor.
 */
#ifndef PS_SUPERVISOR_SUPERVISOR_INTERNAL_H
#define PS_SUPERVISOR_SUPERVISOR_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "core/ring.h"
#include "session/sink.h"
#include "supervisor/step_clock.h"
#include "supervisor/supervisor.h"

/* Grace between SIGTERM and SIGKILL when a session ends. */
#define PS_SUPERVISOR_GRACE_NS 300000000u
/* Longest a poll() waits, whatever the caller asked, so the ring never sits unread long. */
#define PS_SUPERVISOR_MAX_WAIT_MS 50
/* After the ring last had events, the supervisor sleeps at most 1 ms for this long. */
#define PS_SUPERVISOR_BUSY_NS 20000000u
/* Captured output waits while this many of our own events are not yet in the ring. */
#define PS_SUPERVISOR_PENDING_MAX 32768u
/* Bytes of one captured stream held between reads (one read() fills what is free). */
#define PS_SUPERVISOR_STREAM_BUF 65536u
/* Bytes read from one stream per round at most, so output cannot starve the ring. */
#define PS_SUPERVISOR_READ_BUDGET (1u << 20)

/* One captured stream of the demo (its stdout or stderr). */
struct ps_supervisor_stream {
    int fd;     /* read end, non-blocking; -1 once closed */
    int stream; /* 1 stdout, 2 stderr */
    size_t len; /* bytes read but not yet split into lines */
    char buf[PS_SUPERVISOR_STREAM_BUF];
};

/* An event of the supervisor's own, waiting for room in the ring. */
struct ps_supervisor_pending {
    struct ps_event ev;
    char *text; /* owned; NULL when the event has no text */
};

/* A process of the session we watch for its death (a pidfd in the wake set). */
struct ps_supervisor_proc {
    pid_t pid;
    int pidfd; /* -1 once its death was seen */
};

/* How the session is contained (supervisor_contain.c). */
struct ps_supervisor_contain {
    char cgroup[PATH_MAX]; /* the session's leaf cgroup directory, "" without one */
    char marker[64];       /* PS_CONTAIN_ENV=<unique>: in every session process's environment */
    int life_w;            /* our end of the keeper's pipe, -1 without a keeper */
    uint64_t swept_ns;     /* when every process was last signalled during the end */
};

struct ps_supervisor {
    struct ps_ring ring;
    struct ps_session_info info;
    pid_t self;     /* this process */
    pid_t main_pid; /* the demo's main process, also its process group */
    int wake_fd;    /* epoll set of the watched processes' pidfds: readable on a death; or -1 */
    struct ps_supervisor_proc *procs; /* processes watched for their death */
    size_t procs_len, procs_cap;
    struct ps_supervisor_contain contain;
    int contain_kind; /* PS_CONTAIN_* */
    uint64_t last_t_ns; /* t_ns of the last event delivered */
    struct ps_supervisor_stream streams[2];

    struct ps_supervisor_pending *pending; /* a FIFO: [pending_head, pending_len) */
    size_t pending_head, pending_len, pending_cap;

    const struct ps_sink *sink; /* during a drain */
    uint64_t delivered;
    uint64_t drops_reported, torn_reported, corrupt_reported;
    uint64_t active_at_ns; /* when a drain last found events */

    int main_status; /* exit code, or -N when killed by signal N */
    bool main_reaped;
    bool group_gone; /* no process of the group left, zombies included */
    bool paused, stepping;
    struct ps_step_clock step_clock; /* the time held at the step gate, left out of events */
    bool cut_short;      /* stopped before main ended by itself */
    int end_phase;       /* 0: running, 1: SIGTERM sent, 2: SIGKILL sent */
    uint64_t term_at_ns; /* when SIGTERM went out */
    uint64_t gone_at_ns; /* when the group was found gone */
    uint64_t end_mono_ns;
};

/* supervisor.c: when a child of ours last died (0: not known; see install_signals). */
uint64_t ps_supervisor_last_child_death_ns(void);

/* supervisor_spawn.c: fork and exec the demo as described in supervisor.h; sets main_pid. */
int ps_supervisor_spawn(struct ps_supervisor *sup, const struct ps_supervisor_opts *opts);

/* supervisor_proc.c */
void ps_supervisor_queue(struct ps_supervisor *sup, unsigned type, int32_t pid, int32_t peer,
                         int64_t a, const char *text, size_t len);
void ps_supervisor_flush(struct ps_supervisor *sup);
void ps_supervisor_read_streams(struct ps_supervisor *sup);
void ps_supervisor_close_streams(struct ps_supervisor *sup);
void ps_supervisor_reap(struct ps_supervisor *sup);
void ps_supervisor_check_group(struct ps_supervisor *sup);
void ps_supervisor_end_group(struct ps_supervisor *sup);
void ps_supervisor_watch(struct ps_supervisor *sup, pid_t pid);
/* Before one permit is granted: the oldest process waiting at the gate takes it (if known). */
void ps_supervisor_step_oldest(struct ps_supervisor *sup);

/* The variable that marks a session's processes for the keeper (supervisor_contain.c). */
#define PS_CONTAIN_ENV "PROCSCOPE_SESSION"

/* supervisor_contain.c: see the comment at its top. */
int ps_contain_prepare(struct ps_supervisor *sup);
int ps_contain_adopt(struct ps_supervisor *sup, pid_t main_pid);
void ps_contain_signal_all(struct ps_supervisor *sup, int sig);
bool ps_contain_member(const struct ps_supervisor *sup, pid_t pid);
void ps_contain_release(struct ps_supervisor *sup, bool clean);

#endif /* PS_SUPERVISOR_SUPERVISOR_INTERNAL_H */
