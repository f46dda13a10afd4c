/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

/*
 * `procscope bench python`: what the Python hook costs. The script
 * src/pyhook/bench_hook.py runs twice under a real supervisor session: hooked
 * (events into the ring, drained as in a live session) and plain
 * (--python=off), and times itself: ns per event through the _psprobe
 * extension and through ctypes, a Pipe send+recv, a Queue put+get and
 * `with lock:` (medians of 5 rounds), and the hook's start-up in the
 * interpreter. The two runs alternate over several pairs; the report gives
 * medians and the hooked/plain difference of each pair. Nothing asserts.
 */

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "session/sink.h"
#include "supervisor/python.h"
#include "supervisor/supervisor.h"

#define PS_BENCH_PY_PAIRS 3
#define PS_BENCH_PY_KEYS 8

static const char *const ps_bench_py_keys[PS_BENCH_PY_KEYS] = {
    "extension_ns", "ctypes_ns", "startup_ns", "pipe_ns", "queue_ns", "lock_ns", "empty_loop_ns",
    NULL,
};

/* One run's figures, by key index; negative when not reported. */
struct ps_bench_py_run {
    double v[PS_BENCH_PY_KEYS];
};

/* Take "key value" lines the script printed (output or captured stdio events). */
static int ps_bench_py_event(void *ctx, const struct ps_event *ev)
{
    struct ps_bench_py_run *run = ctx;
    if (ev->type != PS_EV_OUTPUT && ev->type != PS_EV_STDIO) {
        return 0;
    }
    for (size_t k = 0; ps_bench_py_keys[k] != NULL; k++) {
        size_t n = strlen(ps_bench_py_keys[k]);
        if (strncmp(ev->text, ps_bench_py_keys[k], n) == 0 && ev->text[n] == ' ') {
            run->v[k] = strtod(ev->text + n + 1, NULL);
        }
    }
    return 0;
}

/* Run the script once (hooked or plain) under a supervisor; 0 or -errno. */
static int ps_bench_py_once(char *python, char *script, bool hooked, struct ps_bench_py_run *run)
{
    char mode[8];
    strlcpy(mode, hooked ? "hooked" : "plain", sizeof mode);
    char *argv[] = {python, script, mode, NULL};
    struct ps_supervisor_opts opts = {.argv = argv, .demo = "bench_python", .time_scale = -1};
    struct ps_sink sink = {.on_event = ps_bench_py_event, .ctx = run};
    struct ps_supervisor *sup;
    struct ps_session_end end;
    for (size_t k = 0; k < PS_BENCH_PY_KEYS; k++) {
        run->v[k] = -1;
    }
    ps_python_set_hook(hooked);
    int rc = ps_supervisor_start(&sup, &opts);
    ps_python_set_hook(true);
    if (rc < 0) {
        return rc;
    }
    while (rc >= 0 && !ps_supervisor_finished(sup)) {
        rc = ps_supervisor_poll(sup, &sink, 100);
    }
    ps_supervisor_end(sup, &end);
    ps_supervisor_free(sup);
    return rc < 0 ? rc : end.exit_status == 0 ? 0 : -ECHILD;
}

/* Report the median of key k over the runs, and optionally against the plain runs. */
static void ps_bench_py_line(FILE *out, struct ps_bench_py_run *on, struct ps_bench_py_run *off,
                             size_t k, const char *label, double scale, const char *unit,
                             const char *target)
{
    double a[PS_BENCH_PY_PAIRS], d[PS_BENCH_PY_PAIRS], b[PS_BENCH_PY_PAIRS];
    char note[160];
    for (size_t i = 0; i < PS_BENCH_PY_PAIRS; i++) {
        a[i] = on[i].v[k] * scale;
        b[i] = off ? off[i].v[k] * scale : 0;
        d[i] = off && b[i] > 0 ? (a[i] - b[i]) / b[i] * 100.0 : 0;
    }
    double med = ps_bench_median(a, PS_BENCH_PY_PAIRS);
    if (off) {
        double diff = ps_bench_median(d, PS_BENCH_PY_PAIRS);
        double plain = ps_bench_median(b, PS_BENCH_PY_PAIRS);
        snprintf(note, sizeof note, "plain %.0f %s, added %.0f %s (%+.1f %%), target %s", plain,
                 unit, med - plain, unit, diff, target);
    } else {
        snprintf(note, sizeof note, "target %s", target);
    }
    ps_bench_report(out, label, med, unit, note);
}

int ps_bench_python(FILE *out)
{
    char python[PATH_MAX], script[PATH_MAX];
    struct ps_bench_py_run on[PS_BENCH_PY_PAIRS], off[PS_BENCH_PY_PAIRS];
    ps_bench_heading(out, "python", "the Python hook: per event, per operation, start-up");
    if (ps_python_find(python, sizeof python) < 0 ||
        ps_python_hook_file("bench_hook.py", script, sizeof script) < 0) {
        fprintf(out, "  skipped: no python3 or no hook folder\n");
        return 0;
    }
    for (size_t i = 0; i < PS_BENCH_PY_PAIRS; i++) {
        bool hooked_first = i % 2 == 0; /* alternate, so drift hits both alike */
        int rc = ps_bench_py_once(python, script, hooked_first, hooked_first ? &on[i] : &off[i]);
        if (rc == 0) {
            rc = ps_bench_py_once(python, script, !hooked_first, hooked_first ? &off[i] : &on[i]);
        }
        if (rc < 0) {
            return rc;
        }
    }
    ps_bench_py_line(out, on, NULL, 0, "event via extension", 1, "ns", "<= 60 ns");
    ps_bench_py_line(out, on, NULL, 1, "event via ctypes", 1, "ns", "fallback only");
    ps_bench_py_line(out, on, NULL, 6, "empty Python loop", 1, "ns", "(for scale)");
    ps_bench_py_line(out, on, off, 3, "Pipe send+recv", 1, "ns", "<= 5 %");
    ps_bench_py_line(out, on, off, 4, "Queue put+get", 1, "ns", "<= 5 %");
    ps_bench_py_line(out, on, off, 5, "with lock:", 1, "ns", "<= 300 ns added");
    ps_bench_py_line(out, on, NULL, 2, "hook start-up", 1e-6, "ms", "<= 2 ms");
    return 0;
}
