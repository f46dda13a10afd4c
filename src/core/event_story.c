/* SPDX-License-Identifier: MIT */
/*
 * The story template renderer: "{name} received {text} from pipe {obj} ({a} B)"
 * → "Process-2 received 4 from pipe 1 (13 B)". A template is literal text
 * with {field}, {field:format} and {field?yes|no} placeholders (event_types.h);
 * the parts of a conditional are templates themselves.
 */
#include "core/event_story.h"

#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define PS_STORY_DEPTH 4 /* conditionals nested deeper are copied as written */
#define PS_STORY_TEXT_MAX 200 /* bytes of an event's text shown in a sentence */

struct ps_story {
    char *buf;
    size_t size, len;
    const struct ps_event *ev;
    const struct ps_event_namer *namer;
};

/* Append n bytes (cut at the buffer's end, which keeps room for the NUL). */
static void ps_story_put(struct ps_story *s, const char *p, size_t n)
{
    size_t room = s->size > s->len + 1 ? s->size - s->len - 1 : 0;
    n = n < room ? n : room;
    memcpy(s->buf + s->len, p, n);
    s->len += n;
}

/* Append a NUL-terminated string. */
static void ps_story_puts(struct ps_story *s, const char *p)
{
    ps_story_put(s, p, strlen(p));
}

/* Append printf-formatted text. */
__attribute__((format(printf, 2, 3))) static void ps_story_printf(struct ps_story *s,
                                                                 const char *fmt, ...)
{
    char tmp[96];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n > 0) {
        ps_story_put(s, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
    }
}

/* Append n bytes of t, control bytes escaped (\n, \t, \xNN). */
static void ps_story_escaped(struct ps_story *s, const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '\n') {
            ps_story_puts(s, "\\n");
        } else if (c == '\t') {
            ps_story_puts(s, "\\t");
        } else if (c < 0x20 || c == 0x7f) {
            ps_story_printf(s, "\\x%02x", c);
        } else {
            ps_story_put(s, (const char *)&t[i], 1);
        }
    }
}

/* Append the event's text, escaped, cut with "..." when long. */
static void ps_story_text(struct ps_story *s)
{
    const char *t = s->ev->text ? s->ev->text : "";
    size_t n = s->ev->text ? s->ev->text_len : 0;
    size_t shown = n < PS_STORY_TEXT_MAX ? n : PS_STORY_TEXT_MAX;
    ps_story_escaped(s, t, shown);
    if (shown < n || (s->ev->flags & PS_EVF_TEXT_CUT)) {
        ps_story_puts(s, "...");
    }
}

/* Append the name of process `pid` ("pid N" when it has none). */
static void ps_story_name(struct ps_story *s, int32_t pid)
{
    const char *name = NULL;
    if (s->namer && s->namer->name && pid > 0) {
        name = s->namer->name(s->namer->ctx, pid);
    }
    if (name && name[0] != '\0') {
        ps_story_escaped(s, name, strnlen(name, PS_STORY_TEXT_MAX));
    } else {
        ps_story_printf(s, "pid %" PRId32, pid);
    }
}

/* Append signal number sig as "SIGTERM" ("signal N" without a name). */
static void ps_story_signal(struct ps_story *s, int64_t sig)
{
    const char *abbrev = sig > 0 && sig < NSIG ? sigabbrev_np((int)sig) : NULL;
    if (abbrev) {
        ps_story_printf(s, "SIG%s", abbrev);
    } else {
        ps_story_printf(s, "signal %" PRId64, sig);
    }
}

/* Append a duration in ns the way people read it: "850 ns", "1.2 ms", "2.50 s". */
static void ps_story_duration(struct ps_story *s, int64_t ns)
{
    double v = (double)ns;
    if (ns < 1000 && ns > -1000) {
        ps_story_printf(s, "%" PRId64 " ns", ns);
    } else if (ns < 1000000 && ns > -1000000) {
        ps_story_printf(s, "%.1f us", v / 1e3);
    } else if (ns < 1000000000 && ns > -1000000000) {
        ps_story_printf(s, "%.1f ms", v / 1e6);
    } else {
        ps_story_printf(s, "%.1f s", v / 1e9);
    }
}

/* Append field value v in format fmt (flen bytes; 0 = plain number). */
static void ps_story_number(struct ps_story *s, int64_t v, const char *fmt, size_t flen)
{
#define PS_STORY_IS(word) (flen == sizeof(word) - 1 && memcmp(fmt, word, flen) == 0)
    if (PS_STORY_IS("sig")) {
        ps_story_signal(s, v);
    } else if (PS_STORY_IS("exit")) {
        if (v < 0) {
            ps_story_puts(s, "killed by ");
            ps_story_signal(s, -v);
        } else {
            ps_story_printf(s, "exit code %" PRId64, v);
        }
    } else if (PS_STORY_IS("ns")) {
        ps_story_duration(s, v);
    } else if (PS_STORY_IS("secs")) {
        ps_story_printf(s, "%.1f s", (double)v / 1e9);
    } else if (PS_STORY_IS("stream")) {
        ps_story_puts(s, v == 1 ? "stdout" : v == 2 ? "stderr" : "stream ?");
    } else if (PS_STORY_IS("wait")) {
        const char *kind = ps_wait_kind_name(v > 0 && v < PS_WAIT__COUNT ? (unsigned)v : 0u);
        ps_story_puts(s, kind ? kind : "wait");
    } else if (PS_STORY_IS("next")) {
        ps_story_printf(s, "%" PRId64, v + 1);
    } else {
        ps_story_printf(s, "%" PRId64, v);
    }
#undef PS_STORY_IS
}

static void ps_story_run(struct ps_story *s, const char *t, size_t n, int depth);

/* The numeric value of field `f` (flen bytes) and whether it is known. */
static bool ps_story_value(const struct ps_story *s, const char *f, size_t flen, int64_t *v)
{
    const struct ps_event *ev = s->ev;
    static const char *const names[] = {"name", "pid", "peer", "obj", "a", "b", "text", "wait"};
    const int64_t values[] = {1, ev->pid, ev->peer, ev->obj, ev->a, ev->b,
                              ev->text && ev->text_len > 0, ev->a};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strlen(names[i]) == flen && memcmp(names[i], f, flen) == 0) {
            *v = values[i];
            return true;
        }
    }
    return false;
}

/* Render placeholder body p (n bytes, between the braces); false when not understood. */
static bool ps_story_field(struct ps_story *s, const char *p, size_t n, int depth)
{
    size_t flen = 0;
    while (flen < n && ((p[flen] >= 'a' && p[flen] <= 'z'))) {
        flen++;
    }
    int64_t v;
    if (flen == 0 || !ps_story_value(s, p, flen, &v)) {
        return false;
    }
    if (flen < n && p[flen] == '?') {
        const char *yes = p + flen + 1;
        size_t rest = n - flen - 1, ylen = 0;
        for (int nest = 0; ylen < rest && (nest > 0 || yes[ylen] != '|'); ylen++) {
            nest += yes[ylen] == '{' ? 1 : yes[ylen] == '}' ? -1 : 0;
        }
        if (v != 0) {
            ps_story_run(s, yes, ylen, depth + 1);
        } else if (ylen < rest) {
            ps_story_run(s, yes + ylen + 1, rest - ylen - 1, depth + 1);
        }
        return true;
    }
    const char *fmt = flen < n && p[flen] == ':' ? p + flen + 1 : p + n;
    size_t fmtlen = (size_t)(p + n - fmt);
    if (flen == 4 && memcmp(p, "name", 4) == 0) {
        ps_story_name(s, s->ev->pid);
    } else if (flen == 4 && memcmp(p, "peer", 4) == 0 && fmtlen == 0) {
        ps_story_name(s, s->ev->peer);
    } else if (flen == 4 && memcmp(p, "text", 4) == 0) {
        ps_story_text(s);
    } else if (flen == 4 && memcmp(p, "wait", 4) == 0 && fmtlen == 0) {
        const char *tmpl = ps_wait_kind_story(v > 0 && v < PS_WAIT__COUNT ? (unsigned)v : 0u);
        ps_story_run(s, tmpl ? tmpl : "waits", strlen(tmpl ? tmpl : "waits"), depth + 1);
    } else {
        ps_story_number(s, v, fmt, fmtlen);
    }
    return true;
}

/* Render template t (n bytes) at nesting depth `depth`. */
static void ps_story_run(struct ps_story *s, const char *t, size_t n, int depth)
{
    size_t i = 0;
    while (i < n) {
        size_t lit = i;
        while (lit < n && t[lit] != '{') {
            lit++;
        }
        ps_story_put(s, t + i, lit - i);
        if (lit >= n) {
            return;
        }
        size_t end = lit + 1;
        for (int nest = 0; end < n && (nest > 0 || t[end] != '}'); end++) {
            nest += t[end] == '{' ? 1 : t[end] == '}' ? -1 : 0;
        }
        bool ok = end < n && depth < PS_STORY_DEPTH &&
                  ps_story_field(s, t + lit + 1, end - lit - 1, depth);
        if (!ok) {
            ps_story_put(s, t + lit, (end < n ? end + 1 : n) - lit);
        }
        i = end < n ? end + 1 : n;
    }
}

size_t ps_event_story_render(char *buf, size_t size, const char *tmpl, const struct ps_event *ev,
                             const struct ps_event_namer *namer)
{
    struct ps_story s = {.buf = buf, .size = size, .ev = ev, .namer = namer};
    if (size == 0) {
        return 0;
    }
    ps_story_run(&s, tmpl, strlen(tmpl), 0);
    buf[s.len] = '\0';
    return s.len;
}

size_t ps_event_story(char *buf, size_t size, const struct ps_event *ev,
                      const struct ps_event_namer *namer)
{
    const struct ps_event_type_info *info = ps_event_type_info(ev->type);
    if (info == NULL || info->story == NULL) {
        if (size > 0) {
            snprintf(buf, size, "%s event (type %u)", ps_event_type_name(ev->type), ev->type);
            return strlen(buf);
        }
        return 0;
    }
    return ps_event_story_render(buf, size, info->story, ev, namer);
}

size_t ps_event_wait_text(char *buf, size_t size, unsigned kind, uint32_t obj, int32_t peer,
                          int64_t amount, const char *detail, const struct ps_event_namer *namer)
{
    struct ps_event ev = {
        .type = PS_EV_WAIT_BEGIN,
        .obj = obj,
        .peer = peer,
        .a = kind,
        .b = amount,
        .text = detail,
        .text_len = detail ? (uint32_t)strnlen(detail, PS_EVENT_TEXT_MAX) : 0,
    };
    return ps_event_story_render(buf, size, "{wait}", &ev, namer);
}
