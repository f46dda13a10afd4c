/* SPDX-License-Identifier: MIT */
/*
 * The Chrome exporter streams one JSON object:
 *
 *   {"traceEvents":[
 *   {…one trace event per line…},
 *   …
 *   ],"displayTimeUnit":"ms","otherData":{…}}
 *
 * Per-event output (slices, flows, counters, instants) is written as events
 * arrive; what needs the whole session (process names, lifetimes, tasks still
 * running) is written when the session ends, then the document is closed.
 * Each trace event is built in one line buffer and written whole.
 */
#include "export/export_chrome.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"
#include "export/export_escape.h"
#include "export/export_flows.h"
#include "export/export_jsonl.h"
#include "export/export_procs.h"

#define PS_CHROME_LINE_MAX 8192

struct ps_export_chrome {
    FILE *out;
    int err;        /* first error, sticky */
    bool started;   /* the document's head is written */
    bool any;       /* a trace event is written (the next needs a comma) */
    bool closed;    /* the document's tail is written */
    bool have_base; /* base_ns is known */
    uint64_t base_ns;
    uint64_t t_last; /* latest event time */
    struct ps_session_info info;
    struct ps_session_end end;
    bool have_info, have_end;
    struct ps_export_procs procs;
    struct ps_export_flows flows;
    char line[PS_CHROME_LINE_MAX];
};

struct ps_export_chrome *ps_export_chrome_new(FILE *out)
{
    if (out == NULL) {
        errno = EINVAL;
        return NULL;
    }
    struct ps_export_chrome *chrome = calloc(1, sizeof(*chrome));
    if (chrome == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    chrome->out = out;
    ps_export_procs_init(&chrome->procs);
    ps_export_flows_init(&chrome->flows);
    return chrome;
}

/* Write n bytes to the output, keeping the first error. */
static void ps_export_chrome_put(struct ps_export_chrome *chrome, const char *s, size_t n)
{
    if (chrome->err != 0) {
        return;
    }
    errno = 0;
    if (fwrite(s, 1, n, chrome->out) != n) {
        chrome->err = errno > 0 ? -errno : -EIO;
    }
}

/* Write the document's head once. */
static void ps_export_chrome_start(struct ps_export_chrome *chrome)
{
    if (!chrome->started) {
        chrome->started = true;
        ps_export_chrome_put(chrome, "{\"traceEvents\":[\n", 17);
    }
}

/* Write the trace event built in `b` (dropped if it did not fit: never half an object). */
static void ps_export_chrome_emit(struct ps_export_chrome *chrome, struct ps_export_buf *b)
{
    if (b->full) {
        return;
    }
    ps_export_chrome_start(chrome);
    if (chrome->any) {
        ps_export_chrome_put(chrome, ",\n", 2);
    }
    chrome->any = true;
    ps_export_chrome_put(chrome, b->p, b->len);
}

/* Build a slice or counter name, "<kind> <num>[ <what>]" ("pipe 1 send"), into dst. */
static void ps_export_chrome_name(char *dst, size_t size, const char *kind, int64_t num,
                                  const char *what)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, dst, size);
    ps_export_buf_puts(&b, kind);
    ps_export_buf_put(&b, " ", 1);
    ps_export_buf_int(&b, num);
    if (what) {
        ps_export_buf_put(&b, " ", 1);
        ps_export_buf_puts(&b, what);
    }
}

/* Start a trace event in the line buffer: {"ph":…,"name":…,"cat":…,"pid":…,"tid":…,"ts":… */
static void ps_export_chrome_head(struct ps_export_chrome *chrome, struct ps_export_buf *b,
                                  const char *ph, const char *name, const char *cat, int32_t pid,
                                  uint64_t t_ns)
{
    ps_export_buf_init(b, chrome->line, sizeof(chrome->line));
    ps_export_buf_puts(b, "{\"ph\":\"");
    ps_export_buf_puts(b, ph);
    ps_export_buf_puts(b, "\",\"name\":");
    ps_export_buf_json(b, name, strlen(name));
    ps_export_buf_puts(b, ",\"cat\":\"");
    ps_export_buf_puts(b, cat);
    ps_export_buf_puts(b, "\",\"pid\":");
    ps_export_buf_int(b, pid);
    ps_export_buf_puts(b, ",\"tid\":");
    ps_export_buf_int(b, pid);
    ps_export_buf_puts(b, ",\"ts\":");
    ps_export_buf_micros(b, (int64_t)(t_ns - chrome->base_ns));
}

/* Append ,"args":{"seq":N,<the event's fields>}} and close the event. */
static void ps_export_chrome_args_end(struct ps_export_buf *b, const struct ps_event *ev)
{
    ps_export_buf_puts(b, ",\"args\":{\"seq\":");
    ps_export_buf_uint(b, ev->seq);
    ps_export_jsonl_fields(b, ev);
    ps_export_buf_puts(b, "}}");
}

/* A complete slice (X) [t0, t1] on `pid`'s track with the event's fields as args. */
static void ps_export_chrome_slice(struct ps_export_chrome *chrome, const char *name,
                                   const char *cat, int32_t pid, uint64_t t0, uint64_t t1,
                                   const struct ps_event *ev)
{
    struct ps_export_buf b;
    ps_export_chrome_head(chrome, &b, "X", name, cat, pid, t0);
    ps_export_buf_puts(&b, ",\"dur\":");
    ps_export_buf_micros(&b, t1 >= t0 ? (int64_t)(t1 - t0) : 0);
    ps_export_chrome_args_end(&b, ev);
    ps_export_chrome_emit(chrome, &b);
}

/* An instant event (i) with scope `scope` ("t" thread, "g" global). */
static void ps_export_chrome_instant(struct ps_export_chrome *chrome, const char *name,
                                     const char *cat, const char *scope, int32_t pid,
                                     const struct ps_event *ev)
{
    struct ps_export_buf b;
    ps_export_chrome_head(chrome, &b, "i", name, cat, pid, ev->t_ns);
    ps_export_buf_puts(&b, ",\"s\":\"");
    ps_export_buf_puts(&b, scope);
    ps_export_buf_put(&b, "\"", 1);
    ps_export_chrome_args_end(&b, ev);
    ps_export_chrome_emit(chrome, &b);
}

/*
 * The two halves of a flow arrow from a send to its receive on direction `key`.
 * The send's stamp is taken after its write returned, so it can be later than
 * the receive's: the arrow then starts at the receive, when the message was
 * surely on its way.
 */
static void ps_export_chrome_flow(struct ps_export_chrome *chrome, uint64_t key,
                                  const struct ps_export_msg *sent,
                                  const struct ps_export_msg *recv)
{
    char name[40];
    ps_export_chrome_name(name, sizeof(name), (key & 3) == 2 ? "queue" : "pipe",
                          (int64_t)(key >> 2), NULL);
    uint64_t sent_t = sent->t_ns < recv->t_ns ? sent->t_ns : recv->t_ns;
    struct ps_export_buf b;
    ps_export_chrome_head(chrome, &b, "s", name, "msg", sent->pid, sent_t);
    ps_export_buf_puts(&b, ",\"id\":");
    ps_export_buf_uint(&b, sent->id);
    ps_export_buf_puts(&b, "}");
    ps_export_chrome_emit(chrome, &b);
    ps_export_chrome_head(chrome, &b, "f", name, "msg", recv->pid, recv->t_ns);
    ps_export_buf_puts(&b, ",\"bp\":\"e\",\"id\":");
    ps_export_buf_uint(&b, sent->id);
    ps_export_buf_puts(&b, "}");
    ps_export_chrome_emit(chrome, &b);
}

/* A queue's depth counter sample, on the track of the process that owns the queue. */
static void ps_export_chrome_counter(struct ps_export_chrome *chrome, int32_t owner, uint32_t obj,
                                     uint64_t t_ns, int64_t depth)
{
    char name[48];
    ps_export_chrome_name(name, sizeof(name), "queue", obj, "depth");
    struct ps_export_buf b;
    ps_export_chrome_head(chrome, &b, "C", name, "queue", owner, t_ns);
    ps_export_buf_puts(&b, ",\"args\":{\"depth\":");
    ps_export_buf_int(&b, depth);
    ps_export_buf_puts(&b, "}}");
    ps_export_chrome_emit(chrome, &b);
}

/*
 * One end of a message (a send or a receive): its slice, then its flow arrow
 * if the other end waits on direction `key`, else it waits there itself.
 * Both ends are matched in order; a process may log its receive before the
 * sender's event reaches the ring, so either end can come first.
 */
static int ps_export_chrome_msg_end(struct ps_export_chrome *chrome, const struct ps_event *ev,
                                    const char *name, uint64_t key, bool is_send)
{
    ps_export_chrome_slice(chrome, name, "msg", ev->pid, ev->t_ns, ev->t_ns, ev);
    struct ps_export_flow *flow = ps_export_flows_get(&chrome->flows, key);
    if (flow == NULL) {
        return errno == ENOSPC ? 0 : -ENOMEM; /* table full: no flow */
    }
    if (flow->owner == 0) {
        flow->owner = ev->pid;
    }
    struct ps_export_msg self = {.t_ns = ev->t_ns, .id = ev->seq, .pid = ev->pid};
    struct ps_export_msg other;
    if (flow->holds_sends != is_send && ps_export_flow_pop(flow, &other)) {
        ps_export_chrome_flow(chrome, key, is_send ? &self : &other, is_send ? &other : &self);
        return 0;
    }
    flow->holds_sends = is_send;
    return ps_export_flow_push(flow, &self, &chrome->flows);
}

/* A send or put: its slice, and its flow once the receive is known. */
static int ps_export_chrome_send(struct ps_export_chrome *chrome, const struct ps_event *ev,
                                 const char *name, uint64_t key)
{
    return ps_export_chrome_msg_end(chrome, ev, name, key, true);
}

/* A receive or get: its slice, and its flow once the send is known. */
static int ps_export_chrome_recv(struct ps_export_chrome *chrome, const struct ps_event *ev,
                                 const char *name, uint64_t key)
{
    return ps_export_chrome_msg_end(chrome, ev, name, key, false);
}

/* Pipes: a send from end e is received at end 1 - e. */
static int ps_export_chrome_pipe(struct ps_export_chrome *chrome, const struct ps_event *ev)
{
    char name[40];
    bool send = ev->type == PS_EV_PIPE_SEND;
    ps_export_chrome_name(name, sizeof(name), "pipe", ev->obj, send ? "send" : "recv");
    if (ev->b != 0 && ev->b != 1) {
        ps_export_chrome_slice(chrome, name, "msg", ev->pid, ev->t_ns, ev->t_ns, ev);
        return 0;
    }
    uint64_t dir = (uint64_t)(send ? ev->b : 1 - ev->b);
    uint64_t key = PS_EXPORT_FLOW_KEY(ev->obj, dir);
    return send ? ps_export_chrome_send(chrome, ev, name, key)
                : ps_export_chrome_recv(chrome, ev, name, key);
}

/* Queues: puts paired with gets, and the depth counter. */
static int ps_export_chrome_queue(struct ps_export_chrome *chrome, const struct ps_event *ev)
{
    char name[40];
    uint64_t key = PS_EXPORT_FLOW_KEY(ev->obj, 2);
    int err = 0;
    ps_export_chrome_name(name, sizeof(name), "queue", ev->obj, ps_event_type_name(ev->type));
    if (ev->type == PS_EV_QUEUE_PUT) {
        err = ps_export_chrome_send(chrome, ev, name, key);
    } else if (ev->type == PS_EV_QUEUE_GET) {
        err = ps_export_chrome_recv(chrome, ev, name, key);
    } else if (ev->type == PS_EV_QUEUE_OPEN) {
        ps_export_chrome_instant(chrome, name, "queue", "t", ev->pid, ev);
    }
    struct ps_export_flow *flow = err < 0 ? NULL : ps_export_flows_get(&chrome->flows, key);
    if (flow == NULL && (err < 0 || errno != ENOSPC)) {
        return err < 0 ? err : -ENOMEM;
    }
    int32_t owner = ev->pid; /* the counter's track when the table is full */
    if (flow != NULL) {
        if (flow->owner == 0 || ev->type == PS_EV_QUEUE_OPEN) {
            flow->owner = ev->pid;
        }
        owner = flow->owner;
    }
    int64_t depth = ev->type == PS_EV_QUEUE_EMPTY ? ev->b : ev->a;
    ps_export_chrome_counter(chrome, owner, ev->obj, ev->t_ns,
                             ev->type == PS_EV_QUEUE_OPEN ? 0 : depth);
    return 0;
}

/* A slice of `dur_ns` ending at the event (a wait or hold the event reports). */
static void ps_export_chrome_span(struct ps_export_chrome *chrome, const char *kind,
                                  const struct ps_event *ev, int64_t dur_ns)
{
    char name[48];
    ps_export_chrome_name(name, sizeof(name), ps_event_type_info(ev->type)->obj_key, ev->obj, kind);
    uint64_t since = ev->t_ns > chrome->base_ns ? ev->t_ns - chrome->base_ns : 0;
    uint64_t dur = dur_ns > 0 ? (uint64_t)dur_ns : 0;
    ps_export_chrome_slice(chrome, name, ps_event_type_info(ev->type)->obj_key, ev->pid,
                           ev->t_ns - (dur < since ? dur : since), ev->t_ns, ev);
}

/* Pool tasks: start opens a task on the worker's row, done draws it as a slice. */
static void ps_export_chrome_task(struct ps_export_chrome *chrome, const struct ps_event *ev)
{
    struct ps_export_proc *p = ps_export_procs_find(&chrome->procs, ev->pid);
    if (p == NULL) {
        return;
    }
    if (ev->type == PS_EV_POOL_START) {
        p->in_task = 1;
        p->task = ev->a;
        p->items = ev->b;
        p->task_since = ev->t_ns;
        return;
    }
    char name[40];
    ps_export_chrome_name(name, sizeof(name), "task", ev->a, NULL);
    if (p->in_task && p->task == ev->a) {
        ps_export_chrome_slice(chrome, name, "pool", ev->pid, p->task_since, ev->t_ns, ev);
    } else {
        ps_export_chrome_instant(chrome, name, "pool", "t", ev->pid, ev);
    }
    p->in_task = 0;
}

/* A mark's label cut to fit a slice name (at a UTF-8 boundary); "mark" when it has none. */
static const char *ps_export_chrome_label(char *dst, size_t size, const struct ps_event *ev)
{
    size_t n = ev->text ? strnlen(ev->text, ev->text_len) : 0;
    if (n == 0) {
        return "mark";
    }
    n = ps_utf8_cut(ev->text, n, size - 1);
    memcpy(dst, ev->text, n);
    dst[n] = '\0';
    return dst;
}

/* Any other event: an instant on its emitter's track (the supervisor's: on its subject's). */
static void ps_export_chrome_other(struct ps_export_chrome *chrome, const struct ps_event *ev)
{
    const char *name = ps_event_type_name(ev->type);
    char label[PS_EXPORT_LABEL_MAX];
    switch (ev->type) {
    case PS_EV_OUTPUT:
    case PS_EV_STDIO:
        ps_export_chrome_instant(chrome, "output", "output", "t", ev->pid, ev);
        return;
    case PS_EV_MARK:
        ps_export_chrome_instant(chrome, ps_export_chrome_label(label, sizeof(label), ev), "mark",
                                 "g", ev->pid, ev);
        return;
    case PS_EV_RING_DROPPED:
    case PS_EV_RING_TORN:
        ps_export_chrome_instant(chrome, name, "ring", "g", ev->pid, ev);
        return;
    default:
        break;
    }
    if (ps_export_procs_find(&chrome->procs, ev->pid)) {
        ps_export_chrome_instant(chrome, name, "event", "t", ev->pid, ev);
    } else if (ps_export_procs_find(&chrome->procs, ev->peer)) {
        ps_export_chrome_instant(chrome, name, "event", "t", ev->peer, ev);
    } else {
        ps_export_chrome_instant(chrome, name, "event", "g", ev->pid, ev);
    }
}

/* Draw one event: its slices, flows, counters or instant. Returns 0 or -ENOMEM. */
static int ps_export_chrome_draw(struct ps_export_chrome *chrome, const struct ps_event *ev)
{
    switch (ev->type) {
    case PS_EV_PIPE_SEND:
    case PS_EV_PIPE_RECV:
        return ps_export_chrome_pipe(chrome, ev);
    case PS_EV_QUEUE_OPEN:
    case PS_EV_QUEUE_PUT:
    case PS_EV_QUEUE_GET:
    case PS_EV_QUEUE_EMPTY:
        return ps_export_chrome_queue(chrome, ev);
    case PS_EV_BARRIER_ARRIVE:
    case PS_EV_LOCK_WANT:
        return 0; /* drawn by the release / acquisition that ends the wait */
    case PS_EV_BARRIER_RELEASE:
        ps_export_chrome_span(chrome, "wait", ev, ev->a);
        return 0;
    case PS_EV_LOCK_ACQUIRED:
        if (ev->a > 0) {
            ps_export_chrome_span(chrome, "wait", ev, ev->a);
        } else {
            ps_export_chrome_other(chrome, ev); /* no wait to draw */
        }
        return 0;
    case PS_EV_LOCK_RELEASED:
        ps_export_chrome_span(chrome, "held", ev, ev->a);
        return 0;
    case PS_EV_POOL_START:
    case PS_EV_POOL_DONE:
        ps_export_chrome_task(chrome, ev);
        return 0;
    default:
        ps_export_chrome_other(chrome, ev);
        return 0;
    }
}

/* on_event: fold the event into the process table, then draw it. */
static int ps_export_chrome_on_event(void *ctx, const struct ps_event *ev)
{
    struct ps_export_chrome *chrome = ctx;
    if (chrome->err != 0 || chrome->closed) {
        return chrome->err;
    }
    if (!chrome->have_base) {
        chrome->have_base = true;
        chrome->base_ns = ev->t_ns;
    }
    chrome->t_last = ev->t_ns > chrome->t_last ? ev->t_ns : chrome->t_last;
    int err = ps_export_procs_apply(&chrome->procs, ev);
    if (err == 0) {
        err = ps_export_chrome_draw(chrome, ev);
    }
    if (err < 0 && chrome->err == 0) {
        chrome->err = err;
    }
    return chrome->err;
}

/* on_begin: keep the session's facts and time base, and start the document. */
static int ps_export_chrome_on_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_export_chrome *chrome = ctx;
    chrome->info = *info;
    chrome->have_info = true;
    chrome->base_ns = info->start_mono_ns;
    chrome->have_base = true;
    ps_export_chrome_start(chrome);
    return chrome->err;
}

/* One metadata event (M) naming or ordering `pid`'s track: args {"<key>":<json value>}. */
static void ps_export_chrome_meta(struct ps_export_chrome *chrome, const char *what, int32_t pid,
                                  const char *key, const char *name, int64_t num)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, chrome->line, sizeof(chrome->line));
    ps_export_buf_printf(
        &b, "{\"ph\":\"M\",\"name\":\"%s\",\"pid\":%d,\"tid\":%d,\"args\":{\"%s\":", what, (int)pid,
        (int)pid, key);
    if (name) {
        ps_export_buf_json(&b, name, strlen(name));
    } else {
        ps_export_buf_int(&b, num);
    }
    ps_export_buf_puts(&b, "}}");
    ps_export_chrome_emit(chrome, &b);
}

/* When the session ended, as far as the exporter knows. */
static uint64_t ps_export_chrome_t_end(const struct ps_export_chrome *chrome)
{
    if (chrome->have_end && chrome->end.end_mono_ns > chrome->t_last) {
        return chrome->end.end_mono_ns;
    }
    return chrome->t_last;
}

/* A process's track: its names, its place, its lifetime slice and any task still running. */
static void ps_export_chrome_proc(struct ps_export_chrome *chrome, const struct ps_export_proc *p)
{
    char fallback[32];
    snprintf(fallback, sizeof(fallback), "pid %d", (int)p->pid);
    const char *name = p->name[0] ? p->name : fallback;
    ps_export_chrome_meta(chrome, "process_name", p->pid, "name", name, 0);
    ps_export_chrome_meta(chrome, "thread_name", p->pid, "name", name, 0);
    ps_export_chrome_meta(chrome, "process_sort_index", p->pid, "sort_index", NULL, p->order);
    uint64_t t_end = p->t_end ? p->t_end : ps_export_chrome_t_end(chrome);
    struct ps_export_buf b;
    ps_export_chrome_head(chrome, &b, "X", name, "proc", p->pid, p->t_first);
    ps_export_buf_puts(&b, ",\"dur\":");
    ps_export_buf_micros(&b, t_end > p->t_first ? (int64_t)(t_end - p->t_first) : 0);
    ps_export_buf_printf(&b, ",\"args\":{\"pid\":%d,\"exit_code\":", (int)p->pid);
    if (p->has_exit) {
        ps_export_buf_int(&b, p->exit_code);
    } else {
        ps_export_buf_puts(&b, "null");
    }
    ps_export_buf_puts(&b, "}}");
    ps_export_chrome_emit(chrome, &b);
    if (p->in_task) {
        char task[40];
        snprintf(task, sizeof(task), "task %lld", (long long)p->task);
        ps_export_chrome_head(chrome, &b, "X", task, "pool", p->pid, p->task_since);
        ps_export_buf_puts(&b, ",\"dur\":");
        ps_export_buf_micros(&b, t_end > p->task_since ? (int64_t)(t_end - p->task_since) : 0);
        ps_export_buf_printf(&b, ",\"args\":{\"task\":%lld,\"items\":%lld,\"unfinished\":true}}",
                             (long long)p->task, (long long)p->items);
        ps_export_chrome_emit(chrome, &b);
    }
}

/* Append ,"key":"<text>" with the text taken from a fixed-size field. */
static void ps_export_chrome_fact(struct ps_export_buf *b, const char *key, const char *s,
                                  size_t size)
{
    ps_export_buf_printf(b, ",\"%s\":", key);
    ps_export_buf_json(b, s, strnlen(s, size));
}

/* The document's tail: session facts in otherData, then the closing braces. */
static void ps_export_chrome_tail(struct ps_export_chrome *chrome)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, chrome->line, sizeof(chrome->line));
    ps_export_buf_puts(&b,
                       "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"procscope\"");
    if (chrome->have_info) {
        const struct ps_session_info *info = &chrome->info;
        ps_export_chrome_fact(&b, "demo", info->demo, sizeof(info->demo));
        ps_export_chrome_fact(&b, "argv", info->argv, sizeof(info->argv));
        ps_export_chrome_fact(&b, "host", info->host, sizeof(info->host));
    }
    if (chrome->have_end) {
        const struct ps_session_end *end = &chrome->end;
        ps_export_buf_printf(&b,
                             ",\"events\":\"%llu\",\"drops\":\"%llu\",\"torn\":\"%llu\","
                             "\"exit_status\":\"%d\"",
                             (unsigned long long)end->events, (unsigned long long)end->drops,
                             (unsigned long long)end->torn, (int)end->exit_status);
    }
    ps_export_buf_printf(&b, ",\"complete\":\"%s\"}}\n",
                         chrome->have_end && chrome->end.complete ? "true" : "false");
    ps_export_chrome_put(chrome, b.p, b.len);
}

/* Write what needs the whole session, close the document and flush. */
static void ps_export_chrome_finish(struct ps_export_chrome *chrome)
{
    if (chrome->closed) {
        return;
    }
    chrome->closed = true;
    ps_export_chrome_start(chrome);
    for (size_t i = 0; i < chrome->procs.n; i++) {
        ps_export_chrome_proc(chrome, &chrome->procs.rows[i]);
    }
    ps_export_chrome_tail(chrome);
    errno = 0;
    if (chrome->err == 0 && fflush(chrome->out) != 0) {
        chrome->err = errno > 0 ? -errno : -EIO;
    }
}

/* on_end: keep the end facts and close the document. */
static int ps_export_chrome_on_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_export_chrome *chrome = ctx;
    chrome->end = *end;
    chrome->have_end = true;
    ps_export_chrome_finish(chrome);
    return chrome->err;
}

struct ps_sink ps_export_chrome_sink(struct ps_export_chrome *chrome)
{
    struct ps_sink sink = {
        .on_begin = ps_export_chrome_on_begin,
        .on_event = ps_export_chrome_on_event,
        .on_end = ps_export_chrome_on_end,
        .ctx = chrome,
    };
    return sink;
}

int ps_export_chrome_free(struct ps_export_chrome *chrome)
{
    if (chrome == NULL) {
        return 0;
    }
    ps_export_chrome_finish(chrome);
    int err = chrome->err;
    ps_export_procs_free(&chrome->procs);
    ps_export_flows_free(&chrome->flows);
    free(chrome);
    return err;
}
