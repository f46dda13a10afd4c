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

#include "core/termsafe.h"
#include "ui/ui.h"

static const char ps_cli_help[] =
    "usage: procscope [COMMAND] [OPTIONS]\n"
    "\n"
    "See multiprocessing happen: run demos as real processes and watch them live.\n"
    "\n"
    "  procscope                         demo picker (TUI); on a non-terminal: list demos\n"
    "  procscope list                    demos, one line each: name, alias, what it shows\n"
    "  procscope run DEMO [ARG…] [options]   run a demo live in the TUI\n"
    "  procscope run [options] -- CMD…   run any program that uses the probe API\n"
    "      --headless                    no TUI: the demo's own output, as Python prints it\n"
    "      --events[=text|jsonl|story]   no TUI: one line per event on stdout\n"
    "      --record FILE                 also record the session to FILE (.psrec)\n"
    "      --step                        start paused, one event per keypress (TUI)\n"
    "      --time-scale F                multiply every demo sleep by F (0 = no sleeps)\n"
    "  procscope replay FILE [--headless | --events[=text|jsonl|story]]\n"
    "                                    replay a recording (TUI, or printed)\n"
    "  procscope info FILE               header, duration, processes, counts, integrity\n"
    "  procscope export FILE --format chrome|jsonl|text [-o OUT]\n"
    "                                    convert a recording (default OUT: stdout)\n"
    "  procscope bench [ring|ipc|replay|ui]…  built-in benchmarks\n"
    "  procscope --help | --version\n"
    "\n"
    "Exit codes: 0 ok, 64 usage, 65 bad input file, 66 missing input file,\n"
    "70 internal error, 74 I/O error; a headless run returns the demo's own status.\n";

int ps_cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("procscope: ", stderr);
    ps_term_vfprintf(stderr, fmt, ap); /* arguments are echoed: escaped */
    fputs(" (try 'procscope --help')\n", stderr);
    va_end(ap);
    return EX_USAGE;
}

int ps_cli_fail(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("procscope: ", stderr);
    ps_term_vfprintf(stderr, fmt, ap); /* file names and file contents are echoed: escaped */
    fputc('\n', stderr);
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
};

int ps_cli_main(int argc, char **argv)
{
    if (argc < 2) {
        if (!ps_cli_interactive()) {
            return ps_cli_list(1, argv);
        }
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
            return ps_cli_commands[i].fn(argc - 1, argv + 1);
        }
    }
    if (cmd[0] == '-') {
        return ps_cli_usage_error("unknown option '%s'", cmd);
    }
    return ps_cli_usage_error("unknown command '%s'", cmd);
}
