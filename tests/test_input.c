/* SPDX-License-Identifier: MIT */
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
    const char *keys[] = {"space",      "s, Right", "Left",    "PgUp, PgDn", "Home, End", "+, -",
                          "Tab, click", "z",        "/, n, N", "f",          "r",         "R",
                          "k",          "?, F1",    "q, F10",  "g",          "c"};
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        bool found = false;
        for (size_t i = 0; i < n; i++) {
            found = found || strcmp(h[i].keys, keys[k]) == 0;
        }
        cr_assert(found, "help has no line for %s", keys[k]);
    }
}
