/* SPDX-License-Identifier: MIT */
#include "ui/input.h"

struct ui_binding {
    int key;
    enum ui_action act;
};

static const struct ui_binding ui_input_defaults[] = {
    {'q', UI_ACT_QUIT},
    {KEY_F(10), UI_ACT_QUIT},
    {27, UI_ACT_BACK},
    {' ', UI_ACT_PAUSE},
    {'s', UI_ACT_STEP},
    {KEY_RIGHT, UI_ACT_STEP},
    {KEY_LEFT, UI_ACT_STEP_BACK},
    {'c', UI_ACT_CONTINUE},
    {KEY_PPAGE, UI_ACT_PAGE_UP},
    {KEY_NPAGE, UI_ACT_PAGE_DOWN},
    {KEY_HOME, UI_ACT_HOME},
    {KEY_END, UI_ACT_END},
    {'g', UI_ACT_GOTO},
    {'+', UI_ACT_FASTER},
    {'=', UI_ACT_FASTER},
    {'-', UI_ACT_SLOWER},
    {'\t', UI_ACT_FOCUS_NEXT},
    {KEY_BTAB, UI_ACT_FOCUS_PREV},
    {'z', UI_ACT_ZOOM},
    {'/', UI_ACT_SEARCH},
    {'n', UI_ACT_SEARCH_NEXT},
    {'N', UI_ACT_SEARCH_PREV},
    {'f', UI_ACT_FILTER},
    {'r', UI_ACT_RESTART},
    {'R', UI_ACT_RECORD},
    {'k', UI_ACT_KILL},
    {'?', UI_ACT_HELP},
    {KEY_F(1), UI_ACT_HELP},
    {KEY_RESIZE, UI_ACT_RESIZE},
    {KEY_MOUSE, UI_ACT_MOUSE},
    {'v', UI_ACT_VIEW},
};

static const struct ui_key_help ui_input_help_lines[] = {
    {"space", "pause / resume the demo (replay: play / pause)", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"s, Right", "step one event (live: enter STEP mode)", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"c", "continue at full speed (leave STEP mode)", UI_HELP_LIVE},
    {"Left", "one event back", UI_HELP_REPLAY},
    {"PgUp, PgDn", "100 events back / forward (live: scroll the pane)",
     UI_HELP_LIVE | UI_HELP_REPLAY},
    {"Home, End", "first / last event (live: top / bottom of the pane)",
     UI_HELP_LIVE | UI_HELP_REPLAY},
    {"g", "go to an event number or a time (12.5s)", UI_HELP_REPLAY},
    {"+, -", "replay speed x0.1 .. x100", UI_HELP_REPLAY},
    {"Tab, click", "focus the next pane / the clicked pane", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"Up, Down", "move the selection in the focused pane", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"z", "zoom the focused pane (again: back)", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"v", "panes / sequence view (lanes, arrows; Enter follows a message)",
     UI_HELP_LIVE | UI_HELP_REPLAY},
    {"[, ]", "sequence view: scroll the lanes left / right", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"/, n, N", "search the events, next, previous", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"f", "filter events by the selected process / an event type", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"r", "run the demo again", UI_HELP_LIVE},
    {"R", "start / stop recording to a .psrec file", UI_HELP_LIVE},
    {"k", "terminate the selected process (SIGTERM)", UI_HELP_LIVE},
    {"?, F1", "this help (any key closes it)", UI_HELP_LIVE | UI_HELP_REPLAY},
    {"Esc", "back to the demo picker (when started from it)", UI_HELP_LIVE},
    {"q, F10", "quit (the demo is stopped, nothing is left behind)", UI_HELP_LIVE | UI_HELP_REPLAY},
};

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
    for (size_t i = 0; i < sizeof(ui_input_defaults) / sizeof(ui_input_defaults[0]); i++) {
        int key = ui_input_defaults[i].key;
        if (key >= 0 && key < UI_KEYMAP_SIZE) {
            map->act[key] = (unsigned char)ui_input_defaults[i].act;
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

const struct ui_key_help *ui_input_help(size_t *n)
{
    *n = sizeof(ui_input_help_lines) / sizeof(ui_input_help_lines[0]);
    return ui_input_help_lines;
}

const char *ui_input_action_name(enum ui_action act)
{
    if ((int)act < 0 || act >= UI_ACT_COUNT) {
        return "?";
    }
    return ui_input_names[act];
}
