/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>

#include "ui/layout.h"

static struct ui_layout_req req_all(int rows, int cols)
{
    struct ui_layout_req req = {.preset = UI_LAYOUT_TILED, .rows = rows, .cols = cols};
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        req.used[i] = true;
    }
    return req;
}

static bool overlap(const struct ui_rect *a, const struct ui_rect *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* Every placed pane lies inside the body, and no two overlap; returns the covered area. */
static int check_tiling(const struct ui_layout *l)
{
    int area = 0;
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        const struct ui_rect *r = &l->pane[i];
        if (ui_rect_empty(r)) {
            continue;
        }
        cr_assert_geq(r->y, l->body.y);
        cr_assert_geq(r->x, l->body.x);
        cr_assert_leq(r->y + r->h, l->body.y + l->body.h);
        cr_assert_leq(r->x + r->w, l->body.x + l->body.w);
        cr_assert_geq(r->h, 3, "pane %d is %d rows", i, r->h);
        area += r->h * r->w;
        for (int j = i + 1; j < UI_PANE_COUNT; j++) {
            if (!ui_rect_empty(&l->pane[j])) {
                cr_assert_not(overlap(r, &l->pane[j]), "panes %d and %d overlap", i, j);
            }
        }
    }
    return area;
}

Test(layout, all_panes_on_120x40)
{
    struct ui_layout_req req = req_all(40, 120);
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.status.y, 0);
    cr_assert_eq(l.hint.y, 39);
    cr_assert_eq(l.body.h, 38);
    cr_assert_eq(check_tiling(&l), 38 * 120, "the body is covered");
    cr_assert_eq(l.pane[UI_PANE_PROCS].w, 120);
    cr_assert_eq(l.pane[UI_PANE_PROCS].y, 1);
    cr_assert_eq(l.pane[UI_PANE_CHANNELS].y, l.pane[UI_PANE_SYNC].y);
    cr_assert_eq(l.pane[UI_PANE_SYNC].y, l.pane[UI_PANE_POOL].y);
    cr_assert_eq(l.pane[UI_PANE_CHANNELS].w + l.pane[UI_PANE_SYNC].w + l.pane[UI_PANE_POOL].w, 120);
    cr_assert_eq(l.pane[UI_PANE_EVENTS].y, l.pane[UI_PANE_OUTPUT].y, "side by side when wide");
}

Test(layout, unused_panes_give_room)
{
    struct ui_layout_req req = req_all(40, 120);
    req.used[UI_PANE_SYNC] = false;
    req.used[UI_PANE_POOL] = false;
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert(ui_rect_empty(&l.pane[UI_PANE_SYNC]));
    cr_assert(ui_rect_empty(&l.pane[UI_PANE_POOL]));
    cr_assert_eq(l.pane[UI_PANE_CHANNELS].w, 120);
    cr_assert_eq(check_tiling(&l), 38 * 120);

    req.used[UI_PANE_CHANNELS] = false;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert(ui_rect_empty(&l.pane[UI_PANE_CHANNELS]));
    cr_assert_eq(check_tiling(&l), 38 * 120, "the middle band's room went to the others");
}

Test(layout, narrow_stacks_events_and_output)
{
    struct ui_layout_req req = req_all(50, 80);
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_EVENTS].w, 80);
    cr_assert_eq(l.pane[UI_PANE_OUTPUT].w, 80);
    cr_assert_gt(l.pane[UI_PANE_OUTPUT].y, l.pane[UI_PANE_EVENTS].y);
    cr_assert_eq(check_tiling(&l), 48 * 80);
}

Test(layout, processes_height_follows_hint)
{
    struct ui_layout_req req = req_all(40, 120);
    struct ui_layout l;
    req.procs_rows = 4;
    ui_layout_compute(&req, &l);
    cr_assert_eq(l.pane[UI_PANE_PROCS].h, 6);
    req.procs_rows = 100;
    ui_layout_compute(&req, &l);
    cr_assert_leq(l.pane[UI_PANE_PROCS].h, 38 * 2 / 5, "capped");
    cr_assert_eq(check_tiling(&l), 38 * 120);
}

Test(layout, zoom_takes_the_body)
{
    struct ui_layout_req req = req_all(40, 120);
    req.preset = UI_LAYOUT_ZOOM;
    req.zoomed = UI_PANE_EVENTS;
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_EVENTS].h, 38);
    cr_assert_eq(l.pane[UI_PANE_EVENTS].w, 120);
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        if (i != UI_PANE_EVENTS) {
            cr_assert(ui_rect_empty(&l.pane[i]));
        }
    }
}

Test(layout, too_small)
{
    struct ui_layout_req req = req_all(10, 30);
    struct ui_layout l;
    cr_assert_not(ui_layout_compute(&req, &l));
    cr_assert(l.too_small);
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        cr_assert(ui_rect_empty(&l.pane[i]));
    }
    req = req_all(UI_LAYOUT_MIN_ROWS, UI_LAYOUT_MIN_COLS);
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(check_tiling(&l), (UI_LAYOUT_MIN_ROWS - 2) * UI_LAYOUT_MIN_COLS);
}

Test(layout, every_size_tiles_the_body)
{
    for (int rows = UI_LAYOUT_MIN_ROWS; rows <= 70; rows += 3) {
        for (int cols = UI_LAYOUT_MIN_COLS; cols <= 220; cols += 7) {
            for (int mask = 0; mask < 64; mask += 5) {
                struct ui_layout_req req = {.rows = rows, .cols = cols, .procs_rows = mask % 9};
                for (int i = 0; i < UI_PANE_COUNT; i++) {
                    req.used[i] = (mask >> i) & 1;
                }
                struct ui_layout l;
                cr_assert(ui_layout_compute(&req, &l));
                cr_assert_eq(check_tiling(&l), (rows - 2) * cols, "%dx%d mask %d", cols, rows,
                             mask);
            }
        }
    }
}

Test(layout, middle_band_sized_by_its_content)
{
    struct ui_layout_req req = req_all(40, 120);
    req.procs_rows = 4;
    req.mid_rows = 6;
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_CHANNELS].h, 8, "six rows and the border");
    cr_assert_eq(check_tiling(&l), 38 * 120, "the events band takes the rest");
    req.mid_rows = 100;
    cr_assert(ui_layout_compute(&req, &l));
    int rest = 38 - l.pane[UI_PANE_PROCS].h;
    cr_assert_leq(l.pane[UI_PANE_CHANNELS].h, rest * 3 / 5, "capped: the events keep room");
    cr_assert_geq(l.pane[UI_PANE_EVENTS].h, 3);
    req.rows = 12;
    cr_assert(ui_layout_compute(&req, &l));
    check_tiling(&l);
}

/* Output gets the width its lines need, up to half the screen (they wrap beyond). */
Test(layout, output_widens_for_its_lines)
{
    struct ui_layout_req req = req_all(40, 120);
    struct ui_layout l;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_OUTPUT].w, 48, "2/5 by default");
    req.output_cols = 55;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_OUTPUT].w, 57, "its lines plus the border");
    cr_assert_eq(check_tiling(&l), 38 * 120);
    req.output_cols = 200;
    cr_assert(ui_layout_compute(&req, &l));
    cr_assert_eq(l.pane[UI_PANE_OUTPUT].w, 60, "at most half");
}
