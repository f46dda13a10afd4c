/* SPDX-License-Identifier: MIT */
/* The commands that read a recording: replay, info, export. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_opts.h"
#include "cli/cli_session.h"
#include "export/export_chrome.h"
#include "export/printer.h"
#include "session/session.h"
#include "trace/trace_info.h"
#include "trace/trace_load.h"
#include "trace/trace_reader.h"
#include "ui/ui.h"

#define PS_CLI_ERR_MAX 256

/* Print the reader's message for a failed read and return the exit code for it. */
static int ps_cli_read_failed(const char *path, int rc, const char *err)
{
    if (rc == -ENOENT) {
        return ps_cli_fail(EX_NOINPUT, "%s: no such file", path);
    }
    return ps_cli_fail(ps_cli_exit_for_errno(rc), "%s: %s", path,
                       err[0] ? err : strerror(-rc));
}

/* Stream a recording into one sink; 0 or an exit code. */
static int ps_cli_stream(const char *path, const struct ps_sink *sink)
{
    char err[PS_CLI_ERR_MAX] = "";
    int rc = ps_trace_read(path, sink, err, sizeof err);
    return rc < 0 ? ps_cli_read_failed(path, rc, err) : 0;
}

/*
 * replay FILE in the TUI: load the recording into a session, then hand it
 * over. Loading checks the file and attaches its blocks; they are decoded
 * when the replay first reaches them (trace_load.h).
 */
static int ps_cli_replay_tui(const char *path)
{
    struct ps_session *session = ps_session_new();
    if (!session) {
        return ps_cli_fail(EX_SOFTWARE, "out of memory");
    }
    ps_session_follow(session, false);
    char err[PS_CLI_ERR_MAX] = "";
    int rc = ps_trace_load(path, session, NULL, err, sizeof err);
    int code = rc < 0 ? ps_cli_read_failed(path, rc, err) : 0;
    if (code == 0) {
        code = ui_run_replay(session, path);
    }
    ps_session_free(session);
    return code;
}

/* replay FILE --events / --headless: print the session as it was. */
static int ps_cli_replay_print(const char *path, enum ps_cli_output output)
{
    if (output == PS_CLI_OUT_HEADLESS) {
        struct ps_sink sink = ps_cli_output_sink();
        int code = ps_cli_stream(path, &sink);
        return code == 0 && fflush(stdout) == EOF ? EX_IOERR : code;
    }
    enum ps_print_format fmt = PS_PRINT_TEXT;
    (void)ps_cli_output_events(output, &fmt);
    struct ps_printer *printer = ps_printer_new(stdout, fmt);
    if (!printer) {
        return ps_cli_fail(EX_SOFTWARE, "cannot set up the event printer");
    }
    struct ps_sink sink = ps_printer_sink(printer);
    int code = ps_cli_stream(path, &sink);
    ps_printer_free(printer);
    if (code == 0 && fflush(stdout) == EOF) {
        code = ps_cli_fail(EX_IOERR, "cannot write the output: %s", strerror(errno));
    }
    return code;
}

/* Exactly one FILE argument; 0 or an exit code. */
static int ps_cli_one_file(const struct ps_cli_args *args, const char *cmd, const char **path)
{
    if (args->has_command) {
        return ps_cli_usage_error("'%s' does not take '--'", cmd);
    }
    if (args->positional_count != 1) {
        return ps_cli_usage_error(args->positional_count ? "'%s' takes one FILE"
                                                         : "'%s' needs a recording FILE",
                                  cmd);
    }
    *path = args->positional[0];
    return 0;
}

int ps_cli_replay(int argc, char **argv)
{
    struct ps_cli_opts opts;
    struct ps_cli_args args;
    int rc = ps_cli_opts_parse(argc, argv, false, &opts, &args);
    if (rc != 0) {
        return rc;
    }
    if (args.help) {
        puts("usage: procscope replay FILE [--headless | --events[=text|jsonl|story]]\n"
             "Replay a recording in the TUI (space play/pause, arrows step, ? for keys),\n"
             "or print what its processes printed (--headless) or its events (--events).");
        return 0;
    }
    const char *path = NULL;
    rc = ps_cli_one_file(&args, "replay", &path);
    if (rc != 0) {
        return rc;
    }
    if (!opts.output_given && !ps_cli_interactive()) {
        opts.output = PS_CLI_OUT_EVENTS_TEXT;
    }
    if (opts.output == PS_CLI_OUT_TUI) {
        return ps_cli_replay_tui(path);
    }
    return ps_cli_replay_print(path, opts.output);
}

int ps_cli_info(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: procscope info FILE\n"
             "Header, duration, processes and their exit statuses, event counts per type,\n"
             "drops, torn slots, blocks, and whether the file is complete or cut short.");
        return 0;
    }
    if (argc != 2) {
        return ps_cli_usage_error(argc < 2 ? "'info' needs a recording FILE"
                                           : "'info' takes one FILE");
    }
    if (argv[1][0] == '-') {
        return ps_cli_usage_error("unknown option '%s' for 'info'", argv[1]);
    }
    char err[PS_CLI_ERR_MAX] = "";
    int rc = ps_trace_info(argv[1], stdout, err, sizeof err);
    if (rc < 0) {
        return ps_cli_read_failed(argv[1], rc, err);
    }
    return fflush(stdout) == EOF ? EX_IOERR : 0;
}
