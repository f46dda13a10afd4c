/* SPDX-License-Identifier: MIT */
/*
 * procscope run: start a demo (or any probe-using program) under the
 * supervisor, then either hand it to the TUI or, headless, print its own
 * output (--headless) or its events (--events), optionally recording.
 */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_opts.h"
#include "cli/cli_session.h"
#include "supervisor/catalog.h"
#include "supervisor/supervisor.h"
#include "ui/term.h"
#include "ui/ui.h"

static const char ps_cli_run_help[] =
    "usage: procscope run DEMO [ARG…] [options]\n"
    "       procscope run [options] -- CMD [ARG…]\n"
    "\n"
    "Run a demo (see 'procscope list') or any program that uses the probe API.\n"
    "  --headless               no TUI: the demo's own output, as the Python script prints it\n"
    "  --events[=text|jsonl|story] no TUI: one line per event on stdout\n"
    "  --record FILE            also record the session to FILE (.psrec)\n"
    "  --step                   start paused, one event per keypress (TUI only)\n"
    "  --time-scale F           multiply every demo sleep by F (0 = no sleeps)\n"
    "On a non-terminal, run is headless unless --events is given.\n";

/* The program to run: a demo's binary and its arguments, or the command after "--". */
struct ps_cli_program {
    char *argv[64];
    char path[PATH_MAX];
    char name[64];
};

/* Resolve DEMO [ARG…] or -- CMD… into a program; returns 0 or an exit code. */
static int ps_cli_run_program(const struct ps_cli_args *args, struct ps_cli_program *prog)
{
    if (args->has_command && args->positional_count > 0) {
        return ps_cli_usage_error("give either a demo or '-- CMD', not both");
    }
    char **words = args->has_command ? args->command : args->positional;
    int count = args->has_command ? args->command_count : args->positional_count;
    if (count == 0) {
        return ps_cli_usage_error(args->has_command ? "missing program after '--'"
                                                    : "missing demo name (see 'procscope list')");
    }
    if (count >= (int)(sizeof prog->argv / sizeof prog->argv[0])) {
        return ps_cli_usage_error("too many arguments (%d)", count);
    }
    if (args->has_command) {
        strlcpy(prog->path, words[0], sizeof prog->path);
        char base[PATH_MAX];
        strlcpy(base, words[0], sizeof base);
        strlcpy(prog->name, basename(base), sizeof prog->name);
    } else {
        const struct ps_demo *demo = ps_demo_find(words[0]);
        if (!demo) {
            return ps_cli_usage_error("unknown demo '%s' (see 'procscope list')", words[0]);
        }
        if (ps_demo_path(demo, prog->path, sizeof prog->path) < 0) {
            return ps_cli_fail(EX_SOFTWARE, "the program of demo '%s' is missing (build it)",
                               demo->name);
        }
        strlcpy(prog->name, demo->name, sizeof prog->name);
    }
    prog->argv[0] = prog->path;
    for (int i = 1; i < count; i++) {
        prog->argv[i] = words[i];
    }
    prog->argv[count] = NULL;
    return 0;
}

int ps_cli_run(int argc, char **argv)
{
    struct ps_cli_opts opts;
    struct ps_cli_args args;
    int rc = ps_cli_opts_parse(argc, argv, true, &opts, &args);
    if (rc != 0) {
        return rc;
    }
    if (args.help) {
        fputs(ps_cli_run_help, stdout);
        return 0;
    }
    struct ps_cli_program prog;
    rc = ps_cli_run_program(&args, &prog);
    if (rc != 0) {
        return rc;
    }
    if (!opts.output_given && !ps_cli_interactive()) {
        opts.output = PS_CLI_OUT_HEADLESS;
    }
    if (opts.output == PS_CLI_OUT_TUI && !opts.step && ps_cli_interactive() && !ui_term_can_draw()) {
        /* TERM=dumb and the like: one clear line, then the demo headless (not a garbled screen) */
        const char *term = getenv("TERM");
        fprintf(stderr, "procscope: this terminal (TERM=%s) cannot move the cursor: running %s "
                        "headless (--events shows its events)\n",
                term && term[0] ? term : "unset", prog.name);
        opts.output = PS_CLI_OUT_HEADLESS;
    }
    if (opts.step && opts.output != PS_CLI_OUT_TUI) {
        return ps_cli_usage_error("--step needs the TUI (it waits for keypresses)");
    }
    if (opts.output == PS_CLI_OUT_TUI) {
        if (!ps_cli_interactive()) {
            return ps_cli_usage_error("the TUI needs a terminal; use --headless or --events");
        }
        struct ui_live_opts live = {
            .demo = prog.name,
            .argv = prog.argv,
            .time_scale = opts.time_scale,
            .step = opts.step,
            .record_path = opts.record_path,
        };
        return ui_run_live(&live);
    }
    return ps_cli_session_run_headless(prog.name, prog.argv, &opts);
}
