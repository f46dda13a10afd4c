/* SPDX-License-Identifier: MIT */
#include "ui/statusbar.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ui/glyphs.h"
#include "ui/textsafe.h"

void ui_status_mode_name(enum ui_mode mode, double speed, char *buf, size_t size)
{
    switch (mode) {
    case UI_MODE_LIVE:
        snprintf(buf, size, "LIVE");
        break;
    case UI_MODE_PAUSED:
        snprintf(buf, size, "PAUSED");
        break;
    case UI_MODE_STEP:
        snprintf(buf, size, "STEP");
        break;
    case UI_MODE_DONE:
        snprintf(buf, size, "DONE");
        break;
    case UI_MODE_REPLAY:
        snprintf(buf, size, "REPLAY %s%g", ui_glyph(UI_GLYPH_TIMES), speed);
        break;
    case UI_MODE_REPLAY_PAUSED:
        snprintf(buf, size, "REPLAY PAUSED");
        break;
    default:
        snprintf(buf, size, "?");
        break;
    }
}

void ui_status_format_time(uint64_t ns, char *buf, size_t size)
{
    uint64_t ms = ns / 1000000u;
    uint64_t s = ms / 1000u;
    if (s < 60) {
        snprintf(buf, size, "%" PRIu64 ".%03" PRIu64 "s", s, ms % 1000u);
    } else {
        snprintf(buf, size, "%" PRIu64 "m%02" PRIu64 ".%03" PRIu64 "s", s / 60u, s % 60u,
                 ms % 1000u);
    }
}

static enum ui_color ui_status_mode_color(enum ui_mode mode)
{
    switch (mode) {
    case UI_MODE_LIVE:
        return UI_COLOR_MODE_LIVE;
    case UI_MODE_DONE:
        return UI_COLOR_MODE_DONE;
    case UI_MODE_REPLAY:
        return UI_COLOR_MODE_REPLAY;
    default:
        return UI_COLOR_MODE_PAUSED;
    }
}

static bool ui_status_replaying(enum ui_mode mode)
{
    return mode == UI_MODE_REPLAY || mode == UI_MODE_REPLAY_PAUSED;
}

/* Segments: demo, mode, elapsed, events, drops, torn, recording mark. */
size_t ui_statusbar_segments(const struct ui_status *st, struct ui_status_seg *segs)
{
    size_t n = 0;
    char tmp[UI_STATUS_SEG_LEN];
    ui_text_escape_str(segs[n].text, UI_STATUS_SEG_LEN, st->demo ? st->demo : "procscope");
    segs[n++].color = UI_COLOR_TITLE;
    ui_status_mode_name(st->mode, st->speed, segs[n].text, UI_STATUS_SEG_LEN);
    segs[n++].color = ui_status_mode_color(st->mode);
    char when[32];
    ui_status_format_time(st->elapsed_ns, when, sizeof(when));
    snprintf(segs[n].text, UI_STATUS_SEG_LEN, "t %s", when);
    segs[n++].color = UI_COLOR_STATUS;
    if (ui_status_replaying(st->mode)) {
        snprintf(segs[n].text, UI_STATUS_SEG_LEN, "event %" PRIu64 "/%" PRIu64, st->cursor,
                 st->total);
    } else {
        snprintf(segs[n].text, UI_STATUS_SEG_LEN, "events %" PRIu64, st->cursor);
    }
    segs[n++].color = UI_COLOR_STATUS;
    snprintf(segs[n].text, UI_STATUS_SEG_LEN, "drops %" PRIu64, st->drops);
    segs[n++].color = st->drops > 0 ? UI_COLOR_WARN : UI_COLOR_STATUS;
    snprintf(segs[n].text, UI_STATUS_SEG_LEN, "torn %" PRIu64, st->torn);
    segs[n++].color = st->torn > 0 ? UI_COLOR_WARN : UI_COLOR_STATUS;
    if (st->on_disk > 0) { /* the live window: say what is not in memory */
        snprintf(segs[n].text, UI_STATUS_SEG_LEN, "%" PRIu64 " on disk", st->on_disk);
        segs[n++].color = UI_COLOR_DIM;
    }
    if (st->recording) {
        ui_text_escape_str(tmp, sizeof(tmp), st->rec_path ? st->rec_path : "");
        snprintf(segs[n].text, UI_STATUS_SEG_LEN, "%s %.140s",
                 ui_glyphs_utf8() ? "\u25cf REC" : "[REC]", tmp);
        segs[n++].color = UI_COLOR_REC;
    }
    if (st->file) {
        ui_text_escape_str(tmp, sizeof(tmp), st->file);
        snprintf(segs[n].text, UI_STATUS_SEG_LEN, "%.150s", tmp);
        segs[n++].color = UI_COLOR_DIM;
    }
    return n;
}

void ui_statusbar_text(const struct ui_status *st, char *buf, size_t size)
{
    struct ui_status_seg segs[UI_STATUS_SEG_MAX];
    size_t n = ui_statusbar_segments(st, segs);
    size_t pos = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && pos < size; i++) {
        int w = snprintf(buf + pos, size - pos, "%s%s", i ? "  " : "", segs[i].text);
        if (w < 0) {
            break;
        }
        pos += (size_t)w;
    }
}

/* Add `s` at the cursor in `attr`, never past column `cols`; returns false when full. */
static bool ui_status_put(WINDOW *win, int cols, const char *s, attr_t attr)
{
    int y;
    int x;
    getyx(win, y, x);
    (void)y;
    int room = cols - x;
    if (room <= 0) {
        return false;
    }
    size_t n = ui_text_fit(s, room);
    wattrset(win, (int)(attr));
    waddnstr(win, s, (int)n);
    return n == strlen(s);
}

void ui_statusbar_draw(WINDOW *win, int y, int cols, const struct ui_status *st)
{
    struct ui_status_seg segs[UI_STATUS_SEG_MAX];
    size_t n = ui_statusbar_segments(st, segs);
    attr_t base = ui_theme_attr(UI_COLOR_STATUS);
    wmove(win, y, 0);
    wattrset(win, (int)(base));
    for (int x = 0; x < cols; x++) {
        waddch(win, ' ');
    }
    wmove(win, y, 0);
    ui_status_put(win, cols, " ", base);
    for (size_t i = 0; i < n; i++) {
        attr_t a = segs[i].color == UI_COLOR_STATUS ? base : ui_theme_attr(segs[i].color);
        if ((i > 0 && !ui_status_put(win, cols, "  ", base)) ||
            !ui_status_put(win, cols, segs[i].text, a)) {
            break;
        }
    }
    wattrset(win, (int)(A_NORMAL));
}

const char *ui_hintbar_text(bool replay)
{
    return ui_hintbar_text_mode(replay ? UI_MODE_REPLAY : UI_MODE_LIVE);
}

const char *ui_hintbar_text_mode(enum ui_mode mode)
{
    static char buf[512];
    return ui_input_hints(mode, (int)sizeof(buf), buf, sizeof(buf));
}

/* One row in `attr`: `text` cut to `cols`, the rest of the row cleared. */
static void ui_hintbar_paint(WINDOW *win, int y, int cols, const char *text, attr_t attr)
{
    wmove(win, y, 0);
    wattrset(win, (int)attr);
    wclrtoeol(win);
    waddnstr(win, text, (int)ui_text_fit(text, cols));
    wattrset(win, (int)(A_NORMAL));
}

void ui_hintbar_draw_keys(WINDOW *win, int y, int cols, const char *text)
{
    ui_hintbar_paint(win, y, cols, text, ui_theme_attr(UI_COLOR_HINT));
}

void ui_hintbar_draw(WINDOW *win, int y, int cols, bool replay, const char *message)
{
    char buf[512];
    if (!message) {
        ui_input_hints(replay ? UI_MODE_REPLAY : UI_MODE_LIVE, cols, buf, sizeof(buf));
        ui_hintbar_draw_keys(win, y, cols, buf);
        return;
    }
    ui_text_escape_str(buf, sizeof(buf), message);
    ui_hintbar_paint(win, y, cols, buf, ui_theme_attr(UI_COLOR_WARN));
}
