/* SPDX-License-Identifier: MIT */
#include "cli/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/siglatch.h"
#include "core/termsafe.h"
#include "ui/ui.h"

/* The same words as procscope(1) (src/cli/doc/procscope.1), which says more. */
static const char ps_cli_help[] =
    "usage: procscope [COMMAND] [OPTIONS]\n"
    "\n"
    "See multiprocessing happen: run programs as real processes and watch their events live.\n"
    "\n"
    "  procscope                         demo picker (TUI); on a non-terminal: list demos\n"
    "  procscope list [--json]           demos, one line each: name, alias, what it shows\n"
    "  procscope run DEMO [ARG…] [options]   run a demo live in the TUI\n"
    "  procscope run [options] -- CMD…   run any program that uses the probe API\n"
    "      --headless                    no TUI: the program's own output\n"
    "      --events[=text|jsonl|story]   no TUI: one line per event on standard output\n"
    "      --record FILE                 also record the session to FILE (.psrec)\n"
    "      --record-host                 keep the host name and the program's full path\n"
    "      --step                        start paused, one event per keypress (TUI only)\n"
    "      --time-scale F                multiply every demo sleep by F (0 = no sleeps)\n"
    "      --view panes|sequence         start in the panes or the sequence view (TUI; v)\n"
    "      --lang c|python               run the demo's C (default) or Python version\n"
    "      --python=auto|off             hook a Python program (auto) or run it as is\n"
    "  procscope replay FILE [--headless | --events[=text|jsonl|story]] [--view panes|sequence]\n"
    "                                    replay a recording (TUI, or printed)\n"
    "  procscope info FILE [--json]      header, duration, processes, counts, integrity\n"
    "  procscope export FILE --format chrome|jsonl|text|asciicast|svg [-o OUT|-]\n"
    "                                    convert a recording (default OUT: stdout)\n"
    "  procscope screen FILE [--event N | --at S] [--size WxH] [--view panes|sequence]\n"
    "                   [--format text|ansi|svg]  the replay's screen, without a terminal\n"
    "  procscope bench [ring|ipc|replay|python|ui]…  built-in benchmarks\n"
    "  procscope --help | --version\n"
    "\n"
    "Exit status: 0 success, 64 usage error, 65 malformed input file, 66 missing input\n"
    "file, 69 a needed program is missing, 70 internal error, 74 I/O error, 128+N signal N\n"
    "ended procscope; a headless run returns the program's own exit status.\n"
    "See procscope(1) for the keys, the JSON shapes, environment and files.\n";

/* Print "procscope: <message escaped><tail>" on stderr (arguments and file names are echoed). */
/* Longer messages keep their head and tail (a 100 KB file name is not a message). */
#define PS_CLI_MSG_MAX 400
#define PS_CLI_MSG_HEAD 200
#define PS_CLI_MSG_TAIL 160

/* Where to cut `text` at or before `at` so that no UTF-8 character is split. */
static size_t ps_cli_cut(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80) {
        at--;
    }
    return at;
}

/* Print one escaped message line; an over-long one loses its middle, saying how much. */
__attribute__((format(printf, 1, 0))) static void ps_cli_vprint(const char *fmt, va_list ap,
                                                             const char *tail)
{
    char *text = NULL;
    int n = vasprintf(&text, fmt, ap);
    fputs("procscope: ", stderr);
    if (n < 0) {
        fputs("(no memory for the message)", stderr);
    } else if ((size_t)n <= PS_CLI_MSG_MAX) {
        ps_term_fput(stderr, text, (size_t)n);
    } else {
        size_t head = ps_cli_cut(text, PS_CLI_MSG_HEAD);
        size_t tail_at = ps_cli_cut(text, (size_t)n - PS_CLI_MSG_TAIL);
        ps_term_fput(stderr, text, head);
        fprintf(stderr, "…[%zu bytes]…", tail_at - head);
        ps_term_fput(stderr, text + tail_at, (size_t)n - tail_at);
    }
    free(text);
    fputs(tail, stderr);
}

void ps_cli_notice(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_cli_vprint(fmt, ap, "\n");
    va_end(ap);
}

int ps_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_cli_vprint(fmt, ap, " (try 'procscope --help')\n");
    va_end(ap);
    return EX_USAGE;
}

int ps_cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ps_cli_vprint(fmt, ap, "\n");
    va_end(ap);
    return code;
}

int ps_cli_exit_for_errno(int err)
{
    switch (-err) {
    case ENOENT:
    case ENOTDIR:
    case ENODEV: /* PS_TRACE_NOT_REGULAR: a FIFO, a device … given as a recording */
    case ENAMETOOLONG:
    case ELOOP:
        return EX_NOINPUT;
    case EPROTO:
    case EBADMSG:
    case EILSEQ:
    case EOVERFLOW:
    case ERANGE:
    case EISDIR:
        return EX_DATAERR;
    case EACCES:
    case EPERM:
        return EX_NOINPUT;
    case EIO:
    case ENOSPC:
    case EROFS:
    case EDQUOT:
    case EPIPE:
        return EX_IOERR;
    default:
        return EX_SOFTWARE;
    }
}

int ps_cli_parse_time_scale(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !isfinite(v) || v < 0 || v > 1000) {
        return -EINVAL;
    }
    *out = v;
    return 0;
}

int ps_cli_parse_events_format(const char *text, enum ps_cli_output *out)
{
    if (!text || strcmp(text, "text") == 0) {
        *out = PS_CLI_OUT_EVENTS_TEXT;
    } else if (strcmp(text, "jsonl") == 0) {
        *out = PS_CLI_OUT_EVENTS_JSONL;
    } else if (strcmp(text, "story") == 0) {
        *out = PS_CLI_OUT_EVENTS_STORY;
    } else {
        return -EINVAL;
    }
    return 0;
}

bool ps_cli_output_events(enum ps_cli_output output, enum ps_print_format *fmt)
{
    switch (output) {
    case PS_CLI_OUT_EVENTS_TEXT:
        *fmt = PS_PRINT_TEXT;
        return true;
    case PS_CLI_OUT_EVENTS_JSONL:
        *fmt = PS_PRINT_JSONL;
        return true;
    case PS_CLI_OUT_EVENTS_STORY:
        *fmt = PS_PRINT_STORY;
        return true;
    default:
        return false;
    }
}

bool ps_cli_interactive(void)
{
    return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

static const struct {
    const char *name;
    int (*fn)(int argc, char **argv);
} ps_cli_commands[] = {
    {"list", ps_cli_list},     {"run", ps_cli_run},       {"replay", ps_cli_replay},
    {"info", ps_cli_info},     {"export", ps_cli_export}, {"bench", ps_cli_bench},
    {"screen", ps_cli_screen},
};

int ps_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        if (!ps_cli_interactive()) {
            return ps_cli_list(1, argv);
        }
        ps_siglatch_hold(); /* before the terminal is touched: a signal ends us cleanly */
        return ui_run_picker(-1);
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(ps_cli_help, stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("procscope %s\n", PS_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof ps_cli_commands / sizeof ps_cli_commands[0]; i++) {
        if (strcmp(cmd, ps_cli_commands[i].name) == 0) {
            if (ps_cli_commands[i].fn == ps_cli_run || ps_cli_commands[i].fn == ps_cli_replay) {
                ps_siglatch_hold(); /* they own children or the terminal: clean up, 128+N */
            }
            return ps_cli_commands[i].fn(argc - 1, argv + 1);
        }
    }
    if (cmd[0] == '-') {
        return ps_cli_usage_error("unknown option '%s'", cmd);
    }
    return ps_cli_usage_error("unknown command '%s'", cmd);
}
