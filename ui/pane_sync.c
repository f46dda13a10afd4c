/* SPDX-License-Identifier: MIT */
/*
 * The Sync pane: each barrier, lock and namespace, in order of first appearance.
 *
 * A barrier shows its parties, generation and how many arrived and left;
 * then a row per arrival of the latest generation: who, in which order, how
 * long it waited, and on the session's time axis its arrival, the wait
 * (shaded) and its release. A lock shows its holder (and since when), the
 * processes waiting for it, and the latest hand-offs from holder to holder.
 * A namespace shows each of its shared values: key, value, who set it last,
 * how often it was set and read.
 */
#include "ui/panes.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/glyphs.h"
#include "ui/rows.h"
#include "ui/timeaxis.h"

#define UI_SYNC_BAR_COL 36

struct sync_pane {
    struct ui_view_pane view; /* first: the pane and its rows */
};

/* A duration for humans: "850 us", "12.5 ms", "1.002 s". */
static void ui_pane_sync_dur(char *buf, size_t n, int64_t ns)
{
    if (ns < 0) {
        snprintf(buf, n, "-");
    } else if (ns < 1000000) {
        snprintf(buf, n, "%" PRId64 " us", ns / 1000);
    } else if (ns < 1000000000) {
        snprintf(buf, n, "%.1f ms", (double)ns / 1e6);
    } else {
        snprintf(buf, n, "%.3f s", (double)ns / 1e9);
    }
}

/* A process name (in its colour) or "pid N" / "-" for 0. */
static void ui_pane_sync_name(struct ui_row *row, const struct ps_model *m, int32_t pid)
{
    const struct ps_model_proc *p = pid > 0 ? ps_model_proc_find(m, pid) : NULL;
    if (p) {
        ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name, 0);
    } else if (pid > 0) {
        ui_row_text(row, UI_COLOR_DIM, "pid %d", pid);
    } else {
        ui_row_text(row, UI_COLOR_DIM, "-");
    }
}

/* One arrival at a barrier: who, order, wait, and arrival/wait/release on the axis. */
static void ui_pane_sync_arrival(struct ui_rows *rows, const struct ps_model *m,
                                 const struct ps_model_arrival *a, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    char wait[24];
    ui_pane_sync_dur(wait, sizeof(wait), a->wait_ns);
    ui_row_text(row, UI_COLOR_DIM, "  #%d ", a->index);
    ui_pane_sync_name(row, m, a->pid);
    ui_row_pad(row, 22);
    ui_row_text(row, a->wait_ns < 0 ? UI_COLOR_BARRIER_WAITING : UI_COLOR_BARRIER_RELEASED, " %s",
                a->wait_ns < 0 ? "waiting" : wait);
    ui_row_pad(row, UI_SYNC_BAR_COL);
    uint64_t left = a->wait_ns >= 0 ? a->t_arrive + (uint64_t)a->wait_ns : m->t_last;
    ui_row_mark(row, a->t_arrive, left > a->t_arrive ? left : a->t_arrive + 1, UI_G_LIGHT,
                UI_COLOR_BARRIER_WAITING, -1);
    ui_row_mark(row, a->t_arrive, 0, UI_G_ARRIVE, UI_COLOR_BARRIER_WAITING, -1);
    if (a->wait_ns >= 0) {
        ui_row_mark(row, left, 0, UI_G_RELEASE, UI_COLOR_BARRIER_RELEASED, -1);
    }
}

/* A barrier's heading and its arrivals. */
static void ui_pane_sync_barrier(struct ui_rows *rows, const struct ps_model *m,
                                 const struct ps_model_barrier *b, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_TITLE, "barrier %u", b->obj);
    ui_row_text(row, UI_COLOR_NORMAL, "  parties %d  generation %lld  arrived %u/%d  left %u",
                b->parties, (long long)(b->generation < 0 ? 0 : b->generation), b->narrivals,
                b->parties, b->nreleased);
    if (b->broken) {
        ui_row_text(row, UI_COLOR_PROC_KILLED, "  BROKEN (%d arrived)", b->broken_arrived);
    }
    uint32_t n =
        b->narrivals < PS_MODEL_BARRIER_ARRIVALS ? b->narrivals : PS_MODEL_BARRIER_ARRIVALS;
    if (n > 0) { /* a key to the arrival bars below */
        ui_row_text(row, UI_COLOR_BARRIER_WAITING, "   %s", ui_timeaxis_glyph(UI_G_ARRIVE));
        ui_row_text(row, UI_COLOR_DIM, " arrives ");
        ui_row_text(row, UI_COLOR_BARRIER_WAITING, "%s", ui_timeaxis_glyph(UI_G_LIGHT));
        ui_row_text(row, UI_COLOR_DIM, " waits ");
        ui_row_text(row, UI_COLOR_BARRIER_RELEASED, "%s", ui_timeaxis_glyph(UI_G_RELEASE));
        ui_row_text(row, UI_COLOR_DIM, " released");
    }
    for (uint32_t i = 0; i < n; i++) {
        ui_pane_sync_arrival(rows, m, &b->arrivals[i], key + 1 + i);
    }
}

/* A lock's holder row. */
static void ui_pane_sync_lock_head(struct ui_rows *rows, const struct ps_model *m,
                                   const struct ps_model_lock *l, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_TITLE, "lock %u", l->obj);
    if (l->holder <= 0) {
        ui_row_text(row, UI_COLOR_DIM, "  free");
    } else {
        ui_row_text(row, UI_COLOR_NORMAL, "  held by ");
        ui_pane_sync_name(row, m, l->holder);
        char held[24];
        ui_pane_sync_dur(held, sizeof(held), (int64_t)(m->t_last - l->since));
        ui_row_text(row, UI_COLOR_LOCK_HELD, " for %s", held);
    }
    ui_row_text(row, UI_COLOR_DIM, "  acquired %llu", (unsigned long long)l->acquisitions);
    if (l->recovered) {
        ui_row_text(row, UI_COLOR_WARN, "  recovered from dead holder %u", l->recovered);
    }
}

/* A lock: holder, waiters, latest hand-offs. */
static void ui_pane_sync_lock(struct ui_rows *rows, const struct ps_model *m,
                              const struct ps_model_lock *l, int64_t key)
{
    ui_pane_sync_lock_head(rows, m, l, key);
    struct ui_row *row = ui_rows_add(rows, key + 1);
    ui_row_text(row, UI_COLOR_DIM, "  waiting:");
    uint32_t nw = l->nwaiters < PS_MODEL_LOCK_WAITERS ? l->nwaiters : PS_MODEL_LOCK_WAITERS;
    for (uint32_t i = 0; i < nw; i++) {
        ui_row_text(row, UI_COLOR_DIM, "%s", i > 0 ? ", " : " ");
        ui_pane_sync_name(row, m, l->waiters[i].pid);
    }
    if (nw == 0) {
        ui_row_text(row, UI_COLOR_DIM, " nobody");
    }
    row = ui_rows_add(rows, key + 2);
    ui_row_text(row, UI_COLOR_DIM, "  hand-offs:");
    uint32_t nh = l->nhandoffs < PS_MODEL_LOCK_HANDOFFS ? l->nhandoffs : PS_MODEL_LOCK_HANDOFFS;
    for (uint32_t i = l->nhandoffs - nh; i < l->nhandoffs; i++) {
        const struct ps_model_handoff *h = &l->handoffs[i % PS_MODEL_LOCK_HANDOFFS];
        ui_row_text(row, UI_COLOR_DIM, "%s", i > l->nhandoffs - nh ? ", " : " ");
        if (h->from > 0) {
            ui_pane_sync_name(row, m, h->from);
        } else {
            ui_row_text(row, UI_COLOR_DIM, "nobody"); /* the lock was free before */
        }
        ui_row_text(row, UI_COLOR_DIM, " %s ", ui_glyph(UI_GLYPH_ARROW_RIGHT));
        ui_pane_sync_name(row, m, h->to);
    }
    if (nh == 0) {
        ui_row_text(row, UI_COLOR_DIM, " none yet");
    }
}

/* A namespace: a row per entry with its value, latest setter and set/get counts. */
static void ui_pane_sync_ns(struct ui_rows *rows, const struct ps_model *m,
                            const struct ps_model_ns *ns, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_TITLE, "namespace %u", ns->obj);
    ui_row_text(row, UI_COLOR_DIM, "  %u value%s", ns->nentries, ns->nentries == 1 ? "" : "s");
    uint32_t n = ns->nentries < PS_MODEL_NS_ENTRIES ? ns->nentries : PS_MODEL_NS_ENTRIES;
    for (uint32_t i = 0; i < n; i++) {
        const struct ps_model_ns_entry *e = &ns->entries[i];
        row = ui_rows_add(rows, key + 1 + (int64_t)i);
        ui_row_text(row, UI_COLOR_NORMAL, "  ");
        ui_row_text_escaped(row, UI_COLOR_NORMAL, -1, e->key, 0);
        ui_row_text(row, UI_COLOR_DIM, " = ");
        ui_row_text_escaped(row, UI_COLOR_CHAN_SEND, -1, e->value, 0);
        ui_row_text(row, UI_COLOR_DIM, "  set by ");
        ui_pane_sync_name(row, m, e->setter);
        ui_row_text(row, UI_COLOR_DIM, "  sets %u gets %u", e->sets, e->gets);
    }
}

/* Build the barrier blocks, then the lock blocks, then the namespaces. */
static bool ui_pane_sync_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct sync_pane *sp = (struct sync_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    struct ui_rows *rows = &sp->view.rows;
    ui_rows_clear(rows);
    rows->t0 = m->t_first;
    rows->t1 = m->t_last;
    rows->bar_col = UI_SYNC_BAR_COL;
    uint32_t nb = m->nbarriers < PS_MODEL_BARRIERS ? m->nbarriers : PS_MODEL_BARRIERS;
    uint32_t nl = m->nlocks < PS_MODEL_LOCKS ? m->nlocks : PS_MODEL_LOCKS;
    for (uint32_t i = 0; i < nb; i++) {
        ui_pane_sync_barrier(rows, m, &m->barriers[i], (int64_t)i << 8);
    }
    for (uint32_t i = 0; i < nl; i++) {
        ui_pane_sync_lock(rows, m, &m->locks[i], (int64_t)(PS_MODEL_BARRIERS + i) << 8);
    }
    uint32_t nn = m->nnamespaces < PS_MODEL_NAMESPACES ? m->nnamespaces : PS_MODEL_NAMESPACES;
    for (uint32_t i = 0; i < nn; i++) {
        ui_pane_sync_ns(rows, m, &m->namespaces[i],
                        (int64_t)(PS_MODEL_BARRIERS + PS_MODEL_LOCKS + i) << 8);
    }
    ui_list_sync(&sp->view);
    return nb + nl + nn > 0;
}

static const struct ui_pane_class ui_pane_sync_class = {
    .name = "Sync",
    .update = ui_pane_sync_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_sync_new(void)
{
    struct sync_pane *sp = ps_xcalloc(1, sizeof(*sp));
    sp->view.base.cls = &ui_pane_sync_class;
    sp->view.base.dirty = true;
    ui_rows_init(&sp->view.rows);
    ui_list_init(&sp->view, false);
    return &sp->view.base;
}
