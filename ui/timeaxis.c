/* SPDX-License-Identifier: MIT */
#include "ui/timeaxis.h"

#include <stdbool.h>
#include <stddef.h>

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
            int c0 = ui_timeaxis_col(t0, t1, mark->t0, width);
            int c1 = point ? c0 : ui_timeaxis_col(t0, t1, mark->t1, width);
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
