/* SPDX-License-Identifier: MIT */
/*
 * The session model's fold for pipes and queues.
 */
#include "session/model_internal.h"

#include <string.h>

/* The channel `obj` of `kind`, created when new; NULL (counted) on a bad id or a full table. */
static struct ps_model_chan *ps_model_chan_get(struct ps_model *m, const struct ps_event *ev,
                                               uint8_t kind)
{
    if (ev->obj == 0) {
        m->bad++;
        return NULL;
    }
    const struct ps_model_chan *found = ps_model_chan_find(m, ev->obj);
    struct ps_model_chan *c = NULL;
    if (found) {
        c = &m->chans[found - m->chans];
        if (c->kind != kind) {
            m->bad++;
            return NULL;
        }
        return c;
    }
    if (m->nchans >= PS_MODEL_CHANS) {
        m->overflow.chans++;
        return NULL;
    }
    c = &m->chans[m->nchans++];
    c->obj = ev->obj;
    c->kind = kind;
    c->hist = -1;
    c->empty_last = -1;
    c->t_open = ev->t_ns;
    if (kind == PS_CHAN_QUEUE) {
        if (m->nhists < PS_MODEL_HISTS) {
            m->hists[m->nhists].chan = m->nchans - 1;
            c->hist = (int16_t)m->nhists++;
        } else {
            m->overflow.hists++;
        }
    }
    return c;
}

/* Add pid to a short list of distinct pids (first N kept). */
static void ps_model_chan_peer(int32_t *pids, uint8_t *n, int32_t pid)
{
    for (uint8_t i = 0; i < *n; i++) {
        if (pids[i] == pid) {
            return;
        }
    }
    if (*n < PS_MODEL_CHAN_PEERS) {
        pids[(*n)++] = pid;
    }
}

/* Record a value seen on the channel. */
static void ps_model_chan_value(struct ps_model_chan *c, const struct ps_event *ev, uint8_t end)
{
    struct ps_model_value *v = &c->values[c->nvalues % PS_MODEL_CHAN_VALUES];
    c->nvalues++;
    v->t_ns = ev->t_ns;
    v->pid = ev->pid;
    v->end = end;
    v->len = (uint8_t)ps_model_copy(v->text, sizeof(v->text), ps_model_text(ev));
}

/* Take a depth sample for the queue's history. */
static void ps_model_chan_sample(struct ps_model *m, struct ps_model_chan *c, uint64_t t)
{
    if (c->hist < 0 || (uint32_t)c->hist >= m->nhists) {
        return;
    }
    struct ps_model_hist *h = &m->hists[c->hist];
    h->t_ns[h->n % PS_MODEL_HIST_SAMPLES] = t;
    h->depth[h->n % PS_MODEL_HIST_SAMPLES] = (int32_t)c->depth;
    h->n++;
}

/* Fold a pipe event; ends and sizes are checked before use. */
void ps_model_apply_pipe(struct ps_model *m, const struct ps_event *ev)
{
    int64_t end = ev->type == PS_EV_PIPE_CLOSE ? ev->a : ev->b;
    bool sized = ev->type == PS_EV_PIPE_SEND || ev->type == PS_EV_PIPE_RECV;
    bool ended = ev->type != PS_EV_PIPE_OPEN;
    if ((ended && (end < 0 || end > 1)) || (sized && ev->a < 0)) {
        m->bad++;
        return;
    }
    struct ps_model_chan *c = ps_model_chan_get(m, ev, PS_CHAN_PIPE);
    if (!c) {
        return;
    }
    if (ev->type == PS_EV_PIPE_OPEN) {
        c->duplex = ev->a != 0;
    } else if (ev->type == PS_EV_PIPE_SEND) {
        c->sent++;
        c->bytes_sent += (uint64_t)ev->a;
        c->in_flight++;
        ps_model_chan_peer(c->senders, &c->nsenders, ev->pid);
        ps_model_chan_value(c, ev, (uint8_t)end);
    } else if (ev->type == PS_EV_PIPE_RECV) {
        c->received++;
        c->bytes_received += (uint64_t)ev->a;
        c->in_flight = c->in_flight > 0 ? c->in_flight - 1 : 0;
        ps_model_chan_peer(c->receivers, &c->nreceivers, ev->pid);
    } else if (ev->type == PS_EV_PIPE_CLOSE) {
        struct ps_model_close *cl = &c->closes[c->ncloses++ % PS_MODEL_CHAN_CLOSES];
        *cl = (struct ps_model_close){.t_ns = ev->t_ns, .pid = ev->pid, .end = (int32_t)end};
        c->closed[end]++;
    } else if (!c->eof[end]) {
        c->eof[end] = 1;
        c->t_eof[end] = ev->t_ns;
    }
}

/* Fold a queue event; depths and sizes are checked before use. */
void ps_model_apply_queue(struct ps_model *m, const struct ps_event *ev)
{
    int64_t depth = ev->type == PS_EV_QUEUE_EMPTY ? ev->b : ev->a;
    bool moves = ev->type == PS_EV_QUEUE_PUT || ev->type == PS_EV_QUEUE_GET;
    if (ev->a < 0 || depth < 0 || depth > INT32_MAX || (moves && ev->b < 0)) {
        m->bad++;
        return;
    }
    struct ps_model_chan *c = ps_model_chan_get(m, ev, PS_CHAN_QUEUE);
    if (!c) {
        return;
    }
    if (ev->type == PS_EV_QUEUE_OPEN) {
        c->capacity = ev->a;
        return;
    }
    if (ev->type == PS_EV_QUEUE_PUT) {
        c->sent++;
        c->bytes_sent += (uint64_t)ev->b;
        ps_model_chan_peer(c->senders, &c->nsenders, ev->pid);
        ps_model_chan_value(c, ev, 0);
    } else if (ev->type == PS_EV_QUEUE_GET) {
        c->received++;
        c->bytes_received += (uint64_t)ev->b;
        ps_model_chan_peer(c->receivers, &c->nreceivers, ev->pid);
    } else {
        c->empty_checks++;
        c->empty_last = ev->a != 0;
    }
    c->depth = depth;
    c->in_flight = depth;
    c->depth_max = depth > c->depth_max ? depth : c->depth_max;
    ps_model_chan_sample(m, c, ev->t_ns);
}
