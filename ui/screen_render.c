/* SPDX-License-Identifier: MIT */
/*
 * The off-screen terminal: newterm on xterm-256color writing to /dev/null,
 * reading a pipe nobody writes; the replay's frame drawn into it and read
 * back from curscr (see screen_render.h).
 */
#include "ui/screen_render.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "core/xalloc.h"
#include "session/session.h"
#include "ui/frame.h"
#include "ui/glyphs.h"
#include "ui/theme.h"

struct ui_screen {
    SCREEN *screen;
    FILE *out_fp;
    FILE *in_fp;
    int in_pipe[2];
    int rows, cols;
};

void ui_screen_close(struct ui_screen *scr)
{
    if (!scr) {
        return;
    }
    if (scr->screen) {
        endwin();
        delscreen(scr->screen);
    }
    if (scr->in_fp) {
        fclose(scr->in_fp);
    } else if (scr->in_pipe[0] >= 0) {
        close(scr->in_pipe[0]);
    }
    if (scr->in_pipe[1] >= 0) {
        close(scr->in_pipe[1]);
    }
    if (scr->out_fp) {
        fclose(scr->out_fp);
    }
    free(scr);
}

/* Glyphs from the locale alone (not TERM: the off-screen terminal is always xterm). */
static void ui_screen_glyphs(void)
{
    const char *codeset = nl_langinfo(CODESET);
    bool utf8 = codeset && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "utf8") == 0);
    ui_glyphs_set_utf8(utf8);
}

struct ui_screen *ui_screen_open(int rows, int cols)
{
    struct ui_screen *scr = ps_xcalloc(1, sizeof(*scr));
    scr->in_pipe[0] = scr->in_pipe[1] = -1;
    scr->rows = rows;
    scr->cols = cols;
    setlocale(LC_ALL, "");
    setenv("NCURSES_NO_UTF8_ACS", "1", 0);
    if (pipe(scr->in_pipe) < 0) {
        goto fail;
    }
    scr->out_fp = fopen("/dev/null", "w");
    scr->in_fp = fdopen(scr->in_pipe[0], "r");
    if (!scr->out_fp || !scr->in_fp) {
        goto fail;
    }
    scr->screen = newterm("xterm-256color", scr->out_fp, scr->in_fp);
    if (!scr->screen) {
        errno = ENOTTY;
        goto fail;
    }
    set_term(scr->screen);
    resize_term(rows, cols);
    cbreak();
    noecho();
    curs_set(0);
    ui_theme_init();
    ui_screen_glyphs();
    return scr;
fail:;
    int err = errno ? errno : EIO;
    ui_screen_close(scr);
    errno = err;
    return NULL;
}

/* Time of event i from the session's start (0 when unreadable or earlier). */
static uint64_t ui_screen_event_time(const struct ps_session *s, uint64_t i)
{
    struct ps_event ev;
    uint64_t base = ps_session_info(s)->start_mono_ns;
    if (ps_session_event(s, i, &ev) < 0 || ev.t_ns < base) {
        return 0;
    }
    return ev.t_ns - base;
}

uint64_t ui_screen_index_at(const struct ps_session *session, uint64_t t_ns)
{
    uint64_t lo = 0;
    uint64_t hi = ps_session_count(session);
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ui_screen_event_time(session, mid) <= t_ns) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

int ui_screen_draw_replay(struct ui_screen *scr, struct ps_session *session, const char *path,
                          uint64_t cursor, bool sequence, double speed)
{
    (void)scr;
    int err = ps_session_seek(session, cursor);
    if (err < 0) {
        return err;
    }
    const struct ps_model *m = ps_session_model(session);
    struct ui_frame f;
    ui_frame_init(&f, session, true);
    /* The replay's status line when paused at `cursor` (ui/replay.c, ui_replay_status). */
    struct ui_status st = {
        .demo = ps_session_info(session)->demo,
        .mode = speed > 0 ? UI_MODE_REPLAY : UI_MODE_REPLAY_PAUSED,
        .speed = speed > 0 ? speed : 1,
        .elapsed_ns = cursor ? ui_screen_event_time(session, cursor - 1) : 0,
        .cursor = cursor,
        .total = ps_session_count(session),
        .drops = m->drops,
        .torn = m->torn,
        .file = path,
    };
    ui_frame_set_status(&f, &st);
    if (sequence) {
        ui_frame_set_sequence(&f, true);
    }
    ui_frame_update(&f, session);
    werase(stdscr);
    wnoutrefresh(stdscr);
    ui_frame_draw(&f);
    ui_frame_free(&f);
    return 0;
}

/* The xterm colour numbers of a colour pair (-1: the terminal's default). */
static void ui_screen_pair(short pair, int16_t *fg, int16_t *bg)
{
    short f = -1;
    short b = -1;
    if (pair > 0 && pair_content(pair, &f, &b) == ERR) {
        f = b = -1;
    }
    *fg = f;
    *bg = b;
}

/* The character a line-drawing (alternate charset) cell shows: Unicode, or ASCII in ASCII mode. */
static uint32_t ui_screen_acs(uint32_t ch)
{
    static const char keys[] = "qxlkmjtuvwn~`a";
    static const uint32_t uni[] = {0x2500, 0x2502, 0x250c, 0x2510, 0x2514, 0x2518, 0x251c,
                                   0x2524, 0x2534, 0x252c, 0x253c, 0x00b7, 0x25c6, 0x2592};
    static const char ascii[] = "-|++++++++++.+#";
    const char *k = ch < 0x80 && ch ? strchr(keys, (int)ch) : NULL;
    if (!k) {
        return ch;
    }
    size_t i = (size_t)(k - keys);
    return ui_glyphs_utf8() ? uni[i] : (uint32_t)ascii[i];
}

/* One cell of curscr. */
static void ui_screen_cell(int y, int x, struct ui_screen_cell *c)
{
    cchar_t cc;
    wchar_t wch[CCHARW_MAX + 1] = {0};
    attr_t attrs = 0;
    short pair = 0;
    memset(c, 0, sizeof(*c));
    c->cp = ' ';
    c->fg = c->bg = -1;
    if (mvwin_wch(curscr, y, x, &cc) == ERR || getcchar(&cc, wch, &attrs, &pair, NULL) == ERR) {
        return;
    }
    c->cp = wch[0] ? (uint32_t)wch[0] : ' ';
    if (attrs & A_ALTCHARSET) {
        c->cp = ui_screen_acs(c->cp);
    }
    ui_screen_pair(pair, &c->fg, &c->bg);
    c->attr = (uint8_t)(((attrs & A_BOLD) ? UI_CELL_BOLD : 0) | ((attrs & A_DIM) ? UI_CELL_DIM : 0) |
                        ((attrs & A_UNDERLINE) ? UI_CELL_UNDERLINE : 0) |
                        ((attrs & A_REVERSE) ? UI_CELL_REVERSE : 0));
}

void ui_screen_grab(struct ui_screen *scr, struct ui_cells *out)
{
    out->rows = scr->rows;
    out->cols = scr->cols;
    out->cell = ps_xcalloc((size_t)scr->rows * (size_t)scr->cols, sizeof(*out->cell));
    for (int y = 0; y < scr->rows; y++) {
        for (int x = 0; x < scr->cols; x++) {
            struct ui_screen_cell *c = &out->cell[(size_t)y * (size_t)scr->cols + (size_t)x];
            ui_screen_cell(y, x, c);
            int w = wcwidth((wchar_t)c->cp);
            if (w == 2 && x + 1 < scr->cols) {
                x++;
                out->cell[(size_t)y * (size_t)scr->cols + (size_t)x] = *c;
                out->cell[(size_t)y * (size_t)scr->cols + (size_t)x].cp = 0;
            }
        }
    }
}

void ui_cells_free(struct ui_cells *c)
{
    free(c->cell);
    c->cell = NULL;
    c->rows = c->cols = 0;
}
