/* SPDX-License-Identifier: MIT */
/*
 * Colours and attributes of the TUI. Every pane asks for an attribute by its
 * meaning (ui_theme_attr(UI_COLOR_LOCK_HELD)); only theme.c calls init_pair.
 * Without colours (NO_COLOR set and non-empty, or !has_colors(), e.g.
 * TERM=vt100) every meaning maps to a monochrome attribute (bold, reverse,
 * underline, dim) so the screen stays readable.
 *
 * UI process only, after initscr()/newterm().
 */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include <curses.h>

enum ui_color {
    UI_COLOR_NORMAL,
    UI_COLOR_BORDER,       /* pane border */
    UI_COLOR_BORDER_FOCUS, /* border and title of the focused pane */
    UI_COLOR_TITLE,        /* pane title */
    UI_COLOR_STATUS,       /* the status line background */
    UI_COLOR_MODE_LIVE,    /* LIVE */
    UI_COLOR_MODE_PAUSED,  /* PAUSED, STEP, REPLAY PAUSED */
    UI_COLOR_MODE_DONE,    /* DONE */
    UI_COLOR_MODE_REPLAY,  /* REPLAY xN */
    UI_COLOR_HINT,         /* hint bar text */
    UI_COLOR_HINT_KEY,     /* a key name in the hint bar or help */
    UI_COLOR_WARN,         /* drops or torn > 0, errors */
    UI_COLOR_REC,          /* the recording mark */
    UI_COLOR_SELECTED,     /* selected row / cursor */
    UI_COLOR_DIM,          /* secondary text: pids, times, axis */
    UI_COLOR_ESCAPED,      /* escaped control characters in process text */
    UI_COLOR_SEARCH,       /* search match */
    UI_COLOR_PROC_RUNNING,
    UI_COLOR_PROC_STOPPED, /* SIGSTOPped or paused */
    UI_COLOR_PROC_EXIT_OK, /* exit status 0 */
    UI_COLOR_PROC_EXIT_ERR,
    UI_COLOR_PROC_KILLED, /* ended by a signal */
    UI_COLOR_CHAN_SEND,
    UI_COLOR_CHAN_RECV,
    UI_COLOR_CHAN_CLOSED,
    UI_COLOR_BARRIER_WAITING,
    UI_COLOR_BARRIER_RELEASED,
    UI_COLOR_LOCK_HELD,
    UI_COLOR_LOCK_WAITING,
    UI_COLOR_POOL_BUSY,
    UI_COLOR_POOL_IDLE,
    UI_COLOR_COUNT
};

/*
 * Decide colour or monochrome and set up the colour pairs. Call once after
 * initscr()/newterm() (and again after another newterm()). Reads NO_COLOR.
 */
void ui_theme_init(void);

/* True when the theme is monochrome (decided by the last ui_theme_init()). */
bool ui_theme_mono(void);

/*
 * Pure rule behind ui_theme_init(): monochrome when `no_color` (the value of
 * NO_COLOR, may be NULL) is non-empty or the terminal has no colours.
 */
bool ui_theme_want_mono(const char *no_color, bool has_colors);

/* The curses attribute (colour pair and/or A_* bits) for a meaning. */
attr_t ui_theme_attr(enum ui_color color);

/*
 * The attribute of the process that appeared `index`-th in the model (0 for
 * the first); the palette repeats after ui_theme_proc_count() processes.
 */
attr_t ui_theme_proc_attr(size_t index);

/* How many distinct process colours the palette has. */
size_t ui_theme_proc_count(void);

#endif /* UI_THEME_H */
