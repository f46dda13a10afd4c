/* SPDX-License-Identifier: MIT */
#include "session/sink_tee.h"

#include <errno.h>

void ps_sink_tee_init(struct ps_sink_tee *tee)
{
    tee->count = 0;
}

int ps_sink_tee_add(struct ps_sink_tee *tee, struct ps_sink sink)
{
    if (tee->count == PS_SINK_TEE_MAX) {
        return -ENOSPC;
    }
    tee->sinks[tee->count++] = sink;
    return 0;
}

static int ps_sink_tee_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_sink_tee *tee = ctx;
    for (size_t i = 0; i < tee->count; i++) {
        int rc = ps_sink_begin(&tee->sinks[i], info);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int ps_sink_tee_event(void *ctx, const struct ps_event *ev)
{
    struct ps_sink_tee *tee = ctx;
    for (size_t i = 0; i < tee->count; i++) {
        int rc = ps_sink_event(&tee->sinks[i], ev);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

static int ps_sink_tee_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_sink_tee *tee = ctx;
    for (size_t i = 0; i < tee->count; i++) {
        int rc = ps_sink_end(&tee->sinks[i], end);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

struct ps_sink ps_sink_tee_sink(struct ps_sink_tee *tee)
{
    return (struct ps_sink){
        .on_begin = ps_sink_tee_begin,
        .on_event = ps_sink_tee_event,
        .on_end = ps_sink_tee_end,
        .ctx = tee,
    };
}
