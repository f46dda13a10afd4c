/* SPDX-License-Identifier: MIT */
/*
 * What each process is doing, in words: the model's truthful process states
 * (issue 11) for the Processes pane, the sequence view and `procscope info`.
 */
#include "session/model.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/event_story.h"

/* The parent of `p` still runs (it is the one that must join `p`). */
static bool ps_model_parent_alive(const struct ps_model *m, const struct ps_model_proc *p)
{
    const struct ps_model_proc *parent = p->ppid > 0 ? ps_model_proc_find(m, p->ppid) : NULL;
    return parent != NULL && !parent->has_exit;
}

unsigned ps_model_proc_status(const struct ps_model *m, const struct ps_model_proc *p)
{
    if (p->has_exit) {
        if (!p->reaped && ps_model_parent_alive(m, p)) {
            return PS_PSTAT_ZOMBIE;
        }
        return p->exit_code < 0 ? PS_PSTAT_KILLED : PS_PSTAT_EXITED;
    }
    if (p->stopped) {
        return PS_PSTAT_STOPPED;
    }
    if (p->wait_kind != 0) {
        return PS_PSTAT_WAITING;
    }
    switch (p->state) {
    case PS_PROC_RUNNING:
        return PS_PSTAT_RUNNING;
    case PS_PROC_SPAWNED:
        return PS_PSTAT_SPAWNED;
    default:
        return p->events > 0 ? PS_PSTAT_RUNNING : PS_PSTAT_UNKNOWN;
    }
}

const char *ps_model_status_name(unsigned status)
{
    static const char *const names[] = {
        [PS_PSTAT_UNKNOWN] = "unknown", [PS_PSTAT_SPAWNED] = "spawned",
        [PS_PSTAT_RUNNING] = "running", [PS_PSTAT_WAITING] = "waiting",
        [PS_PSTAT_STOPPED] = "stopped", [PS_PSTAT_ZOMBIE] = "zombie",
        [PS_PSTAT_EXITED] = "exited",   [PS_PSTAT_KILLED] = "killed",
    };
    return status < sizeof(names) / sizeof(names[0]) ? names[status] : "unknown";
}

/* The model's name for `pid` (a namer for the story renderer). */
static const char *ps_model_state_namer(const void *ctx, int32_t pid)
{
    return ps_model_proc_name(ctx, pid);
}

/* "waiting: <what>" for a waiting row, with the sleep's time left when now_ns > 0. */
static size_t ps_model_wait_text(const struct ps_model *m, const struct ps_model_proc *p,
                                 uint64_t now_ns, char *buf, size_t n)
{
    char detail[48] = "";
    const struct ps_model_barrier *b =
        p->wait_kind == PS_WAIT_BARRIER ? ps_model_barrier_find(m, p->wait_obj) : NULL;
    if (b && b->parties > 0) {
        /* The barrier's count now, not at the wait's start: later arrivals show. */
        snprintf(detail, sizeof detail, "%u of %d arrived", b->narrivals, b->parties);
    }
    struct ps_event_namer namer = {ps_model_state_namer, m};
    int len = snprintf(buf, n, "waiting: ");
    size_t used = len > 0 && (size_t)len < n ? (size_t)len : 0;
    used += ps_event_wait_text(buf + used, n - used, p->wait_kind, p->wait_obj, p->wait_peer,
                               p->wait_amount, detail, &namer);
    uint64_t end = p->t_wait + (uint64_t)(p->wait_amount > 0 ? p->wait_amount : 0);
    if (p->wait_kind == PS_WAIT_SLEEP && now_ns > p->t_wait && now_ns < end && used < n) {
        len = snprintf(buf + used, n - used, " (%.1f s left)", (double)(end - now_ns) / 1e9);
        used += len > 0 ? (size_t)len : 0;
    }
    return used < n ? used : n - 1;
}

size_t ps_model_proc_state_text(const struct ps_model *m, const struct ps_model_proc *p,
                                uint64_t now_ns, char *buf, size_t n)
{
    if (n == 0) {
        return 0;
    }
    unsigned status = ps_model_proc_status(m, p);
    const char *sig = p->exit_code < 0 && p->exit_code > -NSIG ? sigabbrev_np(-p->exit_code) : NULL;
    int len;
    switch (status) {
    case PS_PSTAT_WAITING:
        return ps_model_wait_text(m, p, now_ns, buf, n);
    case PS_PSTAT_STOPPED:
        len = snprintf(buf, n, "stopped by the user (SIG%s)",
                       p->user_signal == SIGTSTP ? "TSTP" : "STOP");
        break;
    case PS_PSTAT_ZOMBIE:
    case PS_PSTAT_EXITED:
    case PS_PSTAT_KILLED:
        if (p->exit_code < 0) {
            len = snprintf(buf, n, "killed by SIG%s%s", sig ? sig : "?",
                           status == PS_PSTAT_ZOMBIE ? ", not joined yet (zombie)" : "");
        } else {
            len = snprintf(buf, n, "exited %d%s", p->exit_code,
                           status == PS_PSTAT_ZOMBIE ? ", not joined yet (zombie)" : "");
        }
        break;
    default:
        len = snprintf(buf, n, "%s", ps_model_status_name(status));
        break;
    }
    return len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
}
