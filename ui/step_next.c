/* SPDX-License-Identifier: MIT */
#include "ui/step_next.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "core/event.h"
#include "session/model.h"
#include "ui/glyphs.h"
#include "ui/textsafe.h"
#include "ui/term.h"
#include "ui/theme.h"

void ui_step_next_set(struct ui_step_next *sn, const struct ps_ring_waiter *w, unsigned n)
{
    sn->n = n < UI_STEP_NEXT_MAX ? n : UI_STEP_NEXT_MAX;
    memcpy(sn->w, w, sn->n * sizeof w[0]);
    sn->sel = 0;
    for (unsigned i = 0; i < sn->n; i++) {
        if (sn->w[i].pid == sn->sel_pid) {
            sn->sel = i;
        }
    }
    sn->sel_pid = sn->n > 0 ? sn->w[sn->sel].pid : 0;
}

size_t ui_step_next_line(const struct ui_step_next *sn, unsigned i, const struct ps_model *m,
                         char *out, size_t cap)
{
    if (i >= sn->n || cap == 0) {
        return 0;
    }
    const struct ps_ring_waiter *w = &sn->w[i];
    const struct ps_model_proc *p = m ? ps_model_proc_find(m, w->pid) : NULL;
    char name[PS_MODEL_NAME_MAX + 16];
    char text[PS_RING_PENDING_TEXT * 4 + 1];
    if (p && p->name[0]) {
        ui_text_escape_str(name, sizeof name, p->name);
    } else {
        snprintf(name, sizeof name, "pid %d", (int)w->pid);
    }
    ui_text_escape_str(text, sizeof text, w->text); /* written by the child: untrusted */
    const char *type = ps_event_type_name(w->type);
    int len = snprintf(out, cap, "%u %s %s %s%s%s", i + 1, name,
                       ui_glyphs_utf8() ? ui_glyph(UI_GLYPH_ARROW_RIGHT) : "->",
                       type ? type : "?", text[0] ? " " : "", text);
    return len < 0 ? 0 : ((size_t)len < cap ? (size_t)len : cap - 1);
}

int32_t ui_step_next_key(struct ui_step_next *sn, int ch)
{
    if (sn->n == 0) {
        return -1;
    }
    if (ch == KEY_UP || ch == KEY_DOWN) {
        unsigned sel = sn->sel;
        sel = ch == KEY_UP ? (sel > 0 ? sel - 1 : 0) : (sel + 1 < sn->n ? sel + 1 : sel);
        sn->sel = sel;
        sn->sel_pid = sn->w[sel].pid;
        return 0;
    }
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
        return sn->w[sn->sel].pid;
    }
    if (ch >= '1' && ch <= '9' && (unsigned)(ch - '1') < sn->n) {
        return sn->w[ch - '1'].pid;
    }
    return -1;
}

/* The box's width: the longest line plus its frame, within the screen. */
static int ui_step_next_width(const struct ui_step_next *sn, const struct ps_model *m, int cols)
{
    int w = 28; /* room for the heading */
    for (unsigned i = 0; i < sn->n; i++) {
        char line[UI_STEP_NEXT_COLS * 4];
        ui_step_next_line(sn, i, m, line, sizeof line);
        int c = ui_text_cols(line) + 4;
        w = c > w ? c : w;
    }
    w = w < UI_STEP_NEXT_COLS ? w : UI_STEP_NEXT_COLS;
    return w < cols ? w : cols;
}

void ui_step_next_draw(struct ui_step_next *sn, const struct ps_model *m, int lines, int cols)
{
    int h = (int)sn->n + 2;
    if (sn->n == 0 || lines < h + 2 || cols < 20) {
        return;
    }
    int w = ui_step_next_width(sn, m, cols);
    WINDOW *win = ui_term_popup(h, w, lines - 1 - h, cols - w);
    if (!win) {
        return;
    }
    mvwaddnstr(win, 0, 1, " next (s oldest, 1-9/Enter) ", w - 2);
    for (unsigned i = 0; i < sn->n; i++) {
        char line[UI_STEP_NEXT_COLS * 4];
        ui_step_next_line(sn, i, m, line, sizeof line);
        enum ui_color c = i == sn->sel ? UI_COLOR_SELECTED : UI_COLOR_NORMAL;
        wattrset(win, (int)(ui_theme_attr(c) | (i == sn->sel ? A_REVERSE : 0)));
        mvwaddnstr(win, (int)i + 1, 1, line, (int)ui_text_fit(line, w - 2));
    }
    wattrset(win, (int)(A_NORMAL));
    wnoutrefresh(win);
    delwin(win);
}
