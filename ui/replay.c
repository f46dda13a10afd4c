/* SPDX-License-Identifier: MIT */
#include "ui/replay.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "session/session.h"
#include "supervisor/supervisor.h"
#include "ui/frame.h"

#define UI_REPLAY_FRAME_MS 33
#define UI_REPLAY_IDLE_MS 1000
#define UI_REPLAY_JUMP 100

static const double ui_replay_speeds[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100};
#define UI_REPLAY_NSPEEDS (sizeof(ui_replay_speeds) / sizeof(ui_replay_speeds[0]))

struct ui_replay {
    struct ps_session *session;
    const char *path;
    struct ui_frame frame;
    bool playing;
    double speed;
    uint64_t base_ns; /* the session's time origin */
    uint64_t play_ns; /* replay clock: session time reached, from base_ns */
    uint64_t wall_ns; /* monotonic time of the last clock advance */
    bool quit;
};

double ui_replay_next_speed(double speed, bool faster)
{
    if (faster) {
        for (size_t i = 0; i < UI_REPLAY_NSPEEDS; i++) {
            if (ui_replay_speeds[i] > speed * 1.0001) {
                return ui_replay_speeds[i];
            }
        }
        return ui_replay_speeds[UI_REPLAY_NSPEEDS - 1];
    }
    for (size_t i = UI_REPLAY_NSPEEDS; i-- > 0;) {
        if (ui_replay_speeds[i] < speed * 0.9999) {
            return ui_replay_speeds[i];
        }
    }
    return ui_replay_speeds[0];
}

bool ui_replay_parse_goto(const char *text, bool *is_time, uint64_t *value)
{
    char *end = NULL;
    while (*text == ' ') {
        text++;
    }
    if (*text == '\0' || *text == '-' || *text == '+') {
        return false;
    }
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || errno != 0 || !isfinite(v) || v < 0) {
        return false;
    }
    while (*end == ' ') {
        end++;
    }
    if (*end == 's' && end[1] == '\0') {
        if (v > 1e9) {
            return false;
        }
        *is_time = true;
        *value = (uint64_t)(v * 1e9 + 0.5);
        return true;
    }
    if (*end != '\0' || v > 1e18 || v != (double)(uint64_t)v) {
        return false;
    }
    *is_time = false;
    *value = (uint64_t)v;
    return true;
}

/* Time of event i from the session origin (0 when out of range or earlier). */
static uint64_t ui_replay_event_time(const struct ui_replay *rp, uint64_t i)
{
    struct ps_event ev;
    if (ps_session_event(rp->session, i, &ev) < 0 || ev.t_ns < rp->base_ns) {
        return 0;
    }
    return ev.t_ns - rp->base_ns;
}

/*
 * Fold the session to `cursor`. Events are decoded from the file on first
 * use, so a file changed or damaged since it was opened fails here: playing
 * stops and the hint bar says so (the panes keep the last good state).
 */
static void ui_replay_fold(struct ui_replay *rp, uint64_t cursor)
{
    int err = ps_session_seek(rp->session, cursor);
    if (err < 0) {
        rp->playing = false;
        ui_frame_message(&rp->frame, "cannot read event %" PRIu64 " of %s: %s", cursor,
                         rp->path, strerror(-err));
    }
}

/* Move the cursor to `cursor` (clamped); the replay clock follows it. */
static void ui_replay_seek(struct ui_replay *rp, uint64_t cursor)
{
    uint64_t count = ps_session_count(rp->session);
    if (cursor > count) {
        cursor = count;
    }
    ui_replay_fold(rp, cursor);
    rp->play_ns = cursor ? ui_replay_event_time(rp, cursor - 1) : 0;
    rp->wall_ns = ps_clock_mono_ns();
}

/* The first event later than `t` from the origin: seeking there shows time t. */
static uint64_t ui_replay_index_at(const struct ui_replay *rp, uint64_t t)
{
    uint64_t lo = 0;
    uint64_t hi = ps_session_count(rp->session);
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ui_replay_event_time(rp, mid) <= t) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Advance the replay clock and apply every event whose time has come. */
static void ui_replay_advance_clock(struct ui_replay *rp)
{
    uint64_t now = ps_clock_mono_ns();
    rp->play_ns += (uint64_t)((double)(now - rp->wall_ns) * rp->speed);
    rp->wall_ns = now;
    uint64_t cur = ps_session_cursor(rp->session);
    uint64_t count = ps_session_count(rp->session);
    uint64_t target = cur;
    while (target < count && ui_replay_event_time(rp, target) <= rp->play_ns) {
        target++;
    }
    if (target != cur) {
        ui_replay_fold(rp, target);
    }
    if (target >= count) {
        rp->playing = false;
    }
}

/* How long to sleep: until the next event is due or the next frame, or long when still. */
static int ui_replay_timeout(const struct ui_replay *rp)
{
    if (!rp->playing) {
        return UI_REPLAY_IDLE_MS;
    }
    uint64_t next = ui_replay_event_time(rp, ps_session_cursor(rp->session));
    double wait_ms = next > rp->play_ns ? (double)(next - rp->play_ns) / 1e6 / rp->speed : 0;
    if (wait_ms > UI_REPLAY_FRAME_MS) {
        return UI_REPLAY_FRAME_MS;
    }
    return (int)wait_ms;
}

/* Controller: the status line. */
static void ui_replay_status(void *ctx, struct ui_status *out)
{
    struct ui_replay *rp = ctx;
    const struct ps_model *m = ps_session_model(rp->session);
    uint64_t cur = ps_session_cursor(rp->session);
    struct ui_status st = {
        .demo = ps_session_info(rp->session)->demo,
        .mode = rp->playing ? UI_MODE_REPLAY : UI_MODE_REPLAY_PAUSED,
        .speed = rp->speed,
        .elapsed_ns = rp->playing ? rp->play_ns : (cur ? ui_replay_event_time(rp, cur - 1) : 0),
        .cursor = cur,
        .total = ps_session_count(rp->session),
        .drops = m->drops,
        .torn = m->torn,
        .file = rp->path,
    };
    *out = st;
}

/* Relative move of `delta` events; pauses. */
static void ui_replay_move(struct ui_replay *rp, int64_t delta)
{
    uint64_t cur = ps_session_cursor(rp->session);
    uint64_t to =
        delta < 0 ? (cur > (uint64_t)-delta ? cur - (uint64_t)-delta : 0) : cur + (uint64_t)delta;
    rp->playing = false;
    ui_replay_seek(rp, to);
}

static void ui_replay_goto(struct ui_replay *rp, const char *text)
{
    bool is_time = false;
    uint64_t v = 0;
    if (!ui_replay_parse_goto(text, &is_time, &v)) {
        ui_frame_message(&rp->frame, "go to: an event number (120) or a time (2.5s)");
        return;
    }
    rp->playing = false;
    ui_replay_seek(rp, is_time ? ui_replay_index_at(rp, v) : v);
}

static void ui_replay_toggle_play(struct ui_replay *rp)
{
    if (rp->playing) {
        rp->playing = false;
        return;
    }
    if (ps_session_cursor(rp->session) >= ps_session_count(rp->session)) {
        ui_replay_seek(rp, 0);
    }
    rp->wall_ns = ps_clock_mono_ns();
    rp->playing = true;
}

/* Controller: a key the frame left, or a confirmed go-to prompt. */
static bool ui_replay_action(void *ctx, enum ui_action act, int ch, enum ui_prompt_kind done)
{
    struct ui_replay *rp = ctx;
    (void)ch;
    if (done == UI_PROMPT_GOTO) {
        ui_replay_goto(rp, rp->frame.prompt_buf);
    }
    uint64_t count = ps_session_count(rp->session);
    switch (act) {
    case UI_ACT_QUIT:
        rp->quit = true;
        break;
    case UI_ACT_PAUSE:
        ui_replay_toggle_play(rp);
        break;
    case UI_ACT_CONTINUE:
        if (!rp->playing) {
            ui_replay_toggle_play(rp);
        }
        break;
    case UI_ACT_STEP:
        ui_replay_move(rp, 1);
        break;
    case UI_ACT_STEP_BACK:
        ui_replay_move(rp, -1);
        break;
    case UI_ACT_PAGE_UP:
        ui_replay_move(rp, -UI_REPLAY_JUMP);
        break;
    case UI_ACT_PAGE_DOWN:
        ui_replay_move(rp, UI_REPLAY_JUMP);
        break;
    case UI_ACT_HOME:
        ui_replay_move(rp, -(int64_t)count);
        break;
    case UI_ACT_END:
        ui_replay_move(rp, (int64_t)count);
        break;
    case UI_ACT_GOTO:
        ui_frame_prompt(&rp->frame, UI_PROMPT_GOTO);
        break;
    case UI_ACT_FASTER:
    case UI_ACT_SLOWER:
        rp->speed = ui_replay_next_speed(rp->speed, act == UI_ACT_FASTER);
        break;
    default:
        break;
    }
    return !rp->quit;
}

/* Controller: advance the replay clock; wait until the next event or frame is due. */
static int ui_replay_advance(void *ctx)
{
    struct ui_replay *rp = ctx;
    if (ps_supervisor_pending_signal()) {
        return UI_FRAME_STOP;
    }
    if (rp->playing) {
        ui_replay_advance_clock(rp);
    }
    return ui_replay_timeout(rp);
}

static const struct ui_controller ui_replay_controller = {
    .advance = ui_replay_advance,
    .status = ui_replay_status,
    .act = ui_replay_action,
};

int ui_replay_run(struct ps_session *session, const char *path)
{
    struct ui_replay rp = {.session = session, .path = path, .speed = 1};
    rp.base_ns = ps_session_info(session)->start_mono_ns;
    ps_supervisor_install_signals();
    ps_session_follow(session, false);
    ui_replay_seek(&rp, 0);
    ui_frame_init(&rp.frame, session, true);
    ui_frame_message(&rp.frame, "replaying %s: space plays, s steps, ? lists the keys",
                     path ? path : "a recording");
    ui_frame_run(&rp.frame, &ui_replay_controller, &rp);
    ui_frame_free(&rp.frame);
    return 0;
}
