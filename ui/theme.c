/* SPDX-License-Identifier: MIT */
#include "ui/theme.h"

#include <stdlib.h>

/* One table per theme: a foreground, a background (-1: default) and extra bits. */
struct theme_entry {
    short fg;
    short bg;
    attr_t bits;
    attr_t mono;
};

static const struct theme_entry ui_theme_table[UI_COLOR_COUNT] = {
    [UI_COLOR_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [UI_COLOR_BORDER] = {COLOR_BLUE, -1, A_NORMAL, A_NORMAL},
    [UI_COLOR_BORDER_FOCUS] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [UI_COLOR_TITLE] = {COLOR_WHITE, -1, A_BOLD, A_BOLD},
    [UI_COLOR_STATUS] = {COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE},
    [UI_COLOR_MODE_LIVE] = {COLOR_BLACK, COLOR_GREEN, A_BOLD, A_BOLD},
    [UI_COLOR_MODE_PAUSED] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_COLOR_MODE_DONE] = {COLOR_WHITE, COLOR_BLACK, A_BOLD, A_BOLD},
    [UI_COLOR_MODE_REPLAY] = {COLOR_BLACK, COLOR_CYAN, A_BOLD, A_BOLD},
    [UI_COLOR_HINT] = {-1, -1, A_DIM, A_NORMAL},
    [UI_COLOR_HINT_KEY] = {COLOR_CYAN, -1, A_BOLD, A_BOLD},
    [UI_COLOR_WARN] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_REVERSE},
    [UI_COLOR_REC] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_BLINK},
    [UI_COLOR_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [UI_COLOR_DIM] = {COLOR_WHITE, -1, A_DIM, A_DIM},
    [UI_COLOR_ESCAPED] = {COLOR_MAGENTA, -1, A_NORMAL, A_UNDERLINE},
    [UI_COLOR_SEARCH] = {COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE | A_BOLD},
    [UI_COLOR_PROC_RUNNING] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [UI_COLOR_PROC_STOPPED] = {COLOR_YELLOW, -1, A_BOLD, A_UNDERLINE},
    [UI_COLOR_PROC_EXIT_OK] = {COLOR_WHITE, -1, A_NORMAL, A_NORMAL},
    [UI_COLOR_PROC_EXIT_ERR] = {COLOR_RED, -1, A_NORMAL, A_BOLD},
    [UI_COLOR_PROC_KILLED] = {COLOR_RED, -1, A_BOLD, A_BOLD | A_REVERSE},
    [UI_COLOR_CHAN_SEND] = {COLOR_CYAN, -1, A_NORMAL, A_NORMAL},
    [UI_COLOR_CHAN_RECV] = {COLOR_GREEN, -1, A_NORMAL, A_BOLD},
    [UI_COLOR_CHAN_CLOSED] = {COLOR_WHITE, -1, A_DIM, A_DIM},
    [UI_COLOR_BARRIER_WAITING] = {COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE},
    [UI_COLOR_BARRIER_RELEASED] = {COLOR_GREEN, -1, A_BOLD, A_BOLD},
    [UI_COLOR_LOCK_HELD] = {COLOR_RED, -1, A_BOLD, A_REVERSE},
    [UI_COLOR_LOCK_WAITING] = {COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE},
    [UI_COLOR_POOL_BUSY] = {COLOR_GREEN, -1, A_BOLD, A_REVERSE},
    [UI_COLOR_POOL_IDLE] = {COLOR_WHITE, -1, A_DIM, A_DIM},
};

/* The process palette: colour foregrounds, and a monochrome cycle. */
static const short ui_theme_proc_fg[] = {COLOR_CYAN,    COLOR_YELLOW, COLOR_GREEN,
                                         COLOR_MAGENTA, COLOR_BLUE,   COLOR_RED};
#define UI_THEME_NPROC (sizeof(ui_theme_proc_fg) / sizeof(ui_theme_proc_fg[0]))
static const attr_t ui_theme_proc_mono[] = {A_BOLD, A_NORMAL};

static bool ui_theme_is_mono = true;

bool ui_theme_want_mono(const char *no_color, bool has_colors)
{
    return (no_color && no_color[0] != '\0') || !has_colors;
}

/* Pair numbers: 1..UI_COLOR_COUNT for meanings, then the process palette. */
void ui_theme_init(void)
{
    ui_theme_is_mono = ui_theme_want_mono(getenv("NO_COLOR"), has_colors());
    if (ui_theme_is_mono || start_color() == ERR) {
        ui_theme_is_mono = true;
        return;
    }
    bool defaults = use_default_colors() == OK;
    short dfg = defaults ? -1 : COLOR_WHITE;
    short dbg = defaults ? -1 : COLOR_BLACK;
    for (int i = 0; i < UI_COLOR_COUNT; i++) {
        short fg = ui_theme_table[i].fg < 0 ? dfg : ui_theme_table[i].fg;
        short bg = ui_theme_table[i].bg < 0 ? dbg : ui_theme_table[i].bg;
        init_pair((short)(i + 1), fg, bg);
    }
    for (size_t i = 0; i < UI_THEME_NPROC; i++) {
        init_pair((short)(UI_COLOR_COUNT + 1 + (int)i), ui_theme_proc_fg[i], dbg);
    }
}

bool ui_theme_mono(void)
{
    return ui_theme_is_mono;
}

attr_t ui_theme_attr(enum ui_color color)
{
    if ((int)color < 0 || color >= UI_COLOR_COUNT) {
        color = UI_COLOR_NORMAL;
    }
    if (ui_theme_is_mono) {
        return ui_theme_table[color].mono;
    }
    return (attr_t)COLOR_PAIR((int)color + 1) | ui_theme_table[color].bits;
}

attr_t ui_theme_proc_attr(size_t index)
{
    if (ui_theme_is_mono) {
        return ui_theme_proc_mono[index % 2];
    }
    return (attr_t)COLOR_PAIR(UI_COLOR_COUNT + 1 + (int)(index % UI_THEME_NPROC));
}

size_t ui_theme_proc_count(void)
{
    return ui_theme_is_mono ? 2 : UI_THEME_NPROC;
}
