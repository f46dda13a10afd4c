/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <string.h>

#include <criterion/criterion.h>

#include "ui/input.h"

Test(input, default_bindings)
{
    struct ui_keymap map;
    ui_input_bind_defaults(&map);
    cr_assert_eq(ui_input_lookup(&map, 'q'), UI_ACT_QUIT);
    cr_assert_eq(ui_input_lookup(&map, KEY_F(10)), UI_ACT_QUIT);
    cr_assert_eq(ui_input_lookup(&map, ' '), UI_ACT_PAUSE);
    cr_assert_eq(ui_input_lookup(&map, 's'), UI_ACT_STEP);
    cr_assert_eq(ui_input_lookup(&map, KEY_RIGHT), UI_ACT_STEP);
    cr_assert_eq(ui_input_lookup(&map, KEY_LEFT), UI_ACT_STEP_BACK);
    cr_assert_eq(ui_input_lookup(&map, '\t'), UI_ACT_FOCUS_NEXT);
    cr_assert_eq(ui_input_lookup(&map, 'R'), UI_ACT_RECORD);
    cr_assert_eq(ui_input_lookup(&map, 'r'), UI_ACT_RESTART);
    cr_assert_eq(ui_input_lookup(&map, '?'), UI_ACT_HELP);
    cr_assert_eq(ui_input_lookup(&map, KEY_RESIZE), UI_ACT_RESIZE);
}

Test(input, pane_keys_are_not_global)
{
    struct ui_keymap map;
    ui_input_bind_defaults(&map);
    cr_assert_eq(ui_input_lookup(&map, KEY_UP), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup(&map, KEY_DOWN), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup(&map, 'x'), UI_ACT_NONE);
}

Test(input, out_of_range_keys)
{
    struct ui_keymap map;
    ui_input_bind_defaults(&map);
    cr_assert_eq(ui_input_lookup(&map, -1), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup(&map, ERR), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup(&map, KEY_MAX + 100), UI_ACT_NONE);
    cr_assert_str_eq(ui_input_action_name(UI_ACT_COUNT), "?");
    cr_assert_str_eq(ui_input_action_name(UI_ACT_PAUSE), "pause");
}

Test(input, help_lists_every_documented_key)
{
    size_t n = 0;
    const struct ui_key_help *h = ui_input_help(&n);
    const char *keys[] = {"space", "s, Right, .", "Left, ,", "0 .. 9", "PgUp, PgDn", "Home, End", "+ (=), -",
                          "Tab, click", "Shift-Tab", "z", "/, F3", "n, N", "f, F4",
                          "r", "R", "k, F9", "?, F1", "q, F10", "g", "c"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            found = found || strcmp(h[i].keys, keys[k]) == 0;
        }
        cr_assert(found, "help has no line for %s", keys[k]);
    }
}

/* Every key the key map binds is documented by a help line of its action. */
Test(input, the_key_map_and_the_help_agree)
{
    struct ui_keymap map;
    ui_input_bind_defaults(&map);
    size_t n = 0;
    const struct ui_key_help *h = ui_input_help(&n);
    for (int ch = 1; ch < UI_KEYMAP_SIZE; ch++) {
        enum ui_action act = ui_input_lookup(&map, ch);
        if (act == UI_ACT_NONE || act == UI_ACT_RESIZE || act == UI_ACT_MOUSE) {
            continue;
        }
        /* The row that binds it names its keys inside a help line. */
        const char *keys = NULL;
        for (size_t i = 0; i < n && !keys; i++) {
            for (int k = 0; k < UI_CMD_KEYS && h[i].codes[k]; k++) {
                keys = h[i].codes[k] == ch ? h[i].keys : keys;
            }
        }
        cr_assert_not_null(keys);
        bool documented = false;
        for (size_t i = 0; i < n; i++) {
            documented = documented || (h[i].what && strstr(h[i].keys, keys));
        }
        cr_assert(documented, "key %d (%s) has no help line", ch, ui_input_action_name(act));
    }
    cr_assert_eq(ui_input_lookup(&map, '='), UI_ACT_FASTER);
    cr_assert_eq(ui_input_lookup(&map, KEY_BTAB), UI_ACT_FOCUS_PREV);
}

/* Modes: PgUp jumps in a replay, and is the focused pane's key live. */
Test(input, commands_apply_in_their_modes)
{
    cr_assert_eq(ui_input_lookup_mode(KEY_PPAGE, UI_MODE_REPLAY), UI_ACT_PAGE_UP);
    cr_assert_eq(ui_input_lookup_mode(KEY_PPAGE, UI_MODE_LIVE), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup_mode('k', UI_MODE_LIVE), UI_ACT_KILL);
    cr_assert_eq(ui_input_lookup_mode(KEY_F(9), UI_MODE_STEP), UI_ACT_KILL);
    cr_assert_eq(ui_input_lookup_mode('k', UI_MODE_DONE), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup_mode('k', UI_MODE_REPLAY), UI_ACT_NONE);
    cr_assert_eq(ui_input_lookup_mode(KEY_F(10), UI_MODE_DONE), UI_ACT_QUIT);
    cr_assert_eq(ui_input_lookup_mode(KEY_F(3), UI_MODE_REPLAY_PAUSED), UI_ACT_SEARCH);
}

/* The hint bar drops lesser hints first: help and quit stay at 80 columns and less. */
Test(input, hints_keep_help_and_quit)
{
    char buf[512];
    enum ui_mode modes[] = {UI_MODE_LIVE, UI_MODE_PAUSED, UI_MODE_STEP, UI_MODE_DONE,
                            UI_MODE_REPLAY};
    for (size_t m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
        for (int cols = 20; cols <= 200; cols += 30) {
            ui_input_hints(modes[m], cols, buf, sizeof(buf));
            cr_assert(strstr(buf, "? help") && strstr(buf, "q quit"), "mode %d %d cols: %s",
                      (int)modes[m], cols, buf);
            cr_assert(cols < 20 || (int)strlen(buf) <= cols, "%d cols: %s", cols, buf);
        }
    }
    ui_input_hints(UI_MODE_LIVE, 80, buf, sizeof(buf));
    cr_assert(strstr(buf, "space pause") && strstr(buf, "s step"), "%s", buf);
    ui_input_hints(UI_MODE_LIVE, 300, buf, sizeof(buf));
    cr_assert(strstr(buf, "R record"), "everything fits in 300 columns: %s", buf);
}
