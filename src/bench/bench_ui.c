/* SPDX-License-Identifier: MIT */
/*
 * `procscope bench ui`: what the frame costs. On a headless 200x60 curses
 * screen (output to /dev/null, input from a pipe nobody writes) fed with a
 * synthetic demo-like session it measures the median time of what the live
 * loop does per frame (status line, update, draw, doupdate) when one event
 * arrived (the Events and Output panes scroll; the share of cells that
 * changed is measured and printed) and when everything is repainted, the
 * events per second the loop absorbs while drawing at 60 Hz, and the CPU the
 * idle loop uses over 10 s.
 */
#include "bench/bench.h"

#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/clock.h"
#include "session/session.h"
#include "ui/frame.h"
#include "ui/glyphs.h"
#include "ui/statusbar.h"
#include "ui/theme.h"
#include "ui/ui.h"

#define UI_BENCH_ROWS 60
#define UI_BENCH_COLS 200
#define UI_BENCH_FRAMES 200
#define UI_BENCH_ABSORB 2000000
#define UI_BENCH_IDLE_S 10
#define UI_BENCH_FRAME_NS 16666666u

struct ui_bench {
    SCREEN *screen;
    FILE *out_fp;
    FILE *in_fp;
    int in_pipe[2];
    struct ps_session *session;
    struct ps_sink sink;
    uint64_t seq;
    uint64_t t;
};

/* One synthetic event of a pipe/pool demo with 4 workers, varied by i. */
static void ui_bench_event(struct ui_bench *b, uint64_t i, struct ps_event *ev)
{
    static const char *const lines[] = {"square 4", "worker done", "sent 42", "queue empty"};
    memset(ev, 0, sizeof(*ev));
    ev->seq = b->seq++;
    b->t += 1000;
    ev->t_ns = b->t;
    ev->pid = 1001 + (int32_t)(i % 4);
    ev->text = "";
    switch (i % 4) {
    case 0:
        ev->type = PS_EV_PIPE_SEND;
        ev->obj = 1;
        ev->a = 8;
        ev->text = "42";
        break;
    case 1:
        ev->type = PS_EV_PIPE_RECV;
        ev->obj = 1;
        ev->a = 8;
        ev->text = "42";
        break;
    case 2:
        ev->type = (i / 4) % 2 ? PS_EV_POOL_DONE : PS_EV_POOL_START;
        ev->obj = 2;
        ev->a = (int64_t)(i / 8);
        ev->b = 1;
        break;
    default:
        ev->type = PS_EV_OUTPUT;
        ev->a = 1;
        ev->text = lines[(i / 4) % 4];
        break;
    }
    ev->text_len = (uint32_t)strlen(ev->text);
}

/* The session's start: a main process and four children, a pipe and a pool. */
static void ui_bench_prologue(struct ui_bench *b)
{
    static const char *const names[] = {"MainProcess", "Process-1", "Process-2", "PoolWorker-1",
                                        "Process-4"};
    struct ps_session_info info = {.demo = "bench", .time_scale = 1, .start_mono_ns = 0};
    ps_sink_begin(&b->sink, &info);
    for (int32_t p = 0; p < 5; p++) {
        struct ps_event ev = {.seq = b->seq++,
                              .t_ns = b->t += 1000,
                              .pid = 1000,
                              .type = PS_EV_PROC_SPAWN,
                              .peer = 1000 + p,
                              .text = names[p]};
        ev.text_len = (uint32_t)strlen(names[p]);
        ps_sink_event(&b->sink, &ev);
        ev = (struct ps_event){.seq = b->seq++,
                               .t_ns = b->t += 1000,
                               .pid = 1000 + p,
                               .type = PS_EV_PROC_START,
                               .peer = 1000,
                               .text = names[p]};
        ev.text_len = (uint32_t)strlen(names[p]);
        ps_sink_event(&b->sink, &ev);
    }
    struct ps_event open = {.seq = b->seq++,
                            .t_ns = b->t += 1000,
                            .pid = 1000,
                            .type = PS_EV_PIPE_OPEN,
                            .obj = 1,
                            .text = ""};
    ps_sink_event(&b->sink, &open);
    struct ps_event pool = {.seq = b->seq++,
                            .t_ns = b->t += 1000,
                            .pid = 1000,
                            .type = PS_EV_POOL_NEW,
                            .obj = 2,
                            .a = 4,
                            .text = ""};
    ps_sink_event(&b->sink, &pool);
    for (int32_t w = 1; w <= 4; w++) {
        struct ps_event wk = {.seq = b->seq++,
                              .t_ns = b->t += 1000,
                              .pid = 1000,
                              .type = PS_EV_POOL_WORKER,
                              .obj = 2,
                              .peer = 1000 + w,
                              .a = w,
                              .text = ""};
        ps_sink_event(&b->sink, &wk);
    }
    for (uint64_t i = 0; i < 400; i++) {
        struct ps_event ev;
        ui_bench_event(b, i, &ev);
        ps_sink_event(&b->sink, &ev);
    }
}

/* A 200x60 screen on /dev/null reading a pipe that stays silent. */
static int ui_bench_open(struct ui_bench *b)
{
    setlocale(LC_ALL, "");
    if (pipe(b->in_pipe) < 0) {
        return -1;
    }
    b->out_fp = fopen("/dev/null", "w");
    b->in_fp = fdopen(b->in_pipe[0], "r");
    if (!b->out_fp || !b->in_fp) {
        return -1;
    }
    b->screen = newterm("xterm-256color", b->out_fp, b->in_fp);
    if (!b->screen) {
        return -1;
    }
    set_term(b->screen);
    resize_term(UI_BENCH_ROWS, UI_BENCH_COLS);
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    ui_theme_init();
    ui_glyphs_init();
    b->session = ps_session_new();
    if (!b->session) {
        return -1;
    }
    b->sink = ps_session_sink(b->session);
    ui_bench_prologue(b);
    return 0;
}

static void ui_bench_close(struct ui_bench *b)
{
    if (b->screen) {
        endwin();
        delscreen(b->screen);
    }
    ps_session_free(b->session);
    if (b->in_fp) {
        fclose(b->in_fp);
    }
    close(b->in_pipe[1]);
    if (b->out_fp) {
        fclose(b->out_fp);
    }
}

/* The status line the live loop sets before each draw: events and elapsed time move. */
static void ui_bench_status(struct ui_bench *b, struct ui_frame *f)
{
    struct ui_status st = {.demo = "bench",
                           .mode = UI_MODE_LIVE,
                           .elapsed_ns = b->t,
                           .cursor = ps_session_cursor(b->session),
                           .total = ps_session_count(b->session)};
    ui_frame_set_status(f, &st);
}

/* Cells of the terminal image that differ from `prev`, which becomes the image (untimed). */
static long ui_bench_changed(chtype *prev)
{
    long n = 0;
    for (int y = 0; y < UI_BENCH_ROWS; y++) {
        for (int x = 0; x < UI_BENCH_COLS; x++) {
            chtype c = mvwinch(curscr, y, x);
            n += c != prev[y * UI_BENCH_COLS + x];
            prev[y * UI_BENCH_COLS + x] = c;
        }
    }
    return n;
}

/*
 * Median ms of a frame after one new event (full: after repainting
 * everything); *changed gets the mean share of cells that changed, in %.
 */
static double ui_bench_frames(struct ui_bench *b, struct ui_frame *f, bool full, double *changed)
{
    static chtype prev[UI_BENCH_ROWS * UI_BENCH_COLS];
    double ms[UI_BENCH_FRAMES];
    long cells = 0;
    ui_bench_changed(prev);
    for (int i = 0; i < UI_BENCH_FRAMES; i++) {
        struct ps_event ev;
        ui_bench_event(b, b->seq, &ev);
        uint64_t t0 = ps_clock_mono_ns();
        if (full) {
            ui_frame_invalidate(f);
            clearok(curscr, TRUE);
        }
        ps_sink_event(&b->sink, &ev);
        ui_bench_status(b, f);
        ui_frame_update(f, b->session);
        ui_frame_draw(f);
        ms[i] = (double)(ps_clock_mono_ns() - t0) / 1e6;
        cells += ui_bench_changed(prev);
    }
    *changed = 100.0 * (double)cells / (UI_BENCH_FRAMES * UI_BENCH_ROWS * UI_BENCH_COLS);
    return ps_bench_median(ms, UI_BENCH_FRAMES);
}

/* Events per second folded in while a frame is drawn every 16.7 ms. */
static double ui_bench_absorb(struct ui_bench *b, struct ui_frame *f)
{
    uint64_t t0 = ps_clock_mono_ns();
    uint64_t next = t0 + UI_BENCH_FRAME_NS;
    for (uint64_t i = 0; i < UI_BENCH_ABSORB; i++) {
        struct ps_event ev;
        ui_bench_event(b, i, &ev);
        ps_sink_event(&b->sink, &ev);
        if ((i & 1023) == 0 && ps_clock_mono_ns() >= next) {
            ui_bench_status(b, f);
            ui_frame_update(f, b->session);
            ui_frame_draw(f);
            next += UI_BENCH_FRAME_NS;
        }
    }
    ui_frame_update(f, b->session);
    ui_frame_draw(f);
    double s = (double)(ps_clock_mono_ns() - t0) / 1e9;
    return (double)UI_BENCH_ABSORB / s;
}

static double ui_bench_cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* CPU % of the idle loop (nothing new: draw skips, getch waits) over UI_BENCH_IDLE_S. */
static double ui_bench_idle(struct ui_frame *f)
{
    uint64_t t0 = ps_clock_mono_ns();
    double c0 = ui_bench_cpu_s();
    while (ps_clock_mono_ns() - t0 < (uint64_t)UI_BENCH_IDLE_S * 1000000000u) {
        ui_frame_draw(f);
        ui_frame_getch(f, 1000);
    }
    double wall = (double)(ps_clock_mono_ns() - t0) / 1e9;
    return 100.0 * (ui_bench_cpu_s() - c0) / wall;
}

int ui_bench_run(FILE *out)
{
    struct ui_bench b = {.in_pipe = {-1, -1}};
    struct ui_frame f;
    char note[96];
    double changed;
    if (ui_bench_open(&b) < 0) {
        ui_bench_close(&b);
        return -1;
    }
    ui_frame_init(&f, b.session, false);
    ui_frame_update(&f, b.session);
    ui_frame_draw(&f);
    double typical = ui_bench_frames(&b, &f, false, &changed);
    double full_changed;
    double full = ui_bench_frames(&b, &f, true, &full_changed);
    double seq_changed;
    ui_frame_set_sequence(&f, true); /* the sequence view (`v`), one new event per frame */
    ui_frame_draw(&f);
    double seq = ui_bench_frames(&b, &f, false, &seq_changed);
    ui_frame_set_sequence(&f, false);
    double absorb = ui_bench_absorb(&b, &f);
    double idle = ui_bench_idle(&f);
    ui_frame_free(&f);
    ui_bench_close(&b);
    ps_bench_heading(out, "ui", "frame update+draw on a 200x60 screen, absorption, idle CPU");
    snprintf(note, sizeof(note), "target <= 1 ms (%.1f %% of cells changed)", changed);
    ps_bench_report(out, "frame, one new event", typical, "ms", note);
    ps_bench_report(out, "frame, full repaint (100 % cells)", full, "ms", "target <= 4 ms");
    snprintf(note, sizeof(note), "target <= 1 ms (%.1f %% of cells changed)", seq_changed);
    ps_bench_report(out, "sequence view frame, one new event", seq, "ms", note);
    snprintf(note, sizeof(note), "target >= 5 M/s, drawing at 60 Hz");
    ps_bench_report(out, "events absorbed", absorb / 1e6, "M events/s", note);
    ps_bench_report(out, "idle CPU, finished demo on screen", idle, "%", "target <= 0.3 %");
    return 0;
}
