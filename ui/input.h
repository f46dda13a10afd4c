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

/* The modes of the live and replay views (the status line names them). */
enum ui_mode {
    UI_MODE_LIVE,
    UI_MODE_PAUSED,
    UI_MODE_STEP,
    UI_MODE_DONE,
    UI_MODE_REPLAY,
    UI_MODE_REPLAY_PAUSED,
};

/* Mode sets of the command table. */
#define UI_IN(mode) (1u << (mode))
#define UI_HELP_LIVE                                                                               \
    (UI_IN(UI_MODE_LIVE) | UI_IN(UI_MODE_PAUSED) | UI_IN(UI_MODE_STEP) | UI_IN(UI_MODE_DONE))
#define UI_HELP_REPLAY (UI_IN(UI_MODE_REPLAY) | UI_IN(UI_MODE_REPLAY_PAUSED))
#define UI_IN_RUNNING (UI_IN(UI_MODE_LIVE) | UI_IN(UI_MODE_PAUSED) | UI_IN(UI_MODE_STEP))
#define UI_IN_ALL (UI_HELP_LIVE | UI_HELP_REPLAY)

#define UI_KEYMAP_SIZE (KEY_MAX + 1)
#define UI_CMD_KEYS 4

struct ui_keymap {
    unsigned char act[UI_KEYMAP_SIZE]; /* enum ui_action per key code (any mode) */
};

/*
 * One row of the command table (tmux's cmd_entry): the action, its keys, its
 * help text and the modes it applies in, and how the hint bar shows it. The
 * key map, the `?` help and the hint bar are all generated from the table,
 * so they cannot disagree; adding a key is adding a row. A row without help
 * text only adds a hint (space reads "pause", "resume" or "play" by mode);
 * a row with act UI_ACT_NONE documents keys the focused pane takes.
 */
struct ui_key_help {
    enum ui_action act;
    int codes[UI_CMD_KEYS]; /* key codes (0 ends the list) */
    const char *keys;       /* as the help shows them: "s, Right" */
    const char *what;       /* help text; NULL: a hint-only row */
    unsigned modes;         /* UI_IN(mode) bits where the keys act */
    const char *hint;       /* hint bar text ("s step"); NULL: none */
    unsigned hint_modes;    /* modes whose hint bar shows it */
    unsigned char prio;     /* 0 (kept longest) .. 3 (dropped first) when the bar is narrow */
};

/* Fill `map` with the table's bindings (everything else UI_ACT_NONE). */
void ui_input_bind_defaults(struct ui_keymap *map);

/* The action bound to key code `ch` in any mode, UI_ACT_NONE if none or out of range. */
enum ui_action ui_input_lookup(const struct ui_keymap *map, int ch);

/* The action of key `ch` in `mode`: UI_ACT_NONE when its command does not apply there. */
enum ui_action ui_input_lookup_mode(int ch, enum ui_mode mode);

/* The command table, in help order; *n gets its number of rows. Static storage. */
const struct ui_key_help *ui_input_help(size_t *n);

/*
 * The hint bar of `mode` for `cols` columns into buf: the table's hints for
 * that mode in table order, dropping the lesser ones (higher prio) first so
 * `? help` and `q quit` stay. Returns buf.
 */
const char *ui_input_hints(enum ui_mode mode, int cols, char *buf, size_t size);

/* A short name of the action ("pause"), for tests and messages. */
const char *ui_input_action_name(enum ui_action act);

#endif /* UI_INPUT_H */
