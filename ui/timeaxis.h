/* SPDX-License-Identifier: MIT */
/*
 * The time axis the bars of a pane share: times to columns, and a row's
 * intervals and markers rendered to one cell per column.
 *
 * The axis maps [t0, t1] onto `width` columns, t0 to column 0 and t1 to
 * column width - 1; times outside are clamped. Intervals are painted first in
 * row order, markers after them, so a marker is never hidden by a fill.
 */
#ifndef UI_TIMEAXIS_H
#define UI_TIMEAXIS_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/rows.h"

/* One rendered column of a bar. */
struct ui_cell {
    uint8_t glyph; /* enum ui_glyph_id; UI_G_NONE: blank */
    uint8_t color;
    int16_t proc;
    char ch;       /* the character of a UI_G_CHAR cell (tick labels) */
    uint8_t spare; /* 0 (no padding: cells are hashed) */
};

/*
 * The axis every bar of the frame shares. Wall time: [t0, t1] linear. Event
 * order: each of the n sorted event times gets the same width, whatever the
 * time between them (idle gaps compressed); the last one to t1 gets one unit
 * as well. t1 is "now" while the session runs, so bars grow to it.
 */
struct ui_axis {
    uint64_t t0, t1;
    bool events;       /* event-ordered (needs n >= 2), else wall time */
    uint32_t n;        /* event times in t (events mode) */
    const uint64_t *t; /* sorted distinct event times, t[0] >= t0 */
};

/* The column of time `t` on `axis` of `width` columns. */
int ui_axis_col(const struct ui_axis *axis, uint64_t t, int width);

/* Render `row`'s marks on `axis` into cells[0..width). */
void ui_axis_render(const struct ui_row *row, const struct ui_axis *axis, int width,
                    struct ui_cell *cells);

/*
 * The tick labels of `axis` into cells[0..width): "0", "1s", "2s" … (or ms)
 * at round times on a wall axis; the time of the event under every few
 * columns on an event axis, with a gap glyph where idle time was compressed
 * (a gap longer than a wall axis would give one column).
 */
void ui_axis_ticks(const struct ui_axis *axis, int width, struct ui_cell *cells);

/* The column of time `t` on an axis [t0, t1] of `width` columns (0 when width <= 1 or t1 <= t0). */
int ui_timeaxis_col(uint64_t t0, uint64_t t1, uint64_t t, int width);

/* Render `row`'s marks on the axis [t0, t1] into cells[0..width). */
void ui_timeaxis_render(const struct ui_row *row, uint64_t t0, uint64_t t1, int width,
                        struct ui_cell *cells);

/* The glyph's text for the terminal in use (UTF-8 or an ASCII fallback from ui/glyphs.h). */
const char *ui_timeaxis_glyph(enum ui_glyph_id glyph);

/* The sparkline glyph for `value` out of `max` (UI_G_SPARK0 … UI_G_SPARK8). */
enum ui_glyph_id ui_timeaxis_spark(int64_t value, int64_t max);

#endif /* UI_TIMEAXIS_H */
