/* SPDX-License-Identifier: MIT */
#include "export/export_flows.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/hashtab.h"

void ps_export_flows_init(struct ps_export_flows *flows)
{
    memset(flows, 0, sizeof(*flows));
}

void ps_export_flows_free(struct ps_export_flows *flows)
{
    for (size_t i = 0; i < flows->n; i++) {
        free(flows->dirs[i].msgs);
    }
    free(flows->dirs);
    ps_hashtab_free(&flows->index);
    ps_export_flows_init(flows);
}

/* Make room for one more direction in the array; 0 or -ENOMEM. */
static int ps_export_flows_grow(struct ps_export_flows *flows)
{
    if (flows->n == flows->cap) {
        size_t cap = flows->cap ? flows->cap * 2 : 16;
        struct ps_export_flow *dirs = realloc(flows->dirs, cap * sizeof(*dirs));
        if (dirs == NULL) {
            return -ENOMEM;
        }
        flows->dirs = dirs;
        flows->cap = cap;
    }
    return 0;
}

struct ps_export_flow *ps_export_flows_get(struct ps_export_flows *flows, uint64_t key)
{
    int64_t row = ps_hashtab_find(&flows->index, key);
    if (row >= 0) {
        return &flows->dirs[row];
    }
    if (flows->n >= PS_EXPORT_FLOW_DIRS_MAX) {
        flows->overflow++;
        errno = ENOSPC;
        return NULL;
    }
    if (ps_export_flows_grow(flows) < 0 ||
        ps_hashtab_put(&flows->index, key, (uint32_t)flows->n) < 0) {
        errno = ENOMEM;
        return NULL;
    }
    struct ps_export_flow *flow = &flows->dirs[flows->n++];
    memset(flow, 0, sizeof(*flow));
    flow->key = key;
    return flow;
}

/* Double a direction's FIFO, keeping the order of its messages. */
static int ps_export_flow_grow(struct ps_export_flow *flow)
{
    uint32_t cap = flow->cap ? flow->cap * 2 : 2;
    struct ps_export_msg *msgs = malloc(cap * sizeof(*msgs));
    if (msgs == NULL) {
        return -ENOMEM;
    }
    for (uint32_t i = 0; i < flow->count; i++) {
        msgs[i] = flow->msgs[(flow->head + i) & (flow->cap - 1)];
    }
    free(flow->msgs);
    flow->msgs = msgs;
    flow->cap = cap;
    flow->head = 0;
    return 0;
}

int ps_export_flow_push(struct ps_export_flow *flow, const struct ps_export_msg *msg,
                        struct ps_export_flows *flows)
{
    if (flow->count == PS_EXPORT_FLOW_PENDING) {
        flow->head = (flow->head + 1) & (flow->cap - 1);
        flow->count--;
        flows->forgotten++;
    }
    if (flow->count == flow->cap) {
        int err = ps_export_flow_grow(flow);
        if (err < 0) {
            return err;
        }
    }
    flow->msgs[(flow->head + flow->count) & (flow->cap - 1)] = *msg;
    flow->count++;
    return 0;
}

int ps_export_flow_pop(struct ps_export_flow *flow, struct ps_export_msg *msg)
{
    if (flow->count == 0) {
        return 0;
    }
    *msg = flow->msgs[flow->head];
    flow->head = (flow->head + 1) & (flow->cap - 1);
    flow->count--;
    return 1;
}
