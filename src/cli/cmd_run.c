/* SPDX-License-Identifier: MIT */
/*
 * procscope run: start a demo (or any probe-using program) under the
 * supervisor, then either hand it to the TUI or, headless, print its own
 * output (--headless) or its events (--events), optionally recording.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_opts.h"
#include "cli/cli_session.h"
#include "core/xalloc.h"
#include "ui/catalog.h"
#include "supervisor/python.h"
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
    "  --record-host            keep the host name and the program's full path\n"
    "  --step                   start paused, one event per keypress (TUI only)\n"
    "  --time-scale F           multiply every demo sleep by F (0 = no sleeps)\n"
    "  --view panes|sequence    start in the panes or the sequence view (TUI; v toggles)\n"
    "  --lang c|python          run the demo's C (default) or Python version\n"
    "  --python=auto|off        hook a Python program (auto, the default) or run it as is\n"
    "A Python script may be given directly: procscope run script.py [ARG…]\n"
    "On a non-terminal, run is headless unless --events is given.\n";

/* The program to run: a demo's binary and its arguments, or the command after "--". */
struct ps_cli_program {
    char **argv; /* count + 2 entries, NULL-terminated; owned (ps_cli_program_free) */
    char path[PATH_MAX];
    char script[PATH_MAX]; /* a Python program's script, run by the interpreter at path */
    char name[64];
};

/*
 * Run `script` with python3: path = the interpreter, argv[1] = the script.
 * Returns 0, or 69 (EX_UNAVAILABLE) with one line when there is no python3.
 */
static int ps_cli_run_python(struct ps_cli_program *prog, const char *script)
{
    if (ps_python_find(prog->path, sizeof prog->path) < 0) {
        return ps_cli_fail(EX_UNAVAILABLE, "no python3 in PATH: cannot run '%s'", script);
    }
    strlcpy(prog->script, script, sizeof prog->script);
    prog->argv[1] = prog->script;
    return 0;
}

/* Refuse interpreter flags that would keep the hook out (-I, -E, -S); 0 or 64. */
static int ps_cli_run_python_flags(char *const *argv, const struct ps_cli_opts *opts)
{
    const char *bad = opts->python_off || !ps_python_is_python(argv[0], argv)
                          ? NULL
                          : ps_python_bad_flag(argv);
    if (bad != NULL) {
        return ps_cli_usage_error("python's '%s' skips PYTHONPATH or site, so procscope cannot "
                                  "load its hook; drop it or use --python=off", bad);
    }
    return 0;
}

/* DEMO [ARG…] or SCRIPT.py [ARG…]: fill prog; `shift` is 1 when argv[1] is the script. */
static int ps_cli_run_named(const char *word, const struct ps_cli_opts *opts,
                            struct ps_cli_program *prog, int *shift)
{
    const struct ps_demo *demo = ps_demo_find(word);
    *shift = 0;
    if (!demo && access(word, R_OK) == 0 && ps_python_is_script(word)) {
        strlcpy(prog->name, word, sizeof prog->name);
        *shift = 1;
        return ps_cli_run_python(prog, word);
    }
    if (!demo) {
        return ps_cli_usage_error("unknown demo '%s' (see 'procscope list')", word);
    }
    strlcpy(prog->name, demo->name, sizeof prog->name);
    if (opts->lang_python) {
        char script[PATH_MAX];
        if (ps_python_demo_path(demo->binary, script, sizeof script) < 0) {
            return ps_cli_fail(EX_SOFTWARE, "the Python version of demo '%s' is missing",
                               demo->name);
        }
        *shift = 1;
        return ps_cli_run_python(prog, script);
    }
    if (ps_demo_path(demo, prog->path, sizeof prog->path) < 0) {
        return ps_cli_fail(EX_SOFTWARE, "the program of demo '%s' is missing (build it)",
                           demo->name);
    }
    return 0;
}

/* Release what ps_cli_run_program allocated. */
static void ps_cli_program_free(struct ps_cli_program *prog)
{
    free(prog->argv);
    prog->argv = NULL;
}

/* Resolve DEMO [ARG…] or -- CMD… into a program; returns 0 or an exit code. */
static int ps_cli_run_program(const struct ps_cli_args *args, const struct ps_cli_opts *opts,
                              struct ps_cli_program *prog)
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
    /* One more slot than the words: a Python script goes in after the interpreter. */
    prog->argv = ps_xcalloc((size_t)count + 2, sizeof *prog->argv);
    char *first = words[0];
    int shift = 0;
    if (args->has_command) {
        const char *slash = strrchr(first, '/');
        strlcpy(prog->name, slash ? slash + 1 : first, sizeof prog->name);
    } else {
        int rc = ps_cli_run_named(words[0], opts, prog, &shift);
        if (rc != 0) {
            return rc;
        }
        first = prog->path;
    }
    prog->argv[0] = first;
    for (int i = 1; i < count; i++) {
        prog->argv[i + shift] = words[i];
    }
    prog->argv[count + shift] = NULL;
    return args->has_command ? ps_cli_run_python_flags(prog->argv, opts) : 0;
}

/* Run `prog` the way the options say (TUI or headless); returns the exit code. */
static int ps_cli_run_program_with(struct ps_cli_opts opts, const struct ps_cli_program *prog)
{
    if (!opts.output_given && !ps_cli_interactive()) {
        opts.output = PS_CLI_OUT_HEADLESS;
    }
    if (opts.output == PS_CLI_OUT_TUI && !opts.step && ps_cli_interactive() && !ui_term_can_draw()) {
        /* TERM=dumb and the like: one clear line, then the demo headless (not a garbled screen) */
        const char *term = getenv("TERM");
        ps_cli_notice("this terminal (TERM=%s) cannot move the cursor: running %s headless "
                      "(--events shows its events)",
                      term && term[0] ? term : "unset", prog->name);
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
            .demo = prog->name,
            .argv = prog->argv,
            .time_scale = opts.time_scale,
            .step = opts.step,
            .record_path = opts.record_path,
        };
        ui_set_start_view(opts.sequence);
        return ui_run_live(&live);
    }
    return ps_cli_session_run_headless(prog->name, prog->argv, &opts);
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
    struct ps_cli_program prog = {0};
    ps_python_set_hook(!opts.python_off);
    rc = ps_cli_run_program(&args, &opts, &prog);
    if (rc == 0) {
        rc = ps_cli_run_program_with(opts, &prog);
    }
    ps_cli_program_free(&prog);
    return rc;
}
