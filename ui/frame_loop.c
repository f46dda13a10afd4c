/* SPDX-License-Identifier: MIT */
/*
 * The frame loop (ui_frame_run): the one cycle live and replay share, each
 * supplying only a controller (ui/frame.h).
 */
#include "ui/frame.h"

#include "session/session.h"

void ui_frame_reread(struct ui_frame *f)
{
    f->reread = true;
}

/* Update the panes when the session's log or cursor moved since they last read it. */
static void ui_frame_sync(struct ui_frame *f)
{
    uint64_t count = ps_session_count(f->session);
    uint64_t cursor = ps_session_cursor(f->session);
    if (f->reread || count != f->seen_count || cursor != f->seen_cursor) {
        ui_frame_update(f, f->session);
        f->seen_count = count;
        f->seen_cursor = cursor;
        f->reread = false;
    }
}

void ui_frame_run(struct ui_frame *f, const struct ui_controller *ctl, void *ctx)
{
    f->reread = true;
    for (;;) {
        int wait = ctl->advance(ctx);
        if (wait == UI_FRAME_STOP) {
            return;
        }
        ui_frame_sync(f);
        struct ui_status st;
        ctl->status(ctx, &st);
        ui_frame_set_status(f, &st);
        ui_frame_draw(f);
        int ch = ui_frame_getch(f, wait);
        enum ui_prompt_kind done;
        enum ui_action act = ui_frame_key(f, ch, &done);
        if (done == UI_PROMPT_SEARCH || done == UI_PROMPT_FILTER) {
            ui_frame_finish_prompt(f, done);
            done = UI_PROMPT_NONE;
        }
        if (!ctl->act(ctx, act, ch, done)) {
            return;
        }
    }
}
