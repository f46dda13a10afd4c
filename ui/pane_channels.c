/* SPDX-License-Identifier: MIT */
/*
 * The Channels pane: a block of rows per pipe and queue, in order of first
 * appearance. The first row says who writes to whom (process names) and the
 * traffic: messages and bytes sent and received, and what is in flight (a
 * queue's depth, with its maximum and capacity). The next rows show the
 * latest values, the closes and EOF per pipe end, a queue's empty() checks
 * (the race the queue demo shows), and a queue's depth over time as a
 * sparkline on the session's time axis.
 */
#include "ui/panes.h"

#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/glyphs.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

#define UI_CHANNELS_BAR_COL 28

struct channels_pane {
    struct ui_view_pane view; /* first: the pane and its rows */
};

/* Append the names of `n` pids, comma-separated ("?" when there are none). */
static void ui_pane_channels_names(struct ui_row *row, const struct ps_model *m,
                                   const int32_t *pids, unsigned n)
{
    if (n == 0) {
        ui_row_text(row, UI_COLOR_DIM, "?");
    }
    for (unsigned i = 0; i < n && i < PS_MODEL_CHAN_PEERS; i++) {
        const struct ps_model_proc *p = ps_model_proc_find(m, pids[i]);
        if (i > 0) {
            ui_row_text(row, UI_COLOR_DIM, ",");
        }
        if (p) {
            ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, 0);
        } else {
            ui_row_text(row, UI_COLOR_DIM, "pid %d", pids[i]);
        }
    }
}

/* The heading row: kind, id, writers -> readers, traffic. */
static void ui_pane_channels_head(struct ui_rows *rows, const struct ps_model *m,
                                  const struct ps_model_chan *c, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    bool queue = c->kind == PS_CHAN_QUEUE;
    ui_row_text(row, UI_COLOR_TITLE, "%s %u%s ", queue ? "queue" : "pipe", c->obj,
                c->duplex ? " (duplex)" : "");
    ui_pane_channels_names(row, m, c->senders, c->nsenders);
    ui_row_text(row, UI_COLOR_DIM, " %s ", ui_glyph(UI_GLYPH_ARROW_RIGHT));
    ui_pane_channels_names(row, m, c->receivers, c->nreceivers);
    ui_row_text(row, UI_COLOR_CHAN_SEND, "  %s %llu (%llu B)", queue ? "put" : "sent",
                (unsigned long long)c->sent, (unsigned long long)c->bytes_sent);
    ui_row_text(row, UI_COLOR_CHAN_RECV, "  %s %llu (%llu B)", queue ? "got" : "recv",
                (unsigned long long)c->received, (unsigned long long)c->bytes_received);
    if (queue) {
        ui_row_text(row, UI_COLOR_NORMAL, "  depth %lld max %lld", (long long)c->depth,
                    (long long)c->depth_max);
        if (c->capacity > 0) {
            ui_row_text(row, UI_COLOR_DIM, "/%lld", (long long)c->capacity);
        }
    } else {
        /* From the counters: a recv logged before its send must not leave a phantom message. */
        uint64_t flight = c->sent > c->received ? c->sent - c->received : 0;
        ui_row_text(row, flight ? UI_COLOR_CHAN_SEND : UI_COLOR_DIM, "  in flight %llu",
                    (unsigned long long)flight);
    }
}

/* The latest values, oldest first. */
static void ui_pane_channels_values(struct ui_rows *rows, const struct ps_model_chan *c,
                                    int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_DIM, "  values:");
    uint32_t n = c->nvalues < PS_MODEL_CHAN_VALUES ? c->nvalues : PS_MODEL_CHAN_VALUES;
    if (c->nvalues > n) {
        ui_row_text(row, UI_COLOR_DIM, " %s", ui_glyph(UI_GLYPH_ELLIPSIS));
    }
    for (uint32_t i = c->nvalues - n; i < c->nvalues; i++) {
        const struct ps_model_value *v = &c->values[i % PS_MODEL_CHAN_VALUES];
        ui_row_text(row, UI_COLOR_DIM, " ");
        ui_row_text_escaped(row, UI_COLOR_CHAN_SEND, -1, v->text, 0);
    }
    if (n == 0) {
        ui_row_text(row, UI_COLOR_DIM, " none yet");
    }
}

/* Closes and EOF per end of a pipe. */
static void ui_pane_channels_ends(struct ui_rows *rows, const struct ps_model_chan *c, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_DIM, " ");
    for (int end = 0; end < 2; end++) {
        ui_row_text(row, UI_COLOR_DIM, " end %d: closed %u", end, c->closed[end]);
        if (c->eof[end]) {
            ui_row_text(row, UI_COLOR_CHAN_CLOSED, ", EOF seen");
        }
        ui_row_text(row, UI_COLOR_DIM, " ");
    }
}

/* A queue's empty() checks and its depth sparkline on the time axis. */
static void ui_pane_channels_depth(struct ui_rows *rows, const struct ps_model *m,
                                   const struct ps_model_chan *c, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_DIM, "  empty() %u", c->empty_checks);
    if (c->empty_last >= 0) {
        ui_row_text(row, c->empty_last ? UI_COLOR_WARN : UI_COLOR_NORMAL, " last %s",
                    c->empty_last ? "True" : "False");
    }
    ui_row_pad(row, UI_CHANNELS_BAR_COL);
    row->bar = true;
    const struct ps_model_hist *h = ps_model_chan_hist(m, c);
    if (!h) {
        return;
    }
    uint32_t n = h->n < PS_MODEL_HIST_SAMPLES ? h->n : PS_MODEL_HIST_SAMPLES;
    int64_t max = c->depth_max > 0 ? c->depth_max : 1;
    for (uint32_t i = h->n - n; i < h->n; i++) {
        uint32_t k = i % PS_MODEL_HIST_SAMPLES;
        uint64_t t1 = i + 1 < h->n ? h->t_ns[(i + 1) % PS_MODEL_HIST_SAMPLES] : m->t_last;
        enum ui_glyph_id g = ui_timeaxis_spark(h->depth[k], max);
        ui_row_mark(row, h->t_ns[k], t1 > h->t_ns[k] ? t1 : h->t_ns[k] + 1, g, UI_COLOR_CHAN_SEND,
                    -1);
    }
}

/* Build a block of rows per channel. */
static bool ui_pane_channels_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct channels_pane *cp = (struct channels_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    struct ui_rows *rows = &cp->view.rows;
    ui_rows_clear(rows);
    rows->t0 = m->t_first;
    rows->t1 = m->t_last;
    rows->bar_col = UI_CHANNELS_BAR_COL;
    uint32_t n = m->nchans < PS_MODEL_CHANS ? m->nchans : PS_MODEL_CHANS;
    for (uint32_t i = 0; i < n; i++) {
        const struct ps_model_chan *c = &m->chans[i];
        int64_t key = (int64_t)c->obj << 2;
        ui_pane_channels_head(rows, m, c, key);
        ui_pane_channels_values(rows, c, key | 1);
        if (c->kind == PS_CHAN_QUEUE) {
            ui_pane_channels_depth(rows, m, c, key | 2);
        } else {
            ui_pane_channels_ends(rows, c, key | 2);
        }
    }
    ui_list_sync(&cp->view);
    return n > 0;
}

static const struct ui_pane_class ui_pane_channels_class = {
    .name = "Channels",
    .update = ui_pane_channels_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_channels_new(void)
{
    struct channels_pane *cp = ps_xcalloc(1, sizeof(*cp));
    cp->view.base.cls = &ui_pane_channels_class;
    cp->view.base.dirty = true;
    ui_rows_init(&cp->view.rows);
    ui_list_init(&cp->view, false);
    return &cp->view.base;
}
