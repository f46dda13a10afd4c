/* SPDX-License-Identifier: MIT */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>
#include <curses.h>

#include "session/session.h"
#include "ui/frame.h"
#include "ui/glyphs.h"
#include "ui/picker.h"
#include "ui/replay.h"
#include "ui/rows.h"
#include "ui/theme.h"

static SCREEN *screen;
static FILE *devnull;
static struct ps_session *session;
static struct ui_frame frame;

static void emit(uint16_t type, int32_t pid, int32_t peer, int64_t a, const char *text)
{
    struct ps_sink sink = ps_session_sink(session);
    struct ps_event ev = {.seq = ps_session_count(session),
                          .t_ns = 1000000 * (ps_session_count(session) + 1),
                          .pid = pid,
                          .type = type,
                          .peer = peer,
                          .a = a,
                          .text = text,
                          .text_len = (uint32_t)strlen(text)};
    cr_assert_eq(ps_sink_event(&sink, &ev), 0);
}

static void setup(void)
{
    setlocale(LC_ALL, "C");
    devnull = fopen("/dev/null", "w+");
    screen = newterm("xterm-256color", devnull, devnull);
    cr_assert_not_null(screen);
    set_term(screen);
    resize_term(40, 120);
    ui_theme_init();
    ui_glyphs_set_utf8(false);
    session = ps_session_new();
    cr_assert_not_null(session);
    struct ps_sink sink = ps_session_sink(session);
    struct ps_session_info info = {.demo = "framedemo", .time_scale = 1};
    ps_sink_begin(&sink, &info);
    emit(PS_EV_PROC_SPAWN, 1, 2, 0, "MainProcess");
    emit(PS_EV_PROC_START, 2, 1, 0, "MainProcess");
    for (int i = 0; i < 5; i++) {
        emit(PS_EV_MARK, 2, 0, i, "tick");
    }
    emit(PS_EV_OUTPUT, 2, 0, 1, "hello from main");
    ui_frame_init(&frame, session, false);
    ui_frame_update(&frame, session);
}

static void teardown(void)
{
    ui_frame_free(&frame);
    ps_session_free(session);
    endwin();
    delscreen(screen);
    fclose(devnull);
}

/* Row y of the physical screen. */
static const char *row(int y)
{
    static char buf[256];
    mvwinnstr(curscr, y, 0, buf, COLS);
    return buf;
}

static bool screen_has(const char *needle)
{
    for (int y = 0; y < LINES; y++) {
        if (strstr(row(y), needle)) {
            return true;
        }
    }
    return false;
}

TestSuite(frame, .init = setup, .fini = teardown, .timeout = 30);

Test(frame, draws_status_hint_and_panes)
{
    struct ui_status st = {.demo = "framedemo", .mode = UI_MODE_LIVE, .cursor = 8, .total = 8};
    ui_frame_set_status(&frame, &st);
    cr_assert(ui_frame_draw(&frame));
    cr_assert(strstr(row(0), "framedemo  LIVE"), "%s", row(0));
    cr_assert(strstr(row(39), "q quit"), "%s", row(39));
    cr_assert(screen_has("Events"));
    cr_assert_not(ui_frame_draw(&frame), "nothing changed: no frame");
    st.cursor = 9;
    ui_frame_set_status(&frame, &st);
    cr_assert(ui_frame_draw(&frame), "the status changed");
}

Test(frame, the_hint_bar_follows_the_mode)
{
    struct ui_status st = {.demo = "framedemo", .mode = UI_MODE_PAUSED, .cursor = 8, .total = 8};
    ui_frame_set_status(&frame, &st);
    ui_frame_draw(&frame);
    cr_assert(strstr(row(39), "space resume"), "%s", row(39));
    st.mode = UI_MODE_STEP;
    ui_frame_set_status(&frame, &st);
    ui_frame_draw(&frame);
    cr_assert(strstr(row(39), "s next event  c continue"), "%s", row(39));
    st.mode = UI_MODE_DONE;
    ui_frame_set_status(&frame, &st);
    ui_frame_draw(&frame);
    cr_assert(strstr(row(39), "r run it again"), "%s", row(39));
    cr_assert_null(strstr(row(39), "space pause"), "nothing to pause once done: %s", row(39));
    ui_frame_message(&frame, "a message wins");
    ui_frame_draw(&frame);
    cr_assert(strstr(row(39), "a message wins"), "%s", row(39));
}

Test(frame, too_small_and_back)
{
    ui_frame_draw(&frame);
    resize_term(10, 30);
    enum ui_prompt_kind done;
    cr_assert_eq(ui_frame_key(&frame, KEY_RESIZE, &done), UI_ACT_NONE);
    ui_frame_draw(&frame);
    cr_assert(strstr(row(0), "too small (need 40x12)"), "%s", row(0));
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        cr_assert_null(frame.panes[i]->win);
    }
    resize_term(40, 120);
    ui_frame_key(&frame, KEY_RESIZE, &done);
    ui_frame_draw(&frame);
    cr_assert_not(screen_has("too small"));
    cr_assert(screen_has("Events"));
}

Test(frame, help_opens_and_any_key_closes)
{
    enum ui_prompt_kind done;
    ui_frame_draw(&frame);
    cr_assert_eq(ui_frame_key(&frame, '?', &done), UI_ACT_NONE);
    ui_frame_draw(&frame);
    cr_assert(screen_has("Keys (live)"));
    cr_assert_eq(ui_frame_key(&frame, 'x', &done), UI_ACT_NONE, "closing eats the key");
    ui_frame_draw(&frame);
    cr_assert_not(screen_has("Keys (live)"));
}

Test(frame, zoom_and_focus)
{
    enum ui_prompt_kind done;
    ui_frame_draw(&frame);
    enum ui_pane_id before = frame.focus;
    cr_assert_not_null(frame.panes[before]->win);
    ui_frame_key(&frame, 'z', &done);
    ui_frame_draw(&frame);
    cr_assert_eq(frame.panes[before]->rect.h, 38);
    cr_assert_eq(frame.panes[before]->rect.w, 120);
    ui_frame_key(&frame, 'z', &done);
    ui_frame_draw(&frame);
    int placed = 0;
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        placed += frame.panes[i]->win != NULL;
    }
    ui_frame_key(&frame, '\t', &done);
    cr_assert(placed == 1 || frame.focus != before, "Tab moves the focus");
    cr_assert(frame.panes[frame.focus]->focused);
}

Test(frame, controller_keys_pass_through)
{
    enum ui_prompt_kind done;
    cr_assert_eq(ui_frame_key(&frame, ' ', &done), UI_ACT_PAUSE);
    cr_assert_eq(ui_frame_key(&frame, 's', &done), UI_ACT_STEP);
    cr_assert_eq(ui_frame_key(&frame, 'q', &done), UI_ACT_QUIT);
    cr_assert_eq(ui_frame_key(&frame, 'R', &done), UI_ACT_RECORD);
    cr_assert_eq(ui_frame_key(&frame, KEY_NPAGE, &done), UI_ACT_NONE, "live: to the pane");
    cr_assert_eq(ui_frame_key(&frame, ERR, &done), UI_ACT_NONE);
}

Test(frame, filter_prompt)
{
    enum ui_prompt_kind done;
    ui_frame_key(&frame, 'f', &done);
    cr_assert_eq(frame.prompt, UI_PROMPT_FILTER);
    for (const char *p = "mark"; *p; p++) {
        ui_frame_key(&frame, *p, &done);
    }
    ui_frame_key(&frame, '\r', &done);
    cr_assert_eq(done, UI_PROMPT_FILTER);
    cr_assert_str_eq(frame.prompt_buf, "mark");
    cr_assert(ui_frame_finish_prompt(&frame, done));
    ui_frame_prompt(&frame, UI_PROMPT_FILTER);
    ui_frame_key(&frame, 'M', &done);
    ui_frame_key(&frame, 'a', &done);
    ui_frame_key(&frame, 'i', &done);
    ui_frame_key(&frame, 'n', &done);
    ui_frame_key(&frame, KEY_BACKSPACE, &done);
    ui_frame_key(&frame, 'n', &done);
    ui_frame_key(&frame, '\r', &done);
    cr_assert_str_eq(frame.prompt_buf, "Main");
    cr_assert_not(ui_frame_finish_prompt(&frame, done), "no process or type called Main");
    cr_assert(strstr(frame.message, "Main"));
    ui_frame_prompt(&frame, UI_PROMPT_FILTER);
    ui_frame_key(&frame, 27, &done);
    cr_assert_eq(done, UI_PROMPT_NONE);
    cr_assert_eq(frame.prompt, UI_PROMPT_NONE);
}

Test(frame, replay_goto_parse)
{
    bool is_time = false;
    uint64_t v = 0;
    cr_assert(ui_replay_parse_goto("120", &is_time, &v));
    cr_assert_not(is_time);
    cr_assert_eq(v, 120);
    cr_assert(ui_replay_parse_goto(" 2.5s", &is_time, &v));
    cr_assert(is_time);
    cr_assert_eq(v, 2500000000ull);
    cr_assert(ui_replay_parse_goto("3 s", &is_time, &v));
    cr_assert_eq(v, 3000000000ull);
    cr_assert_not(ui_replay_parse_goto("", &is_time, &v));
    cr_assert_not(ui_replay_parse_goto("-1", &is_time, &v));
    cr_assert_not(ui_replay_parse_goto("1.5", &is_time, &v));
    cr_assert_not(ui_replay_parse_goto("abc", &is_time, &v));
    cr_assert_not(ui_replay_parse_goto("12x", &is_time, &v));
    cr_assert_not(ui_replay_parse_goto("nan", &is_time, &v));
}

Test(frame, replay_speeds)
{
    cr_assert_float_eq(ui_replay_next_speed(1, true), 2, 1e-9);
    cr_assert_float_eq(ui_replay_next_speed(1, false), 0.5, 1e-9);
    cr_assert_float_eq(ui_replay_next_speed(100, true), 100, 1e-9);
    cr_assert_float_eq(ui_replay_next_speed(0.1, false), 0.1, 1e-9);
    cr_assert_float_eq(ui_replay_next_speed(3, true), 5, 1e-9);
}

Test(frame, picker_wraps_words)
{
    const char *starts[8];
    int lens[8];
    size_t n = ui_picker_wrap("the quick brown fox jumps", 10, starts, lens, 8);
    cr_assert_eq(n, 3);
    cr_assert_eq(strncmp(starts[0], "the quick", (size_t)lens[0]), 0);
    cr_assert_eq(lens[0], 9);
    cr_assert_eq(strncmp(starts[1], "brown fox", (size_t)lens[1]), 0);
    cr_assert_eq(strncmp(starts[2], "jumps", (size_t)lens[2]), 0);
    n = ui_picker_wrap("abcdefghijklmnop", 5, starts, lens, 8);
    cr_assert_eq(n, 4, "a long word is cut");
    cr_assert_eq(ui_picker_wrap("a b c", 0, starts, lens, 8), 0);
    cr_assert_eq(ui_picker_wrap("one two three four", 4, starts, lens, 2), 2, "at most max");
}

Test(frame, click_focuses_the_pane_under_it)
{
    enum ui_prompt_kind done;
    ui_frame_draw(&frame);
    int target = -1;
    for (int i = 0; i < UI_PANE_COUNT; i++) {
        if (frame.panes[i]->win && i != (int)frame.focus) {
            target = i;
        }
    }
    if (target < 0) {
        /* Only one pane on screen: click it, the focus stays there. */
        target = (int)frame.focus;
    }
    mousemask(BUTTON1_CLICKED, NULL);
    MEVENT me = {.y = frame.panes[target]->rect.y + 1,
                 .x = frame.panes[target]->rect.x + 1,
                 .bstate = BUTTON1_CLICKED};
    cr_assert_eq(ungetmouse(&me), OK);
    cr_assert_eq(wgetch(stdscr), KEY_MOUSE);
    cr_assert_eq(ui_frame_key(&frame, KEY_MOUSE, &done), UI_ACT_NONE);
    cr_assert_eq((int)frame.focus, target);
    cr_assert(frame.panes[target]->focused);
}

/* The screen image (characters and attributes) into img, LINES x COLS cells. */
static void snapshot(cchar_t *img)
{
    for (int y = 0; y < LINES; y++) {
        for (int x = 0; x < COLS; x++) {
            mvwin_wch(curscr, y, x, &img[y * COLS + x]);
        }
    }
}

/* The same character, attributes and colour pair in every cell. */
static void same_image(const cchar_t *a, const cchar_t *b)
{
    for (int i = 0; i < LINES * COLS; i++) {
        wchar_t wa[CCHARW_MAX + 1];
        wchar_t wb[CCHARW_MAX + 1];
        attr_t aa;
        attr_t ab;
        short pa;
        short pb;
        getcchar(&a[i], wa, &aa, &pa, NULL);
        getcchar(&b[i], wb, &ab, &pb, NULL);
        cr_assert(wcscmp(wa, wb) == 0 && aa == ab && pa == pb, "cell %d,%d differs", i / COLS,
                  i % COLS);
    }
}

Test(frame, frames_drawn_one_event_at_a_time_equal_a_whole_repaint)
{
    static cchar_t step[40 * 120];
    static cchar_t whole[40 * 120];
    ui_frame_draw(&frame);
    for (int i = 0; i < 60; i++) {
        if (i % 3 == 0) {
            emit(PS_EV_OUTPUT, 2, 0, 1, i % 2 ? "odd line" : "even line");
        } else {
            emit(PS_EV_MARK, 2, 0, i, "tick");
        }
        if (i == 30) {
            ui_frame_key(&frame, '\t', &(enum ui_prompt_kind){UI_PROMPT_NONE}); /* focus moves */
        }
        ui_frame_update(&frame, session);
        ui_frame_draw(&frame);
        if (i % 10 == 9) {
            snapshot(step);
            ui_frame_invalidate(&frame);
            clearok(curscr, TRUE);
            ui_frame_draw(&frame);
            snapshot(whole);
            same_image(step, whole);
        }
    }
}

/* A controller that adds one event per turn for three turns, then takes keys. */
struct fake_ctl {
    int turns;
    int statuses;
    uint64_t events_seen_by_status;
    enum ui_action acts[8];
    int nacts;
};

static int fake_advance(void *ctx)
{
    struct fake_ctl *c = ctx;
    if (c->turns++ < 3) {
        emit(PS_EV_MARK, 2, 0, 100 + c->turns, "turn");
    }
    if (c->turns == 4) {
        ungetch('z');
    } else if (c->turns == 5) {
        ungetch('q');
    }
    return 0;
}

static void fake_status(void *ctx, struct ui_status *st)
{
    struct fake_ctl *c = ctx;
    c->statuses++;
    c->events_seen_by_status = ps_session_count(session);
    *st = (struct ui_status){.demo = "framedemo", .mode = UI_MODE_LIVE,
                             .cursor = ps_session_cursor(session)};
}

static bool fake_act(void *ctx, enum ui_action act, int ch, enum ui_prompt_kind done)
{
    struct fake_ctl *c = ctx;
    (void)ch;
    (void)done;
    if (act != UI_ACT_NONE && c->nacts < 8) {
        c->acts[c->nacts++] = act;
    }
    return act != UI_ACT_QUIT;
}

/* The one loop: advance, update what moved, status, draw, key, act, until the controller stops. */
Test(frame, the_loop_runs_a_controller)
{
    struct fake_ctl c = {0};
    const struct ui_controller ctl = {fake_advance, fake_status, fake_act};
    uint64_t before = ps_session_count(session);
    ui_frame_run(&frame, &ctl, &c);
    cr_assert_eq(c.turns, 5);
    cr_assert_eq(c.statuses, 5, "a status per frame");
    cr_assert_eq(ps_session_count(session), before + 3);
    cr_assert(frame.zoom, "z was handled by the frame, not the controller");
    cr_assert_eq(c.nacts, 1);
    cr_assert_eq(c.acts[0], UI_ACT_QUIT);
    cr_assert_eq(frame.seen_count, before + 3, "the panes read every event");
    const struct ui_rows *ev = ui_pane_rows(frame.panes[UI_PANE_EVENTS]);
    cr_assert(ev->n > 0 && strstr(ev->rows[ev->n - 1].text, "turn"), "the Events pane has them");
}
