/* SPDX-License-Identifier: MIT */
/*
 * Cells read back from the off-screen terminal, written as plain text, ANSI
 * (SGR colours and attributes) or SVG (a picture of the terminal). Plain
 * data: no curses.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/screen_render.h"

#define UI_SVG_CW 9   /* cell width, px */
#define UI_SVG_CH 18  /* cell height, px */
#define UI_SVG_FG "#d0d0d0"
#define UI_SVG_BG "#1c1c1c"

/* UTF-8 of code point `cp` into buf (at least 4 bytes); returns its length. */
static size_t ui_cells_utf8(uint32_t cp, char *buf)
{
    if (cp < 0x80) {
        buf[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (char)(0xc0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        buf[0] = (char)(0xe0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        buf[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    buf[0] = (char)(0xf0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    buf[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

static const struct ui_screen_cell *ui_cells_at(const struct ui_cells *c, int y, int x)
{
    return &c->cell[(size_t)y * (size_t)c->cols + (size_t)x];
}

/* Columns of row y up to its last non-blank cell (text) or last styled cell (ansi/svg). */
static int ui_cells_used(const struct ui_cells *c, int y, bool styled)
{
    int n = c->cols;
    while (n > 0) {
        const struct ui_screen_cell *e = ui_cells_at(c, y, n - 1);
        bool blank = e->cp == ' ' && (!styled || (e->bg < 0 && !(e->attr & UI_CELL_REVERSE) &&
                                                  !(e->attr & UI_CELL_UNDERLINE)));
        if (!blank) {
            break;
        }
        n--;
    }
    return n;
}

static int ui_cells_text(const struct ui_cells *c, FILE *out)
{
    char buf[4];
    for (int y = 0; y < c->rows; y++) {
        int n = ui_cells_used(c, y, false);
        for (int x = 0; x < n; x++) {
            uint32_t cp = ui_cells_at(c, y, x)->cp;
            if (cp) {
                fwrite(buf, 1, ui_cells_utf8(cp, buf), out);
            }
        }
        fputc('\n', out);
    }
    return ferror(out) ? -EIO : 0;
}

/* The SGR sequence selecting a cell's look into buf. */
static void ui_cells_sgr(const struct ui_screen_cell *e, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "\033[0");
    static const struct {
        uint8_t bit;
        const char *code;
    } attrs[] = {{UI_CELL_BOLD, ";1"}, {UI_CELL_DIM, ";2"}, {UI_CELL_UNDERLINE, ";4"},
                 {UI_CELL_REVERSE, ";7"}};
    for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
        if (e->attr & attrs[i].bit) {
            n += snprintf(buf + n, cap - (size_t)n, "%s", attrs[i].code);
        }
    }
    if (e->fg >= 0) {
        n += snprintf(buf + n, cap - (size_t)n, ";38;5;%d", e->fg);
    }
    if (e->bg >= 0) {
        n += snprintf(buf + n, cap - (size_t)n, ";48;5;%d", e->bg);
    }
    snprintf(buf + n, cap - (size_t)n, "m");
}

static bool ui_cells_same_look(const struct ui_screen_cell *a, const struct ui_screen_cell *b)
{
    return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr;
}

/* One row as ANSI into a memory stream. */
static void ui_cells_ansi_row(const struct ui_cells *c, int y, FILE *out)
{
    char sgr[64];
    char buf[4];
    const struct ui_screen_cell *prev = NULL;
    int n = ui_cells_used(c, y, true);
    for (int x = 0; x < n; x++) {
        const struct ui_screen_cell *e = ui_cells_at(c, y, x);
        if (!prev || !ui_cells_same_look(prev, e)) {
            ui_cells_sgr(e, sgr, sizeof(sgr));
            fputs(sgr, out);
        }
        prev = e;
        if (e->cp) {
            fwrite(buf, 1, ui_cells_utf8(e->cp, buf), out);
        }
    }
    fputs("\033[0m", out);
}

char *ui_cells_ansi(const struct ui_cells *c, size_t *len)
{
    char *text = NULL;
    FILE *out = open_memstream(&text, len);
    if (!out) {
        return NULL;
    }
    fputs("\033[H", out);
    for (int y = 0; y < c->rows; y++) {
        fprintf(out, "\033[%d;1H\033[2K", y + 1);
        ui_cells_ansi_row(c, y, out);
    }
    if (fclose(out) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

static int ui_cells_ansi_write(const struct ui_cells *c, FILE *out)
{
    for (int y = 0; y < c->rows; y++) {
        ui_cells_ansi_row(c, y, out);
        fputc('\n', out);
    }
    return ferror(out) ? -EIO : 0;
}

/* The xterm 256-colour palette entry as #rrggbb. */
static void ui_cells_rgb(int color, bool fg, char *buf, size_t cap)
{
    static const char *const base[16] = {
        "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
    };
    if (color < 0) {
        snprintf(buf, cap, "%s", fg ? UI_SVG_FG : UI_SVG_BG);
    } else if (color < 16) {
        snprintf(buf, cap, "%s", base[color]);
    } else if (color < 232) {
        static const int level[6] = {0, 95, 135, 175, 215, 255};
        int i = color - 16;
        snprintf(buf, cap, "#%02x%02x%02x", (unsigned)level[i / 36] & 0xffu,
                 (unsigned)level[(i / 6) % 6] & 0xffu, (unsigned)level[i % 6] & 0xffu);
    } else {
        unsigned g = 8u + (unsigned)(color - 232) * 10u;
        snprintf(buf, cap, "#%02x%02x%02x", g & 0xffu, g & 0xffu, g & 0xffu);
    }
}

/* XML text of one code point. */
static void ui_cells_xml(uint32_t cp, FILE *out)
{
    char buf[4];
    if (cp == '<') {
        fputs("&lt;", out);
    } else if (cp == '>') {
        fputs("&gt;", out);
    } else if (cp == '&') {
        fputs("&amp;", out);
    } else if (cp >= 0x20) {
        fwrite(buf, 1, ui_cells_utf8(cp, buf), out);
    }
}

/* One run of equal look: background rect, then the text stretched to the run's cells. */
static void ui_cells_svg_run(const struct ui_cells *c, int y, int x0, int x1, FILE *out)
{
    const struct ui_screen_cell *e = ui_cells_at(c, y, x0);
    bool rev = (e->attr & UI_CELL_REVERSE) != 0;
    char fg[16];
    char bg[16];
    ui_cells_rgb(rev ? e->bg : e->fg, !rev, fg, sizeof(fg));
    ui_cells_rgb(rev ? e->fg : e->bg, rev, bg, sizeof(bg));
    if (rev || e->bg >= 0) {
        fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                x0 * UI_SVG_CW, y * UI_SVG_CH, (x1 - x0) * UI_SVG_CW, UI_SVG_CH, bg);
    }
    int last = x1;
    while (last > x0 && ui_cells_at(c, y, last - 1)->cp == ' ') {
        last--;
    }
    if (last == x0) {
        return;
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" fill=\"%s\"%s%s%s textLength=\"%d\">", x0 * UI_SVG_CW,
            y * UI_SVG_CH + 14, fg, (e->attr & UI_CELL_BOLD) ? " font-weight=\"bold\"" : "",
            (e->attr & UI_CELL_UNDERLINE) ? " text-decoration=\"underline\"" : "",
            (e->attr & UI_CELL_DIM) ? " opacity=\"0.6\"" : "", (last - x0) * UI_SVG_CW);
    for (int x = x0; x < last; x++) {
        ui_cells_xml(ui_cells_at(c, y, x)->cp, out);
    }
    fputs("</text>\n", out);
}

static int ui_cells_svg(const struct ui_cells *c, FILE *out)
{
    int w = c->cols * UI_SVG_CW;
    int h = c->rows * UI_SVG_CH;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" "
            "font-size=\"15\" xml:space=\"preserve\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n",
            w, h, w, h, UI_SVG_BG);
    for (int y = 0; y < c->rows; y++) {
        int x = 0;
        while (x < c->cols) {
            int end = x + 1;
            while (end < c->cols && ui_cells_same_look(ui_cells_at(c, y, x), ui_cells_at(c, y, end))) {
                end++;
            }
            ui_cells_svg_run(c, y, x, end, out);
            x = end;
        }
    }
    fputs("</svg>\n", out);
    return ferror(out) ? -EIO : 0;
}

int ui_cells_write(const struct ui_cells *c, enum ui_screen_format fmt, FILE *out)
{
    switch (fmt) {
    case UI_SCREEN_ANSI:
        return ui_cells_ansi_write(c, out);
    case UI_SCREEN_SVG:
        return ui_cells_svg(c, out);
    default:
        return ui_cells_text(c, out);
    }
}
