/* SPDX-License-Identifier: MIT */
/*
 * The frame: the six panes, their windows, the layout, focus and zoom, the
 * status line and hint bar, the help overlay and a one-line prompt. Both
 * controllers (live.c, replay.c) own one frame and hand it to the one frame
 * loop, ui_frame_run(), with a small controller interface:
 *
 *     wait = ctl->advance()                      (drain the ring / move the replay clock)
 *     session changed? -> ui_frame_update()      (panes: model -> view rows)
 *     ctl->status() -> ui_frame_draw()           (dirty panes, one doupdate)
 *     ch = ui_frame_getch(wait)                  (input or timeout)
 *     act = ui_frame_key(ch, &prompt)            (frame keys handled here)
 *     ctl->act(act, ch, prompt)                  (pause, step, seek, …)
 *
 * UI process only, between initscr()/newterm() and endwin().
 */
#ifndef UI_FRAME_H
#define UI_FRAME_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/input.h"
#include "ui/layout.h"
#include "ui/pane.h"
#include "ui/statusbar.h"
#include "ui/timeaxis.h"

struct ps_session;

/* What a finished prompt asked for. */
enum ui_prompt_kind {
    UI_PROMPT_NONE,
    UI_PROMPT_SEARCH, /* "/" */
    UI_PROMPT_FILTER, /* "f" */
    UI_PROMPT_GOTO,   /* "g" */
    UI_PROMPT_SIGNAL, /* "k": which signal (f->prompt_sig gets it) */
    UI_PROMPT_CONFIRM, /* y/n for f->prompt_sig (a signal to the main process) */
};

#define UI_PROMPT_MAX 64
#define UI_MESSAGE_MAX 256

struct ui_frame {
    const struct ps_session *session;
    struct ui_pane *panes[UI_PANE_COUNT];
    struct ui_keymap keys;
    struct ui_layout layout;
    enum ui_pane_id focus;
    bool zoom;
    bool replay;
    bool help;         /* help overlay open */
    int help_page;     /* its page */
    bool relayout;     /* layout must be recomputed before the next draw */
    bool chrome_dirty; /* status line / hint bar need a repaint */
    struct ui_status status;
    char status_text[512]; /* last painted status line, to skip unchanged repaints */
    enum ui_prompt_kind prompt;
    char prompt_buf[UI_PROMPT_MAX];
    char prompt_label[160]; /* the label of a SIGNAL or CONFIRM prompt */
    int prompt_sig;         /* the signal a SIGNAL prompt chose */
    char filter_text[UI_PROMPT_MAX]; /* the Events filter as typed: applied again after `r` */
    bool filter_pending;             /* its process is not there yet: try at each update */
    char message[UI_MESSAGE_MAX]; /* shown on the hint bar until the next key */
    int procs_rows;               /* rows of the Processes pane (heading included): its wish */
    int mid_rows;                 /* rows of the tallest of Channels, Sync and Pool */
    int output_cols;              /* columns the widest printed line would like */
    uint64_t output_seen;         /* printed lines measured for it */
    int output_want;              /* the widest of them */
    unsigned long frames;         /* frames drawn (bench, tests) */
    bool sequence;                /* the sequence view replaces the panes (`v`) */
    struct ui_pane *seq;          /* the sequence view (ui/view_sequence.h) */
    bool last_key_ignored;        /* the focused pane ignored the last key */
    uint64_t seen_count;          /* session log length the panes have seen */
    uint64_t seen_cursor;         /* session cursor the panes have seen */
    bool reread;                  /* the panes must read the session again */
    /* The time axis all bars share (ui/frame_axis.c). */
    struct ui_axis axis;
    uint64_t *axis_t;           /* sorted distinct event times up to the cursor */
    uint32_t axis_n, axis_cap;
    uint64_t axis_built;        /* events folded into axis_t */
    bool axis_reset;            /* fold again from the first event (session reset) */
    bool axis_force;            /* apply the axis at the next ui_frame_axis */
    bool axis_user;             /* the user chose the axis mode with `a` … */
    bool axis_user_events;      /* … and chose event order */
    /* An overlay the controller owns (live step mode's `next` list): drawn over the panes
     * whenever they drew; it gets each key first (true: taken). NULL: none. */
    void (*overlay_draw)(void *ctx);
    bool (*overlay_key)(void *ctx, int ch);
    void *overlay_ctx;
};

/*
 * Create the panes (no windows yet) for `session` (borrowed; it must outlive
 * the frame). `replay` selects the replay hints, help and key meanings.
 */
void ui_frame_init(struct ui_frame *f, const struct ps_session *session, bool replay);

/* Show the sequence view (true) or the panes (false); relayout on the next draw. */
void ui_frame_set_sequence(struct ui_frame *f, bool on);

/* Destroy the panes and their windows. */
void ui_frame_free(struct ui_frame *f);

/* The mode the keys and hints are for (the status's mode, or replay's before any status). */
enum ui_mode ui_frame_mode(const struct ui_frame *f);

/* Every pane reads the session again (call when the cursor or the log moved). */
void ui_frame_update(struct ui_frame *f, const struct ps_session *s);

/* Set the status shown on the next draw (copied; its strings must stay valid). */
void ui_frame_set_status(struct ui_frame *f, const struct ui_status *st);

/* Show `fmt` on the hint bar until the next key. */
void ui_frame_message(struct ui_frame *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Everything is redrawn on the next draw (resize, overlay closed). */
void ui_frame_invalidate(struct ui_frame *f);

/*
 * Lay out if needed, draw the dirty panes and the status line and hint bar
 * (or the "too small" line), the help overlay and the prompt, then one
 * doupdate(). Draws nothing when nothing changed. Returns true when it drew.
 */
bool ui_frame_draw(struct ui_frame *f);

/* wgetch with a timeout in ms (-1: block). ERR on timeout. */
int ui_frame_getch(struct ui_frame *f, int timeout_ms);

/*
 * Handle key `ch`: the prompt, help, focus, zoom, resize, clicks and keys the
 * focused pane takes are done here. Returns the action left for the
 * controller (UI_ACT_NONE when nothing is left). When a prompt was just
 * confirmed, *done gets its kind and f->prompt_buf its text.
 */
enum ui_action ui_frame_key(struct ui_frame *f, int ch, enum ui_prompt_kind *done);

/* Open the prompt of `kind` (its label is drawn on the hint bar). */
void ui_frame_prompt(struct ui_frame *f, enum ui_prompt_kind kind);

/* Give key `ch` to the focused pane; returns its UI_KEY_* flags. */
unsigned ui_frame_pane_key(struct ui_frame *f, int ch);

/*
 * Act on a confirmed search or filter prompt (f->prompt_buf): set the Events
 * pane's search and move to the first match, or its filter (a pid, a process
 * name or an event type name; empty clears). Returns false and shows a
 * message when the text matched nothing. Other kinds return false.
 */
bool ui_frame_finish_prompt(struct ui_frame *f, enum ui_prompt_kind kind);

/* Apply the filter text again (after a restart: process names get their new pids). */
void ui_frame_filter_again(struct ui_frame *f);

/* Move the Events cursor to the next/previous search match; message when none. */
bool ui_frame_search(struct ui_frame *f, bool forward);

#define UI_FRAME_STOP (-2) /* from advance: leave the loop */

/* What the frame loop asks of a controller (live or replay). `ctx` is its state. */
struct ui_controller {
    /*
     * Move the session on (drain the supervisor, advance the replay clock).
     * Returns how long to wait for input in ms (-1: until a key), or
     * UI_FRAME_STOP to leave the loop (a signal, an error).
     */
    int (*advance)(void *ctx);
    /* The status line for the frame about to be drawn. */
    void (*status)(void *ctx, struct ui_status *st);
    /*
     * A key the frame left (`act`, key `ch`), or a confirmed prompt the frame
     * does not handle itself (`done`: go to). Returns false to leave the loop.
     */
    bool (*act)(void *ctx, enum ui_action act, int ch, enum ui_prompt_kind done);
};

/*
 * The one frame loop of live and replay: advance, update the panes when the
 * session moved, draw, wait for a key or the timeout, handle it; until the
 * controller says stop.
 */
void ui_frame_run(struct ui_frame *f, const struct ui_controller *ctl, void *ctx);

/* The panes read the session again at the next turn of the loop (after a reset). */
void ui_frame_reread(struct ui_frame *f);

/*
 * Bring the shared time axis up to date: the times of the events up to the
 * cursor, its end at `now_ns` while `running` (else the latest event), wall
 * or event order. Marks the panes with bars dirty when their columns would
 * change (at most every half column of the wall axis). Returns true then.
 */
bool ui_frame_axis(struct ui_frame *f, uint64_t now_ns, bool running);

/* `a`: switch between wall time and event order (the automatic choice ends). */
void ui_frame_axis_toggle(struct ui_frame *f);

/* Free the axis's times. */
void ui_frame_axis_free(struct ui_frame *f);

#endif /* UI_FRAME_H */
