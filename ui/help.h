/* SPDX-License-Identifier: MIT */
/*
 * The `?`/F1 overlay: every key of the key table with what it does, in a
 * bordered box centred on the screen. Any key closes it (the frame then
 * redraws everything under it). UI process only.
 */
#ifndef UI_HELP_H
#define UI_HELP_H

#include <stdbool.h>

/*
 * Draw the overlay for a `rows` x `cols` screen (keys for replay when
 * `replay`) into the virtual screen (wnoutrefresh); the caller's doupdate()
 * shows it. Does nothing when the screen is too small for one line of it.
 */
void ui_help_draw(int rows, int cols, bool replay);

#endif /* UI_HELP_H */
