/* SPDX-License-Identifier: MIT */
/*
 * The `?`/F1 overlay: every key of the command table with what it does, then
 * what every glyph, column and counter of the screen means, in a bordered box
 * centred on the screen, in pages when it does not fit: `?` shows the next
 * page, any other key closes it (the frame then redraws everything under it).
 * UI process only.
 */
#ifndef UI_HELP_H
#define UI_HELP_H

#include <stdbool.h>

/*
 * Draw the overlay for a `rows` x `cols` screen (keys for replay when
 * `replay`) into the virtual screen (wnoutrefresh); the caller's doupdate()
 * shows it. Does nothing when the screen is too small for one line of it.
 */
void ui_help_draw(int rows, int cols, bool replay, int page);

/* Lines of the help: the keys of live (or replay), a blank line, the glossary of the screen. */
int ui_help_lines(bool replay);

#endif /* UI_HELP_H */
