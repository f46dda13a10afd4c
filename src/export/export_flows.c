/* SPDX-License-Identifier: MIT */
#include "export/export_flows.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
    free(flows->slots);
    ps_export_flows_init(flows);
}

/* The hash slot where `key` is or would go. */
static size_t ps_export_flows_slot(const struct ps_export_flows *flows, uint64_t key)
{
    size_t mask = flows->nslots - 1;
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15u) >> 32) & mask;
    while (flows->slots[i] != 0 && flows->dirs[flows->slots[i] - 1].key != key) {
        i = (i + 1) & mask;
    }
    return i;
}

/* Make room for one more direction: grow the array and, at half load, rehash. */
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
    if (2 * (flows->n + 1) <= flows->nslots) {
        return 0;
    }
    size_t nslots = flows->nslots ? flows->nslots * 2 : 64;
    uint32_t *slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL) {
        return -ENOMEM;
    }
    free(flows->slots);
    flows->slots = slots;
    flows->nslots = nslots;
    for (size_t i = 0; i < flows->n; i++) {
        flows->slots[ps_export_flows_slot(flows, flows->dirs[i].key)] = (uint32_t)i + 1;
    }
    return 0;
}

struct ps_export_flow *ps_export_flows_get(struct ps_export_flows *flows, uint64_t key)
{
    if (flows->nslots > 0) {
        uint32_t i = flows->slots[ps_export_flows_slot(flows, key)];
        if (i != 0) {
            return &flows->dirs[i - 1];
        }
    }
    if (flows->n >= PS_EXPORT_FLOW_DIRS_MAX) {
        flows->overflow++;
        errno = ENOSPC;
        return NULL;
    }
    if (ps_export_flows_grow(flows) < 0) {
        errno = ENOMEM;
        return NULL;
    }
    struct ps_export_flow *flow = &flows->dirs[flows->n];
    memset(flow, 0, sizeof(*flow));
    flow->key = key;
    size_t slot = ps_export_flows_slot(flows, key);
    flows->n++;
    flows->slots[slot] = (uint32_t)flows->n;
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
