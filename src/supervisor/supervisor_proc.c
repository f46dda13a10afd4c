/* SPDX-License-Identifier: MIT */
#include "supervisor/supervisor_internal.h"

/*
 * The supervisor's side of a running session: its own events (queued, then
 * put into the ring like any producer's so that order and seq stay global),
 * the demo's captured output split into lines, and reaping and ending the
 * process group. Nothing here blocks: ps_supervisor_poll drives it.
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/xalloc.h"

void ps_supervisor_queue(struct ps_supervisor *sup, unsigned type, int32_t pid, int32_t peer,
                         int64_t a, const char *text, size_t len)
{
    if (sup->pending_len == sup->pending_cap) {
        if (sup->pending_head > 0) { /* compact the FIFO before growing it */
            size_t live = sup->pending_len - sup->pending_head;
            memmove(sup->pending, sup->pending + sup->pending_head, live * sizeof *sup->pending);
            sup->pending_len = live;
            sup->pending_head = 0;
        }
        if (sup->pending_len == sup->pending_cap) {
            sup->pending_cap = sup->pending_cap ? sup->pending_cap * 2 : 64;
            sup->pending = ps_xreallocarray(sup->pending, sup->pending_cap, sizeof *sup->pending);
        }
    }
    struct ps_supervisor_pending *p = &sup->pending[sup->pending_len++];
    memset(p, 0, sizeof *p);
    p->ev.t_ns = ps_clock_mono_ns();
    p->ev.type = (uint16_t)type;
    p->ev.pid = pid;
    p->ev.peer = peer;
    p->ev.a = a;
    if (len > 0) {
        p->text = ps_xmalloc(len);
        memcpy(p->text, text, len);
        p->ev.text = p->text;
        p->ev.text_len = (uint32_t)len;
    }
}

/* Put queued events into the ring, oldest first, while there is room. */
void ps_supervisor_flush(struct ps_supervisor *sup)
{
    while (sup->pending_head < sup->pending_len) {
        struct ps_supervisor_pending *p = &sup->pending[sup->pending_head];
        int err = ps_ring_emit(&sup->ring, &p->ev, PS_RING_EMIT_TRY | PS_RING_EMIT_NOGATE);
        if (err == -EAGAIN) {
            return;
        }
        free(p->text);
        sup->pending_head++;
    }
    sup->pending_head = sup->pending_len = 0;
}

/*
 * Queue the complete lines in a stream's buffer (all of it when `flush`). A
 * line longer than PS_EVENT_TEXT_MAX goes out in pieces of that size.
 */
static void ps_supervisor_split_lines(struct ps_supervisor *sup, struct ps_supervisor_stream *s,
                                      bool flush)
{
    size_t start = 0;
    while (start < s->len) {
        size_t avail = s->len - start;
        const char *nl = memchr(s->buf + start, '\n',
                                avail < PS_EVENT_TEXT_MAX + 1 ? avail : PS_EVENT_TEXT_MAX + 1);
        if (!nl && avail <= PS_EVENT_TEXT_MAX && !flush) {
            break; /* the line goes on in the next read */
        }
        size_t take = nl                           ? (size_t)(nl - (s->buf + start))
                      : avail < PS_EVENT_TEXT_MAX ? avail
                                                  : PS_EVENT_TEXT_MAX;
        ps_supervisor_queue(sup, PS_EV_STDIO, sup->main_pid, 0, s->stream, s->buf + start, take);
        start += take + (nl != NULL);
    }
    memmove(s->buf, s->buf + start, s->len - start);
    s->len -= start;
}

static void ps_supervisor_close_stream(struct ps_supervisor *sup, struct ps_supervisor_stream *s)
{
    ps_supervisor_split_lines(sup, s, true);
    close(s->fd);
    s->fd = -1;
}

/*
 * Read what a stream has now in large reads, up to a byte budget and while
 * our queue has room, so a chatty demo is read in bulk but cannot starve the loop.
 */
static void ps_supervisor_read_stream(struct ps_supervisor *sup, struct ps_supervisor_stream *s)
{
    size_t total = 0;
    while (s->fd >= 0 && total < PS_SUPERVISOR_READ_BUDGET &&
           sup->pending_len - sup->pending_head < PS_SUPERVISOR_PENDING_MAX) {
        ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - s->len);
        if (n < 0) {
            if (errno != EINTR && errno != EAGAIN) {
                ps_supervisor_close_stream(sup, s);
            }
            if (errno != EINTR) {
                return;
            }
            continue;
        }
        if (n == 0) {
            ps_supervisor_close_stream(sup, s);
            return;
        }
        s->len += (size_t)n;
        total += (size_t)n;
        ps_supervisor_split_lines(sup, s, false);
    }
}

void ps_supervisor_read_streams(struct ps_supervisor *sup)
{
    for (int i = 0; i < 2; i++) {
        if (sup->pending_len - sup->pending_head < PS_SUPERVISOR_PENDING_MAX) {
            ps_supervisor_read_stream(sup, &sup->streams[i]);
        }
    }
}

void ps_supervisor_close_streams(struct ps_supervisor *sup)
{
    for (int i = 0; i < 2; i++) {
        if (sup->streams[i].fd >= 0) {
            ps_supervisor_close_stream(sup, &sup->streams[i]);
        }
    }
}

/* The wait status of zombie `pid` from /proc/PID/stat (field 52), or -1 when it is gone. */
static int ps_supervisor_zombie_status(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return -1;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    char *p = n > 0 ? strrchr((buf[n] = '\0', buf), ')') : NULL;
    if (!p || p[1] != ' ' || p[2] != 'Z') {
        return -1; /* not (or no longer) a zombie: its status is not ours to read */
    }
    for (int field = 2; field < 52 && p; field++) {
        p = strchr(p + 1, ' ');
    }
    return p ? atoi(p + 1) : -1;
}

/* Stop watching process slot `i`. */
static void ps_supervisor_unwatch(struct ps_supervisor *sup, size_t i)
{
    struct ps_supervisor_proc *w = &sup->procs[i];
    if (w->pidfd >= 0) {
        epoll_ctl(sup->wake_fd, EPOLL_CTL_DEL, w->pidfd, NULL);
        close(w->pidfd);
        w->pidfd = -1;
    }
}

/* Queue proc.died for watched slot `i` with wait status `status`, once. */
static void ps_supervisor_died(struct ps_supervisor *sup, size_t i, int status)
{
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    ps_supervisor_queue(sup, PS_EV_PROC_DIED, sup->self, sup->procs[i].pid, code, NULL, 0);
    ps_supervisor_unwatch(sup, i);
}

/* The watch slot of `pid` (with a live pidfd or not), or -1. */
static ssize_t ps_supervisor_watched(const struct ps_supervisor *sup, pid_t pid)
{
    for (size_t i = sup->procs_len; i-- > 0;) {
        if (sup->procs[i].pid == pid) {
            return (ssize_t)i;
        }
    }
    return -1;
}

void ps_supervisor_watch(struct ps_supervisor *sup, pid_t pid)
{
    if (pid <= 0 || pid == sup->self || ps_supervisor_watched(sup, pid) >= 0) {
        return;
    }
    if (sup->wake_fd < 0 && (sup->wake_fd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        return;
    }
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (fd < 0) {
        return; /* already reaped: its parent's join or our reap tells its end */
    }
    if (pid != sup->main_pid && !ps_contain_member(sup, pid)) {
        close(fd); /* the number was reused outside the session */
        return;
    }
    if (sup->procs_len == sup->procs_cap) {
        sup->procs_cap = sup->procs_cap ? sup->procs_cap * 2 : 16;
        sup->procs = ps_xreallocarray(sup->procs, sup->procs_cap, sizeof *sup->procs);
    }
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = sup->procs_len};
    sup->procs[sup->procs_len++] = (struct ps_supervisor_proc){.pid = pid, .pidfd = fd};
    epoll_ctl(sup->wake_fd, EPOLL_CTL_ADD, fd, &ev);
}

/* Queue proc.died for every watched process that has died since the last look. */
static void ps_supervisor_check_deaths(struct ps_supervisor *sup)
{
    struct epoll_event evs[64];
    int n;
    while (sup->wake_fd >= 0 && (n = epoll_wait(sup->wake_fd, evs, 64, 0)) > 0) {
        for (int k = 0; k < n; k++) {
            size_t i = (size_t)evs[k].data.u64;
            int status = ps_supervisor_zombie_status(sup->procs[i].pid);
            if (status >= 0) {
                ps_supervisor_died(sup, i, status);
            } else {
                ps_supervisor_unwatch(sup, i); /* reaped by its parent already */
            }
        }
    }
}

/* Record one reaped process: its death (when not seen yet), its reap, main's status. */
static void ps_supervisor_reaped(struct ps_supervisor *sup, pid_t pid, int status)
{
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    unsigned type = WIFEXITED(status) ? PS_EV_PROC_EXIT : PS_EV_PROC_SIGNALLED;
    ssize_t i = ps_supervisor_watched(sup, pid);
    if (i >= 0 && sup->procs[i].pidfd >= 0) {
        ps_supervisor_died(sup, (size_t)i, status);
    }
    ps_supervisor_queue(sup, type, sup->self, pid, code < 0 ? -code : code, NULL, 0);
    if (pid == sup->main_pid) {
        sup->main_reaped = true;
        sup->main_status = code;
    }
}

/*
 * Reap every process of the session that has ended: our children and the
 * orphans we adopted as subreaper (also those that left the process group).
 */
void ps_supervisor_reap(struct ps_supervisor *sup)
{
    int status;
    if (sup->main_pid <= 0) {
        return;
    }
    ps_supervisor_check_deaths(sup);
    for (;;) {
        pid_t pid = waitpid(-1, &status, WNOHANG);
        if (pid > 0) {
            ps_supervisor_reaped(sup, pid, status);
        } else if (pid == 0 || errno != EINTR) {
            return;
        }
    }
}

/* The session's end time: the last death we were told of, never before the last event. */
static uint64_t ps_supervisor_end_time(const struct ps_supervisor *sup)
{
    uint64_t now = ps_clock_mono_ns();
    uint64_t died = ps_supervisor_last_child_death_ns();
    uint64_t t = died != 0 && died <= now ? died : now;
    return t > sup->last_t_ns ? t : sup->last_t_ns;
}

/* Note when no process of the session is left (a zombie still counts as one). */
void ps_supervisor_check_group(struct ps_supervisor *sup)
{
    siginfo_t si;
    if (sup->group_gone || sup->main_pid <= 0 || !sup->main_reaped) {
        return;
    }
    memset(&si, 0, sizeof si);
    /* as subreaper every process of the session is a descendant: none left, no child left */
    if (waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) < 0 && errno == ECHILD) {
        sup->group_gone = true;
        sup->gone_at_ns = ps_clock_mono_ns();
        sup->end_mono_ns = ps_supervisor_end_time(sup);
        ps_ring_set_paused(&sup->ring, false);
        ps_ring_set_torn_deadline(&sup->ring, 0); /* no producer is left to publish */
    }
}

/* Send `sig` to every process of the session, continuing it first when it is stopped. */
static void ps_supervisor_kill_group(struct ps_supervisor *sup, int sig)
{
    if (sup->main_pid > 0 && !sup->group_gone) {
        kill(-sup->main_pid, sig);
        if (sig != SIGKILL) {
            kill(-sup->main_pid, SIGCONT);
        }
        ps_contain_signal_all(sup, sig);
        sup->contain.swept_ns = ps_clock_mono_ns();
        sup->paused = false;
    }
}

/*
 * One step of ending the session after main is gone (or on stop): SIGTERM to
 * what is left, SIGKILL once the grace has passed. Never blocks.
 */
void ps_supervisor_end_group(struct ps_supervisor *sup)
{
    ps_supervisor_reap(sup);
    ps_supervisor_check_group(sup);
    if (sup->group_gone) {
        return;
    }
    if (sup->end_phase == 0) {
        ps_ring_gate_set(&sup->ring, false); /* nobody may wait at the gate now */
        ps_supervisor_kill_group(sup, SIGTERM);
        sup->term_at_ns = ps_clock_mono_ns();
        sup->end_phase = 1;
    } else if (sup->end_phase == 1 &&
               ps_clock_mono_ns() - sup->term_at_ns > PS_SUPERVISOR_GRACE_NS) {
        ps_supervisor_kill_group(sup, SIGKILL);
        sup->end_phase = 2;
    } else if (sup->end_phase == 2 && ps_clock_mono_ns() - sup->contain.swept_ns > 20000000u) {
        ps_supervisor_kill_group(sup, SIGKILL); /* what was forked meanwhile */
    }
}
