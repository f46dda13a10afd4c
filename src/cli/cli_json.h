/* SPDX-License-Identifier: MIT */
/*
 * The JSON shapes of `procscope list --json` and `procscope info FILE --json`
 * (documented in procscope(1), section JSON OUTPUT; fields may be added, none
 * is removed or changes meaning). Strings are escaped as the exporters do.
 */
#ifndef PS_CLI_CLI_JSON_H
#define PS_CLI_CLI_JSON_H

#include <stdio.h>

#include "trace/trace_info.h"

/* Print the demo catalogue as one JSON array, one object per demo. */
void ps_cli_json_list(FILE *out);

/* Print a recording's summary as one JSON object (`path` as given). */
void ps_cli_json_info(FILE *out, const char *path, const struct ps_trace_summary *s);

#endif /* PS_CLI_CLI_JSON_H */
