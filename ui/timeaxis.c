/* SPDX-License-Identifier: MIT */
#include "ui/timeaxis.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"

int ui_timeaxis_col(uint64_t t0, uint64_t t1, uint64_t t, int width)
{
    if (width <= 1 || t1 <= t0 || t <= t0) {
        return 0;
    }
    if (t >= t1) {
        return width - 1;
    }
    double f = (double)(t - t0) / (double)(t1 - t0);
    int col = (int)(f * (double)(width - 1) + 0.5);
    return col < 0 ? 0 : (col > width - 1 ? width - 1 : col);
}

/* Paint columns [c0, c1] of cells with the mark's glyph. */
static void ui_timeaxis_paint(struct ui_cell *cells, int c0, int c1, const struct ui_mark *mark)
{
    for (int c = c0; c <= c1; c++) {
        cells[c].glyph = mark->glyph;
        cells[c].color = mark->color;
        cells[c].proc = mark->proc;
    }
}

void ui_timeaxis_render(const struct ui_row *row, uint64_t t0, uint64_t t1, int width,
                        struct ui_cell *cells)
{
    struct ui_axis axis = {.t0 = t0, .t1 = t1};
    ui_axis_render(row, &axis, width, cells);
}

/* The index of the last event time <= t (0 when t is before them all). */
static uint32_t ui_axis_find(const struct ui_axis *axis, uint64_t t)
{
    uint32_t lo = 0;
    uint32_t hi = axis->n;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (axis->t[mid] <= t) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Units on an event axis: a unit per gap between events, one more to t1 when later. */
static double ui_axis_units(const struct ui_axis *axis)
{
    return (double)(axis->n - 1) + (axis->t1 > axis->t[axis->n - 1] ? 1.0 : 0.0);
}

/* Whether the axis is event-ordered (and has the times for it). */
static bool ui_axis_is_events(const struct ui_axis *axis)
{
    return axis->events && axis->n >= 2 && axis->t;
}

int ui_axis_col(const struct ui_axis *axis, uint64_t t, int width)
{
    if (!ui_axis_is_events(axis)) {
        return ui_timeaxis_col(axis->t0, axis->t1, t, width);
    }
    if (width <= 1 || t <= axis->t[0]) {
        return 0;
    }
    uint32_t i = ui_axis_find(axis, t);
    uint64_t a = axis->t[i];
    uint64_t b = i + 1 < axis->n ? axis->t[i + 1] : axis->t1;
    double frac = b > a ? (double)(t - a) / (double)(b - a) : 0.0;
    frac = frac > 1.0 ? 1.0 : frac;
    double v = ((double)i + frac) / ui_axis_units(axis);
    int col = (int)(v * (double)(width - 1) + 0.5);
    return col < 0 ? 0 : (col > width - 1 ? width - 1 : col);
}

/* The time at column `col` of an event axis (the inverse of ui_axis_col). */
static uint64_t ui_axis_time_at(const struct ui_axis *axis, int col, int width)
{
    double v = width > 1 ? (double)col / (double)(width - 1) * ui_axis_units(axis) : 0.0;
    uint32_t i = (uint32_t)v;
    if (i >= axis->n - 1) {
        uint64_t a = axis->t[axis->n - 1];
        return axis->t1 > a ? a + (uint64_t)((v - (double)(axis->n - 1)) * (double)(axis->t1 - a))
                            : a;
    }
    return axis->t[i] + (uint64_t)((v - (double)i) * (double)(axis->t[i + 1] - axis->t[i]));
}

/* A time for a tick label: "0", "850us", "12ms", "1.5s", "2m". */
static void ui_axis_label(uint64_t ns, char *buf, size_t size)
{
    if (ns == 0) {
        snprintf(buf, size, "0");
    } else if (ns < 1000000u) {
        snprintf(buf, size, "%lluus", (unsigned long long)(ns / 1000u));
    } else if (ns < 1000000000u) {
        snprintf(buf, size, "%.3gms", (double)ns / 1e6);
    } else if (ns < 120000000000u) {
        snprintf(buf, size, "%.3gs", (double)ns / 1e9);
    } else {
        snprintf(buf, size, "%.3gm", (double)ns / 6e10);
    }
}

/* Write `text` into cells from column `col`; false (nothing written) when it does not fit. */
static bool ui_axis_put(struct ui_cell *cells, int width, int col, const char *text)
{
    int len = (int)strlen(text);
    if (col < 0 || col + len > width) {
        return false;
    }
    for (int k = 0; k < len; k++) {
        cells[col + k] = (struct ui_cell){.glyph = UI_G_CHAR, .color = UI_COLOR_DIM, .proc = -1,
                                          .ch = text[k]};
    }
    return true;
}

/* Wall ticks: the first round step whose labels are 8 columns apart or more. */
static void ui_axis_wall_ticks(const struct ui_axis *axis, int width, struct ui_cell *cells)
{
    static const uint64_t steps_ms[] = {1,    2,    5,     10,    20,    50,     100,   200,
                                        500,  1000, 2000,  5000,  10000, 20000,  30000, 60000,
                                        120000, 300000, 600000, 1800000, 3600000};
    uint64_t span = axis->t1 > axis->t0 ? axis->t1 - axis->t0 : 0;
    if (span == 0 || width < 2) {
        ui_axis_put(cells, width, 0, "0");
        return;
    }
    uint64_t step = 0;
    for (size_t i = 0; i < sizeof(steps_ms) / sizeof(steps_ms[0]) && !step; i++) {
        uint64_t ns = steps_ms[i] * 1000000u;
        if ((double)ns / (double)span * (double)(width - 1) >= 8.0) {
            step = ns;
        }
    }
    step = step ? step : span;
    int next_free = 0;
    char label[24];
    for (uint64_t t = 0; t <= span; t += step) {
        int col = ui_timeaxis_col(axis->t0, axis->t1, axis->t0 + t, width);
        ui_axis_label(t, label, sizeof(label));
        if (col >= next_free && ui_axis_put(cells, width, col, label)) {
            next_free = col + (int)strlen(label) + 1;
        }
    }
}

/* Event ticks: compressed gaps marked, then the time under every 12th column. */
static void ui_axis_event_ticks(const struct ui_axis *axis, int width, struct ui_cell *cells)
{
    double span = (double)(axis->t1 - axis->t0);
    double units = ui_axis_units(axis);
    for (uint32_t i = 0; i + 1 < axis->n; i++) {
        /* longer than four even shares of the span: a wall axis would show it wider */
        if ((double)(axis->t[i + 1] - axis->t[i]) * units > 4.0 * span) {
            int c0 = ui_axis_col(axis, axis->t[i], width);
            int c1 = ui_axis_col(axis, axis->t[i + 1], width);
            int mid = (c0 + c1) / 2;
            cells[mid] = (struct ui_cell){.glyph = UI_G_GAP, .color = UI_COLOR_WARN, .proc = -1};
        }
    }
    char label[24];
    for (int col = 0; col < width; col += 12) {
        ui_axis_label(ui_axis_time_at(axis, col, width) - axis->t0, label, sizeof(label));
        ui_axis_put(cells, width, col, label);
    }
}

void ui_axis_ticks(const struct ui_axis *axis, int width, struct ui_cell *cells)
{
    for (int c = 0; c < width; c++) {
        cells[c] = (struct ui_cell){.glyph = UI_G_NONE, .color = UI_COLOR_DIM, .proc = -1};
    }
    if (ui_axis_is_events(axis)) {
        ui_axis_event_ticks(axis, width, cells);
    } else {
        ui_axis_wall_ticks(axis, width, cells);
    }
}

void ui_axis_render(const struct ui_row *row, const struct ui_axis *axis, int width,
                    struct ui_cell *cells)
{
    for (int c = 0; c < width; c++) {
        cells[c] = (struct ui_cell){.glyph = UI_G_NONE, .color = UI_COLOR_DIM, .proc = -1};
    }
    if (width <= 0) {
        return;
    }
    for (int pass = 0; pass < 2; pass++) {
        for (unsigned i = 0; i < row->nmarks && i < UI_ROW_MARKS; i++) {
            const struct ui_mark *mark = &row->marks[i];
            bool point = mark->t1 == 0;
            if (point != (pass == 1)) {
                continue;
            }
            int c0 = ui_axis_col(axis, mark->t0, width);
            int c1 = point ? c0 : ui_axis_col(axis, mark->t1, width);
            ui_timeaxis_paint(cells, c0, c1 < c0 ? c0 : c1, mark);
        }
    }
}

const char *ui_timeaxis_glyph(enum ui_glyph_id glyph)
{
    if (glyph >= UI_G_SPARK0 && glyph <= UI_G_SPARK8) {
        return ui_glyph_spark((int)(glyph - UI_G_SPARK0));
    }
    switch (glyph) {
    case UI_G_FULL:
        return ui_glyph(UI_GLYPH_BLOCK);
    case UI_G_LIGHT:
        return ui_glyph(UI_GLYPH_SHADE);
    case UI_G_WAIT:
        return ui_glyph(UI_GLYPH_MEDIUM);
    case UI_G_START:
        return ui_glyph(UI_GLYPH_START);
    case UI_G_END:
        return ui_glyphs_utf8() ? ui_glyph(UI_GLYPH_STOP) : "|";
    case UI_G_KILL:
        return ui_glyph(UI_GLYPH_CROSS);
    case UI_G_TERM:
        return ui_glyph(UI_GLYPH_BULLET);
    case UI_G_JOIN:
        return ui_glyph(UI_GLYPH_DIAMOND);
    case UI_G_ARRIVE:
        return ui_glyph(UI_GLYPH_ARROW_DOWN);
    case UI_G_RELEASE:
        return ui_glyph(UI_GLYPH_ARROW_UP);
    case UI_G_GAP:
        return ui_glyphs_utf8() ? "\u2248" : "~";
    default:
        return " ";
    }
}

enum ui_glyph_id ui_timeaxis_spark(int64_t value, int64_t max)
{
    if (value <= 0 || max <= 0) {
        return UI_G_SPARK0;
    }
    if (value >= max) {
        return UI_G_SPARK8;
    }
    int64_t level = (value * 8 + max - 1) / max;
    return (enum ui_glyph_id)(UI_G_SPARK0 + (int)(level < 1 ? 1 : level));
}
