/* SPDX-License-Identifier: MIT */
#include "export/printer.h"

#include <errno.h>
#include <stdlib.h>

#include "core/event_story.h"
#include "export/export_escape.h"
#include "export/export_jsonl.h"
#include "export/export_procs.h"
#include "export/export_text.h"

#define PS_PRINTER_LINE_MAX 8192

_Static_assert(PS_PRINTER_LINE_MAX >= PS_EXPORT_TEXT_LINE_MAX, "a text line fits");
_Static_assert(PS_PRINTER_LINE_MAX >= PS_EXPORT_JSONL_LINE_MAX, "a JSONL line fits");

struct ps_printer {
    FILE *out;
    enum ps_print_format fmt;
    uint64_t base_ns;
    int32_t supervisor_pid; /* named "procscope" (0: unknown) */
    bool have_base;         /* base_ns is set (from the first event) */
    struct ps_export_procs procs;
    char line[PS_PRINTER_LINE_MAX];
};

struct ps_printer *ps_printer_new(FILE *out, enum ps_print_format fmt)
{
    if (out == NULL || (fmt != PS_PRINT_TEXT && fmt != PS_PRINT_JSONL && fmt != PS_PRINT_STORY)) {
        errno = EINVAL;
        return NULL;
    }
    struct ps_printer *printer = calloc(1, sizeof(*printer));
    if (printer == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    printer->out = out;
    printer->fmt = fmt;
    ps_export_procs_init(&printer->procs);
    return printer;
}

void ps_printer_free(struct ps_printer *printer)
{
    if (printer == NULL) {
        return;
    }
    ps_export_procs_free(&printer->procs);
    free(printer);
}

/* on_begin: take the session's time base. */
static int ps_printer_on_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_printer *printer = ctx;
    printer->base_ns = info->start_mono_ns;
    printer->supervisor_pid = info->supervisor_pid;
    return 0;
}

/* The error to report for a failed write on `out`. */
static int ps_printer_write_error(void)
{
    return errno > 0 ? -errno : -EIO;
}

/* The printer's name for `pid`: its process row's, or "procscope" for the supervisor. */
static const char *ps_printer_name(const void *ctx, int32_t pid)
{
    const struct ps_printer *printer = ctx;
    return ps_procs_display_name(ps_export_procs_name(&printer->procs, pid), pid,
                                 printer->supervisor_pid, printer->procs.supervisor);
}

/* The story line of ev: its time, then its sentence. */
static size_t ps_printer_story(struct ps_printer *printer, const struct ps_event *ev)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, printer->line, sizeof(printer->line) - 1);
    ps_export_buf_seconds(&b, (int64_t)(ev->t_ns - printer->base_ns));
    ps_export_buf_put(&b, " ", 1);
    struct ps_event_namer namer = {ps_printer_name, printer};
    size_t used = b.len < sizeof(printer->line) - 1 ? b.len : sizeof(printer->line) - 1;
    return used + ps_event_story(printer->line + used, sizeof(printer->line) - 1 - used, ev,
                                 &namer);
}

/* on_event: fold the event into the process table, then print its line. */
static int ps_printer_on_event(void *ctx, const struct ps_event *ev)
{
    struct ps_printer *printer = ctx;
    if (!printer->have_base) {
        printer->base_ns = ps_procs_time_base(printer->base_ns, ev->t_ns);
        printer->have_base = true;
    }
    int err = ps_export_procs_apply(&printer->procs, ev);
    if (err < 0) {
        return err;
    }
    const char *name = ps_printer_name(printer, ev->pid);
    size_t n;
    if (printer->fmt == PS_PRINT_STORY) {
        n = ps_printer_story(printer, ev);
    } else if (printer->fmt == PS_PRINT_JSONL) {
        n = ps_export_jsonl_line(printer->line, sizeof(printer->line) - 1, ev, name,
                                 printer->base_ns);
    } else {
        n = ps_export_text_line(printer->line, sizeof(printer->line) - 1, ev, name,
                                printer->base_ns);
    }
    printer->line[n] = '\n';
    errno = 0;
    if (fwrite(printer->line, 1, n + 1, printer->out) != n + 1) {
        return ps_printer_write_error();
    }
    return 0;
}

/* on_end: flush what is buffered. */
static int ps_printer_on_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_printer *printer = ctx;
    (void)end;
    errno = 0;
    if (fflush(printer->out) != 0) {
        return ps_printer_write_error();
    }
    return 0;
}

struct ps_sink ps_printer_sink(struct ps_printer *printer)
{
    struct ps_sink sink = {
        .on_begin = ps_printer_on_begin,
        .on_event = ps_printer_on_event,
        .on_end = ps_printer_on_end,
        .ctx = printer,
    };
    return sink;
}
