/* SPDX-License-Identifier: MIT */
/* Synthetic events for tests. */
#include "events_synth.h"

#include <stdio.h>
#include <string.h>

struct ps_event ps_synth_event(unsigned type, uint64_t t_ns, int32_t pid, uint32_t obj,
                               int32_t peer, int64_t a, int64_t b, const char *text)
{
    return (struct ps_event){
        .t_ns = t_ns, .pid = pid, .type = (uint16_t)type, .obj = obj, .peer = peer, .a = a,
        .b = b, .text = text ? text : "", .text_len = text ? (uint32_t)strlen(text) : 0};
}

void ps_synth_apply(struct ps_model *m, struct ps_event *evs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        evs[i].seq = m->events;
        ps_model_apply(m, &evs[i]);
    }
}

int ps_synth_sink(const struct ps_sink *sink, struct ps_event *evs, size_t n, uint64_t *seq)
{
    for (size_t i = 0; i < n; i++) {
        evs[i].seq = (*seq)++;
        int rc = ps_sink_event(sink, &evs[i]);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

/* A small xorshift hash of (seed, i). */
static uint64_t ps_synth_hash(uint64_t seed, uint64_t i)
{
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + i * 0xBF58476D1CE4E5B9ull + 1;
    x ^= x >> 31;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 29;
    return x;
}

struct ps_event ps_synth_mixed(uint64_t seed, uint64_t i, char *text_buf, size_t text_n)
{
    uint64_t h = ps_synth_hash(seed, i);
    int32_t pid = 1000 + (int32_t)(h % 6);
    uint64_t t = 1000000 + i * 1000;
    snprintf(text_buf, text_n, "v%llu", (unsigned long long)(h % 1000));
    if (i == 0) {
        return ps_synth_event(PS_EV_PROC_SPAWN, t, 999, 0, 1000, 0, 0, "MainProcess");
    }
    if (i <= 5) {
        snprintf(text_buf, text_n, "Process-%llu", (unsigned long long)i);
        return ps_synth_event(PS_EV_PROC_SPAWN, t, 1000, 0, 1000 + (int32_t)i, 0, 0, text_buf);
    }
    switch (h % 12) {
    case 0:
        return ps_synth_event(PS_EV_PIPE_SEND, t, pid, 1, 0, 8, 0, text_buf);
    case 1:
        return ps_synth_event(PS_EV_PIPE_RECV, t, pid, 1, 0, 8, 1, text_buf);
    case 2:
        return ps_synth_event(PS_EV_QUEUE_PUT, t, pid, 2, 0, (int64_t)(h >> 8) % 9, 4, text_buf);
    case 3:
        return ps_synth_event(PS_EV_QUEUE_GET, t, pid, 2, 0, (int64_t)(h >> 8) % 9, 4, text_buf);
    case 4:
        return ps_synth_event(PS_EV_LOCK_WANT, t, pid, 3, 0, 0, 0, NULL);
    case 5:
        return ps_synth_event(PS_EV_LOCK_ACQUIRED, t, pid, 3, 0, 10, 0, NULL);
    case 6:
        return ps_synth_event(PS_EV_BARRIER_ARRIVE, t, pid, 4, 0, (int64_t)(h >> 8) % 3,
                              (int64_t)(i / 50), NULL);
    case 7:
        return ps_synth_event(PS_EV_POOL_WORKER, t, 1000, 5, pid, pid - 999, 0, NULL);
    case 8:
        return ps_synth_event((h >> 8) % 2 ? PS_EV_POOL_START : PS_EV_POOL_DONE, t, pid, 5, 0,
                              (int64_t)(i % 97), 2, NULL);
    case 9:
        snprintf(text_buf, text_n, "k%llu=%llu", (unsigned long long)((h >> 8) % 5),
                 (unsigned long long)i);
        return ps_synth_event(PS_EV_NS_SET, t, pid, 6, 0, 0, 0, text_buf);
    case 10:
        return ps_synth_event(PS_EV_OUTPUT, t, pid, 0, 0, 1, 0, text_buf);
    default:
        return ps_synth_event(PS_EV_POOL_SUBMIT, t, 1000, 5, 0, (int64_t)i, 2, NULL);
    }
}
