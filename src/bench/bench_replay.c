/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

/*
 * `procscope bench replay`: a generated recording of 1 M demo-like events
 * (eight processes exchanging values through pipes and queues, taking a
 * lock, meeting at a barrier, running pool tasks and printing lines) in a
 * temporary file, removed afterwards. Figures: bytes per event on disk,
 * write rate, decode rate (every event built and passed to a counting sink,
 * as export and --events read), the load/index rate of replay (the file
 * checked, on two threads as it has 64 blocks or more, and its block index
 * kept; events are decoded when first reached),
 * for comparison the rate of loading by storing every event in the session
 * log, the time to then decode everything and build every keyframe, seek time
 * to random events including rebuilding the model (median and worst), and
 * the Chrome export rate. Medians over rounds; nothing asserts on time.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "export/export_chrome.h"
#include "session/session.h"
#include "trace/trace_load.h"
#include "trace/trace_reader.h"
#include "trace/trace_writer.h"

#define PS_BENCH_REPLAY_EVENTS 1000000u
#define PS_BENCH_REPLAY_ROUNDS 5
#define PS_BENCH_REPLAY_LOADS 9 /* replay loads are short: more rounds for a steadier median */
#define PS_BENCH_REPLAY_SEEKS 400
#define PS_BENCH_REPLAY_PROCS 8

/* The generator's state: a xorshift stream, the clock and the queue depth. */
struct ps_bench_gen {
    uint64_t x;
    uint64_t t_ns;
    int64_t depth;
    char text[32];
};

static uint64_t ps_bench_replay_rand(struct ps_bench_gen *g)
{
    g->x ^= g->x << 13;
    g->x ^= g->x >> 7;
    g->x ^= g->x << 17;
    return g->x;
}

/* The first events: the supervisor spawns MainProcess, which spawns the others. */
static struct ps_event ps_bench_replay_setup(struct ps_bench_gen *g, uint64_t i)
{
    int32_t pid = 20000 + (int32_t)i;
    snprintf(g->text, sizeof g->text, i == 0 ? "MainProcess" : "Process-%u", (unsigned)i);
    return (struct ps_event){.type = PS_EV_PROC_SPAWN, .t_ns = g->t_ns, .pid = i ? 20000 : 19999,
                             .peer = pid, .obj = (uint32_t)i, .text = g->text,
                             .text_len = (uint32_t)strlen(g->text)};
}

/* Event i of the generated session (demo-like mix, small time steps). */
static struct ps_event ps_bench_replay_event(struct ps_bench_gen *g, uint64_t i)
{
    uint64_t r = ps_bench_replay_rand(g);
    g->t_ns += 2000 + r % 40000;
    if (i < PS_BENCH_REPLAY_PROCS) {
        return ps_bench_replay_setup(g, i);
    }
    struct ps_event ev = {.t_ns = g->t_ns, .text = ""};
    ev.pid = 20000 + (int32_t)((r >> 20) % PS_BENCH_REPLAY_PROCS);
    unsigned kind = (unsigned)((r >> 32) % 10);
    snprintf(g->text, sizeof g->text, "%u", (unsigned)((r >> 40) % 1000));
    static const uint16_t types[10] = {PS_EV_PIPE_SEND,   PS_EV_PIPE_RECV,    PS_EV_QUEUE_PUT,
                                       PS_EV_QUEUE_GET,   PS_EV_LOCK_WANT,    PS_EV_LOCK_ACQUIRED,
                                       PS_EV_LOCK_RELEASED, PS_EV_BARRIER_ARRIVE, PS_EV_POOL_DONE,
                                       PS_EV_OUTPUT};
    ev.type = types[kind];
    ev.obj = 1 + kind / 2;
    if (kind <= 1) {
        ev.a = (int64_t)strlen(g->text) + 5;
        ev.b = kind;
    } else if (kind <= 3) {
        g->depth += kind == 2 ? 1 : (g->depth > 0 ? -1 : 0);
        ev.a = g->depth;
        ev.b = 8;
    } else if (kind <= 6) {
        ev.a = kind == 4 ? 0 : (int64_t)(r % 50000);
    } else {
        ev.a = (int64_t)(i % 97);
        ev.b = (int64_t)(i / 1000);
    }
    ev.obj = kind == 9 ? 0 : ev.obj;
    ev.a = kind == 9 ? 1 : ev.a;
    ev.b = kind == 9 ? 0 : ev.b;
    const struct ps_event_type_info *ti = ps_event_type_info(ev.type);
    if (ti && ti->text_key) {
        ev.text = g->text;
        ev.text_len = (uint32_t)strlen(g->text);
    }
    return ev;
}

/* Write the generated recording to path; returns the write time in ns, or 0 on error. */
static uint64_t ps_bench_replay_write(const char *path)
{
    struct ps_session_info info = {.time_scale = 1.0, .start_mono_ns = 1000000000u};
    snprintf(info.demo, sizeof info.demo, "bench");
    struct ps_trace_writer *w = NULL;
    if (ps_trace_writer_open(&w, path, &info) < 0) {
        return 0;
    }
    struct ps_sink sink = ps_trace_writer_sink(w);
    struct ps_bench_gen g = {.x = 0x9e3779b97f4a7c15ull, .t_ns = info.start_mono_ns};
    uint64_t t0 = ps_bench_now_ns();
    for (uint64_t i = 0; i < PS_BENCH_REPLAY_EVENTS; i++) {
        struct ps_event ev = ps_bench_replay_event(&g, i);
        ev.seq = i;
        if (ps_sink_event(&sink, &ev) < 0) {
            ps_trace_writer_abort(w);
            return 0;
        }
    }
    struct ps_session_end end = {.end_mono_ns = g.t_ns, .events = PS_BENCH_REPLAY_EVENTS,
                                 .complete = 1};
    if (ps_trace_writer_finish(w, &end) < 0) {
        return 0;
    }
    uint64_t dt = ps_bench_now_ns() - t0;
    return dt ? dt : 1;
}

static int ps_bench_replay_count(void *ctx, const struct ps_event *ev)
{
    (void)ev;
    (*(uint64_t *)ctx)++;
    return 0;
}

/* Median events/s of reading path into a counting sink; 0 on error. */
static double ps_bench_replay_decode(const char *path)
{
    double rates[PS_BENCH_REPLAY_ROUNDS];
    for (int r = 0; r < PS_BENCH_REPLAY_ROUNDS; r++) {
        uint64_t n = 0;
        struct ps_sink sink = {.on_event = ps_bench_replay_count, .ctx = &n};
        uint64_t t0 = ps_bench_now_ns();
        if (ps_trace_read(path, &sink, NULL, 0) < 0 || n != PS_BENCH_REPLAY_EVENTS) {
            return 0;
        }
        rates[r] = (double)n * 1e9 / (double)(ps_bench_now_ns() - t0 + 1);
    }
    return ps_bench_median(rates, PS_BENCH_REPLAY_ROUNDS);
}

/*
 * Load path into a new session: lazily as replay does (check the file, keep
 * its block index, decode nothing) or, when `stream`, by streaming every event
 * into the session's log (how replay loaded before). *ns gets the time; NULL
 * on error.
 */
static struct ps_session *ps_bench_replay_load(const char *path, bool stream, uint64_t *ns)
{
    struct ps_session *s = ps_session_new();
    if (!s) {
        return NULL;
    }
    ps_session_follow(s, false);
    struct ps_sink sink = ps_session_sink(s);
    uint64_t t0 = ps_bench_now_ns();
    int rc = stream ? ps_trace_read(path, &sink, NULL, 0) : ps_trace_load(path, s, NULL, NULL, 0);
    *ns = ps_bench_now_ns() - t0 + 1;
    if (rc < 0 || ps_session_count(s) != PS_BENCH_REPLAY_EVENTS) {
        ps_session_free(s);
        return NULL;
    }
    return s;
}

/* Median M events/s of `rounds` loads (lazy or streaming), *best the fastest; 0 on error. */
static double ps_bench_replay_load_rate(const char *path, bool stream, int rounds, double *best)
{
    double rates[PS_BENCH_REPLAY_LOADS];
    for (int r = 0; r < rounds; r++) {
        uint64_t ns = 0;
        struct ps_session *s = ps_bench_replay_load(path, stream, &ns);
        if (!s) {
            return 0;
        }
        rates[r] = PS_BENCH_REPLAY_EVENTS * 1e3 / (double)ns;
        ps_session_free(s);
    }
    *best = ps_bench_max(rates, (size_t)rounds);
    return ps_bench_median(rates, (size_t)rounds);
}

/* Time PS_BENCH_REPLAY_SEEKS seeks to random events; fills median and worst in µs. */
static int ps_bench_replay_seek(struct ps_session *s, double *median_us, double *worst_us)
{
    double *us = ps_xcalloc(PS_BENCH_REPLAY_SEEKS, sizeof *us);
    struct ps_bench_gen g = {.x = 0x2545f4914f6cdd1dull};
    uint64_t count = ps_session_count(s);
    int rc = 0;
    for (int k = 0; k < PS_BENCH_REPLAY_SEEKS && rc == 0; k++) {
        uint64_t target = ps_bench_replay_rand(&g) % (count + 1);
        uint64_t t0 = ps_bench_now_ns();
        rc = ps_session_seek(s, target);
        us[k] = (double)(ps_bench_now_ns() - t0) / 1e3;
        if (rc == 0 && ps_session_cursor(s) != target) {
            rc = -EIO;
        }
    }
    *worst_us = ps_bench_max(us, PS_BENCH_REPLAY_SEEKS);
    *median_us = ps_bench_median(us, PS_BENCH_REPLAY_SEEKS);
    free(us);
    return rc;
}

/* Median events/s of exporting path as Chrome JSON to /dev/null; 0 on error. */
static double ps_bench_replay_export(const char *path)
{
    double rates[3];
    for (int r = 0; r < 3; r++) {
        FILE *out = fopen("/dev/null", "w");
        struct ps_export_chrome *ch = out ? ps_export_chrome_new(out) : NULL;
        if (!ch) {
            if (out) {
                fclose(out);
            }
            return 0;
        }
        struct ps_sink sink = ps_export_chrome_sink(ch);
        uint64_t t0 = ps_bench_now_ns();
        int rc = ps_trace_read(path, &sink, NULL, 0);
        rc = ps_export_chrome_free(ch) < 0 ? -EIO : rc;
        rates[r] = (double)PS_BENCH_REPLAY_EVENTS * 1e9 / (double)(ps_bench_now_ns() - t0 + 1);
        fclose(out);
        if (rc < 0) {
            return 0;
        }
    }
    return ps_bench_median(rates, 3);
}

/* Median ms of loading lazily then building every keyframe (every block decoded); 0 on error. */
static double ps_bench_replay_index_ms(const char *path)
{
    double ms[3];
    for (int r = 0; r < 3; r++) {
        uint64_t ns = 0;
        struct ps_session *s = ps_bench_replay_load(path, false, &ns);
        if (!s) {
            return 0;
        }
        uint64_t t0 = ps_bench_now_ns();
        int rc = ps_session_index(s);
        ms[r] = (double)(ps_bench_now_ns() - t0) / 1e6;
        ps_session_free(s);
        if (rc < 0) {
            return 0;
        }
    }
    return ps_bench_median(ms, 3);
}

/* The session part: the two ways of loading, keyframes, seeks. */
static int ps_bench_replay_session(FILE *out, const char *path)
{
    double lazy_best = 0;
    double stream_best = 0;
    double lazy = ps_bench_replay_load_rate(path, false, PS_BENCH_REPLAY_LOADS, &lazy_best);
    double stream = ps_bench_replay_load_rate(path, true, 3, &stream_best);
    double index_ms = ps_bench_replay_index_ms(path);
    if (lazy <= 0 || stream <= 0 || index_ms <= 0) {
        return -EIO;
    }
    char note[128];
    snprintf(note, sizeof note, "target >= 50, median of %d (best %.1f): file checked on 2 "
             "threads, block index kept, events decoded on first use", PS_BENCH_REPLAY_LOADS, lazy_best);
    ps_bench_report(out, "load/index for replay", lazy, "M ev/s", note);
    snprintf(note, sizeof note, "reader into the session log, median of 3 (best %.1f), "
             "for comparison", stream_best);
    ps_bench_report(out, "load by storing every event", stream, "M ev/s", note);
    ps_bench_report(out, "then decode all + every keyframe", index_ms, "ms",
                    "ps_session_index after a replay load, median of 3");
    uint64_t ns = 0;
    struct ps_session *s = ps_bench_replay_load(path, false, &ns);
    int rc = s ? ps_session_index(s) : -EIO;
    double med = 0;
    double worst = 0;
    if (rc == 0) {
        rc = ps_bench_replay_seek(s, &med, &worst);
    }
    if (rc == 0) {
        ps_bench_report(out, "seek to a random event, median", med, "us",
                        "target <= 1000 us (model rebuilt from a keyframe)");
        ps_bench_report(out, "seek to a random event, worst", worst, "us", "target <= 5000 us");
    }
    ps_session_free(s);
    return rc;
}

int ps_bench_replay(FILE *out)
{
    ps_bench_heading(out, "replay", "a generated recording of 1 M demo-like events");
    char path[128];
    snprintf(path, sizeof path, "/tmp/procscope-bench-replay.%ld.psrec", (long)getpid());
    uint64_t write_ns = ps_bench_replay_write(path);
    if (write_ns == 0) {
        unlink(path);
        return -EIO;
    }
    struct stat sb;
    int rc = stat(path, &sb) < 0 ? -errno : 0;
    if (rc == 0) {
        ps_bench_report(out, "bytes per event on disk",
                        (double)sb.st_size / PS_BENCH_REPLAY_EVENTS, "B",
                        "target <= 12 (header, blocks, index included)");
        ps_bench_report(out, "write (encode + write)",
                        PS_BENCH_REPLAY_EVENTS * 1e3 / (double)write_ns, "M ev/s", NULL);
        double dec = ps_bench_replay_decode(path);
        rc = dec > 0 ? 0 : -EIO;
        ps_bench_report(out, "decode every event", dec / 1e6, "M ev/s",
                        "reader into a counting sink (export, --events), median of 5");
    }
    rc = rc == 0 ? ps_bench_replay_session(out, path) : rc;
    if (rc == 0) {
        double exp = ps_bench_replay_export(path);
        rc = exp > 0 ? 0 : -EIO;
        ps_bench_report(out, "export chrome JSON to /dev/null", exp / 1e6, "M ev/s", "median of 3");
    }
    unlink(path);
    return rc;
}
