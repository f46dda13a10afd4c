/* SPDX-License-Identifier: MIT */
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "ui/live.h"
#include "ui/picker.h"
#include "ui/replay.h"
#include "ui/term.h"

/* Curses on the terminal, or a one-line message and an exit code. */
static int ui_begin(void)
{
    if (ui_term_begin() < 0) {
        const char *term = getenv("TERM");
        if (isatty(STDOUT_FILENO) && !ui_term_can_draw()) {
            fprintf(stderr,
                    "procscope: this terminal (TERM=%s) cannot move the cursor, so no TUI "
                    "(try --headless or --events)\n",
                    term && term[0] ? term : "unset");
        } else {
            fprintf(stderr, "procscope: the TUI needs a terminal (try --headless or --events)\n");
        }
        return EX_USAGE;
    }
    return 0;
}

int ui_run_picker(double time_scale)
{
    int rc = ui_begin();
    if (rc) {
        return rc;
    }
    rc = ui_picker_run(time_scale);
    ui_term_end();
    return rc;
}

int ui_run_live(const struct ui_live_opts *opts)
{
    char err[256];
    bool back = false;
    if (!opts || !opts->argv || !opts->argv[0]) {
        fprintf(stderr, "procscope: no program to run\n");
        return EX_USAGE;
    }
    int rc = ui_begin();
    if (rc) {
        return rc;
    }
    rc = ui_live_run(opts, false, &back, err, sizeof(err));
    ui_term_end();
    if (err[0]) {
        fprintf(stderr, "procscope: %s\n", err);
    }
    return rc;
}

int ui_run_replay(struct ps_session *session, const char *path)
{
    if (!session) {
        return EX_SOFTWARE;
    }
    int rc = ui_begin();
    if (rc) {
        return rc;
    }
    rc = ui_replay_run(session, path);
    ui_term_end();
    return rc;
}
