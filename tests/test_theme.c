/* SPDX-License-Identifier: MIT */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curses.h>

#include "ui/glyphs.h"
#include "ui/theme.h"

static SCREEN *screen;
static FILE *devnull;

/* A headless terminal on /dev/null with the given TERM. */
static void open_term(const char *term)
{
    devnull = fopen("/dev/null", "w+");
    cr_assert_not_null(devnull);
    screen = newterm(term, devnull, devnull);
    cr_assert_not_null(screen);
    set_term(screen);
}

static void close_term(void)
{
    endwin();
    delscreen(screen);
    fclose(devnull);
}

Test(theme, rule_for_mono)
{
    cr_assert(ui_theme_want_mono("1", true));
    cr_assert(ui_theme_want_mono(NULL, false));
    cr_assert_not(ui_theme_want_mono(NULL, true));
    cr_assert_not(ui_theme_want_mono("", true));
}

Test(theme, monochrome_under_no_color)
{
    setenv("NO_COLOR", "1", 1);
    open_term("xterm-256color");
    ui_theme_init();
    cr_assert(ui_theme_mono());
    for (int c = 0; c < UI_COLOR_COUNT; c++) {
        cr_assert_eq(PAIR_NUMBER(ui_theme_attr((enum ui_color)c)), 0, "colour %d has a pair", c);
    }
    cr_assert_eq(PAIR_NUMBER(ui_theme_proc_attr(3)), 0);
    cr_assert_neq(ui_theme_attr(UI_COLOR_SELECTED) & A_REVERSE, 0);
    close_term();
}

Test(theme, colours_on_a_colour_terminal)
{
    unsetenv("NO_COLOR");
    open_term("xterm-256color");
    ui_theme_init();
    cr_assert_not(ui_theme_mono());
    cr_assert_neq(PAIR_NUMBER(ui_theme_attr(UI_COLOR_LOCK_HELD)), 0);
    cr_assert_neq(ui_theme_proc_attr(0), ui_theme_proc_attr(1));
    cr_assert_eq(ui_theme_proc_attr(0), ui_theme_proc_attr(ui_theme_proc_count()));
    close_term();
}

Test(theme, vt100_is_monochrome_and_ascii)
{
    unsetenv("NO_COLOR");
    setenv("TERM", "vt100", 1);
    setlocale(LC_ALL, "C.UTF-8");
    open_term("vt100");
    ui_theme_init();
    ui_glyphs_init();
    cr_assert(ui_theme_mono());
    cr_assert_not(ui_glyphs_utf8());
    cr_assert_str_eq(ui_glyph(UI_GLYPH_ARROW_RIGHT), ">");
    close_term();
}

Test(theme, glyphs_follow_locale)
{
    setenv("TERM", "xterm-256color", 1);
    setlocale(LC_ALL, "C.UTF-8");
    ui_glyphs_init();
    cr_assert(ui_glyphs_utf8());
    cr_assert_str_eq(ui_glyph(UI_GLYPH_ARROW_RIGHT), "\xe2\x86\x92");
    cr_assert_str_eq(ui_glyph_bar(8), "\xe2\x96\x88");
    cr_assert_str_eq(ui_glyph_spark(99), "\xe2\x96\x88");
    setlocale(LC_ALL, "C");
    ui_glyphs_init();
    cr_assert_not(ui_glyphs_utf8());
    cr_assert_str_eq(ui_glyph_bar(4), "=");
    cr_assert_str_eq(ui_glyph_spark(-3), " ");
    cr_assert_str_eq(ui_glyph(UI_GLYPH_COUNT), "");
}
