/* SPDX-License-Identifier: MIT */
/*
 * The sequence view's grid: rows -> cells (plain data), lane geometry,
 * arrows, barrier lines, time labels and the narration line.
 */
#include "ui/view_sequence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "ui/glyphs.h"
#include "ui/textsafe.h"

#define UI_SEQ_MARGIN 9   /* time labels */
#define UI_SEQ_LANE_MIN 8 /* narrower lanes scroll sideways instead */
#define UI_SEQ_LANE_MAX 24
#define UI_SEQ_LABEL_EVERY 5
#define UI_SEQ_GAP_NS 10000000u /* a time label after a gap of 10 ms */

/* Cell glyphs beyond the marks: lane lines, arrows, markers. UTF-8 code point, ASCII. */
enum ui_seq_cglyph {
    UI_SEQ_C_LANE,
    UI_SEQ_C_WAIT,
    UI_SEQ_C_HOLD,
    UI_SEQ_C_SPAWNED,
    UI_SEQ_C_RELEASE,
    UI_SEQ_C_HLINE,
    UI_SEQ_C_DLINE,
    UI_SEQ_C_RIGHT,
    UI_SEQ_C_LEFT,
    UI_SEQ_C_DOT,
    UI_SEQ_C_MORE_L,
    UI_SEQ_C_MORE_R,
    UI_SEQ_C_COUNT
};

static const uint32_t ui_seq_mark_cp[UI_SEQ_G_COUNT][2] = {
    [UI_SEQ_G_MARK] = {0x00b7, '.'},   [UI_SEQ_G_START] = {0x25b6, '>'},
    [UI_SEQ_G_SEND] = {0x25cb, 'o'},   [UI_SEQ_G_RECV] = {0x25cf, '*'},
    [UI_SEQ_G_WAIT] = {0x25c7, 'w'},   [UI_SEQ_G_OPEN] = {0x250c, '['},
    [UI_SEQ_G_CLOSE] = {0x2514, ']'},  [UI_SEQ_G_EXIT] = {0x25a0, '#'},
    [UI_SEQ_G_KILLED] = {0x2717, 'X'}, [UI_SEQ_G_OUTPUT] = {0x00bb, '"'},
};

static const uint32_t ui_seq_cell_cp[UI_SEQ_C_COUNT][2] = {
    [UI_SEQ_C_LANE] = {0x2502, '|'},    [UI_SEQ_C_WAIT] = {0x250a, ':'},
    [UI_SEQ_C_HOLD] = {0x2503, 'H'},    [UI_SEQ_C_SPAWNED] = {0x2575, '\''},
    [UI_SEQ_C_RELEASE] = {0x25c6, '+'}, [UI_SEQ_C_HLINE] = {0x2500, '-'},
    [UI_SEQ_C_DLINE] = {0x2550, '='},   [UI_SEQ_C_RIGHT] = {0x25b6, '>'},
    [UI_SEQ_C_LEFT] = {0x25c0, '<'},    [UI_SEQ_C_DOT] = {0x00b7, '.'},
    [UI_SEQ_C_MORE_L] = {0x00ab, '<'},  [UI_SEQ_C_MORE_R] = {0x00bb, '>'},
};

/* Lane geometry of one render. */
struct ui_seq_geo {
    size_t nlanes, lane0, shown;
    int lw;
};

static uint32_t ui_seq_cp(enum ui_seq_cglyph g)
{
    return ui_seq_cell_cp[g][ui_glyphs_utf8() ? 0 : 1];
}

void ui_seq_grid_alloc(struct ui_seq_grid *g, int h, int w)
{
    g->h = h > 0 ? h : 0;
    g->w = w > 0 ? w : 0;
    g->cells = ps_xcalloc((size_t)g->h * (size_t)g->w + 1, sizeof(*g->cells));
}

void ui_seq_grid_free(struct ui_seq_grid *g)
{
    free(g->cells);
    g->cells = NULL;
    g->h = g->w = 0;
}

int ui_seq_body_rows(int h, bool narrate)
{
    int body = h - 1 - (narrate ? 1 : 0);
    return body > 0 ? body : 0;
}

/* Put one cell (ignored outside the grid). */
static void ui_seq_put(struct ui_seq_grid *g, int y, int x, uint32_t cp, uint8_t role,
                       uint16_t lane)
{
    if (y < 0 || y >= g->h || x < 0 || x >= g->w) {
        return;
    }
    struct ui_seq_cell *c = &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
    c->cp = cp;
    c->role = role;
    c->lane = lane;
}

/* Decode one UTF-8 character of escaped (valid) text; returns its length. */
static size_t ui_seq_utf8(const char *s, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n = u[0] >= 0xf0 ? 4 : u[0] >= 0xe0 ? 3 : 2;
    uint32_t v = u[0] & (0x3f >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xc0) != 0x80) {
            *cp = '?';
            return i;
        }
        v = (v << 6) | (u[i] & 0x3f);
    }
    *cp = v;
    return n;
}

/* Write text from x up to (not including) `limit`; returns the column after it. */
static int ui_seq_text(struct ui_seq_grid *g, int y, int x, int limit, const char *text,
                       uint8_t role, uint16_t lane)
{
    if (limit > g->w) {
        limit = g->w;
    }
    while (*text && x < limit) {
        uint32_t cp;
        text += ui_seq_utf8(text, &cp);
        ui_seq_put(g, y, x++, cp, role, lane);
    }
    return x;
}

/* Screen column of a lane's line, or -1 when the lane is scrolled out. */
static int ui_seq_x(const struct ui_seq_geo *geo, size_t lane)
{
    if (lane == UI_SEQ_NOLANE || lane < geo->lane0 || lane >= geo->lane0 + geo->shown) {
        return -1;
    }
    return UI_SEQ_MARGIN + (int)(lane - geo->lane0) * geo->lw + 1;
}

/* Lane widths and horizontal scroll for `nlanes` lanes in `w` columns. */
static void ui_seq_geometry(struct ui_seq_geo *geo, size_t nlanes, size_t lane0, int w)
{
    int avail = w - UI_SEQ_MARGIN;
    geo->nlanes = nlanes;
    geo->lw = nlanes ? avail / (int)nlanes : UI_SEQ_LANE_MAX;
    geo->lw = geo->lw < UI_SEQ_LANE_MIN ? UI_SEQ_LANE_MIN : geo->lw;
    geo->lw = geo->lw > UI_SEQ_LANE_MAX ? UI_SEQ_LANE_MAX : geo->lw;
    geo->shown = avail > 0 ? (size_t)(avail / geo->lw) : 0;
    if (geo->shown > nlanes) {
        geo->shown = nlanes;
    }
    size_t max0 = nlanes > geo->shown ? nlanes - geo->shown : 0;
    geo->lane0 = lane0 < max0 ? lane0 : max0;
}

/*
 * A lane name for `cols` columns: as is when it fits, else (ASCII names) its
 * start, "~" and its "-N" tail so Worker-10 and Worker-11 stay apart; other
 * names are cut by the caller.
 */
static void ui_seq_short_name(const char *name, int cols, char *out, size_t cap)
{
    size_t len = strlen(name);
    const char *dash = strrchr(name, '-');
    size_t tail = dash ? len - (size_t)(dash - name) : 0;
    bool ascii = (size_t)ui_text_cols(name) == len;
    if ((int)len <= cols || !ascii || tail == 0 || (int)tail + 3 > cols) {
        snprintf(out, cap, "%s", name);
        return;
    }
    int front = cols - (int)tail - 1;
    snprintf(out, cap, "%.*s~%s", front, name, dash);
}

/* Row 0: a name over each lane, markers where lanes are scrolled out. */
static void ui_seq_header(const struct ui_seq *s, const struct ui_seq_geo *geo,
                          struct ui_seq_grid *g)
{
    ui_seq_text(g, 0, 0, UI_SEQ_MARGIN, "time", UI_SEQ_R_DIM, UI_SEQ_NOLANE);
    for (size_t i = geo->lane0; i < geo->lane0 + geo->shown; i++) {
        char name[UI_SEQ_NAME_MAX];
        int x = ui_seq_x(geo, i) - 1;
        ui_seq_short_name(s->lanes[i].name, geo->lw - 1, name, sizeof(name));
        int end = ui_seq_text(g, 0, x, x + geo->lw - 1, name, UI_SEQ_R_HEADER, (uint16_t)i);
        if (end == x + geo->lw - 1 && ui_text_cols(name) > geo->lw - 1) {
            ui_seq_put(g, 0, end - 1, ui_glyphs_utf8() ? 0x2026 : '~', UI_SEQ_R_HEADER,
                       (uint16_t)i); /* cut: … */
        }
    }
    if (geo->lane0 > 0) {
        ui_seq_put(g, 0, UI_SEQ_MARGIN - 2, ui_seq_cp(UI_SEQ_C_MORE_L), UI_SEQ_R_MARKER,
                   UI_SEQ_NOLANE);
    }
    if (geo->lane0 + geo->shown < geo->nlanes) {
        ui_seq_put(g, 0, g->w - 1, ui_seq_cp(UI_SEQ_C_MORE_R), UI_SEQ_R_MARKER, UI_SEQ_NOLANE);
    }
}

/* The time label at the left of a row: every few rows, after a gap, on the selection. */
static void ui_seq_time(const struct ui_seq *s, const struct ui_seq_view *v, size_t idx, int y,
                        struct ui_seq_grid *g)
{
    const struct ui_seq_row *r = &s->rows[idx];
    bool gap = idx > 0 && r->t_ns - s->rows[idx - 1].t_ns >= UI_SEQ_GAP_NS;
    if (idx != v->top && idx != v->sel && idx % UI_SEQ_LABEL_EVERY != 0 && !gap) {
        return;
    }
    char text[32];
    double t = (double)r->t_ns / 1e9;
    if (t < 0.1) {
        snprintf(text, sizeof(text), "%6.3fms", t * 1e3);
    } else if (t < 1) {
        snprintf(text, sizeof(text), "%6.2fms", t * 1e3);
    } else {
        snprintf(text, sizeof(text), t < 100 ? "%7.4fs" : "%7.2fs", t);
    }
    ui_seq_text(g, y, 0, UI_SEQ_MARGIN - 1, text, gap ? UI_SEQ_R_MARKER : UI_SEQ_R_DIM,
                UI_SEQ_NOLANE);
}

/* The lane lines of a row, by each lane's state on it. */
static void ui_seq_lanes(const struct ui_seq *s, const struct ui_seq_geo *geo, size_t idx, int y,
                         struct ui_seq_grid *g)
{
    static const struct {
        uint8_t glyph, role;
    } look[] = {
        [UI_SEQ_ST_SPAWNED] = {UI_SEQ_C_SPAWNED, UI_SEQ_R_DIM},
        [UI_SEQ_ST_RUN] = {UI_SEQ_C_LANE, UI_SEQ_R_LANE},
        [UI_SEQ_ST_WAIT] = {UI_SEQ_C_WAIT, UI_SEQ_R_WAIT},
        [UI_SEQ_ST_HOLD] = {UI_SEQ_C_HOLD, UI_SEQ_R_HOLD},
        [UI_SEQ_ST_RELEASE] = {UI_SEQ_C_RELEASE, UI_SEQ_R_BARRIER},
    };
    for (size_t i = geo->lane0; i < geo->lane0 + geo->shown; i++) {
        enum ui_seq_state st = ui_seq_lane_state(s, idx, i);
        if (st != UI_SEQ_ST_NONE) {
            ui_seq_put(g, y, ui_seq_x(geo, i), ui_seq_cp(look[st].glyph), look[st].role,
                       (uint16_t)i);
        }
    }
}

/* Where a label starting right of lane `lane` must stop: the next lane drawn on this row. */
static int ui_seq_limit(const struct ui_seq *s, const struct ui_seq_geo *geo, size_t idx,
                        size_t lane, int w)
{
    for (size_t i = lane + 1; i < geo->lane0 + geo->shown; i++) {
        if (ui_seq_lane_state(s, idx, i) != UI_SEQ_ST_NONE && ui_seq_x(geo, i) >= 0) {
            return ui_seq_x(geo, i) - 1;
        }
    }
    return w;
}

/* Clamp an arrow end to the screen: a lane scrolled out is at the edge it lies beyond. */
static int ui_seq_end_x(const struct ui_seq_geo *geo, size_t lane, int w)
{
    int x = ui_seq_x(geo, lane);
    if (x >= 0) {
        return x;
    }
    return lane < geo->lane0 ? UI_SEQ_MARGIN - 1 : w - 1;
}

/* An arrow row: origin, line, head, and the label on the line or beside it. */
static void ui_seq_draw_arrow(const struct ui_seq *s, const struct ui_seq_geo *geo, size_t idx,
                              int y, struct ui_seq_grid *g)
{
    const struct ui_seq_row *r = &s->rows[idx];
    bool utf8 = ui_glyphs_utf8();
    int xf = ui_seq_end_x(geo, r->from, g->w);
    int xt = ui_seq_end_x(geo, r->to, g->w);
    int dir = xt >= xf ? 1 : -1;
    for (int x = xf + dir; (xt - x) * dir > 0; x += dir) {
        ui_seq_put(g, y, x, ui_seq_cp(UI_SEQ_C_HLINE), r->role, UI_SEQ_NOLANE);
    }
    ui_seq_put(g, y, xf, ui_seq_mark_cp[UI_SEQ_G_SEND][!utf8], r->role, r->from);
    if (xt != xf) {
        ui_seq_put(g, y, xt - dir, ui_seq_cp(dir > 0 ? UI_SEQ_C_RIGHT : UI_SEQ_C_LEFT), r->role,
                   UI_SEQ_NOLANE);
    }
    ui_seq_put(g, y, xt, ui_seq_mark_cp[UI_SEQ_G_RECV][!utf8], r->role, r->to);
    int lo = xf < xt ? xf : xt;
    int hi = xf < xt ? xt : xf;
    int len = (int)strlen(r->label);
    int from = dir > 0 ? lo + 2 : lo + 3; /* the label sits on the line, clear of the head */
    int to = dir > 0 ? hi - 2 : hi - 1;
    if (len + 1 <= to - from) {
        int x = from;
        ui_seq_put(g, y, x - 1, ' ', r->role, UI_SEQ_NOLANE);
        x = ui_seq_text(g, y, x, to, r->label, r->role, UI_SEQ_NOLANE);
        ui_seq_put(g, y, x, ' ', r->role, UI_SEQ_NOLANE);
        return;
    }
    size_t right = xf < xt ? r->to : r->from;
    ui_seq_text(g, y, hi + 2, ui_seq_limit(s, geo, idx, right, g->w), r->label, r->role,
                UI_SEQ_NOLANE);
}

/* A barrier row: a double line across the released lanes (their marks stay), the label after. */
static void ui_seq_draw_barrier(const struct ui_seq *s, const struct ui_seq_geo *geo, size_t idx,
                                int y, struct ui_seq_grid *g)
{
    const struct ui_seq_row *r = &s->rows[idx];
    int lo = ui_seq_end_x(geo, r->from, g->w);
    int hi = ui_seq_end_x(geo, r->to, g->w);
    for (int x = lo; x <= hi; x++) {
        struct ui_seq_cell *c = &g->cells[(size_t)y * (size_t)g->w + (size_t)x];
        if (x >= 0 && x < g->w && c->role != UI_SEQ_R_BARRIER) {
            ui_seq_put(g, y, x, ui_seq_cp(UI_SEQ_C_DLINE), UI_SEQ_R_BARRIER, UI_SEQ_NOLANE);
        }
    }
    ui_seq_text(g, y, hi + 2, ui_seq_limit(s, geo, idx, r->to, g->w), r->label, r->role,
                UI_SEQ_NOLANE);
}

/* One event row at grid row y. */
static void ui_seq_draw_row(const struct ui_seq *s, const struct ui_seq_view *v,
                            const struct ui_seq_geo *geo, size_t idx, int y,
                            struct ui_seq_grid *g)
{
    const struct ui_seq_row *r = &s->rows[idx];
    ui_seq_time(s, v, idx, y, g);
    ui_seq_lanes(s, geo, idx, y, g);
    if (r->kind == UI_SEQ_ARROW && r->from != UI_SEQ_NOLANE && r->to != UI_SEQ_NOLANE) {
        ui_seq_draw_arrow(s, geo, idx, y, g);
    } else if (r->kind == UI_SEQ_BARRIER) {
        ui_seq_draw_barrier(s, geo, idx, y, g);
    } else {
        size_t lane = r->lane != UI_SEQ_NOLANE ? r->lane : r->to;
        int x = ui_seq_x(geo, lane);
        if (x >= 0) {
            ui_seq_put(g, y, x, ui_seq_mark_cp[r->glyph][ui_glyphs_utf8() ? 0 : 1], r->role,
                       (uint16_t)lane);
            ui_seq_text(g, y, x + 2, ui_seq_limit(s, geo, idx, lane, g->w), r->label, r->role,
                        (uint16_t)lane);
        }
    }
    bool pair = v->hl && s->rows[v->sel].has_pair && s->rows[v->sel].pair == idx;
    if ((idx == v->sel || pair) && !v->no_sel) {
        for (int x = 0; x < g->w; x++) {
            g->cells[(size_t)y * (size_t)g->w + (size_t)x].sel = 1;
        }
    }
}

/* The lane's name, or "?" for none. */
static const char *ui_seq_name(const struct ui_seq *s, size_t lane)
{
    return lane < s->nlanes ? s->lanes[lane].name : "?";
}

/* The last row: the selected event in words. */
static void ui_seq_narrate(const struct ui_seq *s, const struct ui_seq_view *v, size_t nvis,
                           const char *narration, struct ui_seq_grid *g)
{
    char text[512];
    if (nvis == 0) {
        snprintf(text, sizeof(text), "no events yet");
    } else {
        const struct ui_seq_row *r = &s->rows[v->sel];
        int n = snprintf(text, sizeof(text), "#%llu %.6fs ", (unsigned long long)r->seq + 1,
                         (double)r->t_ns / 1e9);
        if (narration[0]) {
            snprintf(text + n, sizeof(text) - (size_t)n, "%s", narration);
        } else if (r->kind == UI_SEQ_ARROW || r->kind == UI_SEQ_BARRIER) {
            snprintf(text + n, sizeof(text) - (size_t)n, "%s %s %s: %s", ui_seq_name(s, r->from),
                     r->kind == UI_SEQ_ARROW ? "->" : "..", ui_seq_name(s, r->to), r->label);
        } else {
            snprintf(text + n, sizeof(text) - (size_t)n, "%s: %s", ui_seq_name(s, r->lane),
                     r->label);
        }
    }
    ui_seq_text(g, g->h - 1, 0, g->w, text, UI_SEQ_R_HEADER, UI_SEQ_NOLANE);
}

void ui_seq_render(const struct ui_seq *s, const struct ui_seq_view *v, size_t nvis,
                   const char *narration, struct ui_seq_grid *g)
{
    bool narrate = narration != NULL;
    for (size_t i = 0; i < (size_t)g->h * (size_t)g->w; i++) {
        g->cells[i] = (struct ui_seq_cell){.cp = ' ', .role = UI_SEQ_R_NORMAL,
                                           .lane = UI_SEQ_NOLANE};
    }
    if (g->h < 2 || g->w <= UI_SEQ_MARGIN) {
        return;
    }
    struct ui_seq_geo geo;
    size_t nlanes = nvis ? s->rows[nvis - 1].nlanes : 0;
    ui_seq_geometry(&geo, nlanes, v->lane0, g->w);
    ui_seq_header(s, &geo, g);
    int body = ui_seq_body_rows(g->h, narrate);
    for (int y = 0; y < body && v->top + (size_t)y < nvis; y++) {
        ui_seq_draw_row(s, v, &geo, v->top + (size_t)y, 1 + y, g);
    }
    if (narrate) {
        ui_seq_narrate(s, v, nvis, narration, g);
    }
}

size_t ui_seq_grid_line(const struct ui_seq_grid *g, int y, char *buf, size_t cap)
{
    size_t n = 0;
    size_t end = 0;
    for (int x = 0; x < g->w && n + 5 < cap; x++) {
        uint32_t cp = g->cells[(size_t)y * (size_t)g->w + (size_t)x].cp;
        if (cp < 0x80) {
            buf[n++] = (char)cp;
        } else if (cp < 0x800) {
            buf[n++] = (char)(0xc0 | (cp >> 6));
            buf[n++] = (char)(0x80 | (cp & 0x3f));
        } else {
            buf[n++] = (char)(0xe0 | (cp >> 12));
            buf[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
            buf[n++] = (char)(0x80 | (cp & 0x3f));
        }
        if (cp != ' ') {
            end = n;
        }
    }
    buf[end] = '\0';
    return end;
}
