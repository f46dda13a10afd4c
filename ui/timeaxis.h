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

#include <stdint.h>

#include "ui/rows.h"

/* One rendered column of a bar. */
struct ui_cell {
    uint8_t glyph; /* enum ui_glyph_id; UI_G_NONE: blank */
    uint8_t color;
    int16_t proc;
};

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
