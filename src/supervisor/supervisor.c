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
 * nothing came, sleep in poll(2) on the pipes and the pidfds. Once main
 * is reaped, the rest of the group gets SIGTERM, then SIGKILL after a grace;
 * the session is finished when the group is empty (zombies included), the
 * pipes are at end of file and every event has been delivered.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/siglatch.h"
#include "core/xalloc.h"
#include "supervisor/supervisor_internal.h"

/* Events delivered by one drain at most, so a flood cannot freeze the caller. */
#define PS_SUPERVISOR_DRAIN_MAX 262144u
/* How long the pipes may stay open once no process of the session is left. */
#define PS_SUPERVISOR_PIPE_GRACE_NS 500000000u

static bool ps_supervisor_host_kept;

void ps_supervisor_keep_host(bool keep)
{
    ps_supervisor_host_kept = keep;
}

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
        /* The program by its base name unless asked: no build-machine paths. */
        const char *word = i == 0 && base && !ps_supervisor_host_kept ? base + 1 : opts->argv[i];
        strlcat(info->argv, word, sizeof info->argv);
    }
    if (ps_supervisor_host_kept && gethostname(info->host, sizeof info->host - 1) < 0) {
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
    sup->wake_fd = -1;
    sup->streams[0].fd = sup->streams[1].fd = -1;
    int err = ps_ring_create(&sup->ring, opts->ring_slots);
    if (err < 0) {
        free(sup);
        return err;
    }
    ps_supervisor_fill_info(sup, opts);
    ps_contain_prepare(sup);
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

int ps_supervisor_containment(const struct ps_supervisor *sup)
{
    return sup->contain_kind;
}

const char *ps_supervisor_containment_name(int kind)
{
    return kind == PS_CONTAIN_CGROUP      ? "cgroup"
           : kind == PS_CONTAIN_SUBREAPER ? "subreaper"
                                          : "unknown";
}

pid_t ps_supervisor_main_pid(const struct ps_supervisor *sup)
{
    return sup->main_pid;
}

/* The ring's callback: watch new processes for their death, forward to the caller's sink. */
static int ps_supervisor_deliver(void *ctx, const struct ps_event *ev)
{
    struct ps_supervisor *sup = ctx;
    struct ps_event stepped;
    if (sup->step_clock.held > 0) { /* the demo's own time: step waits left out */
        stepped = *ev;
        stepped.t_ns = ps_step_clock_map(&sup->step_clock, ev->t_ns);
        ev = &stepped;
    }
    sup->delivered++;
    sup->last_t_ns = ev->t_ns > sup->last_t_ns ? ev->t_ns : sup->last_t_ns;
    if (ev->type == PS_EV_PROC_SPAWN) {
        ps_supervisor_watch(sup, ev->peer);
    } else if (ev->type == PS_EV_PROC_START) {
        ps_supervisor_watch(sup, ev->pid);
    }
    return ps_sink_event(sup->sink, ev);
}

/* Queue ring.corrupt / ring.dropped / ring.torn when those counters moved since last reported. */
static void ps_supervisor_report_counters(struct ps_supervisor *sup)
{
    uint64_t drops = ps_ring_drops(&sup->ring);
    uint64_t torn = ps_ring_torn(&sup->ring);
    uint64_t corrupt = ps_ring_corrupt(&sup->ring);
    if (corrupt != sup->corrupt_reported) {
        sup->corrupt_reported = corrupt;
        ps_supervisor_queue(sup, PS_EV_RING_CORRUPT, sup->self, 0, (int64_t)corrupt, NULL, 0);
    }
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
    if (first > 0) {
        sup->active_at_ns = ps_clock_mono_ns();
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

/*
 * Sleep until output, main's exit, a producer's wake-up (the ring filling up),
 * a signal, or the timeout: capped at PS_SUPERVISOR_MAX_WAIT_MS, at 5 ms while
 * work is pending, and at 1 ms shortly after the ring last had events (a
 * producer pausing between bursts). Never sleeps while the ring has events.
 */
static void ps_supervisor_wait(struct ps_supervisor *sup, int timeout_ms)
{
    struct pollfd fds[4];
    nfds_t n = 0;
    for (int i = 0; i < 2; i++) {
        if (sup->streams[i].fd >= 0) {
            fds[n++] = (struct pollfd){.fd = sup->streams[i].fd, .events = POLLIN};
        }
    }
    if (sup->wake_fd >= 0) {
        fds[n++] = (struct pollfd){.fd = sup->wake_fd, .events = POLLIN};
    }
    if (ps_ring_wake_fd(&sup->ring) >= 0) {
        fds[n++] = (struct pollfd){.fd = ps_ring_wake_fd(&sup->ring), .events = POLLIN};
    }
    int cap = PS_SUPERVISOR_MAX_WAIT_MS;
    if (sup->pending_head < sup->pending_len || (sup->main_reaped && !sup->group_gone)) {
        cap = 5;
    } else if (ps_clock_mono_ns() - sup->active_at_ns < PS_SUPERVISOR_BUSY_NS) {
        cap = 1;
    }
    if (!ps_ring_sleep_begin(&sup->ring)) {
        return; /* events came in since the drain: read them first */
    }
    poll(fds, n, timeout_ms < 0 || timeout_ms > cap ? cap : timeout_ms);
    ps_ring_sleep_end(&sup->ring);
}

int ps_supervisor_poll(struct ps_supervisor *sup, const struct ps_sink *sink, int timeout_ms)
{
    if (ps_siglatch_pending()) {
        return -EINTR;
    }
    int n = ps_supervisor_round(sup, sink);
    if (n != 0 || ps_supervisor_finished(sup) || timeout_ms == 0) {
        return n;
    }
    ps_supervisor_wait(sup, timeout_ms);
    if (ps_siglatch_pending()) {
        return -EINTR;
    }
    return ps_supervisor_round(sup, sink);
}

bool ps_supervisor_finished(const struct ps_supervisor *sup)
{
    return sup->main_reaped && sup->group_gone && sup->streams[0].fd < 0 &&
           sup->streams[1].fd < 0 && sup->pending_head == sup->pending_len &&
           ps_ring_empty(&sup->ring) && sup->drops_reported == ps_ring_drops(&sup->ring) &&
           sup->torn_reported == ps_ring_torn(&sup->ring) &&
           sup->corrupt_reported == ps_ring_corrupt(&sup->ring);
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
    ps_step_clock_grant(&sup->step_clock, ps_clock_mono_ns(), ps_ring_gate_take_since(&sup->ring));
    if (n == 1) {
        ps_supervisor_step_oldest(sup); /* `s` lets the oldest through */
    }
    ps_ring_gate_grant(&sup->ring, n);
    return 0;
}

uint64_t ps_supervisor_clock(const struct ps_supervisor *sup)
{
    return ps_step_clock_map(&sup->step_clock, ps_clock_mono_ns());
}

int ps_supervisor_signal(struct ps_supervisor *sup, pid_t pid, int sig)
{
    if (pid <= 0 || sup->main_pid <= 0 || sup->group_gone || pid == sup->self ||
        !ps_contain_member(sup, pid)) {
        return -ESRCH;
    }
    if (sig < 0 || sig >= NSIG) {
        return -EINVAL;
    }
    if (kill(pid, sig) < 0) {
        return -errno;
    }
    ps_supervisor_queue(sup, PS_EV_USER_SIGNAL, sup->self, pid, sig, NULL, 0);
    ps_supervisor_flush(sup);
    return 0;
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
    end->containment = (uint8_t)sup->contain_kind;
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
    ps_contain_release(sup, sup->group_gone);
    for (size_t i = 0; i < sup->procs_len; i++) {
        if (sup->procs[i].pidfd >= 0) {
            close(sup->procs[i].pidfd);
        }
    }
    free(sup->procs);
    if (sup->wake_fd >= 0) {
        close(sup->wake_fd);
    }
    ps_ring_close(&sup->ring);
    for (size_t i = sup->pending_head; i < sup->pending_len; i++) {
        free(sup->pending[i].text);
    }
    free(sup->pending);
    free(sup);
}

/* When a child of ours last died (CLOCK_MONOTONIC ns): a session ends when its last process did. */
static _Atomic uint64_t ps_supervisor_child_died_ns;

/* The SIGCHLD handler: stamp the time (clock_gettime is async-signal-safe). */
static void ps_supervisor_on_child(int sig)
{
    (void)sig;
    atomic_store_explicit(&ps_supervisor_child_died_ns, ps_clock_mono_ns(), memory_order_relaxed);
}

uint64_t ps_supervisor_last_child_death_ns(void)
{
    return atomic_load_explicit(&ps_supervisor_child_died_ns, memory_order_relaxed);
}

int ps_supervisor_install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = ps_supervisor_on_child;
    sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
    if (sigaction(SIGCHLD, &sa, NULL) < 0) {
        return -errno;
    }
    return ps_siglatch_hold();
}

int ps_supervisor_pending_signal(void)
{
    return ps_siglatch_pending();
}
