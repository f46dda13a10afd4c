/* SPDX-License-Identifier: MIT */
/*
 * A pane: one rectangle of the screen that shows one aspect of the session.
 *
 * Each ui/pane_<name>.c defines `struct <name>_pane { struct ui_pane base; … }`
 * (base first), one `static const struct ui_pane_class` with designated
 * initializers, and exports only ui_pane_<name>_new(). `update` is the only
 * function that reads the session (model -> view rows, no curses), `draw` the
 * only one that calls curses (view rows -> window, no model). Update, resize
 * and focus set `dirty`; ui.c redraws dirty panes with wnoutrefresh and calls
 * doupdate() once per frame.
 */
#ifndef UI_PANE_H
#define UI_PANE_H

#include <stdbool.h>

#include <curses.h>

struct ps_session;
struct ui_pane;

struct ui_rect {
    int y, x, h, w;
};

/* Flags returned by a pane's key handler. */
enum ui_key_result {
    UI_KEY_IGNORED = 0,
    UI_KEY_HANDLED = 1 << 0,
    UI_KEY_REDRAW = 1 << 1,
    UI_KEY_QUIT = 1 << 2,
};

struct ui_pane_class {
    const char *name; /* title drawn in the border: "Processes" */
    /* Model -> view. Return true when the pane has anything to show for this session. */
    bool (*update)(struct ui_pane *pane, const struct ps_session *session);
    /* View -> curses, into pane->win (border and title included). */
    void (*draw)(struct ui_pane *pane);
    /* Optional: a key the global table did not take. Returns UI_KEY_* flags. */
    unsigned (*key)(struct ui_pane *pane, int ch);
    /* Optional: a mouse click at window-relative (y, x). */
    unsigned (*click)(struct ui_pane *pane, int y, int x);
    void (*destroy)(struct ui_pane *pane);
};

struct ui_pane {
    const struct ui_pane_class *cls;
    WINDOW *win;         /* NULL while the pane has no room */
    struct ui_rect rect; /* where the layout put it */
    bool dirty;          /* needs draw */
    bool focused;        /* draws its border highlighted */
    bool used;           /* the last update found something to show */
};

static inline bool ui_pane_update(struct ui_pane *pane, const struct ps_session *session)
{
    bool used = pane->cls->update(pane, session);
    pane->used = used;
    pane->dirty = true;
    return used;
}

static inline void ui_pane_draw(struct ui_pane *pane)
{
    if (pane->win) {
        pane->cls->draw(pane);
    }
    pane->dirty = false;
}

static inline unsigned ui_pane_key(struct ui_pane *pane, int ch)
{
    return pane->cls->key ? pane->cls->key(pane, ch) : UI_KEY_IGNORED;
}

static inline unsigned ui_pane_click(struct ui_pane *pane, int y, int x)
{
    return pane->cls->click ? pane->cls->click(pane, y, x) : UI_KEY_IGNORED;
}

static inline void ui_pane_destroy(struct ui_pane *pane)
{
    if (pane) {
        if (pane->win) {
            delwin(pane->win);
        }
        pane->cls->destroy(pane);
    }
}

#endif /* UI_PANE_H */
