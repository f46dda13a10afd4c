/* SPDX-License-Identifier: MIT */
#include "cli/cli_json.h"

#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_escape.h"
#include "ui/catalog.h"

/* Print `s` as a JSON string (quotes included), or null for NULL. */
static void ps_cli_json_str(FILE *out, const char *s)
{
    if (!s) {
        fputs("null", out);
        return;
    }
    size_t n = strlen(s);
    size_t size = 6 * n + 3; /* every byte may become \ufffd; quotes and NUL */
    char *p = malloc(size);
    if (!p) {
        fputs("null", out);
        return;
    }
    struct ps_export_buf buf;
    ps_export_buf_init(&buf, p, size);
    ps_export_buf_json(&buf, s, n);
    fputs(buf.p, out);
    free(p);
}

/* Print `"key": ` with the key as given (our own keys need no escaping). */
static void ps_cli_json_key(FILE *out, const char *key, bool first)
{
    fprintf(out, "%s\"%s\": ", first ? "" : ", ", key);
}

void ps_cli_json_list(FILE *out)
{
    fputs("[", out);
    for (size_t i = 0; i < ps_demo_count(); i++) {
        const struct ps_demo *demo = ps_demo_at(i);
        char path[PATH_MAX];
        bool found = ps_demo_path(demo, path, sizeof path) == 0;
        fputs(i ? ",\n {" : "\n {", out);
        ps_cli_json_key(out, "name", true);
        ps_cli_json_str(out, demo->name);
        ps_cli_json_key(out, "alias", false);
        ps_cli_json_str(out, demo->alias);
        ps_cli_json_key(out, "summary", false);
        ps_cli_json_str(out, demo->summary);
        ps_cli_json_key(out, "watch", false);
        ps_cli_json_str(out, demo->watch);
        ps_cli_json_key(out, "path", false);
        ps_cli_json_str(out, found ? path : NULL);
        fputs("}", out);
    }
    fputs("\n]\n", out);
}

/* The processes: pid, name, final state and exit (null while unknown). */
static void ps_cli_json_procs(FILE *out, const struct ps_model *m)
{
    fputs("[", out);
    for (uint32_t i = 0; i < m->nprocs; i++) {
        const struct ps_model_proc *p = &m->procs[i];
        fprintf(out, "%s{\"pid\": %" PRId32 ", \"name\": ", i ? ", " : "", p->pid);
        ps_cli_json_str(out, p->name);
        fputs(", \"state\": ", out);
        ps_cli_json_str(out, ps_model_state_name(p->state));
        if (p->has_exit) {
            fprintf(out, ", \"exit\": %" PRId32 "}", p->exit_code);
        } else {
            fputs(", \"exit\": null}", out);
        }
    }
    fputs("]", out);
}

/* Event counts per type name (types that occurred). */
static void ps_cli_json_counts(FILE *out, const struct ps_model *m)
{
    fputs("{", out);
    bool first = true;
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        if (m->type_counts[t]) {
            fprintf(out, "%s\"%s\": %" PRIu64, first ? "" : ", ", ps_event_type_name(t),
                    m->type_counts[t]);
            first = false;
        }
    }
    fputs("}", out);
}

void ps_cli_json_info(FILE *out, const char *path, const struct ps_trace_summary *s)
{
    fputs("{", out);
    ps_cli_json_key(out, "file", true);
    ps_cli_json_str(out, path);
    fprintf(out, ", \"bytes\": %" PRIu64 ", \"version\": %" PRIu32, s->stats.file_size,
            s->stats.version);
    ps_cli_json_key(out, "demo", false);
    ps_cli_json_str(out, s->info.demo);
    ps_cli_json_key(out, "argv", false);
    ps_cli_json_str(out, s->info.argv);
    ps_cli_json_key(out, "host", false);
    ps_cli_json_str(out, s->info.host[0] ? s->info.host : NULL);
    fprintf(out, ", \"start_wall_ns\": %" PRIu64 ", \"duration_ns\": %" PRIu64,
            s->info.start_wall_ns, ps_trace_summary_duration(s));
    if (isfinite(s->info.time_scale)) {
        fprintf(out, ", \"time_scale\": %g", s->info.time_scale);
    } else {
        fputs(", \"time_scale\": null", out);
    }
    fprintf(out, ", \"events\": %" PRIu64 ", \"drops\": %" PRIu64 ", \"torn\": %" PRIu64,
            s->stats.events, s->end.drops, s->end.torn);
    fprintf(out, ", \"blocks\": %" PRIu64 ", \"complete\": %s", s->stats.blocks,
            s->stats.complete_file ? "true" : "false");
    if (s->stats.has_end) {
        fprintf(out, ", \"exit_status\": %" PRId32, s->end.exit_status);
    } else {
        fputs(", \"exit_status\": null", out);
    }
    fputs(", \"counts\": ", out);
    ps_cli_json_counts(out, &s->model);
    fputs(", \"processes\": ", out);
    ps_cli_json_procs(out, &s->model);
    fputs("}\n", out);
}
