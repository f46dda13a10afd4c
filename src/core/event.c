/* SPDX-License-Identifier: MIT */
#include "core/event.h"

#include <string.h>

/* Indexed by enum ps_event_type; every type has a row (checked below). */
static const struct ps_event_type_info ps_event_types[PS_EV__COUNT] = {
    [PS_EV_NONE] = {"none", NULL, NULL, NULL, NULL, NULL},
    [PS_EV_PROC_SPAWN] = {"proc.spawn", "index", "child", "daemon", NULL, "child_name"},
    [PS_EV_PROC_START] = {"proc.start", NULL, "parent", "daemon", NULL, "proc_name"},
    [PS_EV_PROC_NAME] = {"proc.name", NULL, NULL, NULL, NULL, "proc_name"},
    [PS_EV_PROC_EXIT] = {"proc.exit", NULL, "proc", "exitcode", NULL, NULL},
    [PS_EV_PROC_SIGNALLED] = {"proc.signalled", NULL, "proc", "signal", NULL, NULL},
    [PS_EV_PROC_JOIN] = {"proc.join", NULL, "child", "exitcode", "timed_out", NULL},
    [PS_EV_PROC_TERMINATE] = {"proc.terminate", NULL, "target", "signal", NULL, NULL},
    [PS_EV_PIPE_OPEN] = {"pipe.open", "pipe", NULL, "duplex", NULL, NULL},
    [PS_EV_PIPE_SEND] = {"pipe.send", "pipe", NULL, "bytes", "end", "value"},
    [PS_EV_PIPE_RECV] = {"pipe.recv", "pipe", NULL, "bytes", "end", "value"},
    [PS_EV_PIPE_CLOSE] = {"pipe.close", "pipe", NULL, "end", NULL, NULL},
    [PS_EV_PIPE_EOF] = {"pipe.eof", "pipe", NULL, NULL, "end", NULL},
    [PS_EV_QUEUE_OPEN] = {"queue.open", "queue", NULL, "capacity", NULL, NULL},
    [PS_EV_QUEUE_PUT] = {"queue.put", "queue", NULL, "depth", "bytes", "value"},
    [PS_EV_QUEUE_GET] = {"queue.get", "queue", NULL, "depth", "bytes", "value"},
    [PS_EV_QUEUE_EMPTY] = {"queue.empty", "queue", NULL, "empty", "depth", NULL},
    [PS_EV_LOCK_NEW] = {"lock.new", "lock", NULL, NULL, NULL, NULL},
    [PS_EV_LOCK_WANT] = {"lock.want", "lock", NULL, NULL, NULL, NULL},
    [PS_EV_LOCK_ACQUIRED] = {"lock.acquired", "lock", NULL, "wait_ns", "recovered", NULL},
    [PS_EV_LOCK_RELEASED] = {"lock.released", "lock", NULL, "held_ns", NULL, NULL},
    [PS_EV_BARRIER_NEW] = {"barrier.new", "barrier", NULL, "parties", NULL, NULL},
    [PS_EV_BARRIER_ARRIVE] = {"barrier.arrive", "barrier", NULL, "index", "generation", NULL},
    [PS_EV_BARRIER_RELEASE] = {"barrier.release", "barrier", NULL, "wait_ns", "generation", NULL},
    [PS_EV_BARRIER_BROKEN] = {"barrier.broken", "barrier", NULL, "arrived", NULL, NULL},
    [PS_EV_POOL_NEW] = {"pool.new", "pool", NULL, "workers", NULL, NULL},
    [PS_EV_POOL_WORKER] = {"pool.worker", "pool", "worker", "lane", NULL, NULL},
    [PS_EV_POOL_SUBMIT] = {"pool.submit", "pool", NULL, "task", "items", NULL},
    [PS_EV_POOL_START] = {"pool.start", "pool", NULL, "task", "items", NULL},
    [PS_EV_POOL_DONE] = {"pool.done", "pool", NULL, "task", "items", NULL},
    [PS_EV_POOL_CLOSE] = {"pool.close", "pool", NULL, NULL, NULL, NULL},
    [PS_EV_POOL_TERMINATE] = {"pool.terminate", "pool", NULL, NULL, NULL, NULL},
    [PS_EV_POOL_CRASH] = {"pool.crash", "pool", "worker", "task", "exitcode", NULL},
    [PS_EV_NS_SET] = {"ns.set", "namespace", NULL, NULL, NULL, "assign"},
    [PS_EV_NS_GET] = {"ns.get", "namespace", NULL, NULL, NULL, "assign"},
    [PS_EV_OUTPUT] = {"output", NULL, NULL, "stream", NULL, "line"},
    [PS_EV_STDIO] = {"stdio", NULL, NULL, "stream", NULL, "line"},
    [PS_EV_MARK] = {"mark", NULL, NULL, NULL, NULL, "label"},
    [PS_EV_RING_DROPPED] = {"ring.dropped", NULL, NULL, "total", NULL, NULL},
    [PS_EV_RING_TORN] = {"ring.torn", NULL, NULL, "total", NULL, NULL},
};

const struct ps_event_type_info *ps_event_type_info(unsigned type)
{
    if (type >= PS_EV__COUNT || ps_event_types[type].name == NULL) {
        return NULL;
    }
    return &ps_event_types[type];
}

const char *ps_event_type_name(unsigned type)
{
    const struct ps_event_type_info *info = ps_event_type_info(type);
    return info ? info->name : "unknown";
}

int ps_event_type_from_name(const char *name)
{
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        if (ps_event_types[t].name && strcmp(ps_event_types[t].name, name) == 0) {
            return (int)t;
        }
    }
    return -1;
}

unsigned ps_event_slots(size_t text_len)
{
    if (text_len > PS_EVENT_TEXT_MAX) {
        text_len = PS_EVENT_TEXT_MAX;
    }
    if (text_len <= PS_EVENT_INLINE_TEXT) {
        return 1;
    }
    size_t rest = text_len - PS_EVENT_INLINE_TEXT;
    return 1 + (unsigned)((rest + PS_EVENT_CONT_TEXT - 1) / PS_EVENT_CONT_TEXT);
}
