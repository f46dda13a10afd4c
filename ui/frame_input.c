/* SPDX-License-Identifier: MIT */
#include "ui/frame.h"

#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/event.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/panes.h"

/* The signal of a menu key: 1-5 or the signal's first letter; 0 for any other key. */
static int ui_frame_signal_key(int ch)
{
    static const struct {
        int digit, letter, sig;
    } menu[] = {{'1', 't', SIGTERM}, {'2', 'k', SIGKILL}, {'3', 'i', SIGINT},
                {'4', 's', SIGSTOP}, {'5', 'c', SIGCONT}};
    for (size_t i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
        if (ch == menu[i].digit || ch == menu[i].letter) {
            return menu[i].sig;
        }
    }
    return 0;
}

/*
 * The signal menu and its confirmation: a signal key chooses (nothing is
 * chosen by Enter, arrows or any other key: Esc or an unknown key cancels),
 * `y` confirms. *done gets the kind when chosen or confirmed.
 */
static void ui_frame_signal_prompt_key(struct ui_frame *f, int ch, enum ui_prompt_kind *done)
{
    enum ui_prompt_kind kind = f->prompt;
    f->prompt = UI_PROMPT_NONE;
    f->chrome_dirty = true;
    if (kind == UI_PROMPT_CONFIRM) {
        if (ch == 'y' || ch == 'Y') {
            *done = kind;
        } else {
            ui_frame_message(f, "nothing sent");
        }
        return;
    }
    int sig = ui_frame_signal_key(ch);
    if (sig) {
        f->prompt_sig = sig;
        *done = kind;
    } else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER || ch == KEY_UP || ch == KEY_DOWN ||
               ch == KEY_RESIZE) {
        f->prompt = kind; /* keys that could choose by accident do nothing */
        f->relayout = f->relayout || ch == KEY_RESIZE;
    } else {
        ui_frame_message(f, "nothing sent");
    }
}

/* Edit the open prompt with key `ch`; *done gets its kind on Enter. */
static void ui_frame_prompt_key(struct ui_frame *f, int ch, enum ui_prompt_kind *done)
{
    size_t len = strlen(f->prompt_buf);
    if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
        *done = f->prompt;
        f->prompt = UI_PROMPT_NONE;
    } else if (ch == 27) {
        f->prompt = UI_PROMPT_NONE;
    } else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
        if (len > 0) {
            f->prompt_buf[len - 1] = '\0';
        }
    } else if (ch >= 0x20 && ch < 0x7f && len + 1 < sizeof(f->prompt_buf)) {
        f->prompt_buf[len] = (char)ch;
        f->prompt_buf[len + 1] = '\0';
    } else if (ch == KEY_RESIZE) {
        f->relayout = true;
    }
    f->chrome_dirty = true;
}

/* Focus pane `i` (it must be placed). */
static void ui_frame_focus(struct ui_frame *f, int i)
{
    f->panes[f->focus]->focused = false;
    f->panes[f->focus]->dirty = true;
    f->focus = (enum ui_pane_id)i;
    f->panes[i]->focused = true;
    f->panes[i]->dirty = true;
}

/* Focus the next (step 1) or previous (step -1) pane on screen. */
static void ui_frame_cycle(struct ui_frame *f, int step)
{
    int i = (int)f->focus;
    for (int n = 0; n < UI_PANE_COUNT; n++) {
        i = (i + step + UI_PANE_COUNT) % UI_PANE_COUNT;
        if (f->panes[i]->win) {
            ui_frame_focus(f, i);
            return;
        }
    }
}

/* A mouse click: focus the pane under it and pass it the pane-relative position. */
static void ui_frame_mouse(struct ui_frame *f)
{
    MEVENT me;
    if (getmouse(&me) != OK) {
        return;
    }
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        struct ui_pane *p = f->panes[i];
        struct ui_rect r = p->rect;
        if (p->win && me.y >= r.y && me.y < r.y + r.h && me.x >= r.x && me.x < r.x + r.w) {
            ui_frame_focus(f, i);
            if (ui_pane_click(p, me.y - r.y, me.x - r.x) & (UI_KEY_HANDLED | UI_KEY_REDRAW)) {
                ui_pane_update(p, f->session);
            }
            return;
        }
    }
}

/* Keys that mean the same in live and replay: done here; others go back. */
static enum ui_action ui_frame_common(struct ui_frame *f, enum ui_action act, int ch)
{
    switch (act) {
    case UI_ACT_RESIZE:
        ui_frame_invalidate(f);
        return UI_ACT_NONE;
    case UI_ACT_HELP:
        f->help = true;
        f->help_page = 0;
        f->chrome_dirty = true;
        return UI_ACT_NONE;
    case UI_ACT_FOCUS_NEXT:
    case UI_ACT_FOCUS_PREV:
        ui_frame_cycle(f, act == UI_ACT_FOCUS_NEXT ? 1 : -1);
        return UI_ACT_NONE;
    case UI_ACT_ZOOM:
        f->zoom = !f->zoom;
        f->relayout = true;
        return UI_ACT_NONE;
    case UI_ACT_MOUSE:
        ui_frame_mouse(f);
        return UI_ACT_NONE;
    case UI_ACT_VIEW:
        ui_frame_set_sequence(f, !f->sequence);
        return UI_ACT_NONE;
    case UI_ACT_SEARCH:
        ui_frame_prompt(f, UI_PROMPT_SEARCH);
        return UI_ACT_NONE;
    case UI_ACT_FILTER: {
        int32_t pid = ui_pane_procs_selected(f->panes[UI_PANE_PROCS]);
        ui_frame_prompt(f, UI_PROMPT_FILTER);
        if (pid > 0) {
            snprintf(f->prompt_buf, sizeof(f->prompt_buf), "%d", (int)pid);
        }
        return UI_ACT_NONE;
    }
    case UI_ACT_SEARCH_NEXT:
    case UI_ACT_SEARCH_PREV:
        ui_frame_search(f, act == UI_ACT_SEARCH_NEXT);
        return UI_ACT_NONE;
    case UI_ACT_NONE: {
        unsigned r = ui_frame_pane_key(f, ch);
        f->last_key_ignored = r == UI_KEY_IGNORED;
        return (r & UI_KEY_QUIT) ? UI_ACT_QUIT : UI_ACT_NONE;
    }
    default:
        return act;
    }
}

/* A key whose command does not apply in this mode: say why. */
static void ui_frame_not_now(struct ui_frame *f)
{
    if (f->replay) {
        ui_frame_message(f, "that key is for live sessions (this is a replay)");
    } else if (ui_frame_mode(f) == UI_MODE_DONE) {
        ui_frame_message(f, "the demo has ended: r runs it again, q quits");
    } else {
        ui_frame_message(f, "that key is for replays (live runs at --time-scale)");
    }
}

enum ui_action ui_frame_key(struct ui_frame *f, int ch, enum ui_prompt_kind *done)
{
    *done = UI_PROMPT_NONE;
    f->last_key_ignored = false;
    if (ch == ERR) {
        return UI_ACT_NONE;
    }
    if (f->prompt == UI_PROMPT_SIGNAL || f->prompt == UI_PROMPT_CONFIRM) {
        ui_frame_signal_prompt_key(f, ch, done);
        return UI_ACT_NONE;
    }
    if (f->prompt != UI_PROMPT_NONE) {
        ui_frame_prompt_key(f, ch, done);
        return UI_ACT_NONE;
    }
    if (f->message[0]) {
        f->message[0] = '\0';
        f->chrome_dirty = true;
    }
    if (!f->help && f->overlay_key && f->overlay_key(f->overlay_ctx, ch)) {
        return UI_ACT_NONE;
    }
    /* The command table says what the key does in this mode; none: the focused pane's key. */
    enum ui_action act = ui_input_lookup_mode(ch, ui_frame_mode(f));
    if (f->help && act == UI_ACT_HELP && ch != KEY_F(1)) {
        f->help_page++; /* `?` again: the next page (it wraps around) */
        f->chrome_dirty = true;
        return UI_ACT_NONE;
    }
    if (f->help) {
        f->help = false;
        ui_frame_invalidate(f);
        return act == UI_ACT_QUIT ? UI_ACT_QUIT : UI_ACT_NONE;
    }
    act = ui_frame_common(f, act, ch);
    if (act == UI_ACT_NONE && f->last_key_ignored && ui_input_lookup(&f->keys, ch) != UI_ACT_NONE) {
        ui_frame_not_now(f);
    }
    return act;
}

bool ui_frame_search(struct ui_frame *f, bool forward)
{
    struct ui_pane *ev = f->panes[UI_PANE_EVENTS];
    if (!f->prompt_buf[0]) {
        ui_frame_message(f, "no search yet: press / first");
        return false;
    }
    if (!ui_pane_events_search_next(ev, f->session, forward)) {
        ui_frame_message(f, "not found: %s", f->prompt_buf);
        return false;
    }
    ui_pane_update(ev, f->session);
    return true;
}

/* The pid of process `name` (a pid number, or a name as the model has it), or 0. */
static int32_t ui_frame_find_proc(const struct ps_model *m, const char *name)
{
    char *end = NULL;
    long pid = strtol(name, &end, 10);
    if (end != name && *end == '\0' && pid > 0 && pid <= INT32_MAX) {
        return (int32_t)pid;
    }
    for (uint32_t i = 0; i < m->nprocs && i < PS_MODEL_PROCS; i++) {
        if (strcasecmp(m->procs[i].name, name) == 0) {
            return m->procs[i].pid;
        }
    }
    return 0;
}

/* Whether `prefix` names event types: a type name, or "pipe" for pipe.* types. */
static bool ui_frame_type_prefix(const char *prefix)
{
    size_t n = strlen(prefix);
    for (unsigned t = 1; t < PS_EV__COUNT; t++) {
        const char *name = ps_event_type_name(t);
        if (name && strncasecmp(name, prefix, n) == 0 && (name[n] == '.' || name[n] == '\0')) {
            return true;
        }
    }
    return false;
}

/* Apply the filter text: empty clears, else event types (a name or prefix) or a process. */
static bool ui_frame_filter(struct ui_frame *f, const char *text)
{
    struct ui_pane *ev = f->panes[UI_PANE_EVENTS];
    if (text[0] == '\0' || strcmp(text, "all") == 0) {
        ui_pane_events_set_filter(ev, 0, PS_EV_NONE);
        f->filter_text[0] = '\0';
        ui_frame_message(f, "filter cleared");
    } else if (ui_frame_type_prefix(text)) {
        char lower[UI_PROMPT_MAX];
        size_t i = 0;
        for (; text[i] && i + 1 < sizeof(lower); i++) {
            lower[i] = (char)tolower((unsigned char)text[i]);
        }
        lower[i] = '\0';
        ui_pane_events_set_filter_text(ev, 0, lower, text);
        snprintf(f->filter_text, sizeof(f->filter_text), "%s", text);
    } else {
        int32_t pid = ui_frame_find_proc(ps_session_model(f->session), text);
        if (pid == 0) {
            ui_frame_message(f, "no process or event type called %s", text);
            return false;
        }
        ui_pane_events_set_filter_text(ev, pid, NULL, text);
        snprintf(f->filter_text, sizeof(f->filter_text), "%s", text);
    }
    ui_pane_update(ev, f->session);
    return true;
}

void ui_frame_filter_again(struct ui_frame *f)
{
    char text[UI_PROMPT_MAX];
    if (!f->filter_text[0]) {
        return;
    }
    snprintf(text, sizeof(text), "%s", f->filter_text);
    f->filter_pending = false;
    if (ui_frame_type_prefix(text) || ui_frame_find_proc(ps_session_model(f->session), text)) {
        ui_frame_filter(f, text);
    } else {
        f->filter_pending = true;
        /* a process not there yet (a restart): keep the text, try again at the next update */
        ui_pane_events_set_filter_text(f->panes[UI_PANE_EVENTS], -1, NULL, text);
    }
}

bool ui_frame_finish_prompt(struct ui_frame *f, enum ui_prompt_kind kind)
{
    struct ui_pane *ev = f->panes[UI_PANE_EVENTS];
    switch (kind) {
    case UI_PROMPT_SEARCH:
        ui_pane_events_set_search(ev, f->prompt_buf);
        ui_pane_update(ev, f->session);
        return f->prompt_buf[0] ? ui_frame_search(f, true) : true;
    case UI_PROMPT_FILTER:
        return ui_frame_filter(f, f->prompt_buf);
    default:
        return false;
    }
}
