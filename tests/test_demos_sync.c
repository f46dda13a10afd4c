/* SPDX-License-Identifier: MIT */
/*
 * The barrier, pool and shared_namespace demos run standalone at time scale
 * 0: exact output where Python's is deterministic, the rules of DEMOS.md
 * where it is not. Then each runs under the supervisor and its events are
 * checked: what the visualizer needs to show (which worker ran which chunk,
 * the barrier's arrivals and release, each namespace set and get).
 */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

TestSuite(demos_sync, .timeout = 60);

#define OUT_MAX 65536

/* Run demo `name` with PROCSCOPE_TIME_SCALE=0; its stdout goes to `out`. Returns its exit status.
 */
static int run_demo(const char *name, char *out, size_t size)
{
    char cmd[512];
    FILE *pipe;
    size_t n;

    snprintf(cmd, sizeof(cmd), "%s/%s", PS_DEMO_DIR, name);
    cr_assert_eq(access(cmd, X_OK), 0, "demo %s is not built", cmd);
    cr_assert_eq(setenv("PROCSCOPE_TIME_SCALE", "0", 1), 0);
    unsetenv("PROCSCOPE_RING_FD");
    pipe = popen(cmd, "r");
    cr_assert_not_null(pipe);
    n = fread(out, 1, size - 1, pipe);
    out[n] = '\0';
    return pclose(pipe);
}

Test(demos_sync, process_pool_prints_the_squares_in_order)
{
    static char out[OUT_MAX];
    char expected[2048];
    size_t len = (size_t)snprintf(expected, sizeof(expected), "Pool    : [");

    for (int i = 0; i < 100; i++)
        len +=
            (size_t)snprintf(expected + len, sizeof(expected) - len, "%s%d", i ? ", " : "", i * i);
    snprintf(expected + len, sizeof(expected) - len, "]\n");
    cr_assert_eq(run_demo("process_pool", out, sizeof(out)), 0);
    cr_assert_str_eq(out, expected);
}

Test(demos_sync, shared_namespace_prints_the_value)
{
    static char out[OUT_MAX];

    cr_assert_eq(run_demo("shared_namespace", out, sizeof(out)), 0);
    cr_assert_str_eq(out, "Namespace value: 42\n");
}

/* Seconds since the epoch of "YYYY-MM-DD HH:MM:SS[.ffffff]" in local time. */
static double parse_stamp(const char *s)
{
    struct tm tm = {0};
    const char *rest = strptime(s, "%Y-%m-%d %H:%M:%S", &tm);
    double frac = 0;

    cr_assert_not_null(rest, "bad time stamp %s", s);
    if (*rest == '.')
        frac = strtod(rest, NULL);
    tm.tm_isdst = -1;
    return (double)mktime(&tm) + frac;
}

Test(demos_sync, processes_barrier_follows_the_rules)
{
    static char out[OUT_MAX];
    const char *names[4] = {"p1 - test_with_barrier", "p2 - test_with_barrier",
                            "p3 - test_without_barrier", "p4 - test_without_barrier"};
    double when[4] = {0};
    int seen[4] = {0};
    int lines = 0;
    regex_t re;
    regmatch_t m[3];

    cr_assert_eq(run_demo("processes_barrier", out, sizeof(out)), 0);
    cr_assert_eq(regcomp(&re,
                         "^process (p[1-4] - test_with(out)?_barrier) ----> "
                         "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{6})?$",
                         REG_EXTENDED),
                 0);
    for (char *line = strtok(out, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        cr_assert_eq(regexec(&re, line, 3, m, 0), 0, "unexpected line: %s", line);
        lines++;
        for (int i = 0; i < 4; i++) {
            size_t len = (size_t)(m[1].rm_eo - m[1].rm_so);

            if (strlen(names[i]) == len && strncmp(line + m[1].rm_so, names[i], len) == 0) {
                seen[i]++;
                when[i] = parse_stamp(strstr(line, "----> ") + 6);
            }
        }
    }
    regfree(&re);
    cr_assert_eq(lines, 4);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(seen[i], 1, "%s printed %d times", names[i], seen[i]);
    /* Released together is an order, not a time (the machine may be loaded):
     * processes_barrier_events_show_arrivals_and_release checks it from the events. */
    cr_assert(when[0] > 0 && when[1] > 0, "p1 at %f, p2 at %f", when[0], when[1]);
}

/* Run demo `name` under the supervisor at time scale 0, collecting every event into `c`. */
static void supervise_demo(const char *name, struct ring_collect *c)
{
    char path[512];
    char *argv[] = {path, NULL};
    struct ps_supervisor_opts opts = {.argv = argv, .time_scale = 0};
    struct ps_sink sink = {.on_event = ring_collect_event, .ctx = c};
    struct ps_supervisor *sup = NULL;
    struct ps_session_end end;

    snprintf(path, sizeof(path), "%s/%s", PS_DEMO_DIR, name);
    unsetenv("PROCSCOPE_RING_FD");
    cr_assert_eq(ps_supervisor_start(&sup, &opts), 0);
    while (!ps_supervisor_finished(sup))
        cr_assert_geq(ps_supervisor_poll(sup, &sink, 100), 0);
    ps_supervisor_end(sup, &end);
    cr_assert_eq(end.exit_status, 0);
    cr_assert_eq(end.drops, 0);
    cr_assert_eq(end.torn, 0);
    ps_supervisor_free(sup);
}

/* Number of events of `type` whose text is `text`. */
static size_t count_text(const struct ring_collect *c, unsigned type, const char *text)
{
    size_t n = 0;

    for (size_t i = 0; i < c->n; i++)
        n += c->ev[i].type == type && c->ev[i].text != NULL && strcmp(c->ev[i].text, text) == 0;
    return n;
}

Test(demos_sync, process_pool_events_show_workers_chunks_and_results)
{
    struct ring_collect c = {0};
    int32_t workers[5] = {0};
    uint32_t submitted = 0;
    uint32_t done_items = 0;
    int done_by[15] = {0};
    long at;

    supervise_demo("process_pool", &c);
    at = ring_collect_find(&c, PS_EV_POOL_NEW, 0);
    cr_assert_geq(at, 0);
    cr_assert_eq(c.ev[at].a, 4);
    cr_assert_eq(ring_collect_count(&c, PS_EV_POOL_WORKER), 4);
    for (size_t i = 0; i < c.n; i++) {
        const struct ps_event *ev = &c.ev[i];

        if (ev->type == PS_EV_POOL_WORKER) {
            cr_assert(ev->a >= 1 && ev->a <= 4);
            cr_assert_eq(workers[ev->a], 0, "lane %lld twice", (long long)ev->a);
            workers[ev->a] = ev->peer;
        } else if (ev->type == PS_EV_POOL_SUBMIT) {
            cr_assert_eq(ev->a, submitted, "chunks are submitted in order");
            cr_assert_eq(ev->b, submitted < 14 ? 7 : 2);
            submitted++;
        } else if (ev->type == PS_EV_POOL_DONE) {
            cr_assert(ev->a >= 0 && ev->a < 15);
            done_by[ev->a]++;
            done_items += (uint32_t)ev->b;
            cr_assert(ev->pid == workers[1] || ev->pid == workers[2] || ev->pid == workers[3] ||
                          ev->pid == workers[4],
                      "chunk %lld done by %d, not a worker", (long long)ev->a, ev->pid);
        }
    }
    cr_assert_eq(submitted, 15);
    cr_assert_eq(done_items, 100);
    for (int i = 0; i < 15; i++)
        cr_assert_eq(done_by[i], 1, "chunk %d done %d times", i, done_by[i]);
    for (int k = 1; k <= 4; k++) {
        char name[32];

        snprintf(name, sizeof(name), "ForkPoolWorker-%d", k);
        cr_assert_eq(count_text(&c, PS_EV_PROC_START, name), 1, "%s started once", name);
    }
    cr_assert_eq(ring_collect_count(&c, PS_EV_POOL_CLOSE), 1);
    cr_assert_eq(ring_collect_count(&c, PS_EV_OUTPUT), 1);
    cr_assert_eq(
        strncmp(c.ev[ring_collect_find(&c, PS_EV_OUTPUT, 0)].text, "Pool    : [0, 1, 4, ", 20), 0);
    ring_collect_free(&c);
}

Test(demos_sync, processes_barrier_events_show_arrivals_and_release)
{
    struct ring_collect c = {0};
    int index_seen[2] = {0};
    int32_t arrived[2] = {0};
    size_t n_arrive = 0;
    size_t n_release = 0;
    long at;

    supervise_demo("processes_barrier", &c);
    at = ring_collect_find(&c, PS_EV_BARRIER_NEW, 0);
    cr_assert_geq(at, 0);
    cr_assert_eq(c.ev[at].a, 2);
    for (size_t i = 0; i < c.n; i++) {
        const struct ps_event *ev = &c.ev[i];

        if (ev->type == PS_EV_BARRIER_ARRIVE) {
            cr_assert(ev->a == 0 || ev->a == 1);
            cr_assert_eq(ev->b, 0, "one generation");
            index_seen[ev->a]++;
            arrived[n_arrive++] = ev->pid;
        } else if (ev->type == PS_EV_BARRIER_RELEASE) {
            cr_assert_eq(n_arrive, 2, "released only after both arrived");
            cr_assert(ev->pid == arrived[0] || ev->pid == arrived[1]);
            cr_assert_eq(ev->b, 0);
            n_release++;
        } else if (ev->type == PS_EV_OUTPUT && (ev->pid == arrived[0] || ev->pid == arrived[1])) {
            cr_assert_eq(n_arrive, 2, "a waiting process prints only after both arrived");
        }
    }
    cr_assert_eq(index_seen[0], 1);
    cr_assert_eq(index_seen[1], 1);
    cr_assert_neq(arrived[0], arrived[1]);
    cr_assert_eq(n_release, 2);
    cr_assert_eq(ring_collect_count(&c, PS_EV_BARRIER_BROKEN), 0);
    cr_assert_eq(ring_collect_count(&c, PS_EV_OUTPUT), 4);
    cr_assert_eq(count_text(&c, PS_EV_PROC_START, "p1 - test_with_barrier"), 1);
    cr_assert_eq(count_text(&c, PS_EV_PROC_START, "p4 - test_without_barrier"), 1);
    ring_collect_free(&c);
}

Test(demos_sync, shared_namespace_events_show_sets_and_gets)
{
    struct ring_collect c = {0};
    long set_at;
    long get_at;

    supervise_demo("shared_namespace", &c);
    set_at = ring_collect_find(&c, PS_EV_NS_SET, 0);
    cr_assert_geq(set_at, 0);
    cr_assert_eq(count_text(&c, PS_EV_NS_SET, "value=42"), 1);
    cr_assert_geq(count_text(&c, PS_EV_NS_GET, "value=42"), 2, "the parent and a child read it");
    get_at = ring_collect_find(&c, PS_EV_NS_GET, 0);
    cr_assert_gt(get_at, set_at, "read after it was set");
    cr_assert_eq(count_text(&c, PS_EV_OUTPUT, "Namespace value: 42"), 1);
    ring_collect_free(&c);
}
