/* SPDX-License-Identifier: MIT */
/*
 * The live controller: one demo run under the supervisor, its events folded
 * into a following session, optionally recorded, shown in a frame. Keys:
 * pause/resume (SIGSTOP/SIGCONT), step through the ring's gate, continue,
 * restart, record, kill the selected process, quit or go back.
 * Curses must be active (ui_term_begin). UI process only.
 */
#ifndef UI_LIVE_H
#define UI_LIVE_H

#include <stdbool.h>

#include "ui/ui.h"

/*
 * Run `opts` live until quit. `from_picker`: Esc and q come back (sets
 * *back) instead of quitting; F10 still quits. Returns an exit code from
 * <sysexits.h>: 0, EX_NOINPUT when the program cannot be started (the
 * message is in `err`), EX_SOFTWARE on an internal failure.
 */
int ui_live_run(const struct ui_live_opts *opts, bool from_picker, bool *back, char *err,
                size_t errlen);

#endif /* UI_LIVE_H */
