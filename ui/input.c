/* SPDX-License-Identifier: MIT */
#include "ui/input.h"

#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/textsafe.h"

#define LIVE UI_IN(UI_MODE_LIVE)
#define PAUSED UI_IN(UI_MODE_PAUSED)
#define STEP UI_IN(UI_MODE_STEP)
#define DONE UI_IN(UI_MODE_DONE)
#define RUNNING UI_IN_RUNNING
#define REPLAY UI_HELP_REPLAY
#define ALL UI_IN_ALL

/* The one command table: key map, help and hint bar come from here. */
static const struct ui_key_help ui_input_table[] = {
    {UI_ACT_PAUSE, {' '}, "space", "pause / resume the demo (replay: play / pause)",
     RUNNING | REPLAY, "space pause", LIVE | STEP, 1},
    {UI_ACT_PAUSE, {' '}, "space", NULL, RUNNING, "space resume", PAUSED, 1},
    {UI_ACT_PAUSE, {' '}, "space", NULL, REPLAY, "space play", REPLAY, 1},
    {UI_ACT_STEP, {'s', KEY_RIGHT}, "s, Right", "step one event (live: enter STEP mode)",
     RUNNING | REPLAY, "s step", LIVE | PAUSED, 1},
    {UI_ACT_STEP, {'s', KEY_RIGHT}, "s, Right", NULL, STEP, "s next event", STEP, 1},
    {UI_ACT_STEP, {'s', KEY_RIGHT}, "s, Right", NULL, REPLAY, "s/Right step", REPLAY, 1},
    {UI_ACT_CONTINUE, {'c'}, "c", "continue at full speed (leave STEP mode)", RUNNING | REPLAY,
     "c continue", LIVE | STEP, 2},
    {UI_ACT_STEP_BACK, {KEY_LEFT}, "Left", "one event back", REPLAY, "Left back", REPLAY, 2},
    {UI_ACT_PAGE_UP, {KEY_PPAGE}, "PgUp, PgDn", "100 events back / forward (live: scroll the pane)",
     REPLAY, "PgUp/PgDn +-100", REPLAY, 3},
    {UI_ACT_PAGE_DOWN, {KEY_NPAGE}, "PgDn", NULL, REPLAY, NULL, 0, 3},
    {UI_ACT_HOME, {KEY_HOME}, "Home, End", "first / last event (live: top / bottom of the pane)",
     REPLAY, NULL, 0, 3},
    {UI_ACT_END, {KEY_END}, "End", NULL, REPLAY, NULL, 0, 3},
    {UI_ACT_GOTO, {'g'}, "g", "go to an event number or a time (12.5s)", REPLAY, "g go to", REPLAY,
     2},
    {UI_ACT_FASTER, {'+', '='}, "+ (=), -", "replay speed x0.1 .. x100", REPLAY, "+/- speed",
     REPLAY, 2},
    {UI_ACT_SLOWER, {'-'}, "-", NULL, REPLAY, NULL, 0, 2},
    {UI_ACT_FOCUS_NEXT, {'\t'}, "Tab, click", "focus the next pane / the clicked pane", ALL,
     "Tab focus", ALL, 2},
    {UI_ACT_FOCUS_PREV, {KEY_BTAB}, "Shift-Tab", "focus the previous pane", ALL, NULL, 0, 3},
    {UI_ACT_NONE, {0}, "Up, Down", "move the selection in the focused pane", ALL,
     "arrows scroll", DONE, 3},
    {UI_ACT_ZOOM, {'z'}, "z", "zoom the focused pane (again: back)", ALL, "z zoom", ALL, 3},
    {UI_ACT_VIEW, {'v'}, "v", "panes / sequence view (lanes, arrows; Enter follows a message)",
     ALL, "v view", ALL, 2},
    {UI_ACT_NONE, {0}, "[, ]", "sequence view: scroll the lanes left / right", ALL, NULL, 0, 3},
    {UI_ACT_SEARCH, {'/', KEY_F(3)}, "/, F3", "search the events", ALL, "/ search", ALL, 2},
    {UI_ACT_SEARCH_NEXT, {'n'}, "n, N", "next / previous search match", ALL, NULL, 0, 3},
    {UI_ACT_SEARCH_PREV, {'N'}, "N", NULL, ALL, NULL, 0, 3},
    {UI_ACT_FILTER, {'f', KEY_F(4)}, "f, F4",
     "filter events by the selected process / an event type", ALL, "f filter", ALL, 2},
    {UI_ACT_KILL, {'k', KEY_F(9)}, "k, F9", "send a signal to the selected process", RUNNING,
     "k kill", RUNNING, 2},
    {UI_ACT_RESTART, {'r'}, "r", "run the demo again", UI_HELP_LIVE, "r restart",
     LIVE | PAUSED, 3},
    {UI_ACT_RESTART, {'r'}, "r", NULL, DONE, "r run it again", DONE, 1},
    {UI_ACT_RECORD, {'R'}, "R", "start / stop recording to a .psrec file", UI_HELP_LIVE,
     "R record", LIVE | PAUSED, 3},
    {UI_ACT_HELP, {'?', KEY_F(1)}, "?, F1", "this help (any key closes it)", ALL, "? help", ALL,
     0},
    {UI_ACT_BACK, {27}, "Esc", "back to the demo picker (when started from it)", UI_HELP_LIVE,
     NULL, 0, 3},
    {UI_ACT_QUIT, {'q', KEY_F(10)}, "q, F10", "quit (the demo is stopped, nothing is left behind)",
     ALL, "q quit", ALL, 0},
    {UI_ACT_RESIZE, {KEY_RESIZE}, "", NULL, ALL, NULL, 0, 3},
    {UI_ACT_MOUSE, {KEY_MOUSE}, "", NULL, ALL, NULL, 0, 3},
};

#define UI_INPUT_ROWS (sizeof(ui_input_table) / sizeof(ui_input_table[0]))

static const char *const ui_input_names[UI_ACT_COUNT] = {
    [UI_ACT_NONE] = "none",
    [UI_ACT_QUIT] = "quit",
    [UI_ACT_BACK] = "back",
    [UI_ACT_PAUSE] = "pause",
    [UI_ACT_STEP] = "step",
    [UI_ACT_STEP_BACK] = "step-back",
    [UI_ACT_CONTINUE] = "continue",
    [UI_ACT_PAGE_UP] = "page-up",
    [UI_ACT_PAGE_DOWN] = "page-down",
    [UI_ACT_HOME] = "home",
    [UI_ACT_END] = "end",
    [UI_ACT_GOTO] = "goto",
    [UI_ACT_FASTER] = "faster",
    [UI_ACT_SLOWER] = "slower",
    [UI_ACT_FOCUS_NEXT] = "focus-next",
    [UI_ACT_FOCUS_PREV] = "focus-prev",
    [UI_ACT_ZOOM] = "zoom",
    [UI_ACT_SEARCH] = "search",
    [UI_ACT_SEARCH_NEXT] = "search-next",
    [UI_ACT_SEARCH_PREV] = "search-prev",
    [UI_ACT_FILTER] = "filter",
    [UI_ACT_RESTART] = "restart",
    [UI_ACT_RECORD] = "record",
    [UI_ACT_KILL] = "kill",
    [UI_ACT_HELP] = "help",
    [UI_ACT_RESIZE] = "resize",
    [UI_ACT_MOUSE] = "mouse",
    [UI_ACT_VIEW] = "view",
};

void ui_input_bind_defaults(struct ui_keymap *map)
{
    for (int i = 0; i < UI_KEYMAP_SIZE; i++) {
        map->act[i] = UI_ACT_NONE;
    }
    for (size_t i = UI_INPUT_ROWS; i-- > 0;) { /* backwards: the first row of a key wins */
        for (int k = 0; k < UI_CMD_KEYS && ui_input_table[i].codes[k]; k++) {
            int key = ui_input_table[i].codes[k];
            if (key > 0 && key < UI_KEYMAP_SIZE) {
                map->act[key] = (unsigned char)ui_input_table[i].act;
            }
        }
    }
}

enum ui_action ui_input_lookup(const struct ui_keymap *map, int ch)
{
    if (ch < 0 || ch >= UI_KEYMAP_SIZE) {
        return UI_ACT_NONE;
    }
    return (enum ui_action)map->act[ch];
}

enum ui_action ui_input_lookup_mode(int ch, enum ui_mode mode)
{
    for (size_t i = 0; i < UI_INPUT_ROWS && ch > 0; i++) {
        const struct ui_key_help *c = &ui_input_table[i];
        if (!(c->modes & UI_IN(mode))) {
            continue;
        }
        for (int k = 0; k < UI_CMD_KEYS && c->codes[k]; k++) {
            if (c->codes[k] == ch) {
                return c->act;
            }
        }
    }
    return UI_ACT_NONE;
}

const struct ui_key_help *ui_input_help(size_t *n)
{
    *n = UI_INPUT_ROWS;
    return ui_input_table;
}

/* The hint of row i in `mode`, adapted to the glyph set, or NULL. */
static const char *ui_input_hint(size_t i, enum ui_mode mode, char *buf, size_t size)
{
    const struct ui_key_help *c = &ui_input_table[i];
    if (!c->hint || !(c->hint_modes & UI_IN(mode))) {
        return NULL;
    }
    if (!ui_glyphs_utf8()) {
        return c->hint;
    }
    /* UTF-8 terminals get arrows and a plus-minus sign. */
    const char *from[] = {"s/Right", "Left", "+-100"};
    const char *to[] = {"s/\u2192", "\u2190", "\u00b1100"};
    for (size_t k = 0; k < sizeof(from) / sizeof(from[0]); k++) {
        const char *at = strstr(c->hint, from[k]);
        if (at) {
            snprintf(buf, size, "%.*s%s%s", (int)(at - c->hint), c->hint, to[k],
                     at + strlen(from[k]));
            return buf;
        }
    }
    return c->hint;
}

/* Display width of the hints of rows with prio <= `prio` in `mode`, joined by two spaces. */
static int ui_input_hints_width(enum ui_mode mode, unsigned prio)
{
    int w = 0;
    char tmp[64];
    for (size_t i = 0; i < UI_INPUT_ROWS; i++) {
        const char *h = ui_input_hint(i, mode, tmp, sizeof(tmp));
        if (h && ui_input_table[i].prio <= prio) {
            w += (w ? 2 : 0) + ui_text_cols(h);
        }
    }
    return w;
}

const char *ui_input_hints(enum ui_mode mode, int cols, char *buf, size_t size)
{
    unsigned prio = 3;
    while (prio > 0 && ui_input_hints_width(mode, prio) > cols) {
        prio--;
    }
    size_t pos = 0;
    char tmp[64];
    buf[0] = '\0';
    for (size_t i = 0; i < UI_INPUT_ROWS && pos < size; i++) {
        const char *h = ui_input_hint(i, mode, tmp, sizeof(tmp));
        if (h && ui_input_table[i].prio <= prio) {
            int w = snprintf(buf + pos, size - pos, "%s%s", pos ? "  " : "", h);
            pos = w < 0 ? size : pos + (size_t)w;
        }
    }
    return buf;
}

const char *ui_input_action_name(enum ui_action act)
{
    if ((int)act < 0 || act >= UI_ACT_COUNT) {
        return "?";
    }
    return ui_input_names[act];
}
