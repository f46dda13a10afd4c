/* SPDX-License-Identifier: MIT */
/*
 * The command line: parsing, dispatch to subcommands, and the mapping from
 * errors to exit codes (<sysexits.h>: 64 usage, 65 malformed input file,
 * 66 missing input file, 70 internal error, 74 I/O error).
 */
#ifndef PS_CLI_CLI_H
#define PS_CLI_CLI_H

#include <stdbool.h>

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

/* Print "procscope: <message> (try 'procscope --help')" and return 64. */
int ps_cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

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
