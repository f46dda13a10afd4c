/* SPDX-License-Identifier: MIT */
/*
 * The global key table: keys the frame handles before the focused pane sees
 * them (htop's Action_setBindings). Keys that map to UI_ACT_NONE go to the
 * focused pane. The table also carries the help text of every binding, so
 * the hint bar and the `?` overlay always tell the truth.
 */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <stddef.h>

#include <curses.h>

enum ui_action {
    UI_ACT_NONE,
    UI_ACT_QUIT,        /* q, F10 */
    UI_ACT_BACK,        /* Esc: back to the picker */
    UI_ACT_PAUSE,       /* space */
    UI_ACT_STEP,        /* s, Right */
    UI_ACT_STEP_BACK,   /* Left (replay) */
    UI_ACT_CONTINUE,    /* c */
    UI_ACT_PAGE_UP,     /* PgUp: replay -100 events, live: to the pane */
    UI_ACT_PAGE_DOWN,   /* PgDn */
    UI_ACT_HOME,        /* Home: replay first event, live: to the pane */
    UI_ACT_END,         /* End */
    UI_ACT_GOTO,        /* g */
    UI_ACT_FASTER,      /* + */
    UI_ACT_SLOWER,      /* - */
    UI_ACT_FOCUS_NEXT,  /* Tab */
    UI_ACT_FOCUS_PREV,  /* Shift-Tab */
    UI_ACT_ZOOM,        /* z */
    UI_ACT_SEARCH,      /* / */
    UI_ACT_SEARCH_NEXT, /* n */
    UI_ACT_SEARCH_PREV, /* N */
    UI_ACT_FILTER,      /* f */
    UI_ACT_RESTART,     /* r */
    UI_ACT_RECORD,      /* R */
    UI_ACT_KILL,        /* k */
    UI_ACT_HELP,        /* ?, F1 */
    UI_ACT_RESIZE,      /* KEY_RESIZE */
    UI_ACT_MOUSE,       /* KEY_MOUSE */
    UI_ACT_VIEW,        /* v: panes / sequence view */
    UI_ACT_COUNT
};

#define UI_KEYMAP_SIZE (KEY_MAX + 1)

struct ui_keymap {
    unsigned char act[UI_KEYMAP_SIZE]; /* enum ui_action per key code */
};

/* One line of help: the keys as shown and what they do. */
struct ui_key_help {
    const char *keys;
    const char *what;
    unsigned modes; /* UI_HELP_LIVE | UI_HELP_REPLAY */
};

#define UI_HELP_LIVE 1u
#define UI_HELP_REPLAY 2u

/* Fill `map` with the default bindings (everything else UI_ACT_NONE). */
void ui_input_bind_defaults(struct ui_keymap *map);

/* The action bound to key code `ch` (a wgetch result), UI_ACT_NONE if none or out of range. */
enum ui_action ui_input_lookup(const struct ui_keymap *map, int ch);

/* The help lines, in display order; *n gets their number. Static storage. */
const struct ui_key_help *ui_input_help(size_t *n);

/* A short name of the action ("pause"), for tests and messages. */
const char *ui_input_action_name(enum ui_action act);

#endif /* UI_INPUT_H */
