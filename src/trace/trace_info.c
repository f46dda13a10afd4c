/* SPDX-License-Identifier: MIT */
#include "trace/trace_info.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/termsafe.h"
#include "trace/trace_format.h"

static int ps_trace_info_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_trace_summary *c = ctx;
    c->info = *info;
    return 0;
}

static int ps_trace_info_event(void *ctx, const struct ps_event *ev)
{
    struct ps_trace_summary *c = ctx;
    ps_model_apply(&c->model, ev);
    return 0;
}

static int ps_trace_info_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_trace_summary *c = ctx;
    c->end = *end;
    return 0;
}

/* Format a wall-clock time in ns since the epoch as local ISO 8601 with offset. */
static void ps_trace_info_time(uint64_t wall_ns, char *buf, size_t n)
{
    time_t secs = (time_t)(wall_ns / 1000000000u);
    struct tm tm;
    if (!localtime_r(&secs, &tm) || strftime(buf, n, "%Y-%m-%dT%H:%M:%S%z", &tm) == 0) {
        snprintf(buf, n, "%" PRIu64 " ns since the epoch", wall_ns);
    }
}

/* Print "label" then text from the file escaped (core/termsafe.h), then a newline. */
static void ps_trace_info_field(FILE *out, const char *label, const char *text)
{
    fputs(label, out);
    ps_term_fput(out, text, strlen(text));
    fputc('\n', out);
}

/* Print the header part: what ran, where and when (every text from the file escaped). */
static void ps_trace_info_header(FILE *out, const char *path, const struct ps_trace_summary *c,
                                 const struct ps_trace_stats *st)
{
    char when[64];
    ps_trace_info_time(c->info.start_wall_ns, when, sizeof when);
    uint64_t dur = ps_trace_summary_duration(c);
    fputs("file:        ", out);
    ps_term_fput(out, path, strlen(path));
    fprintf(out, " (%" PRIu64 " bytes)\n", st->file_size);
    fprintf(out, "format:      psrec version %" PRIu32 "\n", st->version);
    ps_trace_info_field(out, "demo:        ", c->info.demo);
    ps_trace_info_field(out, "argv:        ", c->info.argv);
    ps_trace_info_field(out, "host:        ", c->info.host[0] ? c->info.host : "(not recorded)");
    fprintf(out, "started:     %s\n", when);
    fprintf(out, "duration:    %.6f s\n", (double)dur / 1e9);
    fprintf(out, "time scale:  %g\n", c->info.time_scale);
    fprintf(out, "supervisor:  pid %" PRId32 "\n", c->info.supervisor_pid);
}

/* Print the processes with their final states and exit statuses. */
static void ps_trace_info_procs(FILE *out, const struct ps_model *m)
{
    fprintf(out, "processes:   %" PRIu32 "%s\n", m->nprocs,
            m->overflow.procs ? " (more than the model keeps)" : "");
    for (uint32_t i = 0; i < m->nprocs; i++) {
        const struct ps_model_proc *p = &m->procs[i];
        char code[32] = "-";
        if (p->has_exit) {
            ps_model_exit_format(p->exit_code, code, sizeof code);
        }
        char name[4 * sizeof p->name + 1];
        ps_term_escape(name, sizeof name, p->name, strnlen(p->name, sizeof p->name));
        fprintf(out, "  %8" PRId32 "  %-24s %-8s exit %s\n", p->pid, name,
                ps_model_status_name(ps_model_proc_status(m, p)), code);
    }
}

/* What a recorded PS_CONTAIN_* value means for the session (supervisor/supervisor.h). */
static const char *ps_trace_info_containment(unsigned kind)
{
    switch (kind) {
    case 1:
        return "subreaper (orphans reaped; if procscope is killed its keeper ends every process "
               "carrying the session's PROCSCOPE_SESSION mark)";
    case 2:
        return "cgroup (a leaf cgroup; cgroup.kill ended every process, even setsid ones)";
    default:
        return "not recorded";
    }
}

/* Print event counts per type, drops, torn slots, blocks and completeness. */
static void ps_trace_info_counts(FILE *out, const struct ps_trace_summary *c,
                                 const struct ps_trace_stats *st)
{
    const struct ps_model *m = &c->model;
    fprintf(out, "events:      %" PRIu64 "\n", st->events);
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        if (m->type_counts[t]) {
            fprintf(out, "  %-20s %" PRIu64 "\n", ps_event_type_name(t), m->type_counts[t]);
        }
    }
    fprintf(out, "drops:       %" PRIu64 "\n", c->end.drops);
    fprintf(out, "torn:        %" PRIu64 "\n", c->end.torn);
    if (st->has_end) {
        fprintf(out, "exit status: %" PRId32 "\n", c->end.exit_status);
        fprintf(out, "contained:   %s\n", ps_trace_info_containment(c->end.containment));
    }
    fprintf(out, "blocks:      %" PRIu64 "\n", st->blocks);
    if (st->complete_file) {
        fprintf(out, "status:      complete%s\n",
                c->end.complete ? "" : " (the session itself was interrupted)");
    } else if (st->has_end) {
        fprintf(out, "status:      cut short after the end block (index missing)\n");
    } else {
        fprintf(out, "status:      cut short after block %" PRIu64 " (byte %" PRIu64 ")\n",
                st->blocks, st->cut_at);
    }
}

uint64_t ps_trace_summary_duration(const struct ps_trace_summary *s)
{
    return s->end.end_mono_ns > s->info.start_mono_ns ? s->end.end_mono_ns - s->info.start_mono_ns
                                                       : 0;
}

int ps_trace_summary_load(const char *path, struct ps_trace_summary **out, char *err,
                          size_t errlen)
{
    struct ps_trace_summary *c = malloc(sizeof *c);
    if (!c) {
        return -ENOMEM;
    }
    memset(&c->info, 0, sizeof c->info);
    memset(&c->end, 0, sizeof c->end);
    ps_model_init(&c->model);
    struct ps_sink sink = {ps_trace_info_begin, ps_trace_info_event, ps_trace_info_end, c};
    int rc = ps_trace_read_ex(path, &sink, &c->stats, err, errlen);
    if (rc < 0) {
        free(c);
        return rc;
    }
    *out = c;
    return 0;
}

int ps_trace_info(const char *path, FILE *out, char *err, size_t errlen)
{
    struct ps_trace_summary *c = NULL;
    int rc = ps_trace_summary_load(path, &c, err, errlen);
    if (rc == 0) {
        ps_trace_info_header(out, path, c, &c->stats);
        ps_trace_info_procs(out, &c->model);
        ps_trace_info_counts(out, c, &c->stats);
        free(c);
    }
    return rc;
}
