/* SPDX-License-Identifier: MIT */
#include "ui/live.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "core/clock.h"
#include "session/model.h"
#include "session/session.h"
#include "supervisor/supervisor.h"
#include "ui/frame.h"
#include "ui/panes.h"
#include "ui/record.h"
#include "ui/textsafe.h"
#include "ui/step_next.h"

#define UI_LIVE_FRAME_MS 33  /* ~30 Hz while something moves */
#define UI_LIVE_IDLE_MS 1000 /* nothing moves: wake only for input (and signals) */
#define UI_LIVE_STOP_POLLS 100
#define UI_LIVE_WINDOW (1u << 20) /* events kept in memory; older ones go to a temporary file */

struct ui_live {
    const struct ui_live_opts *opts;
    struct ps_supervisor *sup;
    struct ps_session *session;
    bool window_failed; /* no temporary file: the session's events all stay in memory */
    struct ps_sink session_sink;
    struct ui_frame frame;
    struct ui_record *rec;
    char rec_path[256];
    bool done; /* the demo ended: final state on screen */
    bool paused;
    uint64_t paused_at; /* monotonic ns when paused */
    uint64_t paused_ns; /* total time paused */
    bool quit;
    bool back;
    bool from_picker;
    int32_t kill_pid; /* the target of the signal menu */
    struct ui_step_next next; /* step mode: who waits at the gate, about to emit what */
};

/* The tee: the session first, then the recording when one runs. */
static int ui_live_on_event(void *ctx, const struct ps_event *ev)
{
    struct ui_live *lv = ctx;
    int rc = ps_sink_event(&lv->session_sink, ev);
    if (rc >= 0 && lv->rec && ui_record_event(lv->rec, ev) < 0) {
        ui_record_abort(lv->rec);
        lv->rec = NULL;
        ui_frame_message(&lv->frame, "recording failed: %s removed", lv->rec_path);
    }
    return rc;
}

/* Start the program; on failure `err` says why. */
static int ui_live_start(struct ui_live *lv, char *err, size_t errlen)
{
    struct ps_supervisor_opts so = {
        .argv = lv->opts->argv,
        .demo = lv->opts->demo,
        .time_scale = lv->opts->time_scale,
        .step = lv->opts->step,
    };
    int rc = ps_supervisor_start(&lv->sup, &so);
    if (rc < 0) {
        snprintf(err, errlen, "cannot start %s: %s", lv->opts->argv[0], strerror(-rc));
        lv->sup = NULL;
        return rc;
    }
    ps_session_follow(lv->session, true);
    ps_sink_begin(&lv->session_sink, ps_supervisor_info(lv->sup));
    lv->done = false;
    lv->paused = false;
    lv->paused_ns = 0;
    return 0;
}

/* Start recording to `path` with everything so far. */
static void ui_live_record_start(struct ui_live *lv, const char *path)
{
    snprintf(lv->rec_path, sizeof(lv->rec_path), "%s", path);
    int rc = ui_record_start(&lv->rec, path, lv->session);
    if (rc < 0) {
        lv->rec = NULL;
        ui_frame_message(&lv->frame, "cannot record to %s: %s", path, strerror(-rc));
    } else {
        ui_frame_message(&lv->frame, "recording to %s (with the %llu events so far)", path,
                         (unsigned long long)ps_session_count(lv->session));
    }
}

/* Finish the recording with the session's end (or the totals so far). */
static void ui_live_record_stop(struct ui_live *lv)
{
    if (!lv->rec) {
        return;
    }
    struct ps_session_end end;
    const struct ps_session_end *e = ps_session_end_info(lv->session);
    if (!e) {
        ps_supervisor_end(lv->sup, &end);
        end.complete = 0;
        e = &end;
    }
    int rc = ui_record_stop(lv->rec, e);
    lv->rec = NULL;
    if (rc < 0) {
        ui_frame_message(&lv->frame, "recording %s failed: %s", lv->rec_path, strerror(-rc));
    } else {
        ui_frame_message(&lv->frame, "recorded %s", lv->rec_path);
    }
}

/* The demo has ended: deliver the end to the session (and the recording). */
static void ui_live_finish(struct ui_live *lv)
{
    struct ps_session_end end;
    ps_supervisor_end(lv->sup, &end);
    ps_sink_end(&lv->session_sink, &end);
    lv->done = true;
    if (lv->paused) {
        lv->paused_ns += ps_clock_mono_ns() - lv->paused_at;
        lv->paused = false;
    }
    ui_live_record_stop(lv);
}

/* Stop the demo now and drain its exit events, bounded. */
static void ui_live_stop(struct ui_live *lv)
{
    if (!lv->sup) {
        return;
    }
    if (!lv->done) {
        struct ps_sink tee = {NULL, ui_live_on_event, NULL, lv};
        ps_supervisor_stop(lv->sup);
        for (int i = 0; i < UI_LIVE_STOP_POLLS && !ps_supervisor_finished(lv->sup); i++) {
            if (ps_supervisor_poll(lv->sup, &tee, 10) < 0) {
                break;
            }
        }
        ui_live_finish(lv);
    }
    ps_supervisor_free(lv->sup);
    lv->sup = NULL;
}

/* The session moves on by itself (not done, not held at the step gate). */
static bool ui_live_running(const struct ui_live *lv)
{
    return lv->sup && !lv->done && !ps_supervisor_stepping(lv->sup);
}

/*
 * The session clock "now": the wall clock, paused time included (the events'
 * times and the axis count it too: one clock, and PAUSED says it runs on);
 * stepping or done, the latest event: nothing moves between steps, and no
 * teardown tail shows at the end.
 */
static uint64_t ui_live_now(const struct ui_live *lv)
{
    const struct ps_model *m = ps_session_model(lv->session);
    if (!ui_live_running(lv)) {
        return m->t_last;
    }
    return ps_supervisor_clock(lv->sup); /* after stepping: the step waits left out */
}

/* Session time at "now" from the session's start. */
static uint64_t ui_live_elapsed(const struct ui_live *lv)
{
    const struct ps_session_info *info = ps_session_info(lv->session);
    uint64_t now = ui_live_now(lv);
    return now > info->start_mono_ns ? now - info->start_mono_ns : 0;
}

/* Controller: the status line. */
static void ui_live_status(void *ctx, struct ui_status *out)
{
    struct ui_live *lv = ctx;
    const struct ps_model *m = ps_session_model(lv->session);
    struct ui_status st = {
        .demo = lv->opts->demo ? lv->opts->demo : ps_session_info(lv->session)->demo,
        .mode = UI_MODE_LIVE,
        .elapsed_ns = ui_live_elapsed(lv),
        .cursor = ps_session_cursor(lv->session),
        .total = ps_session_count(lv->session),
        .drops = m->drops,
        .torn = m->torn,
        .recording = lv->rec != NULL,
        .rec_path = lv->rec_path,
        .on_disk = ps_session_spilled(lv->session),
        .now_ns = ui_live_now(lv),
        .running = ui_live_running(lv),
    };
    if (lv->done) {
        st.mode = UI_MODE_DONE;
    } else if (lv->paused) {
        st.mode = UI_MODE_PAUSED;
    } else if (lv->sup && ps_supervisor_stepping(lv->sup)) {
        st.mode = UI_MODE_STEP;
    }
    *out = st;
}

static void ui_live_pause(struct ui_live *lv, bool on)
{
    if (lv->done || on == lv->paused) {
        return;
    }
    if (ps_supervisor_pause(lv->sup, on) < 0) {
        return;
    }
    lv->paused = on;
    if (on) {
        lv->paused_at = ps_clock_mono_ns();
    } else {
        lv->paused_ns += ps_clock_mono_ns() - lv->paused_at;
    }
}

/* `s`: the first press closes the gate (STEP mode), each next one lets one event through. */
static void ui_live_step(struct ui_live *lv)
{
    if (lv->paused) {
        /* Close the gate before the processes run again: exactly one event gets through. */
        ps_supervisor_set_stepping(lv->sup, true);
        ui_live_pause(lv, false);
        ps_supervisor_step(lv->sup, 1);
        ui_frame_message(&lv->frame, "STEP: s lets one event through, c continues");
        return;
    }
    if (!ps_supervisor_stepping(lv->sup)) {
        ps_supervisor_set_stepping(lv->sup, true);
        ui_frame_message(&lv->frame, "STEP: s lets one event through, c continues");
        return;
    }
    ps_supervisor_step(lv->sup, 1);
}

/* Whether list `w` (n) names the same waiters, in the same order, as the one shown. */
static bool ui_live_next_same(const struct ui_live *lv, const struct ps_ring_waiter *w, unsigned n)
{
    if (n != lv->next.n) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        const struct ps_ring_waiter *o = &lv->next.w[i];
        if (o->pid != w[i].pid || o->since_ns != w[i].since_ns || o->slot != w[i].slot) {
            return false;
        }
    }
    return true;
}

/* Step mode: read who waits at the gate; redraw everything when the `next` list changed. */
static void ui_live_next_poll(struct ui_live *lv)
{
    struct ps_ring_waiter w[UI_STEP_NEXT_MAX];
    unsigned n = 0;
    if (lv->sup && !lv->done && ps_supervisor_stepping(lv->sup)) {
        n = ps_supervisor_step_next(lv->sup, w, UI_STEP_NEXT_MAX);
    }
    if (!ui_live_next_same(lv, w, n)) {
        ui_step_next_set(&lv->next, w, n);
        ui_frame_invalidate(&lv->frame);
    }
}

static void ui_live_next_draw(void *ctx)
{
    struct ui_live *lv = ctx;
    ui_step_next_draw(&lv->next, ps_session_model(lv->session), LINES, COLS);
}

/* A key for the `next` list: Up/Down select, Enter or 1-9 let that process through. */
static bool ui_live_next_key(void *ctx, int ch)
{
    struct ui_live *lv = ctx;
    if (!lv->sup || lv->done || lv->paused || !ps_supervisor_stepping(lv->sup)) {
        return false;
    }
    int32_t pid = ui_step_next_key(&lv->next, ch);
    if (pid > 0 && ps_supervisor_step_pid(lv->sup, pid) < 0) {
        ui_frame_message(&lv->frame, "pid %d is no longer waiting", (int)pid);
    }
    if (pid >= 0) {
        ui_frame_invalidate(&lv->frame);
    }
    return pid >= 0;
}

/* `r`: stop this run (finishing any recording) and start the program again. */
static void ui_live_restart(struct ui_live *lv)
{
    char err[256];
    ui_live_stop(lv);
    ps_session_reset(lv->session);
    if (ui_live_start(lv, err, sizeof(err)) < 0) {
        lv->done = true;
        ui_frame_message(&lv->frame, "%s", err);
    }
    ui_frame_reread(&lv->frame);
    ui_frame_invalidate(&lv->frame);
}

/* "TERM" for SIGTERM: the signals of the menu. */
static const char *ui_live_signame(int sig)
{
    switch (sig) {
    case SIGTERM:
        return "TERM";
    case SIGKILL:
        return "KILL";
    case SIGINT:
        return "INT";
    case SIGSTOP:
        return "STOP";
    case SIGCONT:
        return "CONT";
    default:
        return "?";
    }
}

/* Send `sig` to `pid` of the session (the user's signal). Returns 0 or -errno. */
static int ui_live_send_signal(struct ui_live *lv, int32_t pid, int sig)
{
    return ps_supervisor_signal(lv->sup, pid, sig);
}

/* The name of process `pid` as the model has it, escaped, or "pid N". */
static void ui_live_proc_name(const struct ui_live *lv, int32_t pid, char *buf, size_t size)
{
    const struct ps_model_proc *p = ps_model_proc_find(ps_session_model(lv->session), pid);
    if (p) {
        ui_text_escape_str(buf, size, p->name);
    } else {
        snprintf(buf, size, "pid %d", (int)pid);
    }
}

/* `k`/F9: ask which signal for the selected process (htop's F9 menu). */
static void ui_live_kill(struct ui_live *lv)
{
    int32_t pid = ui_pane_procs_selected(lv->frame.panes[UI_PANE_PROCS]);
    if (pid <= 0) {
        ui_frame_message(&lv->frame, "select a process in Processes first (Tab, Up/Down)");
        return;
    }
    char name[64];
    ui_live_proc_name(lv, pid, name, sizeof(name));
    lv->kill_pid = pid;
    ui_frame_prompt(&lv->frame, UI_PROMPT_SIGNAL);
    snprintf(lv->frame.prompt_label, sizeof(lv->frame.prompt_label),
             "signal to %s (pid %d): 1 TERM  2 KILL  3 INT  4 STOP  5 CONT  Esc cancels", name,
             (int)pid);
}

/* The signal chosen: ask again when it would hit the main process, else send it. */
static void ui_live_kill_chosen(struct ui_live *lv, bool confirmed)
{
    int sig = lv->frame.prompt_sig;
    char name[64];
    ui_live_proc_name(lv, lv->kill_pid, name, sizeof(name));
    if (!confirmed && lv->kill_pid == ps_supervisor_main_pid(lv->sup)) {
        ui_frame_prompt(&lv->frame, UI_PROMPT_CONFIRM);
        lv->frame.prompt_sig = sig;
        snprintf(lv->frame.prompt_label, sizeof(lv->frame.prompt_label),
                 "SIG%s to %s, the main process (the whole demo)? y sends, any other key cancels",
                 ui_live_signame(sig), name);
        return;
    }
    if (ui_live_send_signal(lv, lv->kill_pid, sig) < 0) {
        ui_frame_message(&lv->frame, "%s (pid %d) is not running", name, (int)lv->kill_pid);
    } else {
        ui_frame_message(&lv->frame, "SIG%s sent to %s (pid %d)", ui_live_signame(sig), name,
                         (int)lv->kill_pid);
    }
}

static void ui_live_toggle_record(struct ui_live *lv)
{
    char path[256];
    if (lv->rec) {
        ui_live_record_stop(lv);
        return;
    }
    ui_record_default_name(path, sizeof(path), ps_session_info(lv->session)->demo);
    ui_live_record_start(lv, path);
}

/* Controller: a key the frame left. */
static bool ui_live_action(void *ctx, enum ui_action act, int ch, enum ui_prompt_kind done)
{
    struct ui_live *lv = ctx;
    (void)ch;
    bool running = lv->sup && !lv->done;
    switch (act) {
    case UI_ACT_QUIT:
        lv->quit = true; /* q and F10 quit procscope, from the picker too; Esc goes back */
        break;
    case UI_ACT_BACK:
        lv->quit = lv->back = lv->from_picker;
        break;
    case UI_ACT_PAUSE:
        if (running) {
            ui_live_pause(lv, !lv->paused);
        }
        break;
    case UI_ACT_STEP:
        if (running) {
            ui_live_step(lv);
        }
        break;
    case UI_ACT_CONTINUE:
        if (running) {
            ps_supervisor_set_stepping(lv->sup, false);
            ui_live_pause(lv, false);
        }
        break;
    case UI_ACT_RESTART:
        ui_live_restart(lv);
        break;
    case UI_ACT_RECORD:
        ui_live_toggle_record(lv);
        break;
    case UI_ACT_KILL:
        if (running) {
            ui_live_kill(lv);
        }
        break;
    case UI_ACT_NONE:
        if (running && (done == UI_PROMPT_SIGNAL || done == UI_PROMPT_CONFIRM)) {
            ui_live_kill_chosen(lv, done == UI_PROMPT_CONFIRM);
        }
        break;
    default:
        break;
    }
    return !lv->quit;
}

/* Drain the supervisor into the session; true while the loop should go on. */
static bool ui_live_drain(struct ui_live *lv)
{
    if (!lv->sup || lv->done) {
        return true;
    }
    struct ps_sink tee = {NULL, ui_live_on_event, NULL, lv};
    int n = ps_supervisor_poll(lv->sup, &tee, 0);
    if (n == -EINTR) {
        return false;
    }
    if (n < 0) {
        ui_frame_message(&lv->frame, "reading events failed: %s", strerror(-n));
    }
    if (ps_supervisor_finished(lv->sup)) {
        ui_live_finish(lv);
    }
    return true;
}

/* Controller: drain the supervisor; wait a frame while the demo moves, else for input. */
static int ui_live_advance(void *ctx)
{
    struct ui_live *lv = ctx;
    if (!ui_live_drain(lv) || ps_supervisor_pending_signal()) {
        return UI_FRAME_STOP;
    }
    ui_live_next_poll(lv);
    bool moving = lv->sup && !lv->done && !lv->paused;
    return moving ? UI_LIVE_FRAME_MS : UI_LIVE_IDLE_MS;
}

static const struct ui_controller ui_live_controller = {
    .advance = ui_live_advance,
    .status = ui_live_status,
    .act = ui_live_action,
};

int ui_live_run(const struct ui_live_opts *opts, bool from_picker, bool *back, char *err,
                size_t errlen)
{
    struct ui_live lv = {.opts = opts, .from_picker = from_picker};
    int code = 0;
    *back = false;
    err[0] = '\0';
    lv.session = ps_session_new();
    if (!lv.session) {
        snprintf(err, errlen, "out of memory");
        return EX_OSERR;
    }
    if (ps_session_set_window(lv.session, UI_LIVE_WINDOW) < 0) {
        lv.window_failed = true; /* said on screen: everything stays in memory */
    }
    lv.session_sink = ps_session_sink(lv.session);
    ps_supervisor_install_signals();
    if (ui_live_start(&lv, err, errlen) < 0) {
        ps_session_free(lv.session);
        return EX_NOINPUT;
    }
    ui_frame_init(&lv.frame, lv.session, false);
    lv.frame.overlay_draw = ui_live_next_draw;
    lv.frame.overlay_key = ui_live_next_key;
    lv.frame.overlay_ctx = &lv;
    if (lv.window_failed) {
        ui_frame_message(&lv.frame, "no temporary file for old events: all stay in memory");
    }
    if (opts->record_path) {
        ui_live_record_start(&lv, opts->record_path);
    }
    ui_frame_run(&lv.frame, &ui_live_controller, &lv);
    ui_live_stop(&lv);
    ui_live_record_stop(&lv);
    ui_frame_free(&lv.frame);
    ps_session_free(lv.session);
    *back = lv.back;
    return code;
}
