/* SPDX-License-Identifier: MIT */
#include "cli/cli_opts.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

enum { PS_OPT_HEADLESS = 256, PS_OPT_EVENTS, PS_OPT_RECORD, PS_OPT_STEP, PS_OPT_TIME_SCALE,
       PS_OPT_HELP };

static const struct option ps_cli_long_opts[] = {
    {"headless", no_argument, NULL, PS_OPT_HEADLESS},
    {"events", optional_argument, NULL, PS_OPT_EVENTS},
    {"record", required_argument, NULL, PS_OPT_RECORD},
    {"step", no_argument, NULL, PS_OPT_STEP},
    {"time-scale", required_argument, NULL, PS_OPT_TIME_SCALE},
    {"help", no_argument, NULL, PS_OPT_HELP},
    {NULL, 0, NULL, 0},
};

/* Only `run` takes the options that start or shape a live session. */
static bool ps_cli_opt_allowed(int opt, bool live)
{
    return live || (opt != PS_OPT_RECORD && opt != PS_OPT_STEP && opt != PS_OPT_TIME_SCALE);
}

/* Set the output mode, refusing a second, different one. */
static int ps_cli_set_output(struct ps_cli_opts *opts, enum ps_cli_output out)
{
    if (opts->output_given && opts->output != out) {
        return -EINVAL;
    }
    opts->output = out;
    opts->output_given = true;
    return 0;
}

/* Apply one parsed option; returns 0, or an exit code (> 0) after printing why. */
static int ps_cli_apply_opt(int opt, const char *arg, const char *cmd, struct ps_cli_opts *opts)
{
    enum ps_cli_output fmt;
    switch (opt) {
    case PS_OPT_HEADLESS:
        if (ps_cli_set_output(opts, PS_CLI_OUT_HEADLESS) < 0) {
            return ps_cli_usage_error("--headless and --events exclude each other");
        }
        return 0;
    case PS_OPT_EVENTS:
        if (ps_cli_parse_events_format(arg, &fmt) < 0) {
            return ps_cli_usage_error("--events takes text, jsonl or story, not '%s'", arg);
        }
        if (ps_cli_set_output(opts, fmt) < 0) {
            return ps_cli_usage_error("--headless and --events exclude each other");
        }
        return 0;
    case PS_OPT_RECORD:
        if (arg[0] == '\0') {
            return ps_cli_usage_error("--record needs a file name");
        }
        opts->record_path = arg;
        return 0;
    case PS_OPT_STEP:
        opts->step = true;
        return 0;
    case PS_OPT_TIME_SCALE:
        if (ps_cli_parse_time_scale(arg, &opts->time_scale) < 0) {
            return ps_cli_usage_error("--time-scale takes a number from 0 to 1000, not '%s'", arg);
        }
        return 0;
    default:
        return ps_cli_usage_error("bad option for '%s'", cmd);
    }
}

int ps_cli_opts_parse(int argc, char **argv, bool live, struct ps_cli_opts *opts,
                      struct ps_cli_args *args)
{
    *opts = (struct ps_cli_opts){.output = PS_CLI_OUT_TUI, .time_scale = -1};
    *args = (struct ps_cli_args){0};
    int opt_argc = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            opt_argc = i;
            args->has_command = true;
            args->command = argv + i + 1;
            args->command_count = argc - i - 1;
            break;
        }
    }
    opterr = 0;
    optind = 0; /* GNU: reinitialise, argv may differ from the last call */
    int opt;
    while ((opt = getopt_long(opt_argc, argv, ":h", ps_cli_long_opts, NULL)) != -1) {
        if (opt == 'h' || opt == PS_OPT_HELP) {
            args->help = true;
            continue;
        }
        if (opt == '?' || opt == ':') {
            const char *bad = argv[optind - 1];
            return opt == ':' ? ps_cli_usage_error("option '%s' needs an argument", bad)
                              : ps_cli_usage_error("unknown option '%s' for '%s'", bad, argv[0]);
        }
        if (!ps_cli_opt_allowed(opt, live)) {
            return ps_cli_usage_error("option '%s' is only for 'run'", argv[optind - 1]);
        }
        int rc = ps_cli_apply_opt(opt, optarg, argv[0], opts);
        if (rc != 0) {
            return rc;
        }
    }
    args->positional = argv + optind;
    args->positional_count = opt_argc - optind;
    return 0;
}
