/* SPDX-License-Identifier: MIT */
/*
 * The command line: parsing, dispatch to subcommands, and the mapping from
 * errors to exit codes (<sysexits.h>: 64 usage, 65 malformed input file,
 * 66 missing input file, 70 internal error, 74 I/O error).
 */
#ifndef PS_CLI_CLI_H
#define PS_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "export/printer.h"

/* What a run or replay prints instead of (or besides) the TUI. */
enum ps_cli_output {
    PS_CLI_OUT_TUI,          /* the ncurses front end */
    PS_CLI_OUT_HEADLESS,     /* the demo's own output, as the Python script prints it */
    PS_CLI_OUT_EVENTS_TEXT,  /* one readable line per event */
    PS_CLI_OUT_EVENTS_JSONL, /* one JSON object per event */
    PS_CLI_OUT_EVENTS_STORY, /* one plain sentence per event */
};

/* Options shared by `run` and `replay`. */
struct ps_cli_opts {
    enum ps_cli_output output;
    bool output_given;       /* --headless or --events was on the command line */
    const char *record_path; /* --record FILE */
    bool step;               /* --step */
    double time_scale;       /* --time-scale F; < 0 when not given */
    bool python_off;         /* --python=off: run a Python program without the hook */
    bool lang_python;        /* --lang python: the demo's Python version */
    bool sequence;           /* --view sequence: start in the sequence view */
};

/* True when `output` prints events; *fmt is then the printer's format. */
bool ps_cli_output_events(enum ps_cli_output output, enum ps_print_format *fmt);

/* Entry point: returns the process exit code. */
int ps_cli_main(int argc, char **argv);

/* The subcommands; argv[0] is the subcommand's name. */
int ps_cli_list(int argc, char **argv);
int ps_cli_run(int argc, char **argv);
int ps_cli_replay(int argc, char **argv);
int ps_cli_info(int argc, char **argv);
int ps_cli_export(int argc, char **argv);
int ps_cli_bench(int argc, char **argv);
int ps_cli_screen(int argc, char **argv);

/*
 * export --format asciicast|svg: check --size/--speed for `format` (they are
 * refused for other formats); 0 or exit code 64 after one line.
 */
int ps_cli_screen_export_check(const char *format, const char *size, const char *speed);

/*
 * Load recording `path` and write its replay as an asciicast (svg false) or
 * its whole sequence view as SVG to `out`. Returns 0 or -errno, `err` saying why.
 */
int ps_cli_screen_export(const char *path, bool svg, const char *size, const char *speed,
                         FILE *out, char *err, size_t errlen);

/* Parse "WxH" (40x12 .. 500x500). Returns 0, -EINVAL (not WxH) or -ERANGE. */
int ps_cli_parse_size(const char *text, int *cols, int *rows);

/* Print "procscope: <message> (try 'procscope --help')" and return 64. */
int ps_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "procscope: <message>" on stderr, escaped, for something the user should know (not an error). */
void ps_cli_notice(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "procscope: <message>" and return `code`. */
int ps_cli_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The exit code for a negative errno from a file operation (ENOENT -> 66, EPROTO -> 65, …). */
int ps_cli_exit_for_errno(int err);

/* Parse --time-scale's argument: a finite number from 0 to 1000. Returns 0 or -EINVAL. */
int ps_cli_parse_time_scale(const char *text, double *out);

/* Parse --events' optional argument (NULL: text). Returns 0 or -EINVAL. */
int ps_cli_parse_events_format(const char *text, enum ps_cli_output *out);

/* True when both stdin and stdout are terminals (the TUI can run). */
bool ps_cli_interactive(void);

#endif /* PS_CLI_CLI_H */
