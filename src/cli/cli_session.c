/* SPDX-License-Identifier: MIT */
#include "cli/cli_session.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "core/termsafe.h"
#include "export/printer.h"
#include "session/sink_tee.h"
#include "supervisor/supervisor.h"
#include "trace/trace_writer.h"

/* Write `len` bytes of `text` escaped (core/termsafe.h), then a newline. */
static int ps_cli_put_escaped(FILE *out, const char *text, size_t len)
{
    int rc = ps_term_fput(out, text, len);
    return rc < 0 || fputc('\n', out) == EOF ? -EIO : 0;
}

static int ps_cli_output_event(void *ctx, const struct ps_event *ev)
{
    (void)ctx;
    if (ev->type != PS_EV_OUTPUT && ev->type != PS_EV_STDIO) {
        return 0;
    }
    FILE *out = ev->a == 2 ? stderr : stdout;
    return ps_cli_put_escaped(out, ev->text, ev->text_len);
}

struct ps_sink ps_cli_output_sink(void)
{
    return (struct ps_sink){.on_event = ps_cli_output_event};
}

/* The shell's convention for a status: the code, or 128+N for signal N. */
static int ps_cli_status_exit(int32_t status)
{
    if (status < 0) {
        return 128 + (-status & 0x7f);
    }
    return status > 255 ? 255 : status;
}

/* Everything a headless run holds, so one function can release it all. */
struct ps_cli_headless {
    struct ps_supervisor *sup;
    struct ps_printer *printer;
    struct ps_trace_writer *writer;
    struct ps_sink_tee tee;
};

/* Open the printer and the recorder the options ask for; 0 or an exit code. */
static int ps_cli_headless_sinks(struct ps_cli_headless *h, const struct ps_cli_opts *opts)
{
    ps_sink_tee_init(&h->tee);
    enum ps_print_format fmt;
    if (ps_cli_output_events(opts->output, &fmt)) {
        h->printer = ps_printer_new(stdout, fmt);
        if (!h->printer) {
            return ps_cli_fail(EX_SOFTWARE, "cannot set up the event printer: %s",
                               strerror(errno));
        }
        ps_sink_tee_add(&h->tee, ps_printer_sink(h->printer));
    }
    if (opts->record_path) {
        int rc = ps_trace_writer_open(&h->writer, opts->record_path,
                                      ps_supervisor_info(h->sup));
        if (rc < 0) {
            return ps_cli_fail(rc == -ENAMETOOLONG ? EX_USAGE : EX_IOERR,
                               "cannot record to '%s': %s", opts->record_path, strerror(-rc));
        }
        ps_sink_tee_add(&h->tee, ps_trace_writer_sink(h->writer));
    }
    return 0;
}

/* Drain until the session is over, a signal arrives or a sink fails. */
static int ps_cli_headless_loop(struct ps_cli_headless *h, const struct ps_sink *sink)
{
    while (!ps_supervisor_finished(h->sup)) {
        int rc = ps_supervisor_poll(h->sup, sink, 100);
        if (rc < 0) {
            return rc;
        }
    }
    return 0;
}

/*
 * Finish the recording (an interrupted session is kept too: its end says it
 * was cut short) and the printer; returns 0 or an exit code.
 */
static int ps_cli_headless_close(struct ps_cli_headless *h, const struct ps_session_end *end,
                                 const struct ps_cli_opts *opts)
{
    int code = 0;
    if (h->writer) {
        int rc = ps_trace_writer_finish(h->writer, end);
        if (rc < 0) {
            code = ps_cli_fail(EX_IOERR, "cannot finish '%s': %s", opts->record_path,
                               strerror(-rc));
        }
        h->writer = NULL;
    }
    if (h->printer) {
        ps_printer_free(h->printer);
        h->printer = NULL;
    }
    if (fflush(stdout) == EOF && code == 0) {
        code = ps_cli_fail(EX_IOERR, "cannot write the output: %s", strerror(errno));
    }
    return code;
}

int ps_cli_session_run_headless(const char *name, char *const *argv,
                                const struct ps_cli_opts *opts)
{
    struct ps_cli_headless h = {0};
    ps_supervisor_install_signals();
    struct ps_supervisor_opts sopts = {
        .argv = argv,
        .demo = name,
        .time_scale = opts->time_scale,
        .echo = opts->output == PS_CLI_OUT_HEADLESS,
    };
    int rc = ps_supervisor_start(&h.sup, &sopts);
    if (rc < 0) {
        return ps_cli_fail(rc == -ENOENT || rc == -EACCES || rc == -ENAMETOOLONG ? EX_NOINPUT
                                                                                 : EX_SOFTWARE,
                           "cannot run '%s': %s", argv[0], strerror(-rc));
    }
    int code = ps_cli_headless_sinks(&h, opts);
    if (code != 0) {
        ps_supervisor_free(h.sup);
        if (h.printer) {
            ps_printer_free(h.printer);
        }
        return code;
    }
    struct ps_sink sink = ps_sink_tee_sink(&h.tee);
    rc = ps_sink_begin(&sink, ps_supervisor_info(h.sup));
    if (rc == 0) {
        rc = ps_cli_headless_loop(&h, &sink);
    }
    if (rc < 0) {
        ps_supervisor_stop(h.sup);
        ps_supervisor_poll(h.sup, &sink, 0); /* what the stop itself reported */
    }
    struct ps_session_end end;
    ps_supervisor_end(h.sup, &end);
    ps_sink_end(&sink, &end);
    code = ps_cli_headless_close(&h, &end, opts);
    ps_supervisor_free(h.sup);
    int sig = ps_supervisor_pending_signal();
    if (sig) {
        return 128 + sig;
    }
    if (code != 0) {
        return code;
    }
    if (rc < 0) {
        return rc == -EPIPE || rc == -EIO ? EX_IOERR : EX_SOFTWARE;
    }
    return ps_cli_status_exit(end.exit_status);
}
