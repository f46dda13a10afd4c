/* SPDX-License-Identifier: MIT */
/* Headless sessions: run a program under the supervisor, or stream a recording, into printers. */
#ifndef PS_CLI_CLI_SESSION_H
#define PS_CLI_CLI_SESSION_H

#include "cli/cli.h"
#include "session/sink.h"

/*
 * Run `argv` to completion without the TUI: --headless passes the program's
 * output through, --events prints each event; --record also writes FILE.
 * Ctrl-C, SIGTERM and SIGHUP stop the program and everything it started.
 * Returns the exit code: the program's own status (128+N when killed by
 * signal N), or a sysexits code when procscope itself failed.
 */
int ps_cli_session_run_headless(const char *name, char *const *argv,
                                const struct ps_cli_opts *opts);

/*
 * A sink that prints what the processes printed (output and captured lines),
 * control characters escaped, to stdout (stream 2 to stderr).
 */
struct ps_sink ps_cli_output_sink(void);

#endif /* PS_CLI_CLI_SESSION_H */
