/* SPDX-License-Identifier: MIT */
/* procscope list: the demos, one line each. */
#include <stdio.h>

#include "cli/cli.h"
#include "supervisor/catalog.h"

int ps_cli_list(int argc, char **argv)
{
    if (argc > 1) {
        return ps_cli_usage_error("'list' takes no arguments, got '%s'", argv[1]);
    }
    for (size_t i = 0; i < ps_demo_count(); i++) {
        const struct ps_demo *demo = ps_demo_at(i);
        char alias[32];
        snprintf(alias, sizeof alias, "(%s)", demo->alias);
        printf("%-36s %-22s %s\n", demo->name, alias, demo->summary);
    }
    return 0;
}
