/* SPDX-License-Identifier: MIT */
/*
 * `procscope screen FILE [--event N | --at SECONDS] [--size WxH]
 *  [--view panes|sequence] [--format text|ansi|svg]`: the screen the replay
 * shows at that point, printed without a terminal (ui/screen_render.h).
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "session/session.h"
#include "trace/trace_load.h"
#include "ui/screen_cast.h"
#include "ui/screen_render.h"

#define PS_SCREEN_ERR_MAX 256

struct ps_screen_args {
    const char *path;
    const char *event;  /* --event N (NULL: the end) */
    const char *at;     /* --at SECONDS */
    int rows, cols;
    bool sequence;
    enum ui_screen_format format;
};

static const char ps_screen_help[] =
    "usage: procscope screen FILE [--event N | --at SECONDS] [--size WxH]\n"
    "                        [--view panes|sequence] [--format text|ansi|svg]\n"
    "Print the screen the replay of FILE shows with N events applied (default: all),\n"
    "or at SECONDS from the start, as text, ANSI colours or an SVG picture.\n"
    "Size from 40x12 to 500x500 (default 80x24). Glyphs follow the locale (LC_ALL=C: ASCII),\n"
    "colours NO_COLOR.";

/* "WxH" with both in range; 0 or -EINVAL. */
int ps_cli_parse_size(const char *text, int *cols, int *rows)
{
    char *end = NULL;
    errno = 0;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X') || errno) {
        return -EINVAL;
    }
    const char *h_text = end + 1;
    long h = strtol(h_text, &end, 10);
    if (end == h_text || *end != '\0' || errno || text[0] == '-' || h_text[0] == '-') {
        return -EINVAL;
    }
    if (w < UI_SCREEN_MIN_COLS || w > UI_SCREEN_MAX_COLS || h < UI_SCREEN_MIN_ROWS ||
        h > UI_SCREEN_MAX_ROWS) {
        return -ERANGE;
    }
    *cols = (int)w;
    *rows = (int)h;
    return 0;
}

/* The option values; 0 or an exit code. */
static int ps_screen_option(struct ps_screen_args *a, int opt, const char *arg)
{
    switch (opt) {
    case 'e':
        a->event = arg;
        return 0;
    case 'a':
        a->at = arg;
        return 0;
    case 's': {
        int rc = ps_cli_parse_size(arg, &a->cols, &a->rows);
        if (rc == -ERANGE) {
            return ps_cli_usage_error("--size %s: from %dx%d to %dx%d", arg, UI_SCREEN_MIN_COLS,
                                      UI_SCREEN_MIN_ROWS, UI_SCREEN_MAX_COLS, UI_SCREEN_MAX_ROWS);
        }
        return rc < 0 ? ps_cli_usage_error("--size takes WxH, like 80x24 (not '%s')", arg) : 0;
    }
    case 'v':
        if (strcmp(arg, "panes") != 0 && strcmp(arg, "sequence") != 0) {
            return ps_cli_usage_error("--view takes panes or sequence (not '%s')", arg);
        }
        a->sequence = strcmp(arg, "sequence") == 0;
        return 0;
    default: /* 'f' */
        if (strcmp(arg, "text") == 0) {
            a->format = UI_SCREEN_TEXT;
        } else if (strcmp(arg, "ansi") == 0) {
            a->format = UI_SCREEN_ANSI;
        } else if (strcmp(arg, "svg") == 0) {
            a->format = UI_SCREEN_SVG;
        } else {
            return ps_cli_usage_error("--format takes text, ansi or svg (not '%s')", arg);
        }
        return 0;
    }
}

/* Parse the command line; 0, -1 after --help, or an exit code. */
static int ps_screen_parse(int argc, char **argv, struct ps_screen_args *a)
{
    static const struct option longopts[] = {
        {"event", required_argument, NULL, 'e'}, {"at", required_argument, NULL, 'a'},
        {"size", required_argument, NULL, 's'},  {"view", required_argument, NULL, 'v'},
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (opt == 'h') {
            puts(ps_screen_help);
            return -1;
        }
        if (opt == '?' || opt == ':') {
            return ps_cli_usage_error("screen: unknown option or missing value: %s",
                                      argv[optind - 1]);
        }
        int rc = ps_screen_option(a, opt, optarg);
        if (rc != 0) {
            return rc;
        }
    }
    if (optind != argc - 1) {
        return ps_cli_usage_error(optind < argc ? "'screen' takes one FILE"
                                                : "'screen' needs a recording FILE");
    }
    if (a->event && a->at) {
        return ps_cli_usage_error("screen: --event and --at are exclusive");
    }
    a->path = argv[optind];
    return 0;
}

/* The cursor asked for: --event N (0..count), --at SECONDS, or the end; 0 or an exit code. */
static int ps_screen_cursor(const struct ps_screen_args *a, const struct ps_session *s,
                            uint64_t *cursor)
{
    uint64_t count = ps_session_count(s);
    char *end = NULL;
    *cursor = count;
    if (a->event) {
        errno = 0;
        unsigned long long n = strtoull(a->event, &end, 10);
        if (end == a->event || *end != '\0' || errno || a->event[0] == '-' || n > count) {
            return ps_cli_usage_error("--event %s: an event number from 0 to %llu", a->event,
                                      (unsigned long long)count);
        }
        *cursor = n;
    } else if (a->at) {
        errno = 0;
        double t = strtod(a->at, &end);
        if (end == a->at || *end != '\0' || errno || !isfinite(t) || t < 0 || t > 1e9) {
            return ps_cli_usage_error("--at %s: a time in seconds, like 2.5", a->at);
        }
        *cursor = ui_screen_index_at(s, (uint64_t)(t * 1e9 + 0.5));
    }
    return 0;
}

/* Draw and print; 0 or an exit code. */
static int ps_screen_print(const struct ps_screen_args *a, struct ps_session *s, uint64_t cursor)
{
    struct ui_screen *scr = ui_screen_open(a->rows, a->cols);
    if (!scr) {
        return ps_cli_fail(EX_SOFTWARE, "cannot open an off-screen terminal: %s",
                           strerror(errno));
    }
    int rc = ui_screen_draw_replay(scr, s, a->path, cursor, a->sequence, 0);
    struct ui_cells cells = {0};
    if (rc == 0) {
        ui_screen_grab(scr, &cells);
    }
    ui_screen_close(scr);
    if (rc < 0) {
        return ps_cli_fail(ps_cli_exit_for_errno(rc), "%s: cannot read event %llu: %s", a->path,
                           (unsigned long long)cursor, strerror(-rc));
    }
    rc = ui_cells_write(&cells, a->format, stdout);
    ui_cells_free(&cells);
    if (rc < 0 || fflush(stdout) == EOF) {
        return ps_cli_fail(EX_IOERR, "cannot write the screen: %s", strerror(errno));
    }
    return 0;
}

int ps_cli_screen(int argc, char **argv)
{
    struct ps_screen_args a = {.rows = 24, .cols = 80, .format = UI_SCREEN_TEXT};
    int rc = ps_screen_parse(argc, argv, &a);
    if (rc != 0) {
        return rc < 0 ? 0 : rc;
    }
    struct ps_session *s = ps_session_new();
    if (!s) {
        return ps_cli_fail(EX_SOFTWARE, "out of memory");
    }
    ps_session_follow(s, false);
    char err[PS_SCREEN_ERR_MAX] = "";
    rc = ps_trace_load(a.path, s, NULL, err, sizeof err);
    if (rc < 0) {
        int code = rc == -ENOENT ? ps_cli_fail(EX_NOINPUT, "%s: no such file", a.path)
                                 : ps_cli_fail(ps_cli_exit_for_errno(rc), "%s: %s", a.path,
                                               err[0] ? err : strerror(-rc));
        ps_session_free(s);
        return code;
    }
    uint64_t cursor = 0;
    rc = ps_screen_cursor(&a, s, &cursor);
    if (rc == 0) {
        rc = ps_screen_print(&a, s, cursor);
    }
    ps_session_free(s);
    return rc;
}

/* --speed F: a finite factor from 0.01 to 1000; 0 or -EINVAL. */
static int ps_screen_parse_speed(const char *text, double *speed)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || errno || !isfinite(v) || v < 0.01 || v > 1000) {
        return -EINVAL;
    }
    *speed = v;
    return 0;
}

int ps_cli_screen_export_check(const char *format, const char *size, const char *speed)
{
    bool cast = strcmp(format, "asciicast") == 0;
    bool svg = strcmp(format, "svg") == 0;
    int cols;
    int rows;
    double f;
    if ((size && !cast && !svg) || (speed && !cast)) {
        return ps_cli_usage_error("--%s is not for --format %s", size && !cast && !svg ? "size"
                                                                                       : "speed",
                                  format);
    }
    if (size && ps_cli_parse_size(size, &cols, &rows) < 0) {
        return ps_cli_usage_error("--size takes WxH from %dx%d to %dx%d (not '%s')",
                                  UI_SCREEN_MIN_COLS, UI_SCREEN_MIN_ROWS, UI_SCREEN_MAX_COLS,
                                  UI_SCREEN_MAX_ROWS, size);
    }
    if (speed && ps_screen_parse_speed(speed, &f) < 0) {
        return ps_cli_usage_error("--speed takes a factor from 0.01 to 1000 (not '%s')", speed);
    }
    return 0;
}

int ps_cli_screen_export(const char *path, bool svg, const char *size, const char *speed,
                         FILE *out, char *err, size_t errlen)
{
    struct ui_cast_opts o = {.path = path, .rows = 24, .cols = svg ? 120 : 80, .speed = 1};
    if (size) {
        ps_cli_parse_size(size, &o.cols, &o.rows);
    }
    if (speed) {
        ps_screen_parse_speed(speed, &o.speed);
    }
    struct ps_session *s = ps_session_new();
    if (!s) {
        return -ENOMEM;
    }
    ps_session_follow(s, false);
    int rc = ps_trace_load(path, s, NULL, err, errlen);
    if (rc >= 0) {
        rc = svg ? ui_screen_sequence_svg(s, o.cols, out) : ui_screen_cast(s, &o, out);
        if (rc < 0 && !err[0]) {
            snprintf(err, errlen, "cannot render the recording: %s", strerror(-rc));
        }
    }
    ps_session_free(s);
    return rc < 0 ? rc : 0;
}
