/* SPDX-License-Identifier: MIT */
/*
 * The status line (top row) and the hint bar (bottom row). The text is built
 * from a plain struct ui_status as a list of segments (text + meaning), so
 * tests read it without a terminal; drawing only paints those segments.
 * Live and replay fill the same struct from the same session fields, so the
 * status line at event N is the same in both (only the mode differs).
 */
#ifndef UI_STATUSBAR_H
#define UI_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <curses.h>

#include "ui/input.h"
#include "ui/theme.h"


struct ui_status {
    const char *demo; /* may come from a file: escaped when drawn */
    enum ui_mode mode;
    double speed;        /* replay factor */
    uint64_t elapsed_ns; /* session time at the cursor */
    uint64_t cursor;     /* events applied */
    uint64_t total;      /* events in the log */
    uint64_t drops;
    uint64_t torn;
    bool recording;
    const char *rec_path; /* shown after the mark; may be NULL */
    const char *file;     /* replay: the recording shown (escaped); may be NULL */
    uint64_t on_disk;     /* live: events before the memory window, kept on disk */
};

#define UI_STATUS_SEG_MAX 10
#define UI_STATUS_SEG_LEN 160

struct ui_status_seg {
    char text[UI_STATUS_SEG_LEN];
    enum ui_color color;
};

/* The mode's name: "LIVE", "PAUSED", "STEP", "DONE", "REPLAY x2", "REPLAY PAUSED". */
void ui_status_mode_name(enum ui_mode mode, double speed, char *buf, size_t size);

/* Session time as "12.345s" or "3m04.567s". */
void ui_status_format_time(uint64_t ns, char *buf, size_t size);

/* Build the status line's segments; returns how many (<= UI_STATUS_SEG_MAX). */
size_t ui_statusbar_segments(const struct ui_status *st, struct ui_status_seg *segs);

/* The status line as plain text (segments joined by two spaces). */
void ui_statusbar_text(const struct ui_status *st, char *buf, size_t size);

/* Paint the status line on row `y` of `win`, `cols` wide, cut to fit. */
void ui_statusbar_draw(WINDOW *win, int y, int cols, const struct ui_status *st);

/*
 * Paint the hint bar on row `y`: `message` when non-NULL (escaped), otherwise
 * the most useful keys for live (`replay` false) or replay.
 */
void ui_hintbar_draw(WINDOW *win, int y, int cols, bool replay, const char *message);

/* The hint bar's key text, unbounded width (for tests). Static storage. */
const char *ui_hintbar_text(bool replay);

/*
 * The key text for `mode` from the command table (ui_input_hints): what space
 * does when PAUSED, the stepping keys in STEP, only what still works once the
 * demo is DONE. Static storage, overwritten by the next call.
 */
const char *ui_hintbar_text_mode(enum ui_mode mode);

/* Paint key text `text` (program text, not escaped) as the hint bar on row `y`. */
void ui_hintbar_draw_keys(WINDOW *win, int y, int cols, const char *text);

#endif /* UI_STATUSBAR_H */
