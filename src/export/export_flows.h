/* SPDX-License-Identifier: MIT */
/*
 * Message pairing for the Chrome exporter (internal to src/export): per
 * channel direction, a FIFO of the message ends not yet matched — sends
 * waiting for their receives or, when receives were logged first, receives
 * waiting for their sends — so each end finds the one it matches. A direction is keyed by
 * PS_EXPORT_FLOW_KEY(obj, dir): dir 0/1 = a pipe's messages sent from end
 * 0/1, dir 2 = a queue's puts. Each direction also remembers an owner pid
 * (queues: who opened it). At most PS_EXPORT_FLOW_PENDING messages wait per
 * direction; beyond that the oldest is forgotten (it will get no flow).
 */
#ifndef PS_EXPORT_EXPORT_FLOWS_H
#define PS_EXPORT_EXPORT_FLOWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hashtab.h"

#define PS_EXPORT_FLOW_KEY(obj, dir) (((uint64_t)(obj) << 2) | (uint64_t)(dir))
#define PS_EXPORT_FLOW_PENDING 65536u
#define PS_EXPORT_FLOW_DIRS_MAX 4096u /* directions at most */

/* One end of a message (its send or its receive) waiting for the other. */
struct ps_export_msg {
    uint64_t t_ns;
    uint64_t id; /* the event's seq: unique in a session */
    int32_t pid;
};

struct ps_export_flow {
    uint64_t key;
    int32_t owner;             /* 0: none yet */
    bool holds_sends;          /* what waits in msgs: sends (true) or receives */
    uint32_t head, count, cap; /* FIFO ring in msgs (cap a power of two or 0) */
    struct ps_export_msg *msgs;
};

struct ps_export_flows {
    struct ps_export_flow *dirs; /* n directions in order of first use */
    size_t n, cap;
    struct ps_hashtab index; /* key -> direction */
    uint64_t forgotten; /* messages pushed out by the PS_EXPORT_FLOW_PENDING limit */
    uint64_t overflow;  /* events about a direction that found the table full */
};

/* An empty table (allocates nothing yet). */
void ps_export_flows_init(struct ps_export_flows *flows);

/* Free everything; the table is empty again afterwards. */
void ps_export_flows_free(struct ps_export_flows *flows);

/*
 * The direction `key`, created (owner 0, no messages) when missing. Returns
 * NULL with errno ENOMEM, or ENOSPC when PS_EXPORT_FLOW_DIRS_MAX directions
 * exist already (a hostile recording cannot make the table huge). Valid
 * until the next call that creates one.
 */
struct ps_export_flow *ps_export_flows_get(struct ps_export_flows *flows, uint64_t key);

/* Queue an unmatched message end on `flow`. Returns 0 or -ENOMEM. */
int ps_export_flow_push(struct ps_export_flow *flow, const struct ps_export_msg *msg,
                        struct ps_export_flows *flows);

/* Take the oldest waiting message end of `flow` into *msg. Returns 1, or 0 when none waits. */
int ps_export_flow_pop(struct ps_export_flow *flow, struct ps_export_msg *msg);

#endif /* PS_EXPORT_EXPORT_FLOWS_H */
