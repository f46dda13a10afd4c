/* SPDX-License-Identifier: MIT */
/*
 * The sequence view as a pane: keeps the rows in step with the session,
 * renders the grid for its window and paints it in runs of one attribute.
 * Keys: Up/Down move the selection (Down past the newest row follows
 * again), Enter follows a message to its other end, [ and ] scroll lanes.
 */
#include <stdlib.h>
#include <wchar.h>

#include "core/event_story.h"
#include "core/xalloc.h"
#include "session/session.h"
#include "ui/textsafe.h"
#include "ui/theme.h"
#include "ui/ui.h"
#include "ui/view_sequence.h"

#define UI_SEQ_RUN_MAX 512
#define UI_SEQ_STORY_MAX 256

static bool ui_seq_start_sequence; /* --view sequence */

void ui_set_start_view(bool sequence)
{
    ui_seq_start_sequence = sequence;
}

bool ui_start_view_sequence(void)
{
    return ui_seq_start_sequence;
}

struct seq_pane {
    struct ui_pane base;
    struct ui_seq seq;
    struct ui_seq_view view;
    struct ui_seq_grid grid;
    size_t nvis;
    const struct ps_session *session; /* of the last update (it outlives the pane) */
};

/* The curses attribute of a cell. */
static attr_t ui_seq_attr(const struct ui_seq_cell *c)
{
    static const enum ui_color colors[UI_SEQ_R_COUNT] = {
        [UI_SEQ_R_NORMAL] = UI_COLOR_NORMAL,         [UI_SEQ_R_DIM] = UI_COLOR_DIM,
        [UI_SEQ_R_WAIT] = UI_COLOR_LOCK_WAITING,     [UI_SEQ_R_HOLD] = UI_COLOR_LOCK_HELD,
        [UI_SEQ_R_SEND] = UI_COLOR_CHAN_SEND,        [UI_SEQ_R_RECV] = UI_COLOR_CHAN_RECV,
        [UI_SEQ_R_EXIT] = UI_COLOR_PROC_EXIT_OK,     [UI_SEQ_R_KILLED] = UI_COLOR_PROC_KILLED,
        [UI_SEQ_R_BARRIER] = UI_COLOR_BARRIER_RELEASED, [UI_SEQ_R_OUTPUT] = UI_COLOR_NORMAL,
        [UI_SEQ_R_MARKER] = UI_COLOR_HINT_KEY,       [UI_SEQ_R_SELECTED] = UI_COLOR_SELECTED,
    };
    if (c->sel) {
        return ui_theme_attr(UI_COLOR_SELECTED);
    }
    bool proc = c->role == UI_SEQ_R_LANE || c->role == UI_SEQ_R_PROC || c->role == UI_SEQ_R_HEADER;
    if (proc && c->lane != UI_SEQ_NOLANE) {
        attr_t a = ui_theme_proc_attr(c->lane);
        return c->role == UI_SEQ_R_LANE ? a : a | A_BOLD;
    }
    if (c->role == UI_SEQ_R_HEADER) {
        return A_BOLD;
    }
    return ui_theme_attr(colors[c->role < UI_SEQ_R_COUNT ? c->role : 0]);
}

/* Paint the grid into the window, one waddnwstr per run of equal attributes. */
static void ui_seq_paint(WINDOW *win, const struct ui_seq_grid *g)
{
    wchar_t run[UI_SEQ_RUN_MAX + 1];
    for (int y = 0; y < g->h; y++) {
        const struct ui_seq_cell *row = &g->cells[(size_t)y * (size_t)g->w];
        int x = 0;
        wmove(win, y, 0);
        while (x < g->w) {
            attr_t a = ui_seq_attr(&row[x]);
            int n = 0;
            while (x + n < g->w && n < UI_SEQ_RUN_MAX && ui_seq_attr(&row[x + n]) == a) {
                run[n] = (wchar_t)row[x + n].cp;
                n++;
            }
            run[n] = L'\0';
            wattrset(win, (int)a);
            /* The last cell of the window: waddnwstr would fail to move past it; harmless. */
            waddnwstr(win, run, n);
            x += n;
        }
    }
    wattrset(win, A_NORMAL);
}

static bool ui_seq_pane_update(struct ui_pane *pane, const struct ps_session *session)
{
    struct seq_pane *p = (struct seq_pane *)pane;
    p->session = session;
    ui_seq_sync(&p->seq, session);
    p->nvis = ui_seq_visible(&p->seq, ps_session_cursor(session));
    return true;
}

/* The selected event's sentence (the vocabulary's story), escaped; "" when unreadable. */
static void ui_seq_pane_story(const struct seq_pane *p, char *buf, size_t size)
{
    struct ps_event ev;
    char raw[UI_SEQ_STORY_MAX];
    if (!p->session || p->view.sel >= p->nvis ||
        ps_session_event(p->session, p->seq.rows[p->view.sel].seq, &ev) < 0) {
        return;
    }
    struct ps_event_namer namer = {.name = ui_seq_pid_name, .ctx = &p->seq};
    ps_event_story(raw, sizeof(raw), &ev, &namer);
    ui_text_escape_str(buf, size, raw);
}

static void ui_seq_pane_draw(struct ui_pane *pane)
{
    struct seq_pane *p = (struct seq_pane *)pane;
    int h, w;
    getmaxyx(pane->win, h, w);
    if (h != p->grid.h || w != p->grid.w) {
        ui_seq_grid_free(&p->grid);
        ui_seq_grid_alloc(&p->grid, h, w);
    }
    ui_seq_view_fit(&p->view, p->nvis, ui_seq_body_rows(h, true));
    char story[UI_SEQ_STORY_MAX] = "";
    ui_seq_pane_story(p, story, sizeof(story));
    ui_seq_render(&p->seq, &p->view, p->nvis, story, &p->grid);
    ui_seq_paint(pane->win, &p->grid);
}

/* Enter: jump to the other end of the selected message, both ends highlighted. */
static unsigned ui_seq_pane_follow(struct seq_pane *p)
{
    const struct ui_seq_row *r = p->view.sel < p->nvis ? &p->seq.rows[p->view.sel] : NULL;
    if (!r || !r->has_pair || r->pair >= p->nvis) {
        return UI_KEY_HANDLED;
    }
    p->view.sel = r->pair;
    p->view.follow = false;
    p->view.hl = true;
    return UI_KEY_HANDLED;
}

static unsigned ui_seq_pane_key(struct ui_pane *pane, int ch)
{
    struct seq_pane *p = (struct seq_pane *)pane;
    struct ui_seq_view *v = &p->view;
    v->hl = false;
    switch (ch) {
    case KEY_UP:
        v->follow = false;
        v->sel = v->sel > 0 ? v->sel - 1 : 0;
        return UI_KEY_HANDLED;
    case KEY_DOWN:
        v->sel++;
        v->follow = v->sel + 1 >= p->nvis;
        return UI_KEY_HANDLED;
    case '\n':
    case '\r':
    case KEY_ENTER:
        return ui_seq_pane_follow(p);
    case '[':
        v->lane0 = v->lane0 > 0 ? v->lane0 - 1 : 0;
        return UI_KEY_HANDLED;
    case ']':
        v->lane0 += v->lane0 + 1 < p->seq.nlanes ? 1 : 0;
        return UI_KEY_HANDLED;
    default:
        return UI_KEY_IGNORED;
    }
}

static void ui_seq_pane_destroy(struct ui_pane *pane)
{
    struct seq_pane *p = (struct seq_pane *)pane;
    ui_seq_free(&p->seq);
    ui_seq_grid_free(&p->grid);
    free(p);
}

static const struct ui_pane_class ui_seq_pane_class = {
    .name = "Sequence",
    .update = ui_seq_pane_update,
    .draw = ui_seq_pane_draw,
    .key = ui_seq_pane_key,
    .destroy = ui_seq_pane_destroy,
};

struct ui_pane *ui_pane_sequence_new(void)
{
    struct seq_pane *p = ps_xcalloc(1, sizeof(*p));
    p->base.cls = &ui_seq_pane_class;
    ui_seq_init(&p->seq);
    p->view.follow = true;
    return &p->base;
}

size_t ui_pane_sequence_rows(const struct ui_pane *pane)
{
    if (!pane || pane->cls != &ui_seq_pane_class) {
        return 0;
    }
    return ((const struct seq_pane *)pane)->nvis;
}

struct ui_seq_view *ui_pane_sequence_view(struct ui_pane *pane)
{
    if (!pane || pane->cls != &ui_seq_pane_class) {
        return NULL;
    }
    return &((struct seq_pane *)pane)->view;
}
