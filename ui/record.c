/* SPDX-License-Identifier: MIT */
#include "ui/record.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/xalloc.h"
#include "session/session.h"

void ui_record_default_name(char *buf, size_t size, const char *demo)
{
    char stamp[32];
    char safe[64];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
    size_t n = 0;
    for (const char *p = demo ? demo : "session"; *p && n + 1 < sizeof(safe); p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '-';
        safe[n++] = ok ? c : '_';
    }
    safe[n] = '\0';
    snprintf(buf, size, "procscope-%s-%s.psrec", n ? safe : "session", stamp);
}

#if __has_include("trace/trace_writer.h")
#include "trace/trace_writer.h"

struct ui_record {
    struct ps_trace_writer *writer;
    struct ps_sink sink;
};

int ui_record_start(struct ui_record **out, const char *path, const struct ps_session *s)
{
    struct ui_record *r = ps_xcalloc(1, sizeof(*r));
    int rc = ps_trace_writer_open(&r->writer, path, ps_session_info(s));
    if (rc < 0) {
        free(r);
        return rc;
    }
    r->sink = ps_trace_writer_sink(r->writer);
    uint64_t n = ps_session_count(s);
    for (uint64_t i = 0; rc >= 0 && i < n; i++) {
        struct ps_event ev;
        rc = ps_session_event(s, i, &ev);
        if (rc >= 0) {
            rc = ps_sink_event(&r->sink, &ev);
        }
    }
    if (rc < 0) {
        ui_record_abort(r);
        return rc;
    }
    *out = r;
    return 0;
}

int ui_record_event(struct ui_record *r, const struct ps_event *ev)
{
    return ps_sink_event(&r->sink, ev);
}

int ui_record_stop(struct ui_record *r, const struct ps_session_end *end)
{
    struct ps_session_end cut = {0};
    int rc = ps_trace_writer_finish(r->writer, end ? end : &cut);
    free(r);
    return rc;
}

void ui_record_abort(struct ui_record *r)
{
    if (r) {
        ps_trace_writer_abort(r->writer);
        free(r);
    }
}

#else /* no trace writer in this tree yet */

int ui_record_start(struct ui_record **out, const char *path, const struct ps_session *s)
{
    (void)path;
    (void)s;
    *out = NULL;
    return -ENOSYS;
}

int ui_record_event(struct ui_record *r, const struct ps_event *ev)
{
    (void)r;
    (void)ev;
    return -ENOSYS;
}

int ui_record_stop(struct ui_record *r, const struct ps_session_end *end)
{
    (void)r;
    (void)end;
    return -ENOSYS;
}

void ui_record_abort(struct ui_record *r)
{
    (void)r;
}

#endif
