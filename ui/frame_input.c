/* SPDX-License-Identifier: MIT */
#include "ui/frame.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/event.h"
#include "session/model.h"
#include "session/session.h"
#include "ui/panes.h"

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

/* Apply the filter text: empty clears, else a process or an event type. */
static bool ui_frame_filter(struct ui_frame *f, const char *text)
{
    struct ui_pane *ev = f->panes[UI_PANE_EVENTS];
    if (text[0] == '\0' || strcmp(text, "all") == 0) {
        ui_pane_events_set_filter(ev, 0, PS_EV_NONE);
        ui_frame_message(f, "filter cleared");
    } else {
        int type = ps_event_type_from_name(text);
        int32_t pid = type < 0 ? ui_frame_find_proc(ps_session_model(f->session), text) : 0;
        if (type < 0 && pid == 0) {
            ui_frame_message(f, "no process or event type called %s", text);
            return false;
        }
        ui_pane_events_set_filter(ev, pid, type < 0 ? PS_EV_NONE : (unsigned)type);
        ui_frame_message(f, "events filtered: %s", text);
    }
    ui_pane_update(ev, f->session);
    return true;
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
