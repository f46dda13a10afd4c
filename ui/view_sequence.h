/* SPDX-License-Identifier: MIT */
/*
 * The sequence (space-time) view: one lane per process in order of creation,
 * time flowing down one row per event, messages as arrows between lanes, the
 * way a textbook draws a distributed run.
 *
 * Three layers, the first two plain data (tested without a terminal):
 *  - struct ui_seq: rows built from the session's event log (append only; a
 *    shorter log, i.e. a restarted session, rebuilds). Every row knows its
 *    event, its lane, the arrow it draws, its paired row (send <-> receive)
 *    and the state of every lane on that row (running, waiting, holding…).
 *  - ui_seq_render(): rows up to the session cursor -> a grid of cells
 *    (code point + meaning) for a given size, scroll position and selection.
 *  - ui_pane_sequence_new(): the pane that paints that grid with curses.
 */
#ifndef UI_VIEW_SEQUENCE_H
#define UI_VIEW_SEQUENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui/pane.h"

struct ps_session;

#define UI_SEQ_NOLANE 0xffffu
#define UI_SEQ_LABEL_MAX 48
#define UI_SEQ_NAME_MAX 32

/* What a lane is doing on a row (drawn as the lane's line). */
enum ui_seq_state {
    UI_SEQ_ST_NONE,    /* not created yet, or ended: nothing drawn */
    UI_SEQ_ST_SPAWNED, /* created, not running yet */
    UI_SEQ_ST_RUN,     /* running */
    UI_SEQ_ST_WAIT,    /* blocked: lock, barrier, recv, get, join, sleep */
    UI_SEQ_ST_HOLD,    /* holds a lock, or runs a pool task */
    UI_SEQ_ST_RELEASE, /* released from a barrier on this row */
};

/* The glyphs of a row's mark (UTF-8 and ASCII forms in view_sequence_draw.c). */
enum ui_seq_glyph {
    UI_SEQ_G_MARK,   /* · */
    UI_SEQ_G_START,  /* ▶ */
    UI_SEQ_G_SEND,   /* ○ */
    UI_SEQ_G_RECV,   /* ● */
    UI_SEQ_G_WAIT,   /* ◇ */
    UI_SEQ_G_OPEN,   /* ┌ bracket opens (lock held, pool task) */
    UI_SEQ_G_CLOSE,  /* └ bracket closes */
    UI_SEQ_G_EXIT,   /* ■ */
    UI_SEQ_G_KILLED, /* ✗ */
    UI_SEQ_G_OUTPUT, /* » */
    UI_SEQ_G_COUNT
};

/* How a row is drawn. */
enum ui_seq_kind {
    UI_SEQ_MARK,    /* a glyph on the lane and a label */
    UI_SEQ_ARROW,   /* an arrow from lane `from` to lane `to` with a label */
    UI_SEQ_BARRIER, /* a line across the released lanes */
};

/* The meaning of a row's glyph (its colour). */
enum ui_seq_role {
    UI_SEQ_R_NORMAL,
    UI_SEQ_R_DIM,
    UI_SEQ_R_LANE,    /* a lane line in its process colour */
    UI_SEQ_R_WAIT,
    UI_SEQ_R_HOLD,
    UI_SEQ_R_SEND,
    UI_SEQ_R_RECV,
    UI_SEQ_R_PROC,    /* spawn, start, join */
    UI_SEQ_R_EXIT,
    UI_SEQ_R_KILLED,
    UI_SEQ_R_BARRIER,
    UI_SEQ_R_OUTPUT,
    UI_SEQ_R_HEADER,
    UI_SEQ_R_MARKER,  /* scroll markers, gap marks */
    UI_SEQ_R_SELECTED,
    UI_SEQ_R_COUNT
};

struct ui_seq_lane {
    int32_t pid;
    uint8_t ended; /* its exit or death has a row */
    char name[UI_SEQ_NAME_MAX];
    uint8_t state; /* enum ui_seq_state, as of the last row built */
    uint32_t wait_obj; /* barrier the lane waits at (0: none) */
};

struct ui_seq_row {
    uint64_t seq;   /* index of its event in the session log */
    uint64_t t_ns;  /* its time from the session's start */
    uint16_t lane;  /* emitting lane, or UI_SEQ_NOLANE */
    uint16_t from, to; /* arrow ends (UI_SEQ_ARROW); barrier: first and last lane */
    uint8_t kind;   /* enum ui_seq_kind */
    uint8_t role;   /* enum ui_seq_role of the glyph and label */
    uint8_t glyph;  /* index into the view's glyph table */
    uint8_t has_pair;
    size_t pair;    /* the other end of a message (has_pair) */
    uint32_t states; /* offset of the lane states in ui_seq.states */
    uint16_t nlanes; /* lanes that existed on this row */
    char label[UI_SEQ_LABEL_MAX]; /* escaped, ready to draw */
};

struct ui_seq_pending; /* unmatched sends/receives (view_sequence.c) */

struct ui_seq {
    struct ui_seq_lane *lanes;
    size_t nlanes, cap_lanes;
    struct ui_seq_row *rows;
    size_t nrows, cap_rows;
    uint8_t *states; /* per row: nlanes bytes */
    size_t nstates, cap_states;
    struct ui_seq_pending *pending;
    size_t npending, cap_pending;
    uint64_t built;    /* events of the log looked at */
    uint64_t base_ns;  /* the session's time origin */
    int32_t supervisor; /* pid of the spawner that has no lane (procscope) */
    uint64_t info_key; /* detects a new session (start time) */
};

/* Scroll position and selection of one view of a ui_seq. */
struct ui_seq_view {
    size_t top;   /* first row shown */
    size_t sel;   /* selected row */
    bool follow;  /* the selection tracks the newest row */
    size_t lane0; /* first lane shown (horizontal scroll) */
    bool hl;      /* highlight sel's pair too (after Enter) */
    bool no_sel;  /* draw no selection (pictures of the whole session) */
};

/* A cell of the rendered grid. */
struct ui_seq_cell {
    uint32_t cp;   /* Unicode code point (ASCII in ASCII mode) */
    uint8_t role;  /* enum ui_seq_role */
    uint8_t sel;   /* part of the selection highlight */
    uint16_t lane; /* process colour for UI_SEQ_R_LANE/PROC/header, or UI_SEQ_NOLANE */
};

struct ui_seq_grid {
    int h, w;
    struct ui_seq_cell *cells; /* h * w, row-major; owned */
};

/* Empty (call ui_seq_free to release). */
void ui_seq_init(struct ui_seq *s);
void ui_seq_free(struct ui_seq *s);

/*
 * Look at the session's events not seen yet (all of them after a restart)
 * and append their rows. Returns 0, or the error of an event that could not
 * be read (rows up to it are kept). Allocation failure aborts (UI process).
 */
int ui_seq_sync(struct ui_seq *s, const struct ps_session *session);

/* Rows whose event is before `cursor` (the rows the view shows). */
size_t ui_seq_visible(const struct ui_seq *s, uint64_t cursor);

/* Lane state of `lane` on row `row` (UI_SEQ_ST_NONE when out of range). */
enum ui_seq_state ui_seq_lane_state(const struct ui_seq *s, size_t row, size_t lane);

/* The row of event `seq`, or the last row before it; false when there is none. */
bool ui_seq_row_of(const struct ui_seq *s, uint64_t seq, size_t *row);

/*
 * Fix the view for `nvis` visible rows and `body` rows of room: clamp the
 * selection, follow the newest row when following, keep the selection on screen.
 */
void ui_seq_view_fit(struct ui_seq_view *v, size_t nvis, int body);

/* Allocate a grid of h x w blank cells (aborts on failure); free with ui_seq_grid_free. */
void ui_seq_grid_alloc(struct ui_seq_grid *g, int h, int w);
void ui_seq_grid_free(struct ui_seq_grid *g);

/*
 * Render rows [0, nvis) of `s` into `g` (its whole size): the lane names on
 * row 0, one event row per grid row from v->top, and on the last row the
 * narration of the selected event: `narration` (escaped text, the event's
 * sentence) after its number and time, or the row's own label when it is ""
 * (NULL: no narration row). Glyphs follow ui_glyphs_utf8(). `v` must have
 * been fitted for ui_seq_body_rows(g->h, narration != NULL) rows.
 */
void ui_seq_render(const struct ui_seq *s, const struct ui_seq_view *v, size_t nvis,
                   const char *narration, struct ui_seq_grid *g);

/* The name of `pid`'s lane, or NULL (a ps_event_namer callback; ctx is the ui_seq). */
const char *ui_seq_pid_name(const void *ctx, int32_t pid);

/* Body rows (event rows) a grid of `h` rows has. */
int ui_seq_body_rows(int h, bool narrate);

/* Row `y` of `g` as UTF-8 text into buf (trailing blanks dropped). For tests. */
size_t ui_seq_grid_line(const struct ui_seq_grid *g, int y, char *buf, size_t cap);

/* The sequence view as a pane (class "Sequence"); its window is the whole body. */
struct ui_pane *ui_pane_sequence_new(void);

/* Rows a sequence pane shows after its last update. */
size_t ui_pane_sequence_rows(const struct ui_pane *pane);

/* True when sessions start in the sequence view (ui_set_start_view in ui/ui.h). */
bool ui_start_view_sequence(void);

/* The view of a sequence pane (NULL when `pane` is not one). */
struct ui_seq_view *ui_pane_sequence_view(struct ui_pane *pane);

#endif /* UI_VIEW_SEQUENCE_H */
