/* SPDX-License-Identifier: MIT */
/*
 * The demo picker: the catalogue's demos with their one-line summaries, and
 * what to watch for in the selected one. Up/Down (j/k) select, Enter runs
 * the demo live (Esc or q there come back here), q or F10 quits.
 * Curses must be active. UI process only.
 */
#ifndef UI_PICKER_H
#define UI_PICKER_H

#include <stddef.h>

/* Run the picker. Returns an exit code from <sysexits.h> (0 when the user quit). */
int ui_picker_run(double time_scale);

/*
 * Word-wrap `text` to `width` columns: stores up to `max` line starts and
 * lengths (no line longer than width; words longer than width are cut).
 * Returns the number of lines.
 */
size_t ui_picker_wrap(const char *text, int width, const char **starts, int *lens, size_t max);

#endif /* UI_PICKER_H */
