/* SPDX-License-Identifier: MIT */
/*
 * The process rules of session/procs.h: naming, ends, rows, the supervisor's
 * name and the time base, each in one place.
 */
#include "session/procs.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/utf8.h"

enum ps_procs_naming ps_procs_name_rule(const struct ps_event *ev, int32_t *pid)
{
    if (ev->text == NULL || ev->text_len == 0 || ev->text[0] == '\0') {
        return PS_PROCS_NAME_NONE;
    }
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
        *pid = ev->peer;
        return ev->peer > 0 ? PS_PROCS_NAME_ALWAYS : PS_PROCS_NAME_NONE;
    case PS_EV_PROC_NAME:
        *pid = ev->pid;
        return PS_PROCS_NAME_ALWAYS;
    case PS_EV_PROC_START:
        *pid = ev->pid;
        return PS_PROCS_NAME_IF_UNNAMED;
    default:
        return PS_PROCS_NAME_NONE;
    }
}

size_t ps_procs_name_copy(char *dst, const char *text, size_t n)
{
    size_t len = strnlen(text, n);
    len = ps_utf8_cut(text, len, PS_PROCS_NAME_MAX - 1);
    memcpy(dst, text, len);
    dst[len] = '\0';
    return len;
}

bool ps_procs_end_rule(const struct ps_event *ev, struct ps_procs_end *end)
{
    bool sig = ev->type == PS_EV_PROC_SIGNALLED;
    *end = (struct ps_procs_end){.pid = ev->peer > 0 ? ev->peer : ev->pid};
    switch (ev->type) {
    case PS_EV_PROC_EXIT:
    case PS_EV_PROC_JOIN:
        if (ev->a > INT32_MAX || ev->a < -128 || (ev->type == PS_EV_PROC_JOIN && ev->b != 0)) {
            return false;
        }
        end->code = (int32_t)ev->a;
        end->joined = ev->type == PS_EV_PROC_JOIN;
        end->collected = end->joined || ev->pid != end->pid; /* an exit told by its reaper */
        return true;
    case PS_EV_PROC_SIGNALLED:
    case PS_EV_PROC_DIED:
        if (sig ? (ev->a <= 0 || ev->a >= 128) : (ev->a > 255 || ev->a <= -NSIG)) {
            return false;
        }
        end->code = (int32_t)(sig ? -ev->a : ev->a);
        end->collected = sig; /* only a reaper sees the signal; proc.died is seen, not reaped */
        return true;
    default:
        return false;
    }
}

bool ps_procs_emitter_has_row(const struct ps_event *ev)
{
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
    case PS_EV_PROC_EXIT:
    case PS_EV_PROC_SIGNALLED:
    case PS_EV_PROC_DIED:
    case PS_EV_USER_SIGNAL:
    case PS_EV_RING_DROPPED:
    case PS_EV_RING_TORN:
    case PS_EV_RING_CORRUPT:
        return false;
    default:
        return ev->pid > 0;
    }
}

const char *ps_procs_display_name(const char *row_name, int32_t pid, int32_t supervisor,
                                  int32_t fold_supervisor)
{
    char fallback[24];
    snprintf(fallback, sizeof(fallback), "pid %d", pid);
    if (row_name != NULL && row_name[0] != '\0' && strcmp(row_name, fallback) != 0) {
        return row_name; /* the model's "pid N" stands for no name: the line shows [N] alone */
    }
    if (pid > 0 && (pid == supervisor || pid == fold_supervisor)) {
        return "procscope"; /* the supervisor has no process row */
    }
    return NULL;
}

uint64_t ps_procs_time_base(uint64_t start_mono_ns, uint64_t t_first)
{
    return start_mono_ns == 0 || start_mono_ns > t_first ? t_first : start_mono_ns;
}
