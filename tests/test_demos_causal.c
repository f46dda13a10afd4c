/* SPDX-License-Identifier: MIT */
/*
 * Causal order (issue 11), over several runs of every demo under the
 * supervisor at time scale 0: an effect never precedes its cause in the
 * session's one order. A child's proc.start comes after the proc.spawn that
 * names it, a pipe.recv after its pipe.send, a queue.get after its
 * queue.put; every wait.begin is about a known kind; and in the Chrome
 * export every message's flow starts (send) no later than it ends (receive).
 */
#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export_chrome.h"
#include "support/demo_run.h"
#include "support/ring_collect.h"

TestSuite(demos_causal, .timeout = 240);

#define RUNS 4
#define MAX_PIDS 256
#define MAX_CHANS 64

struct demo_name {
    char name[48];
};

ParameterizedTestParameters(demos_causal, effects_follow_their_causes)
{
    static struct demo_name demos[] = {
        {"communicating_with_pipe"},  {"communicating_with_queue"},
        {"derom"},                    {"killing_processes"},
        {"naming_processes"},         {"process_in_subclass"},
        {"process_pool"},             {"processes_barrier"},
        {"run_background_processes"}, {"run_background_processes_no_daemons"},
        {"run_myFunc"},               {"shared_namespace"},
        {"spawning_processes"},       {"spawning_processes_namespace"},
    };
    return cr_make_param_array(struct demo_name, demos, sizeof demos / sizeof demos[0]);
}

/* Per-object message counts as the events pass. */
struct causal_state {
    int32_t spawned[MAX_PIDS];
    size_t nspawned;
    uint32_t chan[MAX_CHANS];
    uint64_t sent[MAX_CHANS][2]; /* pipes: sent from end e; queues: [0] puts */
    uint64_t got[MAX_CHANS][2];  /* pipes: received at end e; queues: [0] gets */
    size_t nchans;
};

/* The counters' row of channel `obj`. */
static size_t chan_row(struct causal_state *st, uint32_t obj)
{
    for (size_t i = 0; i < st->nchans; i++) {
        if (st->chan[i] == obj) {
            return i;
        }
    }
    cr_assert_lt(st->nchans, MAX_CHANS);
    st->chan[st->nchans] = obj;
    return st->nchans++;
}

/* True when `pid` was named by an earlier proc.spawn. */
static bool was_spawned(const struct causal_state *st, int32_t pid)
{
    for (size_t i = 0; i < st->nspawned; i++) {
        if (st->spawned[i] == pid) {
            return true;
        }
    }
    return false;
}

/* Check one event against what came before it. */
static void check_event(struct causal_state *st, const struct ps_event *ev, const char *demo,
                        int run)
{
    size_t row;
    switch (ev->type) {
    case PS_EV_PROC_SPAWN:
        cr_assert_lt(st->nspawned, MAX_PIDS);
        st->spawned[st->nspawned++] = ev->peer;
        break;
    case PS_EV_PROC_START:
        cr_assert(was_spawned(st, ev->pid), "%s run %d: pid %d started before its spawn (seq %lu)",
                  demo, run, ev->pid, (unsigned long)ev->seq);
        break;
    case PS_EV_PIPE_SEND:
        st->sent[chan_row(st, ev->obj)][ev->b & 1]++;
        break;
    case PS_EV_PIPE_RECV:
        row = chan_row(st, ev->obj);
        st->got[row][ev->b & 1]++;
        cr_assert_leq(st->got[row][ev->b & 1], st->sent[row][!(ev->b & 1)],
                      "%s run %d: pipe %u: recv at end %ld before its send (seq %lu)", demo, run,
                      ev->obj, (long)ev->b, (unsigned long)ev->seq);
        break;
    case PS_EV_QUEUE_PUT:
        st->sent[chan_row(st, ev->obj)][0]++;
        break;
    case PS_EV_QUEUE_GET:
        row = chan_row(st, ev->obj);
        st->got[row][0]++;
        cr_assert_leq(st->got[row][0], st->sent[row][0],
                      "%s run %d: queue %u: get before its put (seq %lu)", demo, run, ev->obj,
                      (unsigned long)ev->seq);
        break;
    case PS_EV_WAIT_BEGIN:
        cr_assert(ev->a > 0 && ev->a < PS_WAIT__COUNT, "%s: wait kind %ld", demo, (long)ev->a);
        break;
    default:
        break;
    }
}

ParameterizedTest(struct demo_name *demo, demos_causal, effects_follow_their_causes)
{
    static struct ps_model model;
    for (int run = 0; run < RUNS; run++) {
        struct ring_collect c = {0};
        struct causal_state st = {0};
        cr_assert_eq(demo_supervise(demo->name, NULL, 0, &model, &c), 0, "%s run %d", demo->name,
                     run);
        cr_assert_gt(c.n, 0);
        for (size_t i = 0; i < c.n; i++) {
            cr_assert_eq(c.ev[i].seq, c.ev[0].seq + i, "one order, no gaps");
            check_event(&st, &c.ev[i], demo->name, run);
        }
        cr_assert_eq(model.drops, 0);
        cr_assert_eq(model.bad, 0, "%s run %d: %lu malformed events", demo->name, run,
                     (unsigned long)model.bad);
        ring_collect_free(&c);
    }
}

/* Count wait.begin events of `kind` in c. */
static size_t count_waits(const struct ring_collect *c, int64_t kind)
{
    size_t n = 0;
    for (size_t i = 0; i < c->n; i++) {
        n += c->ev[i].type == PS_EV_WAIT_BEGIN && c->ev[i].a == kind;
    }
    return n;
}

Test(demos_causal, waits_are_reported_where_the_api_blocks)
{
    static struct ps_model model;
    struct ring_collect c = {0};
    cr_assert_eq(demo_supervise("processes_barrier", NULL, 0, &model, &c), 0);
    size_t arrivals = ring_collect_count(&c, PS_EV_BARRIER_ARRIVE);
    cr_assert_gt(arrivals, 0);
    /* Every arrival but the last of its generation waits (2 parties: half of them). */
    cr_assert_eq(count_waits(&c, PS_WAIT_BARRIER), arrivals / 2);
    for (size_t i = 0; i < c.n; i++) {
        if (c.ev[i].type == PS_EV_WAIT_BEGIN && c.ev[i].a == PS_WAIT_BARRIER) {
            cr_assert_str_eq(c.ev[i].text, "1 of 2 arrived");
        }
    }
    ring_collect_free(&c);
    cr_assert_eq(demo_supervise("naming_processes", NULL, 0, &model, &c), 0);
    size_t sleeps = count_waits(&c, PS_WAIT_SLEEP);
    cr_assert_gt(sleeps, 0, "the naming demo's processes sleep");
    cr_assert_eq(ring_collect_count(&c, PS_EV_WAIT_END), sleeps, "each sleep ends");
    cr_assert_gt(count_waits(&c, PS_WAIT_JOIN) + ring_collect_count(&c, PS_EV_PROC_JOIN), 0);
    for (uint32_t i = 0; i < model.nprocs; i++) {
        unsigned st = ps_model_proc_status(&model, &model.procs[i]);
        cr_assert(st == PS_PSTAT_EXITED || st == PS_PSTAT_KILLED, "%s ends %s",
                  model.procs[i].name, ps_model_status_name(st));
    }
    ring_collect_free(&c);
}

/* Does jq find `expr` true of the file at `path`? */
static bool jq_true(const char *path, const char *expr)
{
    char cmd[2048];
    snprintf(cmd, sizeof(cmd), "jq -e '%s' %s >/dev/null", expr, path);
    return system(cmd) == 0;
}

/* Export the collected events of one run to Chrome JSON at `path`. */
static void export_chrome(const struct ring_collect *c, const char *path)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    struct ps_export_chrome *chrome = ps_export_chrome_new(f);
    struct ps_sink sink = ps_export_chrome_sink(chrome);
    struct ps_session_info info = {.start_mono_ns = c->ev[0].t_ns};
    cr_assert_eq(ps_sink_begin(&sink, &info), 0);
    for (size_t i = 0; i < c->n; i++) {
        cr_assert_eq(ps_sink_event(&sink, &c->ev[i]), 0);
    }
    struct ps_session_end end = {.end_mono_ns = c->ev[c->n - 1].t_ns, .events = c->n,
                                 .complete = 1};
    cr_assert_eq(ps_sink_end(&sink, &end), 0);
    cr_assert_eq(ps_export_chrome_free(chrome), 0);
    cr_assert_eq(fclose(f), 0);
}

Test(demos_causal, chrome_flows_go_forward_in_time)
{
    static const char *const demos[] = {"communicating_with_pipe", "communicating_with_queue"};
    static struct ps_model model;
    char path[128];
    snprintf(path, sizeof path, "/tmp/ps_test_causal_%d.json", (int)getpid());
    for (size_t d = 0; d < 2; d++) {
        for (int run = 0; run < RUNS; run++) {
            struct ring_collect c = {0};
            cr_assert_eq(demo_supervise(demos[d], NULL, 0, &model, &c), 0);
            export_chrome(&c, path);
            /* Each flow has both ends and its start (the send) is not after its end. The pipe
             * demo always has messages; the queue demo's consumer may find the queue empty
             * first and take none (DEMOS.md), so it may have no flow at all. */
            char expr[512];
            snprintf(expr, sizeof expr,
                     "[.traceEvents[] | select(.ph == \"s\" or .ph == \"f\")] | group_by(.id) "
                     "| %s all(length == 2 and (map(select(.ph == \"s\"))[0].ts <= "
                     "map(select(.ph == \"f\"))[0].ts))",
                     d == 0 ? "length > 0 and" : "");
            cr_assert(jq_true(path, expr), "%s run %d", demos[d], run);
            ring_collect_free(&c);
        }
    }
    unlink(path);
}
