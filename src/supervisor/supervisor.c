/* SPDX-License-Identifier: MIT */
#include "supervisor/supervisor.h"

/*
 * The model: a session is the demo's process group (its main process is the
 * group leader) plus one event ring. The supervisor is the ring's only reader
 * and also one of its producers: proc.spawn of main, proc.exit and
 * proc.signalled for what it reaps, stdio lines it captured and ring.dropped /
 * ring.torn go into the ring (through a small FIFO while the ring is full),
 * so every event of the session has one place in one global order.
 *
 * ps_supervisor_poll is the whole loop body: drain the ring into the sink,
 * read the capture pipes, reap, push our own events, drain again; when
 * nothing came, sleep in poll(2) on the pipes and a pidfd of main. Once main
 * is reaped, the rest of the group gets SIGTERM, then SIGKILL after a grace;
 * the session is finished when the group is empty (zombies included), the
 * pipes are at end of file and every event has been delivered.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "supervisor/supervisor_internal.h"

/* Events delivered by one drain at most, so a flood cannot freeze the caller. */
#define PS_SUPERVISOR_DRAIN_MAX 262144u
/* How long the pipes may stay open once no process of the session is left. */
#define PS_SUPERVISOR_PIPE_GRACE_NS 500000000u

static volatile sig_atomic_t ps_supervisor_signal_seen;

/* Describe the session before it starts. */
static void ps_supervisor_fill_info(struct ps_supervisor *sup,
                                    const struct ps_supervisor_opts *opts)
{
    struct ps_session_info *info = &sup->info;
    const char *base = strrchr(opts->argv[0], '/');
    strlcpy(info->demo,
            opts->demo ? opts->demo
            : base     ? base + 1
                       : opts->argv[0],
            sizeof info->demo);
    for (size_t i = 0; opts->argv[i] != NULL; i++) {
        if (i > 0) {
            strlcat(info->argv, " ", sizeof info->argv);
        }
        strlcat(info->argv, opts->argv[i], sizeof info->argv);
    }
    if (gethostname(info->host, sizeof info->host - 1) < 0) {
        strlcpy(info->host, "unknown", sizeof info->host);
    }
    info->start_wall_ns = ps_clock_wall_ns();
    info->start_mono_ns = ps_clock_mono_ns();
    info->time_scale = opts->time_scale >= 0 ? opts->time_scale : 1.0;
    info->supervisor_pid = (int32_t)sup->self;
}

int ps_supervisor_start(struct ps_supervisor **out, const struct ps_supervisor_opts *opts)
{
    if (out == NULL || opts == NULL || opts->argv == NULL || opts->argv[0] == NULL) {
        return -EINVAL;
    }
    struct ps_supervisor *sup = ps_xcalloc(1, sizeof *sup);
    sup->self = getpid();
    sup->pidfd = -1;
    sup->streams[0].fd = sup->streams[1].fd = -1;
    int err = ps_ring_create(&sup->ring, opts->ring_slots);
    if (err < 0) {
        free(sup);
        return err;
    }
    ps_supervisor_fill_info(sup, opts);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    if (opts->step) {
        ps_supervisor_set_stepping(sup, true);
    }
    err = ps_supervisor_spawn(sup, opts);
    if (err < 0) {
        ps_supervisor_free(sup);
        return err;
    }
    *out = sup;
    return 0;
}

const struct ps_session_info *ps_supervisor_info(const struct ps_supervisor *sup)
{
    return &sup->info;
}

pid_t ps_supervisor_main_pid(const struct ps_supervisor *sup)
{
    return sup->main_pid;
}

/* The ring's callback: forward to the caller's sink. */
static int ps_supervisor_deliver(void *ctx, const struct ps_event *ev)
{
    struct ps_supervisor *sup = ctx;
    sup->delivered++;
    return ps_sink_event(sup->sink, ev);
}

/* Queue ring.dropped / ring.torn when those counters moved since last reported. */
static void ps_supervisor_report_counters(struct ps_supervisor *sup)
{
    uint64_t drops = ps_ring_drops(&sup->ring);
    uint64_t torn = ps_ring_torn(&sup->ring);
    if (drops != sup->drops_reported) {
        sup->drops_reported = drops;
        ps_supervisor_queue(sup, PS_EV_RING_DROPPED, sup->self, 0, (int64_t)drops, NULL, 0);
    }
    if (torn != sup->torn_reported) {
        sup->torn_reported = torn;
        ps_supervisor_queue(sup, PS_EV_RING_TORN, sup->self, 0, (int64_t)torn, NULL, 0);
    }
}

/* One pass of the loop without waiting; returns events delivered or the sink's error. */
static int ps_supervisor_round(struct ps_supervisor *sup, const struct ps_sink *sink)
{
    sup->sink = sink;
    int first = ps_ring_drain(&sup->ring, ps_supervisor_deliver, sup, PS_SUPERVISOR_DRAIN_MAX);
    if (first < 0) {
        return first;
    }
    ps_supervisor_read_streams(sup);
    ps_supervisor_reap(sup);
    if (sup->main_reaped) {
        ps_supervisor_end_group(sup);
    }
    if (sup->group_gone && ps_clock_mono_ns() - sup->gone_at_ns > PS_SUPERVISOR_PIPE_GRACE_NS) {
        ps_supervisor_close_streams(sup); /* held open by something outside the session */
    }
    ps_supervisor_report_counters(sup);
    ps_supervisor_flush(sup);
    int second = ps_ring_drain(&sup->ring, ps_supervisor_deliver, sup, PS_SUPERVISOR_DRAIN_MAX);
    return second < 0 ? second : first + second;
}

/* Sleep until output, main's exit, a signal, or the timeout (capped while work is pending). */
static void ps_supervisor_wait(struct ps_supervisor *sup, int timeout_ms)
{
    struct pollfd fds[3];
    nfds_t n = 0;
    for (int i = 0; i < 2; i++) {
        if (sup->streams[i].fd >= 0) {
            fds[n++] = (struct pollfd){.fd = sup->streams[i].fd, .events = POLLIN};
        }
    }
    if (sup->pidfd >= 0) {
        fds[n++] = (struct pollfd){.fd = sup->pidfd, .events = POLLIN};
    }
    int cap = PS_SUPERVISOR_MAX_WAIT_MS;
    if (sup->pending_head < sup->pending_len || (sup->main_reaped && !sup->group_gone)) {
        cap = 5;
    }
    poll(fds, n, timeout_ms < 0 || timeout_ms > cap ? cap : timeout_ms);
}

int ps_supervisor_poll(struct ps_supervisor *sup, const struct ps_sink *sink, int timeout_ms)
{
    if (ps_supervisor_signal_seen) {
        return -EINTR;
    }
    int n = ps_supervisor_round(sup, sink);
    if (n != 0 || ps_supervisor_finished(sup) || timeout_ms == 0) {
        return n;
    }
    ps_supervisor_wait(sup, timeout_ms);
    if (ps_supervisor_signal_seen) {
        return -EINTR;
    }
    return ps_supervisor_round(sup, sink);
}

bool ps_supervisor_finished(const struct ps_supervisor *sup)
{
    return sup->main_reaped && sup->group_gone && sup->streams[0].fd < 0 &&
           sup->streams[1].fd < 0 && sup->pending_head == sup->pending_len &&
           ps_ring_empty(&sup->ring) && sup->drops_reported == ps_ring_drops(&sup->ring) &&
           sup->torn_reported == ps_ring_torn(&sup->ring);
}

int ps_supervisor_pause(struct ps_supervisor *sup, bool paused)
{
    if (sup->main_pid <= 0 || sup->group_gone) {
        return -ESRCH;
    }
    /* Mark the ring first: no slot may be declared torn while producers are stopped. */
    ps_ring_set_paused(&sup->ring, paused);
    if (kill(-sup->main_pid, paused ? SIGSTOP : SIGCONT) < 0) {
        int err = -errno;
        ps_ring_set_paused(&sup->ring, sup->paused);
        return err;
    }
    sup->paused = paused;
    return 0;
}

bool ps_supervisor_paused(const struct ps_supervisor *sup)
{
    return sup->paused;
}

int ps_supervisor_set_stepping(struct ps_supervisor *sup, bool on)
{
    ps_ring_gate_set(&sup->ring, on);
    sup->stepping = on;
    return 0;
}

bool ps_supervisor_stepping(const struct ps_supervisor *sup)
{
    return sup->stepping;
}

int ps_supervisor_step(struct ps_supervisor *sup, unsigned n)
{
    if (!sup->stepping) {
        return -EINVAL;
    }
    ps_ring_gate_grant(&sup->ring, n);
    return 0;
}

int ps_supervisor_signal(struct ps_supervisor *sup, pid_t pid, int sig)
{
    if (pid <= 0 || sup->main_pid <= 0 || sup->group_gone || getpgid(pid) != sup->main_pid) {
        return -ESRCH;
    }
    return kill(pid, sig) < 0 ? -errno : 0;
}

int ps_supervisor_stop(struct ps_supervisor *sup)
{
    if (sup->main_pid <= 0) {
        return 0;
    }
    if (!sup->main_reaped) {
        sup->cut_short = true;
    }
    uint64_t give_up = ps_clock_mono_ns() + PS_SUPERVISOR_GRACE_NS + 5000000000u;
    for (;;) {
        ps_supervisor_end_group(sup);
        if (sup->group_gone || ps_clock_mono_ns() > give_up) {
            break;
        }
        ps_clock_sleep_ns(2000000);
    }
    sup->stepping = false;
    return 0;
}

void ps_supervisor_end(const struct ps_supervisor *sup, struct ps_session_end *end)
{
    memset(end, 0, sizeof *end);
    end->end_mono_ns = sup->end_mono_ns ? sup->end_mono_ns : ps_clock_mono_ns();
    end->events = sup->delivered;
    end->drops = ps_ring_drops(&sup->ring);
    end->torn = ps_ring_torn(&sup->ring);
    end->exit_status = sup->main_status;
    end->complete = sup->main_reaped && !sup->cut_short;
}

void ps_supervisor_free(struct ps_supervisor *sup)
{
    if (sup == NULL) {
        return;
    }
    if (sup->main_pid > 0 && !sup->group_gone) {
        ps_supervisor_stop(sup);
    }
    ps_supervisor_close_streams(sup);
    if (sup->pidfd >= 0) {
        close(sup->pidfd);
    }
    ps_ring_close(&sup->ring);
    for (size_t i = sup->pending_head; i < sup->pending_len; i++) {
        free(sup->pending[i].text);
    }
    free(sup->pending);
    free(sup);
}

/* The handler of SIGINT/SIGTERM/SIGHUP: remember, nothing else. */
static void ps_supervisor_on_signal(int sig)
{
    ps_supervisor_signal_seen = sig;
}

int ps_supervisor_install_signals(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = ps_supervisor_on_signal;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        if (sigaction(sigs[i], &sa, NULL) < 0) {
            return -errno;
        }
    }
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL) < 0 ? -errno : 0;
}

int ps_supervisor_pending_signal(void)
{
    return ps_supervisor_signal_seen;
}
