/* SPDX-License-Identifier: MIT */
/*
 * Whole recordings without a terminal: `export --format asciicast` (the
 * replay as a film `asciinema play` shows) and `export --format svg` (the
 * whole session's sequence view as one picture for slides).
 */
#ifndef UI_SCREEN_CAST_H
#define UI_SCREEN_CAST_H

#include <stdbool.h>
#include <stdio.h>

struct ps_session;

#define UI_CAST_SVG_MAX_ROWS 20000 /* event rows drawn into one SVG */

struct ui_cast_opts {
    const char *path; /* shown on the status line */
    int rows, cols;
    bool sequence;    /* the sequence view instead of the panes */
    double speed;     /* > 0: event times are divided by it */
};

/*
 * Write the replay of `s` (loaded, not following) as asciicast v2: one frame
 * per event whose screen differs from the previous one, at the event's time
 * divided by the speed. Returns 0 or -errno.
 */
int ui_screen_cast(struct ps_session *s, const struct ui_cast_opts *opts, FILE *out);

/* Write the whole session's sequence view, `cols` wide and as tall as it is, as SVG. */
int ui_screen_sequence_svg(struct ps_session *s, int cols, FILE *out);

#endif /* UI_SCREEN_CAST_H */
