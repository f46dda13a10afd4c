/* SPDX-License-Identifier: MIT */
/* procscope list [--json]: the demos, one line each or as JSON. */
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli/cli.h"
#include "cli/cli_json.h"
#include "ui/catalog.h"

int ps_cli_list(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts("usage: procscope list [--json]\n"
             "The demos, one line each: name, alias, what it shows.\n"
             "--json: one array of {name, alias, summary, watch, path} (see procscope(1)).");
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "--json") == 0) {
        ps_cli_json_list(stdout);
        return fflush(stdout) == EOF ? EX_IOERR : 0;
    }
    if (argc > 1) {
        return ps_cli_usage_error("'list' takes no arguments but --json, got '%s'", argv[1]);
    }
    for (size_t i = 0; i < ps_demo_count(); i++) {
        const struct ps_demo *demo = ps_demo_at(i);
        char alias[32];
        snprintf(alias, sizeof alias, "(%s)", demo->alias);
        printf("%-36s %-22s %s\n", demo->name, alias, demo->summary);
    }
    return 0;
}
