/* SPDX-License-Identifier: MIT */
/*
 * The Python hook (src/pyhook): unmodified Python programs under procscope.
 * Each fixture of tests/python runs under `procscope run --events=jsonl
 * --time-scale 0 -- python3 FIXTURE METHOD` for fork, spawn and forkserver;
 * the events are checked for causal order (every start after its spawn,
 * every receive after a send, every get after a put, every barrier release
 * after all the arrivals of its generation, every pool task started after it
 * was submitted), names and counts. Also: headless output equal to plain
 * python3's, exit status passed through, --python=off, the ctypes fallback,
 * a chained sitecustomize, refused -I, no python3.
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/cli_run.h"

TestSuite(pyhook, .timeout = 180);

#define PY_MAX_EVENTS 512
#define FIXTURES PS_SOURCE_DIR "/tests/python/"

/* A session's events, one JSONL line each (pointers into the run's stdout). */
struct py_events {
    struct ps_test_run run;
    char *line[PY_MAX_EVENTS];
    size_t n;
};

/* The string value of "key" in a JSONL line into buf ("" when absent). */
static const char *ev_str(const char *line, const char *key, char *buf, size_t size)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    const char *p = strstr(line, pat);
    size_t k = 0;
    if (p != NULL) {
        for (p += strlen(pat); *p && *p != '"' && k + 1 < size; p++) {
            if (*p == '\\' && p[1]) {
                p++;
            }
            buf[k++] = *p;
        }
    }
    buf[k] = '\0';
    return buf;
}

/* The numeric value of "key" in a JSONL line, or `dflt` when absent. */
static long long ev_num(const char *line, const char *key, long long dflt)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(line, pat);
    return p ? strtoll(p + strlen(pat), NULL, 10) : dflt;
}

/* Whether event i has type `type`. */
static bool ev_is(const struct py_events *e, size_t i, const char *type)
{
    char buf[32];
    return strcmp(ev_str(e->line[i], "type", buf, sizeof buf), type) == 0;
}

/* How many events of `type` (and, when key is set, with key == value). */
static size_t ev_count(const struct py_events *e, const char *type, const char *key, long long v)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++) {
        n += ev_is(e, i, type) && (key == NULL || ev_num(e->line[i], key, -999) == v);
    }
    return n;
}

/* Field `field` of the last `type` event whose `key` is v, or -1. */
static long long last_num(const struct py_events *e, const char *type, const char *key,
                          long long v, const char *field)
{
    long long found = -1;
    for (size_t i = 0; i < e->n; i++) {
        if (ev_is(e, i, type) && ev_num(e->line[i], key, -999) == v) {
            found = ev_num(e->line[i], field, -1);
        }
    }
    return found;
}

/* Events whose text field `key` contains `needle`. */
static size_t ev_count_text(const struct py_events *e, const char *type, const char *key,
                            const char *needle)
{
    char buf[512];
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++) {
        n += ev_is(e, i, type) && strstr(ev_str(e->line[i], key, buf, sizeof buf), needle);
    }
    return n;
}

/* Run procscope with `opts` on a fixture and split its events into lines. */
static void py_run(struct py_events *e, const char *fixture, const char *method, const char *extra,
                   const char *const *env)
{
    char path[512];
    snprintf(path, sizeof path, FIXTURES "%s.py", fixture);
    const char *argv[] = {ps_test_procscope(), "run", "--events=jsonl", "--time-scale", "0", "--",
                          "python3", path, method, extra, NULL};
    cr_assert_eq(ps_test_run(argv, env, 150, &e->run), 0);
    e->n = 0;
    for (char *save = NULL, *l = strtok_r(e->run.out, "\n", &save); l && e->n < PY_MAX_EVENTS;
         l = strtok_r(NULL, "\n", &save)) {
        e->line[e->n++] = l;
    }
    cr_assert_gt(e->n, 2, "%s %s: events (stderr: %s)", fixture, method, e->run.err);
}

/* Every proc.start comes after the proc.spawn naming its pid, with the same name. */
static void check_spawn_order(const struct py_events *e)
{
    char want[64], got[64];
    for (size_t i = 0; i < e->n; i++) {
        if (!ev_is(e, i, "proc.start")) {
            continue;
        }
        long long pid = ev_num(e->line[i], "pid", -1);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = ev_is(e, j, "proc.spawn") && ev_num(e->line[j], "child", -2) == pid &&
                   strcmp(ev_str(e->line[j], "child_name", want, sizeof want),
                          ev_str(e->line[i], "proc_name", got, sizeof got)) == 0;
        }
        cr_assert(seen, "start before its spawn: %s", e->line[i]);
    }
}

/* At every point, `after` events on an object never outnumber `before` events on it. */
static void check_pairs(const struct py_events *e, const char *before, const char *after,
                        const char *obj_key)
{
    for (size_t i = 0; i < e->n; i++) {
        if (!ev_is(e, i, after)) {
            continue;
        }
        long long obj = ev_num(e->line[i], obj_key, -1);
        size_t b = 0, a = 0;
        for (size_t j = 0; j <= i; j++) {
            b += ev_is(e, j, before) && ev_num(e->line[j], obj_key, -2) == obj;
            a += ev_is(e, j, after) && ev_num(e->line[j], obj_key, -2) == obj;
        }
        cr_assert_geq(b, a, "%s before %s: %s", before, after, e->line[i]);
    }
}

/* Every barrier release of a generation after all `parties` arrivals of it. */
static void check_barrier(const struct py_events *e, long long barrier, size_t parties)
{
    for (size_t i = 0; i < e->n; i++) {
        if (!ev_is(e, i, "barrier.release") || ev_num(e->line[i], "barrier", -1) != barrier) {
            continue;
        }
        long long gen = ev_num(e->line[i], "generation", -1);
        size_t arrived = 0;
        for (size_t j = 0; j < i; j++) {
            arrived += ev_is(e, j, "barrier.arrive") &&
                       ev_num(e->line[j], "barrier", -2) == barrier &&
                       ev_num(e->line[j], "generation", -2) == gen;
        }
        cr_assert_eq(arrived, parties, "release after every arrival: %s", e->line[i]);
    }
}

/* The checks every session passes. */
static void check_causal(const struct py_events *e)
{
    check_spawn_order(e);
    check_pairs(e, "pipe.send", "pipe.recv", "pipe");
    check_pairs(e, "queue.put", "queue.get", "queue");
    check_pairs(e, "pool.submit", "pool.start", "pool");
    check_pairs(e, "pool.start", "pool.done", "pool");
    check_pairs(e, "lock.want", "lock.acquired", "lock");
}

/* The start methods, by parameter index (Criterion copies parameters by value). */
static const char *py_methods[] = {"fork", "spawn", "forkserver"};

static void py_free(struct py_events *e)
{
    ps_test_run_free(&e->run);
}

ParameterizedTestParameters(pyhook, process)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, process)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_process", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count_text(&e, "proc.spawn", "child_name", "quick"), 1);
    cr_assert_eq(ev_count(&e, "proc.exit", "exitcode", 3), 1, "sys.exit(3) in the child");
    cr_assert_eq(ev_count(&e, "proc.join", "timed_out", 1), 1, "join(0.01) timed out");
    cr_assert_eq(ev_count(&e, "proc.terminate", "signal", 15), 2, "terminate + daemon at exit");
    cr_assert_eq(ev_count(&e, "proc.terminate", "signal", 9), 1, "kill");
    cr_assert_eq(ev_count(&e, "proc.join", "exitcode", -15), 2);
    cr_assert_eq(ev_count(&e, "proc.join", "exitcode", -9), 1);
    cr_assert_eq(ev_count_text(&e, "proc.spawn", "child_name", "daemon"), 1);
    cr_assert_eq(ev_count(&e, "proc.spawn", "daemon", 1), 1);
    cr_assert_eq(ev_count_text(&e, "output", "line", "codes 3 -15 -9"), 1);
    py_free(&e);
}

ParameterizedTestParameters(pyhook, pipe)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, pipe)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_pipe", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count(&e, "pipe.open", NULL, 0), 2);
    cr_assert_eq(ev_count(&e, "pipe.open", "duplex", 0), 1);
    /* pipe 1 (duplex): 3 sends by main (1, 2, None), 2 echoes back; pipe 2: 3 sends. */
    cr_assert_eq(ev_count(&e, "pipe.send", "pipe", 1), 5);
    cr_assert_eq(ev_count(&e, "pipe.recv", "pipe", 1), 5);
    cr_assert_eq(ev_count(&e, "pipe.send", "pipe", 2), 3);
    cr_assert_eq(ev_count(&e, "pipe.recv", "pipe", 2), 3);
    cr_assert_eq(ev_count(&e, "pipe.eof", "pipe", 2), 1);
    cr_assert_geq(ev_count(&e, "pipe.close", "pipe", 2), 2, "the writer's and main's copies");
    cr_assert_eq(ev_count_text(&e, "pipe.recv", "value", "4"), 1, "value preview");
    cr_assert_eq(ev_count_text(&e, "output", "line", "eof after [0, 1, 2]"), 1);
    py_free(&e);
}

ParameterizedTestParameters(pyhook, queue)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, queue)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_queue", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count(&e, "queue.open", "capacity", 3), 1);
    cr_assert_eq(ev_count(&e, "queue.open", "capacity", 0), 1, "unbounded shows as 0");
    cr_assert_eq(ev_count(&e, "queue.put", "queue", 1), 5);
    cr_assert_eq(ev_count(&e, "queue.get", "queue", 1), 5);
    cr_assert_eq(ev_count(&e, "queue.empty", "empty", 1), 1);
    cr_assert_eq(last_num(&e, "queue.get", "queue", 1, "depth"), 0, "each queue ends empty");
    cr_assert_eq(last_num(&e, "queue.get", "queue", 2, "depth"), 0);
    cr_assert_eq(last_num(&e, "queue.put", "queue", 1, "depth") <= 3, true, "bounded by 3");
    cr_assert_eq(ev_count(&e, "pipe.open", NULL, 0), 0, "a queue's own pipe is silent");
    cr_assert_eq(ev_count(&e, "lock.new", NULL, 0), 0, "a queue's own locks are silent");
    py_free(&e);
}

ParameterizedTestParameters(pyhook, lock)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, lock)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_lock", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count(&e, "lock.new", NULL, 0), 2);
    cr_assert_eq(ev_count(&e, "lock.acquired", "lock", 1), 2, "`with` in the child, by hand");
    cr_assert_eq(ev_count(&e, "lock.released", "lock", 1), 2);
    cr_assert_eq(ev_count(&e, "lock.acquired", "lock", 2), 1, "an RLock taken twice: one hold");
    cr_assert_eq(ev_count(&e, "lock.released", "lock", 2), 1);
    check_pairs(&e, "lock.acquired", "lock.released", "lock");
    py_free(&e);
}

ParameterizedTestParameters(pyhook, barrier)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, barrier)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_barrier", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count(&e, "barrier.new", "parties", 2), 1);
    cr_assert_eq(ev_count(&e, "barrier.arrive", "generation", 0), 3, "2 + the broken one's");
    cr_assert_eq(ev_count(&e, "barrier.arrive", "generation", 1), 2);
    cr_assert_eq(ev_count(&e, "barrier.arrive", "index", 1), 2, "indexes 0 and 1 per generation");
    cr_assert_eq(ev_count(&e, "barrier.release", "barrier", 1), 4);
    check_barrier(&e, 1, 2);
    cr_assert_eq(ev_count(&e, "barrier.broken", "barrier", 2), 1);
    cr_assert_eq(ev_count_text(&e, "output", "line", "broken"), 1);
    py_free(&e);
}

ParameterizedTestParameters(pyhook, pool)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, pool)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_pool", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count(&e, "pool.new", "workers", 2), 1);
    cr_assert_eq(ev_count(&e, "pool.worker", "pool", 1), 2, "two lanes");
    /* map: 4 chunks of up to 3; map_async: 2; apply_async: 1; imap: 3. */
    cr_assert_eq(ev_count(&e, "pool.submit", "pool", 1), 10);
    cr_assert_eq(ev_count(&e, "pool.done", "pool", 1), 10);
    cr_assert_eq(ev_count(&e, "pool.submit", "items", 3), 3);
    cr_assert_eq(ev_count(&e, "pool.close", "pool", 1), 1);
    cr_assert_eq(ev_count(&e, "pool.terminate", "pool", 2), 1);
    cr_assert_eq(ev_count(&e, "queue.open", NULL, 0) + ev_count(&e, "pipe.open", NULL, 0) +
                     ev_count(&e, "lock.new", NULL, 0),
                 0, "the pool's own queues, pipes and locks are silent");
    cr_assert_eq(ev_count_text(&e, "output", "line", "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]"), 1);
    py_free(&e);
}

ParameterizedTestParameters(pyhook, namespace)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, namespace)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_namespace", *method, NULL, NULL);
    cr_assert_eq(e.run.status, 0, "%s", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count_text(&e, "ns.set", "assign", "value=42"), 1);
    cr_assert_eq(ev_count_text(&e, "ns.get", "assign", "value=42"), 1);
    cr_assert_eq(ev_count_text(&e, "proc.start", "proc_name", "SyncManager-1"), 1);
    cr_assert_eq(ev_count(&e, "proc.start", "daemon", 2), ev_count(&e, "proc.spawn", "daemon", 2),
                 "every helper marked on both sides");
    cr_assert_geq(ev_count(&e, "proc.spawn", "daemon", 2), 1, "the manager is a helper");
    py_free(&e);
}

ParameterizedTestParameters(pyhook, output)
{
    static int methods[] = {0, 1, 2};
    return cr_make_param_array(int, methods, 3);
}

ParameterizedTest(int *m, pyhook, output)
{
    const char **method = &py_methods[*m];
    struct py_events e;
    py_run(&e, "fx_output", *method, "3", NULL);
    cr_assert_eq(e.run.status, 3, "the program's exit status (%s)", e.run.err);
    check_causal(&e);
    cr_assert_eq(ev_count_text(&e, "output", "line", "parent first"), 1);
    cr_assert_eq(ev_count_text(&e, "output", "line", "child says hello"), 1, "partial line joined");
    cr_assert_eq(ev_count(&e, "output", "stream", 2) >= 3, true, "stderr lines");
    cr_assert_eq(ev_count_text(&e, "output", "line", "ValueError: boom in child"), 1);
    cr_assert_eq(ev_count(&e, "proc.exit", "exitcode", 1), 1, "the failing child");
    cr_assert_eq(ev_count(&e, "stdio", NULL, 0), 0, "every line came through the hook");
    py_free(&e);
}

/* Run argv and return its result (the caller frees). */
static struct ps_test_run run_cmd(const char *const *argv, const char *const *env)
{
    struct ps_test_run run;
    cr_assert_eq(ps_test_run(argv, env, 120, &run), 0);
    return run;
}

Test(pyhook, headless_is_plain_python)
{
    const char *script = FIXTURES "fx_output.py";
    const char *plain[] = {"/usr/bin/env", "python3", script, "fork", "5", NULL};
    const char *ours[] = {ps_test_procscope(), "run", "--headless", "--time-scale", "0",
                          "--", "python3", script, "fork", "5", NULL};
    const char *env[] = {"PYTHONUNBUFFERED=1", NULL};
    struct ps_test_run a = run_cmd(plain, env), b = run_cmd(ours, env);
    cr_assert_eq(a.status, 5);
    cr_assert_eq(b.status, 5, "exit status passed through");
    cr_assert_str_eq(b.out, a.out);
    cr_assert_str_eq(b.err, a.err);
    ps_test_run_free(&a);
    ps_test_run_free(&b);
}

Test(pyhook, python_off_and_ctypes)
{
    struct py_events e;
    const char *ctypes_env[] = {"PROCSCOPE_PYHOOK_CTYPES=1", NULL};
    py_run(&e, "fx_pipe", "fork", NULL, ctypes_env);
    cr_assert_eq(ev_count(&e, "pipe.send", NULL, 0), 8, "ctypes carries the same events");
    py_free(&e);

    const char *script = FIXTURES "fx_pipe.py";
    const char *off[] = {ps_test_procscope(), "run", "--events=jsonl", "--python=off", "--",
                         "python3", script, "fork", NULL};
    struct ps_test_run run = run_cmd(off, NULL);
    cr_assert_eq(run.status, 0);
    cr_assert_eq(ps_test_count_lines(run.out, "\"pipe."), 0, "no hook with --python=off");
    cr_assert_eq(ps_test_count_lines(run.out, "\"stdio\""), 3, "plain output still captured");
    ps_test_run_free(&run);
}

Test(pyhook, sitecustomize_chained)
{
    char dir[] = "/tmp/ps_pyhook_XXXXXX", path[128], pp[160];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/sitecustomize.py", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fputs("print('shadowed sitecustomize ran')\n", f);
    fclose(f);
    snprintf(pp, sizeof pp, "PYTHONPATH=%s", dir);
    const char *env[] = {pp, NULL};
    const char *argv[] = {ps_test_procscope(), "run", "--events=jsonl", "--", "python3", "-c",
                          "print('main')", NULL};
    struct ps_test_run run = run_cmd(argv, env);
    cr_assert_eq(run.status, 0, "%s", run.err);
    cr_assert_eq(ps_test_count_lines(run.out, "\"line\":\"shadowed sitecustomize ran\""), 1);
    cr_assert_eq(ps_test_count_lines(run.out, "\"type\":\"output\""), 2, "both through the hook");
    ps_test_run_free(&run);
    unlink(path);
    rmdir(dir);
}

Test(pyhook, refused_flags_and_missing_python)
{
    const char *iso[] = {ps_test_procscope(), "run", "--headless", "--", "python3", "-I", "-c",
                         "pass", NULL};
    struct ps_test_run run = run_cmd(iso, NULL);
    cr_assert_eq(run.status, 64);
    cr_assert_eq(ps_test_count_lines(run.err, "'-I'"), 1, "one clear line: %s", run.err);
    ps_test_run_free(&run);

    const char *script[] = {ps_test_procscope(), "run", "--headless", FIXTURES "fx_pipe.py",
                            NULL};
    const char *no_path[] = {"PATH=/nonexistent", NULL};
    run = run_cmd(script, no_path);
    cr_assert_eq(run.status, 69);
    cr_assert_eq(ps_test_count_lines(run.err, "python3"), 1, "one line: %s", run.err);
    ps_test_run_free(&run);
}
