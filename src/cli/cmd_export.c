/* SPDX-License-Identifier: MIT */
/*
 * procscope export FILE --format chrome|jsonl|text [-o OUT]: convert a
 * recording. The input is opened without blocking and checked whole before
 * any output exists; OUT follows core/atomic_file.h (a regular file or new
 * path is written under a temporary name and renamed only when complete, a
 * device, FIFO, "-" or /dev/stdout in place, never the input itself), and a
 * SIGINT, SIGTERM or SIGHUP removes the temporary.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli/cli.h"
#include "export/export_chrome.h"
#include "export/export_file.h"
#include "export/export_gzip.h"
#include "export/printer.h"
#include "trace/trace_reader.h"

enum ps_cli_export_format {
    PS_EXPORT_CHROME,
    PS_EXPORT_JSONL,
    PS_EXPORT_TEXT,
    PS_EXPORT_ASCIICAST, /* cmd_screen.c renders these two */
    PS_EXPORT_SVG,
};

struct ps_cli_export_args {
    const char *in;
    const char *out; /* "-": stdout */
    enum ps_cli_export_format format;
    int fd;          /* the input, open */
    const char *size;  /* asciicast, svg: --size WxH */
    const char *speed; /* asciicast: --speed F */
};

static const char ps_cli_export_help[] =
    "usage: procscope export FILE --format chrome|jsonl|text|asciicast|svg [-o OUT]\n"
    "                        [--size WxH] [--speed F]\n"
    "  chrome   Trace Event JSON for Perfetto (ui.perfetto.dev) and chrome://tracing\n"
    "  jsonl    one JSON object per event (the --events=jsonl schema)\n"
    "  text     one readable line per event (the --events=text form)\n"
    "  asciicast  the replay as a film for 'asciinema play' (--size, default 80x24; --speed F)\n"
    "  svg      the whole session's sequence view as one picture (--size: its width)\n"
    "Without -o, or with -o -, the export goes to stdout. An OUT ending in .gz is\n"
    "written gzip-compressed (e.g. -o trace.json.gz, which Perfetto opens).";

/* Parse the export command line; returns 0, -1 after --help, or an exit code. */
static int ps_cli_export_parse(int argc, char **argv, struct ps_cli_export_args *ea)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"size", required_argument, NULL, 's'},
        {"speed", required_argument, NULL, 'S'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *format = NULL;
    opterr = 0;
    optind = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
        if (opt == 'h') {
            puts(ps_cli_export_help);
            return -1;
        } else if (opt == 'f') {
            format = optarg;
        } else if (opt == 'o') {
            ea->out = optarg;
        } else if (opt == 's' || opt == 'S') {
            *(opt == 's' ? &ea->size : &ea->speed) = optarg;
        } else {
            return ps_cli_usage_error(opt == ':' ? "option '%s' needs an argument"
                                                 : "unknown option '%s' for 'export'",
                                      argv[optind - 1]);
        }
    }
    if (optind != argc - 1) {
        return ps_cli_usage_error(optind == argc ? "'export' needs a recording FILE"
                                                 : "'export' takes one FILE");
    }
    ea->in = argv[optind];
    if (!format) {
        return ps_cli_usage_error("'export' needs --format chrome, jsonl, text, asciicast or svg");
    }
    if (strcmp(format, "chrome") == 0) {
        ea->format = PS_EXPORT_CHROME;
    } else if (strcmp(format, "jsonl") == 0) {
        ea->format = PS_EXPORT_JSONL;
    } else if (strcmp(format, "text") == 0) {
        ea->format = PS_EXPORT_TEXT;
    } else if (strcmp(format, "asciicast") == 0 || strcmp(format, "svg") == 0) {
        ea->format = format[0] == 'a' ? PS_EXPORT_ASCIICAST : PS_EXPORT_SVG;
    } else {
        return ps_cli_usage_error("--format takes chrome, jsonl, text, asciicast or svg, not '%s'",
                                  format);
    }
    int rc = ps_cli_screen_export_check(ea->format == PS_EXPORT_ASCIICAST ? "asciicast"
                                        : ea->format == PS_EXPORT_SVG     ? "svg"
                                                                          : format,
                                        ea->size, ea->speed);
    if (rc != 0) {
        return rc;
    }
    if (ea->out && ea->out[0] == '\0') {
        return ps_cli_usage_error("-o needs a file name");
    }
    return 0;
}

/* Read the open recording into the chosen exporter writing to `out`; 0 or -errno. */
static int ps_cli_export_to(const struct ps_cli_export_args *ea, FILE *out, char *err,
                            size_t errlen)
{
    int rc;
    if (ea->format == PS_EXPORT_ASCIICAST || ea->format == PS_EXPORT_SVG) {
        rc = ps_cli_screen_export(ea->in, ea->format == PS_EXPORT_SVG, ea->size, ea->speed, out,
                                  err, errlen);
    } else if (ea->format == PS_EXPORT_CHROME) {
        struct ps_export_chrome *chrome = ps_export_chrome_new(out);
        if (!chrome) {
            return -ENOMEM;
        }
        struct ps_sink sink = ps_export_chrome_sink(chrome);
        rc = ps_trace_read_fd(ea->fd, &sink, NULL, err, errlen);
        int free_rc = ps_export_chrome_free(chrome);
        if (rc >= 0 && free_rc < 0) {
            snprintf(err, errlen, "cannot write the export: %s", strerror(-free_rc));
            rc = free_rc;
        }
    } else {
        struct ps_printer *printer =
            ps_printer_new(out, ea->format == PS_EXPORT_JSONL ? PS_PRINT_JSONL : PS_PRINT_TEXT);
        if (!printer) {
            return -ENOMEM;
        }
        struct ps_sink sink = ps_printer_sink(printer);
        rc = ps_trace_read_fd(ea->fd, &sink, NULL, err, errlen);
        ps_printer_free(printer);
    }
    if (rc >= 0 && (fflush(out) == EOF || ferror(out))) {
        snprintf(err, errlen, "cannot write the export: %s", strerror(errno));
        rc = -EIO;
    }
    return rc < 0 ? rc : 0;
}

/* Export into `out`, through gzip when the output's name ends in ".gz". */
static int ps_cli_export_to_file(const struct ps_cli_export_args *ea, FILE *out, char *err,
                                 size_t errlen)
{
    if (!ps_export_gzip_wanted(ea->out)) {
        return ps_cli_export_to(ea, out, err, errlen);
    }
    FILE *gz = ps_export_gzip_open(out);
    if (!gz) {
        return -ENOMEM;
    }
    int rc = ps_cli_export_to(ea, gz, err, errlen);
    if (fclose(gz) == EOF && rc == 0) {
        snprintf(err, errlen, "cannot write the export: compression failed");
        rc = -EIO;
    }
    return rc;
}

/* Print why an export failed; returns its exit code. */
static int ps_cli_export_failed(const struct ps_cli_export_args *ea, int rc, const char *err)
{
    if (rc == -ENOENT) {
        return ps_cli_fail(EX_NOINPUT, "%s: no such file", ea->in);
    }
    return ps_cli_fail(ps_cli_exit_for_errno(rc), "%s: %s", ea->in, err[0] ? err : strerror(-rc));
}

/* Open the input without blocking and check all of it; 0 (ea->fd open) or an exit code. */
static int ps_cli_export_input(struct ps_cli_export_args *ea, struct stat *st)
{
    char err[256] = "";
    ea->fd = ps_trace_open(ea->in, st, err, sizeof err);
    if (ea->fd < 0) {
        return ps_cli_export_failed(ea, ea->fd, err);
    }
    struct ps_sink check = {0};
    int rc = ps_trace_read_fd(ea->fd, &check, NULL, err, sizeof err);
    if (rc < 0) {
        close(ea->fd);
        return ps_cli_export_failed(ea, rc, err);
    }
    return 0;
}

/* Create the output; the stream, or NULL after printing why (*code: its exit code). */
static FILE *ps_cli_export_output(const struct ps_cli_export_args *ea, const struct stat *in,
                                  struct ps_export_file *file, int *code)
{
    FILE *out = ps_export_file_open(file, ea->out, in);
    if (out) {
        return out;
    }
    if (errno == -PS_ATOMIC_IS_INPUT) {
        *code = ps_cli_usage_error("'%s' is the input file: export would destroy it", ea->out);
    } else {
        int exit = ps_cli_exit_for_errno(-errno);
        if (errno == ENAMETOOLONG) {
            exit = EX_USAGE; /* a name no file system takes: a bad argument, as for --record */
        } else if (exit == EX_SOFTWARE || exit == EX_NOINPUT) {
            exit = EX_IOERR;
        }
        *code = ps_cli_fail(exit,
                            "cannot create '%s': %s", ea->out, strerror(errno));
    }
    return NULL;
}

int ps_cli_export(int argc, char **argv)
{
    struct ps_cli_export_args ea = {.out = "-", .fd = -1};
    int code = ps_cli_export_parse(argc, argv, &ea);
    if (code != 0) {
        return code < 0 ? 0 : code;
    }
    struct stat in;
    code = ps_cli_export_input(&ea, &in);
    if (code != 0) {
        return code;
    }
    struct ps_export_file file;
    FILE *out = ps_atomic_guard_signals() < 0 ? NULL
                                                : ps_cli_export_output(&ea, &in, &file, &code);
    if (!out) {
        close(ea.fd);
        return code ? code : ps_cli_fail(EX_OSERR, "cannot guard the output against signals");
    }
    char err[256] = "";
    int rc = ps_cli_export_to_file(&ea, out, err, sizeof err);
    close(ea.fd);
    if (rc < 0) {
        ps_export_file_abort(&file);
        return ps_cli_export_failed(&ea, rc, err);
    }
    rc = ps_export_file_commit(&file);
    if (rc < 0) {
        return ps_cli_fail(EX_IOERR, "cannot write '%s': %s", ea.out, strerror(-rc));
    }
    return 0;
}
