/* SPDX-License-Identifier: MIT */
/* Step mode's `next` list as plain data: lines, selection, keys (ui/step_next.c). */
#include <criterion/criterion.h>
#include <curses.h>
#include <string.h>

#include "session/model.h"
#include "support/events_synth.h"
#include "ui/glyphs.h"
#include "ui/step_next.h"

#define EV ps_synth_event

static struct ps_model m;

static struct ps_ring_waiter waiter(int32_t pid, unsigned type, const char *text)
{
    struct ps_ring_waiter w = {.pid = pid, .type = type};
    snprintf(w.text, sizeof w.text, "%s", text);
    return w;
}

/* A model that knows producer-1 (101) and consumer-2 (102). */
static void setup_model(void)
{
    struct ps_event evs[] = {
        EV(PS_EV_PROC_SPAWN, 10, 50, 0, 100, 0, 0, "MainProcess"),
        EV(PS_EV_PROC_SPAWN, 20, 100, 1, 101, 0, 0, "producer-1"),
        EV(PS_EV_PROC_SPAWN, 21, 100, 2, 102, 0, 0, "consumer-2"),
    };
    ps_model_init(&m);
    ps_synth_apply(&m, evs, sizeof evs / sizeof evs[0]);
}

TestSuite(step_next, .init = setup_model);

Test(step_next, lines_name_the_process_and_its_next_event)
{
    struct ui_step_next sn = {0};
    struct ps_ring_waiter w[] = {waiter(101, PS_EV_QUEUE_PUT, "50"),
                                 waiter(102, PS_EV_QUEUE_EMPTY, ""), waiter(999, PS_EV_MARK, "")};
    char line[128];
    ui_step_next_set(&sn, w, 3);
    ui_glyphs_set_utf8(true);
    ui_step_next_line(&sn, 0, &m, line, sizeof line);
    cr_assert_str_eq(line, "1 producer-1 → queue.put 50");
    ui_glyphs_set_utf8(false);
    ui_step_next_line(&sn, 1, &m, line, sizeof line);
    cr_assert_str_eq(line, "2 consumer-2 -> queue.empty");
    ui_step_next_line(&sn, 2, &m, line, sizeof line);
    cr_assert_str_eq(line, "3 pid 999 -> mark");
    cr_assert_eq(ui_step_next_line(&sn, 3, &m, line, sizeof line), 0, "no such row");
}

Test(step_next, child_text_is_escaped)
{
    struct ui_step_next sn = {0};
    struct ps_ring_waiter w[] = {waiter(101, PS_EV_QUEUE_PUT, "a\x1b[2Jb")};
    char line[128];
    ui_glyphs_set_utf8(false);
    ui_step_next_set(&sn, w, 1);
    ui_step_next_line(&sn, 0, &m, line, sizeof line);
    cr_assert_null(strchr(line, '\x1b'), "%s", line);
    char tiny[8];
    cr_assert_lt(ui_step_next_line(&sn, 0, &m, tiny, sizeof tiny), sizeof tiny);
}

Test(step_next, keys_select_and_choose)
{
    struct ui_step_next sn = {0};
    struct ps_ring_waiter w[] = {waiter(101, PS_EV_QUEUE_PUT, "50"),
                                 waiter(102, PS_EV_QUEUE_EMPTY, "")};
    cr_assert_eq(ui_step_next_key(&sn, '1'), -1, "empty list takes no key");
    ui_step_next_set(&sn, w, 2);
    cr_assert_eq(ui_step_next_key(&sn, '\n'), 101, "the oldest is selected first");
    cr_assert_eq(ui_step_next_key(&sn, KEY_DOWN), 0);
    cr_assert_eq(ui_step_next_key(&sn, KEY_DOWN), 0, "stays on the last");
    cr_assert_eq(ui_step_next_key(&sn, KEY_ENTER), 102);
    cr_assert_eq(ui_step_next_key(&sn, '1'), 101);
    cr_assert_eq(ui_step_next_key(&sn, '2'), 102);
    cr_assert_eq(ui_step_next_key(&sn, '3'), -1, "no third row");
    cr_assert_eq(ui_step_next_key(&sn, 'x'), -1);
}

Test(step_next, selection_follows_the_process_when_the_list_changes)
{
    struct ui_step_next sn = {0};
    struct ps_ring_waiter a[] = {waiter(101, PS_EV_QUEUE_PUT, "50"),
                                 waiter(102, PS_EV_QUEUE_EMPTY, "")};
    struct ps_ring_waiter b[] = {waiter(100, PS_EV_WAIT_BEGIN, ""),
                                 waiter(102, PS_EV_QUEUE_EMPTY, "")};
    ui_step_next_set(&sn, a, 2);
    ui_step_next_key(&sn, KEY_DOWN);
    ui_step_next_set(&sn, b, 2);
    cr_assert_eq(sn.sel, 1);
    cr_assert_eq(ui_step_next_key(&sn, '\n'), 102);
    ui_step_next_set(&sn, b, 1); /* 102 left: back to the oldest */
    cr_assert_eq(sn.sel, 0);
    cr_assert_eq(ui_step_next_key(&sn, '\n'), 100);
}
