/* SPDX-License-Identifier: MIT */
/*
 * What the supervisor's files share: the session state and the helpers of
 * supervisor_spawn.c (starting the child) and supervisor_proc.c (reaping,
 * ending the group, captured output, the supervisor's own events). Never
 * included outside src/supervisor.
 */
#ifndef PS_SUPERVISOR_SUPERVISOR_INTERNAL_H
#define PS_SUPERVISOR_SUPERVISOR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/event.h"
#include "core/ring.h"
#include "session/sink.h"
#include "supervisor/supervisor.h"

/* Grace between SIGTERM and SIGKILL when a session ends. */
#define PS_SUPERVISOR_GRACE_NS 300000000u
/* Longest a poll() waits, whatever the caller asked, so the ring never sits unread long. */
#define PS_SUPERVISOR_MAX_WAIT_MS 50
/* Captured output waits while this many of our own events are not yet in the ring. */
#define PS_SUPERVISOR_PENDING_MAX 4096u

/* One captured stream of the demo (its stdout or stderr). */
struct ps_supervisor_stream {
    int fd;     /* read end, non-blocking; -1 once closed */
    int stream; /* 1 stdout, 2 stderr */
    size_t len; /* bytes of the unfinished line in buf */
    char buf[PS_EVENT_TEXT_MAX];
};

/* An event of the supervisor's own, waiting for room in the ring. */
struct ps_supervisor_pending {
    struct ps_event ev;
    char *text; /* owned; NULL when the event has no text */
};

struct ps_supervisor {
    struct ps_ring ring;
    struct ps_session_info info;
    pid_t self;     /* this process */
    pid_t main_pid; /* the demo's main process, also its process group */
    int pidfd;      /* a pidfd of main while it runs, or -1 */
    struct ps_supervisor_stream streams[2];

    struct ps_supervisor_pending *pending; /* a FIFO: [pending_head, pending_len) */
    size_t pending_head, pending_len, pending_cap;

    const struct ps_sink *sink; /* during a drain */
    uint64_t delivered;
    uint64_t drops_reported, torn_reported;

    int main_status; /* exit code, or -N when killed by signal N */
    bool main_reaped;
    bool group_gone; /* no process of the group left, zombies included */
    bool paused, stepping;
    bool cut_short;      /* stopped before main ended by itself */
    int end_phase;       /* 0: running, 1: SIGTERM sent, 2: SIGKILL sent */
    uint64_t term_at_ns; /* when SIGTERM went out */
    uint64_t gone_at_ns; /* when the group was found gone */
    uint64_t end_mono_ns;
};

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

#endif /* PS_SUPERVISOR_SUPERVISOR_INTERNAL_H */
