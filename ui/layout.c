/* SPDX-License-Identifier: MIT */
#include "ui/layout.h"

#include <string.h>

#define UI_LAYOUT_BAND_MIN 3 /* border, one row, border */
#define UI_LAYOUT_WIDE 100   /* from here Events and Output sit side by side */

bool ui_rect_empty(const struct ui_rect *r)
{
    return r->h <= 0 || r->w <= 0;
}

static int ui_layout_clamp(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Split a rect among `n` panes side by side (horizontal) or stacked. */
static void ui_layout_split(struct ui_rect area, const enum ui_pane_id *ids, int n, bool stacked,
                            struct ui_layout *out)
{
    int total = stacked ? area.h : area.w;
    int pos = 0;
    for (int i = 0; i < n; i++) {
        int len = (i == n - 1) ? total - pos : total / n;
        struct ui_rect *r = &out->pane[ids[i]];
        *r = area;
        if (stacked) {
            r->y = area.y + pos;
            r->h = len;
        } else {
            r->x = area.x + pos;
            r->w = len;
        }
        pos += len;
    }
}

/*
 * Events beside Output: Events gets 3/5 of the width, since its lines (time,
 * process, event, fields) are longer than most printed lines and cutting
 * them hides the values and exit codes a reader looks for; Output gets more,
 * up to half, when its lines need it (they wrap beyond).
 */
static void ui_layout_widen_events(struct ui_rect area, int output_cols, struct ui_layout *out)
{
    struct ui_rect *ev = &out->pane[UI_PANE_EVENTS];
    struct ui_rect *op = &out->pane[UI_PANE_OUTPUT];
    int want = output_cols + 2;
    int op_w = area.w - area.w * 3 / 5;
    op_w = want > op_w ? (want < area.w / 2 ? want : area.w / 2) : op_w;
    ev->x = area.x;
    ev->w = area.w - op_w;
    op->x = area.x + ev->w;
    op->w = area.w - ev->w;
}

/* Collect the used panes among `cand` into ids; returns how many. */
static int ui_layout_pick(const bool *used, const enum ui_pane_id *cand, int n,
                          enum ui_pane_id *ids)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (used[cand[i]]) {
            ids[k++] = cand[i];
        }
    }
    return k;
}

/* Heights of the three bands (top, middle, bottom); unused bands get 0. */
static void ui_layout_heights(const struct ui_layout_req *req, int body, const int *count, int *h)
{
    int bands = (count[0] > 0) + (count[1] > 0) + (count[2] > 0);
    int rest = body;
    h[0] = h[1] = h[2] = 0;
    if (count[0] > 0) {
        int want = req->procs_rows > 0 ? req->procs_rows + 2 : body * 3 / 10;
        int cap = bands == 1 ? body : body * 2 / 5;
        h[0] = bands == 1 ? body : ui_layout_clamp(want, UI_LAYOUT_BAND_MIN, cap);
        if (h[0] > body - UI_LAYOUT_BAND_MIN * (bands - 1)) {
            h[0] = body - UI_LAYOUT_BAND_MIN * (bands - 1);
        }
        rest -= h[0];
    }
    if (count[1] > 0 && count[2] > 0) {
        int want = req->mid_rows > 0 ? req->mid_rows + 2 : rest * 9 / 20;
        int cap = rest * 3 / 5 > UI_LAYOUT_BAND_MIN ? rest * 3 / 5 : UI_LAYOUT_BAND_MIN;
        h[1] = ui_layout_clamp(want, UI_LAYOUT_BAND_MIN, cap);
        if (h[1] > rest - UI_LAYOUT_BAND_MIN) {
            h[1] = rest - UI_LAYOUT_BAND_MIN;
        }
        h[2] = rest - h[1];
    } else if (count[1] > 0) {
        h[1] = rest;
    } else if (count[2] > 0) {
        h[2] = rest;
    }
}

/* The tiled preset: three bands, the used panes of each split across it. */
static void ui_layout_tiled(const struct ui_layout_req *req, struct ui_layout *out)
{
    static const enum ui_pane_id top[] = {UI_PANE_PROCS};
    static const enum ui_pane_id mid[] = {UI_PANE_CHANNELS, UI_PANE_SYNC, UI_PANE_POOL};
    static const enum ui_pane_id bot[] = {UI_PANE_EVENTS, UI_PANE_OUTPUT};
    bool used[UI_PANE_COUNT];
    enum ui_pane_id ids[3][3];
    int count[3];
    int h[3];
    bool any = false;
    memcpy(used, req->used, sizeof(used));
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        any = any || used[i];
    }
    if (!any) {
        used[UI_PANE_EVENTS] = true;
    }
    count[0] = ui_layout_pick(used, top, 1, ids[0]);
    count[1] = ui_layout_pick(used, mid, 3, ids[1]);
    count[2] = ui_layout_pick(used, bot, 2, ids[2]);
    ui_layout_heights(req, out->body.h, count, h);
    int y = out->body.y;
    for (int b = 0; b < 3; b++) {
        if (count[b] == 0) {
            continue;
        }
        struct ui_rect area = {y, out->body.x, h[b], out->body.w};
        bool stacked = b == 2 && req->cols < UI_LAYOUT_WIDE && h[b] >= 2 * 6;
        ui_layout_split(area, ids[b], count[b], stacked, out);
        if (b == 2 && count[b] == 2 && !stacked) {
            ui_layout_widen_events(area, req->output_cols, out);
        }
        y += h[b];
    }
}

bool ui_layout_compute(const struct ui_layout_req *req, struct ui_layout *out)
{
    memset(out, 0, sizeof(*out));
    if (req->rows < UI_LAYOUT_MIN_ROWS || req->cols < UI_LAYOUT_MIN_COLS) {
        out->too_small = true;
        return false;
    }
    out->status = (struct ui_rect){0, 0, 1, req->cols};
    out->hint = (struct ui_rect){req->rows - 1, 0, 1, req->cols};
    out->body = (struct ui_rect){1, 0, req->rows - 2, req->cols};
    if (req->preset == UI_LAYOUT_ZOOM && (int)req->zoomed >= 0 && req->zoomed < UI_PANE_COUNT) {
        out->pane[req->zoomed] = out->body;
        return true;
    }
    ui_layout_tiled(req, out);
    return true;
}
