/* SPDX-License-Identifier: MIT */
/*
 * The Pool pane: each pool's totals (workers, tasks submitted and done, the
 * backlog, closed/terminated, crashes), then one lane per worker in lane
 * order: its process name, tasks (chunks) and items done, utilisation since
 * the pool was created, what it runs now, and its latest busy intervals as
 * a bar on the session's time axis (idle time stays blank).
 */
#include "ui/panes.h"

#include <stdbool.h>
#include <stdlib.h>

#include "core/xalloc.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/rows.h"

#define UI_POOL_NAME_COLS 24
#define UI_POOL_BAR_COL 60

struct pool_pane {
    struct ui_view_pane view; /* first: the pane and its rows */
};

/*
 * Busy share of the lane's time since the pool was created, in percent;
 * *some is set when the lane was busy at all (so 0 % can read "<1%").
 */
static unsigned ui_pane_pool_util(const struct ps_model *m, const struct ps_model_pool *pool,
                                  const struct ps_model_lane *lane, bool *some)
{
    uint64_t since = pool->t_new ? pool->t_new : m->t_first;
    uint64_t busy = lane->busy_ns;
    if (lane->busy && lane->busy_since && lane->busy_since < m->t_last) {
        busy += m->t_last - lane->busy_since;
    }
    *some = busy > 0 || lane->tasks_done > 0;
    if (m->t_last <= since) {
        return 0;
    }
    uint64_t pct = busy * 100 / (m->t_last - since);
    return pct > 100 ? 100 : (unsigned)pct;
}

/* The utilisation column: "%3u%", or " <1%" for a lane busy under 1 % of the time. */
static void ui_pane_pool_util_text(struct ui_row *row, const struct ps_model *m,
                                   const struct ps_model_pool *pool,
                                   const struct ps_model_lane *lane)
{
    bool some = false;
    unsigned util = ui_pane_pool_util(m, pool, lane, &some);
    if (util == 0 && some) {
        ui_row_text(row, UI_COLOR_NORMAL, " <1%%");
    } else {
        ui_row_text(row, UI_COLOR_NORMAL, "%3u%%", util);
    }
}

/* One worker lane: text and busy intervals. */
static void ui_pane_pool_lane(struct ui_rows *rows, const struct ps_model *m,
                              const struct ps_model_pool *pool, const struct ps_model_lane *lane,
                              int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    const struct ps_model_proc *p = ps_model_proc_find(m, lane->pid);
    ui_row_text(row, UI_COLOR_DIM, "  %2d ", lane->lane);
    if (p) {
        ui_row_text_escaped(row, UI_COLOR_NORMAL, (int16_t)p->order, p->name,
                            UI_POOL_NAME_COLS - 6);
    } else {
        ui_row_text(row, UI_COLOR_DIM, "pid %d", lane->pid);
    }
    ui_row_pad(row, UI_POOL_NAME_COLS);
    ui_row_text(row, UI_COLOR_NORMAL, "done %3llu", (unsigned long long)lane->tasks_done);
    ui_row_text(row, UI_COLOR_DIM, " (%llu)", (unsigned long long)lane->items_done);
    ui_row_pad(row, UI_POOL_NAME_COLS + 15);
    ui_pane_pool_util_text(row, m, pool, lane);
    if (lane->crashed) {
        ui_row_text(row, UI_COLOR_PROC_KILLED, " crashed %d", lane->crash_exit);
    } else if (lane->busy) {
        ui_row_text(row, UI_COLOR_POOL_BUSY, " task %lld", (long long)lane->task);
    } else {
        ui_row_text(row, UI_COLOR_POOL_IDLE, " idle");
    }
    ui_row_pad(row, UI_POOL_BAR_COL);
    row->bar = true;
    uint32_t n =
        lane->nintervals < PS_MODEL_LANE_INTERVALS ? lane->nintervals : PS_MODEL_LANE_INTERVALS;
    for (uint32_t i = lane->nintervals - n; i < lane->nintervals; i++) {
        const struct ps_model_interval *iv = &lane->intervals[i % PS_MODEL_LANE_INTERVALS];
        ui_row_mark(row, iv->start, iv->end > iv->start ? iv->end : iv->start + 1, UI_G_FULL,
                    UI_COLOR_POOL_BUSY, -1);
    }
    if (lane->busy && lane->busy_since) {
        uint64_t end = m->t_last > lane->busy_since ? m->t_last : lane->busy_since + 1;
        ui_row_mark(row, lane->busy_since, end, UI_G_FULL, UI_COLOR_POOL_BUSY, -1);
    }
}

/* A pool's totals row and its lanes. */
static void ui_pane_pool_one(struct ui_rows *rows, const struct ps_model *m,
                             const struct ps_model_pool *pool, int64_t key)
{
    struct ui_row *row = ui_rows_add(rows, key);
    ui_row_text(row, UI_COLOR_TITLE, "pool %u", pool->obj);
    ui_row_text(row, UI_COLOR_NORMAL,
                "  workers %d  submitted %llu  done %llu  backlog %lld  items %llu/%llu",
                pool->workers, (unsigned long long)pool->submitted, (unsigned long long)pool->done,
                (long long)pool->backlog, (unsigned long long)pool->items_done,
                (unsigned long long)pool->items_submitted);
    if (pool->terminated) {
        ui_row_text(row, UI_COLOR_PROC_KILLED, "  terminated");
    } else if (pool->closed) {
        ui_row_text(row, UI_COLOR_DIM, "  closed");
    }
    if (pool->crashes) {
        ui_row_text(row, UI_COLOR_WARN, "  crashes %u", pool->crashes);
    }
    for (uint32_t i = 0; i < pool->nlanes && i < PS_MODEL_POOL_LANES; i++) {
        const struct ps_model_lane *lane = ps_model_pool_lane(m, pool, i);
        if (lane) {
            ui_pane_pool_lane(rows, m, pool, lane, key + 1 + i);
        }
    }
}

/* Build a block per pool. */
static bool ui_pane_pool_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct pool_pane *pp = (struct pool_pane *)pane;
    const struct ps_model *m = ps_session_model(session);
    struct ui_rows *rows = &pp->view.rows;
    ui_rows_clear(rows);
    rows->t0 = m->t_first;
    rows->t1 = m->t_last;
    rows->bar_col = UI_POOL_BAR_COL;
    uint32_t n = m->npools < PS_MODEL_POOLS ? m->npools : PS_MODEL_POOLS;
    for (uint32_t i = 0; i < n; i++) {
        ui_pane_pool_one(rows, m, &m->pools[i], (int64_t)i << 8);
    }
    ui_list_sync(&pp->view);
    return n > 0;
}

static const struct ui_pane_class ui_pane_pool_class = {
    .name = "Pool",
    .update = ui_pane_pool_update,
    .draw = ui_list_draw,
    .key = ui_list_key,
    .click = ui_list_click,
    .destroy = ui_list_destroy,
};

struct ui_pane *ui_pane_pool_new(void)
{
    struct pool_pane *pp = ps_xcalloc(1, sizeof(*pp));
    pp->view.base.cls = &ui_pane_pool_class;
    pp->view.base.dirty = true;
    ui_rows_init(&pp->view.rows);
    ui_list_init(&pp->view, false);
    return &pp->view.base;
}
