/* SPDX-License-Identifier: MIT */
#include "probe/probe_fork.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probe/probe.h"

#define PS_PROBE_FORK_NAME_MAX 64

/* Per thread: set and read by the thread that forks (the child's only thread). */
static _Thread_local bool ps_probe_fork_next_managed; /* the fork under way announces itself */
static _Thread_local bool ps_probe_fork_this_managed; /* copied at prepare time */
static _Thread_local unsigned ps_probe_fork_this_n;   /* this fork's child number */
static _Atomic unsigned ps_probe_fork_children;       /* plain children of this process so far */
static char ps_probe_fork_name[PS_PROBE_FORK_NAME_MAX]; /* this process's name for naming */

void ps_probe_fork_managed(bool managed)
{
    ps_probe_fork_next_managed = managed;
}

/* exit(3) in a plain child: its status, once, from the process that registered it. */
static void ps_probe_fork_on_exit(int status, void *arg)
{
    if ((pid_t)(intptr_t)arg != getpid()) {
        return; /* inherited by a grandchild, which has a hook of its own */
    }
    (void)ps_probe_emit(PS_EV_PROC_EXIT, 0, (int32_t)ps_probe_pid(), status & 0xff, 0, NULL, 0);
}

/* Before fork(), in the parent: count a plain child (its number goes into the name). */
static void ps_probe_fork_prepare(void)
{
    ps_probe_fork_this_managed = ps_probe_fork_next_managed;
    if (!ps_probe_fork_this_managed) {
        ps_probe_fork_this_n = atomic_fetch_add(&ps_probe_fork_children, 1) + 1;
    }
}

/* After fork(), in the child: announce it unless the forking layer does. */
static void ps_probe_fork_child(void)
{
    unsigned n = ps_probe_fork_this_n;
    atomic_store(&ps_probe_fork_children, 0);
    ps_probe_fork_next_managed = false;
    if (ps_probe_fork_this_managed || !ps_probe_active()) {
        return;
    }
    char name[PS_PROBE_FORK_NAME_MAX];
    snprintf(name, sizeof name, "%.52s-%u", ps_probe_fork_name, n); /* deep names are cut */
    memcpy(ps_probe_fork_name, name, sizeof name);
    int32_t parent = (int32_t)getppid();
    (void)ps_probe_emit(PS_EV_PROC_START, 0, parent, 0, 0, name, PS_EMIT_STR);
    (void)ps_probe_emit(PS_EV_PROC_NAME, 0, parent, 0, 0, name, PS_EMIT_STR);
    on_exit(ps_probe_fork_on_exit, (void *)(intptr_t)getpid());
}

void ps_probe_fork_hook(void)
{
    snprintf(ps_probe_fork_name, sizeof ps_probe_fork_name, "%s", program_invocation_short_name);
    pthread_atfork(ps_probe_fork_prepare, NULL, ps_probe_fork_child);
}
