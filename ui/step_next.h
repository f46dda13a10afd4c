/* SPDX-License-Identifier: MIT */
/*
 * The `next` list of step mode (issue 12 §3, "you are the scheduler"): every
 * process waiting at the step gate with the event it is about to emit
 * ("producer-1 → queue.put 50"), oldest first. Drawn as a small box over the
 * bottom right of the panes or the sequence view; Up/Down move its selection,
 * Enter or a digit 1-9 chooses which process goes next.
 *
 * The lines are plain data (ui_step_next_line) so tests need no terminal.
 */
#ifndef UI_STEP_NEXT_H
#define UI_STEP_NEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ring.h"

struct ps_model;

#define UI_STEP_NEXT_MAX 9 /* listed (and chosen by digit) at most */
#define UI_STEP_NEXT_COLS 48

struct ui_step_next {
    struct ps_ring_waiter w[UI_STEP_NEXT_MAX];
    unsigned n;        /* waiting processes listed */
    unsigned sel;      /* selected row (< n when n > 0) */
    int32_t sel_pid;   /* the selected process, kept when the list reorders */
};

/* Take the new list of waiters (oldest first); keeps the selection on the same process. */
void ui_step_next_set(struct ui_step_next *sn, const struct ps_ring_waiter *w, unsigned n);

/*
 * Row `i` as text into `out`: "1 producer-1 → queue.put 50" (ASCII "->"), the
 * process named from model `m` (else "pid N"), the event's text escaped.
 * Returns the length written.
 */
size_t ui_step_next_line(const struct ui_step_next *sn, unsigned i, const struct ps_model *m,
                         char *out, size_t cap);

/*
 * A key while the list is shown: Up/Down move the selection, Enter chooses
 * the selected process, 1-9 that row's. Returns the chosen pid, 0 when the
 * key only moved the selection, -1 when the key is not the list's.
 */
int32_t ui_step_next_key(struct ui_step_next *sn, int ch);

/* Draw the box (heading `next`) over the bottom right of a lines x cols screen, above the
 * hint bar; nothing when the list is empty. */
void ui_step_next_draw(struct ui_step_next *sn, const struct ps_model *m, int lines, int cols);

#endif /* UI_STEP_NEXT_H */
