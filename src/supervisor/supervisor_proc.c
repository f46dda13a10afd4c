/* SPDX-License-Identifier: MIT */
#include "supervisor/supervisor_internal.h"

/*
 * The supervisor's side of a running session: its own events (queued, then
 * put into the ring like any producer's so that order and seq stay global),
 * the demo's captured output split into lines, and reaping and ending the
 * process group. Nothing here blocks: ps_supervisor_poll drives it.
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
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

/* Queue the complete lines in a stream's buffer (all of it when `flush`). */
static void ps_supervisor_split_lines(struct ps_supervisor *sup, struct ps_supervisor_stream *s,
                                      bool flush)
{
    size_t start = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->buf[i] == '\n') {
            ps_supervisor_queue(sup, PS_EV_STDIO, sup->main_pid, 0, s->stream, s->buf + start,
                                i - start);
            start = i + 1;
        }
    }
    if (start < s->len && (flush || (start == 0 && s->len == sizeof s->buf))) {
        /* the end of the stream, or a full buffer without a newline: the rest is a line */
        ps_supervisor_queue(sup, PS_EV_STDIO, sup->main_pid, 0, s->stream, s->buf + start,
                            s->len - start);
        start = s->len;
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

/* Read what a stream has now, up to a bound so one chatty demo cannot starve the loop. */
static void ps_supervisor_read_stream(struct ps_supervisor *sup, struct ps_supervisor_stream *s)
{
    for (int rounds = 0; s->fd >= 0 && rounds < 64; rounds++) {
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

/* Record one reaped process: its event, and the session's status when it is main. */
static void ps_supervisor_reaped(struct ps_supervisor *sup, pid_t pid, int status)
{
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
    unsigned type = WIFEXITED(status) ? PS_EV_PROC_EXIT : PS_EV_PROC_SIGNALLED;
    ps_supervisor_queue(sup, type, sup->self, pid, code < 0 ? -code : code, NULL, 0);
    if (pid == sup->main_pid) {
        sup->main_reaped = true;
        sup->main_status = code;
        if (sup->pidfd >= 0) {
            close(sup->pidfd);
            sup->pidfd = -1;
        }
    }
}

/* Reap every process of the group that has ended (our children and the orphans we adopted). */
void ps_supervisor_reap(struct ps_supervisor *sup)
{
    int status;
    if (sup->main_pid <= 0) {
        return;
    }
    for (;;) {
        pid_t pid = waitpid(-sup->main_pid, &status, WNOHANG);
        if (pid > 0) {
            ps_supervisor_reaped(sup, pid, status);
        } else if (pid == 0 || errno != EINTR) {
            return;
        }
    }
}

/* Note when no process of the group is left (a zombie still counts as one). */
void ps_supervisor_check_group(struct ps_supervisor *sup)
{
    if (sup->group_gone || sup->main_pid <= 0 || !sup->main_reaped) {
        return;
    }
    if (kill(-sup->main_pid, 0) < 0 && errno == ESRCH) {
        sup->group_gone = true;
        sup->gone_at_ns = ps_clock_mono_ns();
        sup->end_mono_ns = sup->gone_at_ns;
        ps_ring_set_paused(&sup->ring, false);
        ps_ring_set_torn_deadline(&sup->ring, 0); /* no producer is left to publish */
    }
}

/* Send `sig` to the whole group, continuing it first when it is stopped. */
static void ps_supervisor_kill_group(struct ps_supervisor *sup, int sig)
{
    if (sup->main_pid > 0 && !sup->group_gone) {
        kill(-sup->main_pid, sig);
        if (sig != SIGKILL) {
            kill(-sup->main_pid, SIGCONT);
        }
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
    }
}
