/* SPDX-License-Identifier: MIT */
/* Parsing of the options `run` and `replay` share (getopt_long, our own messages). */
#ifndef PS_CLI_CLI_OPTS_H
#define PS_CLI_CLI_OPTS_H

#include <stdbool.h>

#include "cli/cli.h"

/* What is left after the options. */
struct ps_cli_args {
    char **positional;   /* non-option arguments before any "--" */
    int positional_count;
    bool has_command;    /* a "--" was given */
    char **command;      /* what follows "--" (NULL-terminated, from argv) */
    int command_count;
    bool help;           /* --help or -h */
};

/*
 * Parse argv (argv[0] is the subcommand). `live` allows the options that only
 * `run` takes (--record, --step, --time-scale). Returns 0, or an exit code
 * (64) after printing a one-line message.
 */
int ps_cli_opts_parse(int argc, char **argv, bool live, struct ps_cli_opts *opts,
                      struct ps_cli_args *args);

#endif /* PS_CLI_CLI_OPTS_H */
