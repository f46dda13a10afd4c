/* SPDX-License-Identifier: MIT */
/*
 * The ncurses front end's entry points. The CLI calls exactly one of these;
 * each initialises curses, runs its loop, restores the terminal on every way
 * out (including fatal errors, through ps_fatal_set_hook) and returns an exit
 * code from <sysexits.h> (0 on success).
 *
 * The UI reads the session model and draws it; it drives the demo only
 * through the supervisor API and records only through the trace writer API.
 */
#ifndef UI_UI_H
#define UI_UI_H

#include <stdbool.h>
#include <stdio.h>

struct ps_session;

/* How to run one live session. */
struct ui_live_opts {
    const char *demo;        /* name shown in the status line */
    char *const *argv;       /* the program and its arguments, NULL-terminated */
    double time_scale;       /* < 0: leave the demo's default */
    bool step;               /* start in STEP mode: one event per keypress */
    const char *record_path; /* non-NULL: record to this file from the start */
};

/*
 * The demo picker: lists the demos of the catalogue, runs the chosen one
 * live (Esc comes back to the picker), `q` quits. `time_scale` as above.
 */
int ui_run_picker(double time_scale);

/* A live session of one program. */
int ui_run_live(const struct ui_live_opts *opts);

/*
 * Replay a loaded recording (`session` holds every event; the UI owns the
 * cursor). `path` is shown in the status line.
 */
int ui_run_replay(struct ps_session *session, const char *path);

/* The view the next live or replay session starts in: panes (false) or sequence (true). */
void ui_set_start_view(bool sequence);


#endif /* UI_UI_H */
