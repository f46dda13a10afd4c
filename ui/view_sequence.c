/* SPDX-License-Identifier: MIT */
/*
 * The sequence view's rows: the event log folded into lanes, marks, arrows
 * and barrier lines (see view_sequence.h). Plain data, no curses.
 */
#include "ui/view_sequence.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/event.h"
#include "core/event_story.h"
#include "core/xalloc.h"
#include "session/session.h"
#include "ui/textsafe.h"

#define UI_SEQ_PENDING_MAX 4096

/* A message end waiting for its other end: a send before its receive, or the reverse. */
struct ui_seq_pending {
    uint64_t key;  /* channel kind, object and direction */
    size_t row;    /* the row of this end */
    uint16_t lane;
    bool is_send;
};

void ui_seq_init(struct ui_seq *s)
{
    memset(s, 0, sizeof(*s));
}

void ui_seq_free(struct ui_seq *s)
{
    free(s->lanes);
    free(s->rows);
    free(s->states);
    free(s->pending);
    memset(s, 0, sizeof(*s));
}

/* Forget every row and lane (a new session). */
static void ui_seq_clear(struct ui_seq *s)
{
    s->nlanes = 0;
    s->nrows = 0;
    s->nstates = 0;
    s->npending = 0;
    s->built = 0;
    s->supervisor = 0;
}

/* Grow `*buf` (elements of `size`) to hold `need`. */
static void ui_seq_grow(void **buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return;
    }
    size_t n = *cap ? *cap * 2 : 64;
    while (n < need) {
        n *= 2;
    }
    *buf = ps_xrealloc(*buf, n * size);
    *cap = n;
}

/* The lane of `pid`, or UI_SEQ_NOLANE. */
static uint16_t ui_seq_lane_find(const struct ui_seq *s, int32_t pid)
{
    for (size_t i = 0; i < s->nlanes; i++) {
        if (s->lanes[i].pid == pid) {
            return (uint16_t)i;
        }
    }
    return UI_SEQ_NOLANE;
}

const char *ui_seq_pid_name(const void *ctx, int32_t pid)
{
    const struct ui_seq *s = ctx;
    uint16_t l = ui_seq_lane_find(s, pid);
    return l == UI_SEQ_NOLANE ? NULL : s->lanes[l].name;
}

/* The lane of `pid`, created (named `name` or "pid N") when new. */
static uint16_t ui_seq_lane_get(struct ui_seq *s, int32_t pid, const char *name)
{
    uint16_t l = ui_seq_lane_find(s, pid);
    if (l != UI_SEQ_NOLANE || pid <= 0 || s->nlanes >= UI_SEQ_NOLANE - 1) {
        return l;
    }
    ui_seq_grow((void **)&s->lanes, &s->cap_lanes, s->nlanes + 1, sizeof(*s->lanes));
    struct ui_seq_lane *ln = &s->lanes[s->nlanes];
    memset(ln, 0, sizeof(*ln));
    ln->pid = pid;
    ln->state = UI_SEQ_ST_RUN;
    if (name && name[0]) {
        ui_text_escape_str(ln->name, sizeof(ln->name), name);
    } else {
        snprintf(ln->name, sizeof(ln->name), "pid %d", (int)pid);
    }
    return (uint16_t)s->nlanes++;
}

/* Append a row for `ev` and snapshot the lane states into it. */
static struct ui_seq_row *ui_seq_row_add(struct ui_seq *s, const struct ps_event *ev, uint16_t lane)
{
    ui_seq_grow((void **)&s->rows, &s->cap_rows, s->nrows + 1, sizeof(*s->rows));
    ui_seq_grow((void **)&s->states, &s->cap_states, s->nstates + s->nlanes, 1);
    struct ui_seq_row *r = &s->rows[s->nrows++];
    memset(r, 0, sizeof(*r));
    r->seq = ev->seq;
    r->t_ns = ev->t_ns >= s->base_ns ? ev->t_ns - s->base_ns : 0;
    r->lane = lane;
    r->from = r->to = UI_SEQ_NOLANE;
    r->kind = UI_SEQ_MARK;
    r->states = (uint32_t)s->nstates;
    r->nlanes = (uint16_t)s->nlanes;
    for (size_t i = 0; i < s->nlanes; i++) {
        s->states[s->nstates++] = s->lanes[i].state;
    }
    return r;
}

/* Set the lane's state from this row on (the row's own snapshot included). */
static void ui_seq_set_state(struct ui_seq *s, struct ui_seq_row *r, uint16_t lane, uint8_t st)
{
    if (lane == UI_SEQ_NOLANE) {
        return;
    }
    s->lanes[lane].state = st;
    if (r && lane < r->nlanes) {
        s->states[r->states + lane] = st;
    }
}

/* dst = a b c, cut to fit (never inside a UTF-8 character of escaped text). */
static void ui_seq_cat(char *dst, size_t cap, const char *a, const char *b, const char *c)
{
    const char *parts[3] = {a, b, c};
    size_t n = 0;
    for (int i = 0; i < 3; i++) {
        for (const char *p = parts[i]; *p && n + 1 < cap; p++) {
            dst[n++] = *p;
        }
    }
    while (n > 0 && n + 1 >= cap && ((unsigned char)dst[n - 1] & 0xc0) == 0x80) {
        n--; /* cut: drop a partial character */
    }
    if (n > 0 && ((unsigned char)dst[n - 1] & 0xc0) == 0xc0) {
        n--;
    }
    dst[n] = '\0';
}

/* The row's label: prefix, the escaped text that came from the process, suffix. */
static void ui_seq_label(struct ui_seq_row *r, const char *prefix, const char *text, uint32_t len,
                         const char *suffix)
{
    char value[UI_SEQ_LABEL_MAX];
    ui_text_escape(value, sizeof(value), text ? text : "", text ? len : 0);
    ui_seq_cat(r->label, sizeof(r->label), prefix, value, suffix);
}

/* The channel key of a message end: kind, object and the sending end. */
static uint64_t ui_seq_chan_key(const struct ps_event *ev)
{
    bool pipe = ev->type == PS_EV_PIPE_SEND || ev->type == PS_EV_PIPE_RECV;
    uint64_t dir = 0;
    if (pipe) {
        int64_t end = ev->b & 1;
        dir = ev->type == PS_EV_PIPE_SEND ? (uint64_t)end : (uint64_t)(1 - end);
    }
    return ((uint64_t)(pipe ? 1 : 2) << 40) | ((uint64_t)ev->obj << 1) | dir;
}

/* Remember an unmatched message end (the oldest is forgotten when full). */
static void ui_seq_pend(struct ui_seq *s, uint64_t key, size_t row, uint16_t lane, bool is_send)
{
    if (s->npending >= UI_SEQ_PENDING_MAX) {
        memmove(s->pending, s->pending + 1, (s->npending - 1) * sizeof(*s->pending));
        s->npending--;
    }
    ui_seq_grow((void **)&s->pending, &s->cap_pending, s->npending + 1, sizeof(*s->pending));
    s->pending[s->npending++] = (struct ui_seq_pending){key, row, lane, is_send};
}

/* The oldest unmatched opposite end on `key`, removed; false when none. */
static bool ui_seq_unpend(struct ui_seq *s, uint64_t key, bool is_send, struct ui_seq_pending *out)
{
    for (size_t i = 0; i < s->npending; i++) {
        if (s->pending[i].key == key && s->pending[i].is_send != is_send) {
            *out = s->pending[i];
            memmove(s->pending + i, s->pending + i + 1, (s->npending - i - 1) * sizeof(*out));
            s->npending--;
            return true;
        }
    }
    return false;
}

/*
 * A send/put or recv/get: matched with its other end in FIFO order per
 * channel direction. The later of the two rows draws the arrow, sender to
 * receiver, with the value; the earlier one is a mark.
 */
static void ui_seq_message(struct ui_seq *s, const struct ps_event *ev, struct ui_seq_row *r)
{
    bool is_send = ev->type == PS_EV_PIPE_SEND || ev->type == PS_EV_QUEUE_PUT;
    bool queue = ev->type == PS_EV_QUEUE_PUT || ev->type == PS_EV_QUEUE_GET;
    uint64_t key = ui_seq_chan_key(ev);
    struct ui_seq_pending other;
    size_t row = (size_t)(r - s->rows);
    if (!ui_seq_unpend(s, key, is_send, &other)) {
        ui_seq_pend(s, key, row, r->lane, is_send);
        r->role = is_send ? UI_SEQ_R_SEND : UI_SEQ_R_RECV;
        r->glyph = is_send ? UI_SEQ_G_SEND : UI_SEQ_G_RECV;
        const char *verb = is_send ? (queue ? "put " : "send ") : (queue ? "get " : "recv ");
        ui_seq_label(r, verb, ev->text, ev->text_len, "");
        return;
    }
    r->kind = UI_SEQ_ARROW;
    r->role = UI_SEQ_R_RECV;
    r->from = is_send ? r->lane : other.lane;
    r->to = is_send ? other.lane : r->lane;
    r->has_pair = 1;
    r->pair = other.row;
    s->rows[other.row].has_pair = 1;
    s->rows[other.row].pair = row;
    char when[40] = "";
    if (row - other.row > 1) {
        snprintf(when, sizeof(when), " (%s at #%llu)",
                 is_send ? (queue ? "got" : "received") : (queue ? "put" : "sent"),
                 (unsigned long long)s->rows[other.row].seq + 1);
    }
    ui_seq_label(r, "", ev->text, ev->text_len, when);
}

/* An arrow row between two processes with a fixed label. */
static void ui_seq_arrow(struct ui_seq_row *r, uint16_t from, uint16_t to, uint8_t role,
                         const char *label)
{
    r->kind = UI_SEQ_ARROW;
    r->from = from;
    r->to = to;
    r->role = role;
    snprintf(r->label, sizeof(r->label), "%s", label);
}

/* proc.spawn / start / name: lanes appear, arrows from the parent. */
static void ui_seq_proc_begin(struct ui_seq *s, const struct ps_event *ev, struct ui_seq_row *r)
{
    char name[UI_SEQ_NAME_MAX];
    ui_text_escape(name, sizeof(name), ev->text, ev->text_len);
    uint16_t child = ev->type == PS_EV_PROC_SPAWN ? ui_seq_lane_find(s, ev->peer) : r->lane;
    if (ev->type == PS_EV_PROC_NAME || (ev->type == PS_EV_PROC_START && ev->text_len)) {
        snprintf(s->lanes[r->lane].name, sizeof(s->lanes[r->lane].name), "%s", name);
    }
    r->role = UI_SEQ_R_PROC;
    if (ev->type == PS_EV_PROC_START) {
        ui_seq_set_state(s, r, r->lane, UI_SEQ_ST_RUN);
        r->glyph = UI_SEQ_G_START;
        snprintf(r->label, sizeof(r->label), "start");
    } else if (ev->type == PS_EV_PROC_NAME) {
        r->glyph = UI_SEQ_G_MARK;
        snprintf(r->label, sizeof(r->label), "now called %s", name);
    } else if (r->lane == UI_SEQ_NOLANE || r->lane == child) {
        r->lane = child;
        r->glyph = UI_SEQ_G_START;
        snprintf(r->label, sizeof(r->label), "spawned%s", ev->a ? " (daemon)" : "");
    } else {
        ui_seq_arrow(r, r->lane, child, UI_SEQ_R_PROC, ev->a ? "spawn (daemon)" : "spawn");
    }
}

/* proc.exit / signalled / join / terminate: lanes end, arrows back to the joiner. */
static void ui_seq_proc_end(struct ui_seq *s, const struct ps_event *ev, struct ui_seq_row *r)
{
    uint16_t peer = ui_seq_lane_find(s, ev->peer);
    char text[UI_SEQ_LABEL_MAX];
    switch (ev->type) {
    case PS_EV_PROC_EXIT:
    case PS_EV_PROC_SIGNALLED:
    case PS_EV_PROC_DIED:
        r->lane = peer != UI_SEQ_NOLANE ? peer : r->lane;
        ui_seq_set_state(s, NULL, r->lane, UI_SEQ_ST_NONE);
        if (r->lane != UI_SEQ_NOLANE) {
            s->lanes[r->lane].ended = 1;
        }
        if (ev->type == PS_EV_PROC_EXIT || (ev->type == PS_EV_PROC_DIED && ev->a >= 0)) {
            r->role = ev->a == 0 ? UI_SEQ_R_EXIT : UI_SEQ_R_KILLED;
            r->glyph = UI_SEQ_G_EXIT;
            snprintf(r->label, sizeof(r->label), "exit %" PRId64, ev->a);
        } else {
            r->role = UI_SEQ_R_KILLED;
            r->glyph = UI_SEQ_G_KILLED;
            snprintf(r->label, sizeof(r->label), "killed by signal %" PRId64,
                     ev->type == PS_EV_PROC_DIED ? -ev->a : ev->a);
        }
        return;
    case PS_EV_PROC_JOIN:
        snprintf(text, sizeof(text), ev->b ? "join timed out" : "join (exit %" PRId64 ")", ev->a);
        ui_seq_arrow(r, peer, r->lane, UI_SEQ_R_PROC, text);
        return;
    default: /* PS_EV_PROC_TERMINATE */
        snprintf(text, sizeof(text), "signal %" PRId64 "%s", ev->a,
                 ev->a == 15 ? " (terminate)" : ev->a == 9 ? " (kill)" : "");
        ui_seq_arrow(r, r->lane, peer, UI_SEQ_R_KILLED, text);
        return;
    }
}

/* A barrier's first release of a generation: a line across every lane waiting at it. */
static void ui_seq_barrier_release(struct ui_seq *s, const struct ps_event *ev,
                                   struct ui_seq_row *r)
{
    uint16_t lo = r->lane;
    uint16_t hi = r->lane;
    int n = 0;
    for (size_t i = 0; i < s->nlanes; i++) {
        if ((s->lanes[i].wait_obj == ev->obj && s->lanes[i].state == UI_SEQ_ST_WAIT) ||
            i == r->lane) {
            lo = (uint16_t)(i < lo ? i : lo);
            hi = (uint16_t)(i > hi ? i : hi);
            s->lanes[i].wait_obj = 0;
            ui_seq_set_state(s, r, (uint16_t)i, UI_SEQ_ST_RELEASE);
            s->lanes[i].state = UI_SEQ_ST_RUN;
            n++;
        }
    }
    r->kind = UI_SEQ_BARRIER;
    r->role = UI_SEQ_R_BARRIER;
    r->from = lo;
    r->to = hi;
    snprintf(r->label, sizeof(r->label), "barrier %u released (%d)", (unsigned)ev->obj, n);
}

/* Does this event get no row of its own? (later releases of a barrier already drawn) */
static bool ui_seq_folded(const struct ui_seq *s, const struct ps_event *ev, uint16_t lane)
{
    bool end = ev->type == PS_EV_PROC_EXIT || ev->type == PS_EV_PROC_SIGNALLED ||
               ev->type == PS_EV_PROC_DIED;
    if (end) { /* the supervisor's proc.died and the process's own exit: one row */
        uint16_t peer = ui_seq_lane_find(s, ev->peer);
        return peer != UI_SEQ_NOLANE && s->lanes[peer].ended;
    }
    if (ev->type != PS_EV_BARRIER_RELEASE || lane == UI_SEQ_NOLANE) {
        return false;
    }
    return s->lanes[lane].state != UI_SEQ_ST_WAIT || s->lanes[lane].wait_obj != ev->obj;
}

/* Locks, barriers and pool tasks: marks that change the lane's state. */
static void ui_seq_sync_event(struct ui_seq *s, const struct ps_event *ev, struct ui_seq_row *r)
{
    static const struct {
        uint16_t type;
        uint8_t glyph, role, state;
        const char *verb, *tail;
    } marks[] = {
        {PS_EV_LOCK_WANT, UI_SEQ_G_WAIT, UI_SEQ_R_WAIT, UI_SEQ_ST_WAIT, "wants lock", ""},
        {PS_EV_LOCK_ACQUIRED, UI_SEQ_G_OPEN, UI_SEQ_R_HOLD, UI_SEQ_ST_HOLD, "holds lock", ""},
        {PS_EV_LOCK_RELEASED, UI_SEQ_G_CLOSE, UI_SEQ_R_HOLD, UI_SEQ_ST_RUN, "releases lock", ""},
        {PS_EV_BARRIER_ARRIVE, UI_SEQ_G_WAIT, UI_SEQ_R_BARRIER, UI_SEQ_ST_WAIT,
         "arrives at barrier", ""},
        {PS_EV_POOL_START, UI_SEQ_G_OPEN, UI_SEQ_R_HOLD, UI_SEQ_ST_HOLD, "task", ""},
        {PS_EV_POOL_DONE, UI_SEQ_G_CLOSE, UI_SEQ_R_HOLD, UI_SEQ_ST_RUN, "task", " done"},
    };
    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (marks[i].type != ev->type) {
            continue;
        }
        r->glyph = marks[i].glyph;
        r->role = marks[i].role;
        unsigned id = ev->type == PS_EV_POOL_START || ev->type == PS_EV_POOL_DONE
                          ? (unsigned)ev->a
                          : (unsigned)ev->obj;
        snprintf(r->label, sizeof(r->label), "%s %u%s", marks[i].verb, id, marks[i].tail);
        if (ev->type == PS_EV_BARRIER_ARRIVE) {
            snprintf(r->label, sizeof(r->label), "arrives at barrier %u (#%" PRId64 ")",
                     (unsigned)ev->obj, ev->a + 1);
            s->lanes[r->lane].wait_obj = ev->obj;
        }
        ui_seq_set_state(s, r, r->lane, marks[i].state);
        return;
    }
}

/* wait.begin / wait.end (the lane waits, dotted, until its next event) and the user's signals. */
static void ui_seq_wait(struct ui_seq *s, const struct ps_event *ev, struct ui_seq_row *r)
{
    struct ps_event_namer namer = {.name = ui_seq_pid_name, .ctx = s};
    char text[UI_SEQ_LABEL_MAX];
    r->role = UI_SEQ_R_WAIT;
    r->glyph = UI_SEQ_G_WAIT;
    if (ev->type == PS_EV_USER_SIGNAL) {
        r->lane = ui_seq_lane_find(s, ev->peer);
        r->role = UI_SEQ_R_KILLED;
        r->glyph = UI_SEQ_G_MARK;
        snprintf(r->label, sizeof(r->label), "the user sent signal %" PRId64, ev->a);
        return;
    }
    if (ev->type == PS_EV_WAIT_END) {
        ui_seq_set_state(s, r, r->lane, UI_SEQ_ST_RUN);
        snprintf(r->label, sizeof(r->label), "stops waiting");
        return;
    }
    ps_event_wait_text(text, sizeof(text), (unsigned)ev->a, ev->obj, ev->peer, ev->b,
                       ev->text_len ? ev->text : NULL, &namer);
    ui_seq_label(r, "waits: ", text, (uint32_t)strlen(text), "");
    ui_seq_set_state(s, r, r->lane, UI_SEQ_ST_WAIT);
}

/* Everything else: a mark with a short label. */
static void ui_seq_other(const struct ps_event *ev, struct ui_seq_row *r)
{
    r->glyph = UI_SEQ_G_MARK;
    r->role = UI_SEQ_R_DIM;
    switch (ev->type) {
    case PS_EV_OUTPUT:
    case PS_EV_STDIO:
        r->glyph = UI_SEQ_G_OUTPUT;
        r->role = UI_SEQ_R_OUTPUT;
        ui_seq_label(r, "\"", ev->text, ev->text_len, "\"");
        return;
    case PS_EV_PIPE_OPEN:
    case PS_EV_QUEUE_OPEN:
    case PS_EV_LOCK_NEW:
    case PS_EV_BARRIER_NEW:
    case PS_EV_POOL_NEW: {
        const char *noun = ev->type == PS_EV_PIPE_OPEN    ? "pipe"
                           : ev->type == PS_EV_QUEUE_OPEN ? "queue"
                           : ev->type == PS_EV_LOCK_NEW   ? "lock"
                           : ev->type == PS_EV_POOL_NEW   ? "pool"
                                                          : "barrier";
        snprintf(r->label, sizeof(r->label), "new %s %u", noun, (unsigned)ev->obj);
        return;
    }
    case PS_EV_PIPE_CLOSE:
        snprintf(r->label, sizeof(r->label), "closes pipe %u end %" PRId64, (unsigned)ev->obj,
                 ev->a);
        return;
    case PS_EV_PIPE_EOF:
        r->role = UI_SEQ_R_RECV;
        snprintf(r->label, sizeof(r->label), "EOF on pipe %u", (unsigned)ev->obj);
        return;
    case PS_EV_QUEUE_EMPTY:
        snprintf(r->label, sizeof(r->label), "empty()? %s", ev->a ? "yes" : "no");
        return;
    case PS_EV_POOL_SUBMIT:
        snprintf(r->label, sizeof(r->label), "submit task %" PRId64 " (%" PRId64 " items)",
                 ev->a, ev->b);
        return;
    default: {
        char text[UI_SEQ_LABEL_MAX];
        ui_text_escape(text, sizeof(text), ev->text, ev->text_len);
        ui_seq_cat(r->label, sizeof(r->label), ps_event_type_name(ev->type), text[0] ? " " : "",
                   text);
        return;
    }
    }
}

/* The emitting lane of `ev` (created when needed; none for the supervisor). */
static uint16_t ui_seq_emitter(struct ui_seq *s, const struct ps_event *ev)
{
    uint16_t lane = ui_seq_lane_find(s, ev->pid);
    if (lane != UI_SEQ_NOLANE) {
        return lane;
    }
    if (ev->type == PS_EV_PROC_SPAWN && (s->supervisor == 0 || s->supervisor == ev->pid) &&
        s->nlanes == 0) {
        s->supervisor = ev->pid;
        return UI_SEQ_NOLANE;
    }
    if (ev->pid == s->supervisor) {
        return UI_SEQ_NOLANE;
    }
    return ui_seq_lane_get(s, ev->pid, ev->type == PS_EV_PROC_START ? ev->text : NULL);
}

/* Fold one event of the log into lanes and rows. */
static void ui_seq_apply(struct ui_seq *s, const struct ps_event *ev)
{
    uint16_t lane = ui_seq_emitter(s, ev);
    if (ev->type == PS_EV_PROC_SPAWN) {
        char name[UI_SEQ_NAME_MAX];
        snprintf(name, sizeof(name), "%.*s", (int)ev->text_len, ev->text ? ev->text : "");
        uint16_t child = ui_seq_lane_get(s, ev->peer, name);
        ui_seq_set_state(s, NULL, child, UI_SEQ_ST_SPAWNED);
    }
    if (ui_seq_folded(s, ev, lane)) {
        return;
    }
    bool waiting = lane != UI_SEQ_NOLANE && s->lanes[lane].state == UI_SEQ_ST_WAIT;
    if ((waiting && ev->type != PS_EV_BARRIER_RELEASE) ||
        (lane != UI_SEQ_NOLANE && s->lanes[lane].state == UI_SEQ_ST_SPAWNED)) {
        s->lanes[lane].state = UI_SEQ_ST_RUN; /* anything it does: it runs, its wait is over */
    }
    struct ui_seq_row *r = ui_seq_row_add(s, ev, lane);
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
    case PS_EV_PROC_START:
    case PS_EV_PROC_NAME:
        ui_seq_proc_begin(s, ev, r);
        break;
    case PS_EV_PROC_EXIT:
    case PS_EV_PROC_SIGNALLED:
    case PS_EV_PROC_DIED:
    case PS_EV_PROC_JOIN:
    case PS_EV_PROC_TERMINATE:
        ui_seq_proc_end(s, ev, r);
        break;
    case PS_EV_WAIT_BEGIN:
    case PS_EV_WAIT_END:
    case PS_EV_USER_SIGNAL:
        ui_seq_wait(s, ev, r);
        break;
    case PS_EV_PIPE_SEND:
    case PS_EV_PIPE_RECV:
    case PS_EV_QUEUE_PUT:
    case PS_EV_QUEUE_GET:
        ui_seq_message(s, ev, r);
        break;
    case PS_EV_BARRIER_RELEASE:
        ui_seq_barrier_release(s, ev, r);
        break;
    case PS_EV_LOCK_WANT:
    case PS_EV_LOCK_ACQUIRED:
    case PS_EV_LOCK_RELEASED:
    case PS_EV_BARRIER_ARRIVE:
    case PS_EV_POOL_START:
    case PS_EV_POOL_DONE:
        ui_seq_sync_event(s, ev, r);
        break;
    default:
        ui_seq_other(ev, r);
        break;
    }
}

int ui_seq_sync(struct ui_seq *s, const struct ps_session *session)
{
    const struct ps_session_info *info = ps_session_info(session);
    uint64_t count = ps_session_count(session);
    if (count < s->built || info->start_mono_ns != s->info_key) {
        ui_seq_clear(s);
        s->info_key = info->start_mono_ns;
        s->base_ns = info->start_mono_ns;
    }
    while (s->built < count) {
        struct ps_event ev;
        int err = ps_session_event(session, s->built, &ev);
        if (err < 0) {
            return err;
        }
        ev.seq = s->built; /* the row's event is its place in the log */
        if (ev.type != PS_EV_RING_DROPPED && ev.type != PS_EV_RING_TORN) {
            ui_seq_apply(s, &ev);
        }
        s->built++;
    }
    return 0;
}

size_t ui_seq_visible(const struct ui_seq *s, uint64_t cursor)
{
    size_t lo = 0;
    size_t hi = s->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->rows[mid].seq < cursor) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

bool ui_seq_row_of(const struct ui_seq *s, uint64_t seq, size_t *row)
{
    size_t n = ui_seq_visible(s, seq + 1);
    if (n == 0) {
        return false;
    }
    *row = n - 1;
    return true;
}

enum ui_seq_state ui_seq_lane_state(const struct ui_seq *s, size_t row, size_t lane)
{
    if (row >= s->nrows || lane >= s->rows[row].nlanes) {
        return UI_SEQ_ST_NONE;
    }
    return (enum ui_seq_state)s->states[s->rows[row].states + lane];
}

void ui_seq_view_fit(struct ui_seq_view *v, size_t nvis, int body)
{
    size_t room = body > 0 ? (size_t)body : 1;
    if (nvis == 0) {
        v->sel = v->top = 0;
        return;
    }
    if (v->follow || v->sel >= nvis) {
        v->sel = nvis - 1;
    }
    if (v->sel < v->top) {
        v->top = v->sel;
    }
    if (v->sel >= v->top + room) {
        v->top = v->sel + 1 - room;
    }
    if (v->top + room > nvis) {
        v->top = nvis > room ? nvis - room : 0;
    }
}
