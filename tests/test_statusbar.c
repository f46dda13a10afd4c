/* SPDX-License-Identifier: MIT */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curses.h>

#include "ui/glyphs.h"
#include "ui/statusbar.h"
#include "ui/theme.h"

static void ascii(void)
{
    setlocale(LC_ALL, "C");
    ui_glyphs_set_utf8(false);
}

Test(statusbar, live_line, .init = ascii)
{
    struct ui_status st = {
        .demo = "pipe", .mode = UI_MODE_LIVE, .elapsed_ns = 1234567890, .cursor = 42, .total = 42};
    char buf[256];
    ui_statusbar_text(&st, buf, sizeof(buf));
    cr_assert_str_eq(buf, "pipe  LIVE  t 1.234s  events 42  drops 0  torn 0");
}

Test(statusbar, replay_line_with_recording, .init = ascii)
{
    struct ui_status st = {.demo = "pool",
                           .mode = UI_MODE_REPLAY,
                           .speed = 2,
                           .elapsed_ns = 61000000000ull,
                           .cursor = 7,
                           .total = 300,
                           .drops = 3,
                           .recording = true,
                           .rec_path = "x.psrec",
                           .file = "a.psrec"};
    char buf[256];
    ui_statusbar_text(&st, buf, sizeof(buf));
    cr_assert_str_eq(
        buf, "pool  REPLAY x2  t 1m01.000s  event 7/300  drops 3  torn 0  [REC] x.psrec  a.psrec");
    struct ui_status_seg segs[UI_STATUS_SEG_MAX];
    size_t n = ui_statusbar_segments(&st, segs);
    cr_assert_eq(n, 8);
    cr_assert_eq(segs[4].color, UI_COLOR_WARN, "drops highlighted");
    cr_assert_eq(segs[5].color, UI_COLOR_STATUS);
}

Test(statusbar, modes, .init = ascii)
{
    char buf[32];
    ui_status_mode_name(UI_MODE_PAUSED, 1, buf, sizeof(buf));
    cr_assert_str_eq(buf, "PAUSED");
    ui_status_mode_name(UI_MODE_STEP, 1, buf, sizeof(buf));
    cr_assert_str_eq(buf, "STEP");
    ui_status_mode_name(UI_MODE_DONE, 1, buf, sizeof(buf));
    cr_assert_str_eq(buf, "DONE");
    ui_status_mode_name(UI_MODE_REPLAY, 0.1, buf, sizeof(buf));
    cr_assert_str_eq(buf, "REPLAY x0.1");
    ui_status_mode_name(UI_MODE_REPLAY_PAUSED, 1, buf, sizeof(buf));
    cr_assert_str_eq(buf, "REPLAY PAUSED");
}

Test(statusbar, demo_name_escaped, .init = ascii)
{
    struct ui_status st = {.demo = "\x1b[31mevil", .mode = UI_MODE_DONE};
    char buf[256];
    ui_statusbar_text(&st, buf, sizeof(buf));
    cr_assert_eq(strncmp(buf, "^[[31mevil  DONE", 16), 0, "%s", buf);
}

Test(statusbar, draws_cut_to_width, .init = ascii)
{
    FILE *devnull = fopen("/dev/null", "w+");
    SCREEN *scr = newterm("xterm-256color", devnull, devnull);
    cr_assert_not_null(scr);
    set_term(scr);
    ui_theme_init();
    WINDOW *win = newwin(2, 30, 0, 0);
    struct ui_status st = {.demo = "pipe", .mode = UI_MODE_STEP, .cursor = 3};
    ui_statusbar_draw(win, 0, 30, &st);
    ui_hintbar_draw(win, 1, 30, false, NULL);
    char line[64];
    mvwinnstr(win, 0, 0, line, 30);
    cr_assert_str_eq(line, " pipe  STEP  t 0.000s  events ");
    mvwinnstr(win, 1, 0, line, 30);
    /* 30 columns: the lesser hints go first, help and quit stay (issue 11). */
    cr_assert_eq(strncmp(line, "? help  q quit", 14), 0, "%s", line);
    delwin(win);
    endwin();
    delscreen(scr);
    fclose(devnull);
}
