/* SPDX-License-Identifier: MIT */
/* Session model: one synthetic sequence per area, garbage, determinism. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "session/model.h"
#include "support/events_synth.h"

#define EV ps_synth_event
#define N(a) (sizeof(a) / sizeof((a)[0]))

static struct ps_model m;

Test(model, process_lifecycle)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_PROC_SPAWN, 10, 50, 0, 100, 0, 0, "MainProcess"),
        EV(PS_EV_PROC_START, 11, 100, 0, 50, 0, 0, "main"),
        EV(PS_EV_PROC_SPAWN, 20, 100, 1, 101, 0, 0, "Process-1"),
        EV(PS_EV_PROC_SPAWN, 21, 100, 2, 102, 1, 0, "Process-2"),
        EV(PS_EV_PROC_SPAWN, 22, 100, 3, 103, 0, 0, "Worker"),
        EV(PS_EV_PROC_START, 30, 101, 0, 100, 0, 0, "f"),
        EV(PS_EV_PROC_START, 31, 102, 0, 100, 1, 0, "g"),
        EV(PS_EV_PROC_EXIT, 40, 101, 0, 101, 3, 0, NULL),
        EV(PS_EV_PROC_JOIN, 41, 100, 0, 101, 3, 0, NULL),
        EV(PS_EV_PROC_TERMINATE, 50, 100, 0, 102, 15, 0, NULL),
        EV(PS_EV_PROC_TERMINATE, 51, 100, 0, 102, 9, 0, NULL),
        EV(PS_EV_PROC_SIGNALLED, 52, 100, 0, 102, 15, 0, NULL),
        EV(PS_EV_PROC_JOIN, 53, 100, 0, 103, 0, 1, NULL), /* timed out */
        EV(PS_EV_PROC_SIGNALLED, 54, 100, 0, 103, 9, 0, NULL),
        EV(PS_EV_OUTPUT, 60, 777, 0, 0, 1, 0, "hello"),   /* unknown pid */
        EV(PS_EV_PROC_NAME, 61, 101, 0, 0, 0, 0, "Renamed-7"),
    };
    ps_synth_apply(&m, evs, N(evs));
    cr_assert_eq(m.supervisor, 50);
    cr_assert_null(ps_model_proc_find(&m, 50));
    cr_assert_eq(m.nprocs, 5);
    const struct ps_model_proc *main_p = ps_model_proc_find(&m, 100);
    cr_assert_str_eq(main_p->name, "MainProcess");
    cr_assert_eq(main_p->state, PS_PROC_RUNNING);
    cr_assert_eq(main_p->ppid, 0);
    cr_assert_eq(main_p->t_spawn, 10);
    cr_assert_eq(main_p->t_start, 11);
    const struct ps_model_proc *p1 = ps_model_proc_find(&m, 101);
    cr_assert_str_eq(p1->name, "Renamed-7");
    cr_assert_eq(p1->ppid, 100);
    cr_assert_eq(p1->state, PS_PROC_EXITED);
    cr_assert_eq(p1->exit_code, 3);
    cr_assert_eq(p1->t_end, 40);
    cr_assert(p1->joined);
    cr_assert_eq(p1->joined_by, 100);
    cr_assert_eq(p1->t_join, 41);
    const struct ps_model_proc *p2 = ps_model_proc_find(&m, 102);
    cr_assert_eq(p2->daemon, 1);
    cr_assert_eq(p2->state, PS_PROC_KILLED);
    cr_assert_eq(p2->exit_code, -15);
    cr_assert_eq(p2->term_signal, 15);
    cr_assert_eq(p2->term_by, 100);
    cr_assert_eq(p2->t_term, 50);
    cr_assert_eq(p2->t_end, 52);
    const struct ps_model_proc *w = ps_model_proc_find(&m, 103);
    cr_assert_eq(w->joined, 0);
    cr_assert_eq(w->exit_code, -9);
    cr_assert_eq(w->state, PS_PROC_KILLED);
    /* kinds: MainProcess 0, Process 1 (both Process-N), Worker 2, pid 3 */
    cr_assert_eq(main_p->kind, 0);
    cr_assert_eq(p2->kind, 1);
    cr_assert_eq(w->kind, 2);
    cr_assert_str_eq(ps_model_proc_name(&m, 777), "pid 777");
    cr_assert_eq(ps_model_proc_find(&m, 777)->lines, 1);
    cr_assert_null(ps_model_proc_name(&m, 12345));
    cr_assert_eq(m.type_counts[PS_EV_PROC_SPAWN], 4);
    cr_assert_eq(m.events, N(evs));
    cr_assert_eq(m.t_first, 10);
    cr_assert_eq(m.t_last, 61);
    cr_assert_eq(m.last_seq, N(evs) - 1);
    cr_assert_eq(m.bad, 0);
    char buf[32];
    cr_assert_str_eq(ps_model_exit_format(-15, buf, sizeof(buf)), "-15 SIGTERM");
    cr_assert_str_eq(ps_model_exit_format(-9, buf, sizeof(buf)), "-9 SIGKILL");
    cr_assert_str_eq(ps_model_exit_format(0, buf, sizeof(buf)), "0");
    cr_assert_str_eq(ps_model_state_name(PS_PROC_KILLED), "killed");
}

Test(model, pipe_traffic)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_PIPE_OPEN, 1, 100, 7, 0, 1, 0, NULL),
        EV(PS_EV_PIPE_SEND, 2, 101, 7, 0, 5, 1, "hello"),
        EV(PS_EV_PIPE_SEND, 3, 101, 7, 0, 3, 1, "abc"),
        EV(PS_EV_PIPE_RECV, 4, 100, 7, 0, 5, 0, "hello"),
        EV(PS_EV_PIPE_CLOSE, 5, 101, 7, 0, 1, 0, NULL),
        EV(PS_EV_PIPE_EOF, 6, 100, 7, 0, 0, 0, NULL),
        EV(PS_EV_PIPE_SEND, 7, 101, 7, 0, 3, 2, "x"), /* bad end */
    };
    ps_synth_apply(&m, evs, N(evs));
    const struct ps_model_chan *c = ps_model_chan_find(&m, 7);
    cr_assert_not_null(c);
    cr_assert_eq(c->kind, PS_CHAN_PIPE);
    cr_assert_eq(c->duplex, 1);
    cr_assert_eq(c->sent, 2);
    cr_assert_eq(c->received, 1);
    cr_assert_eq(c->bytes_sent, 8);
    cr_assert_eq(c->bytes_received, 5);
    cr_assert_eq(c->in_flight, 1);
    cr_assert_eq(c->nsenders, 1);
    cr_assert_eq(c->senders[0], 101);
    cr_assert_eq(c->receivers[0], 100);
    cr_assert_eq(c->nvalues, 2);
    cr_assert_str_eq(c->values[1].text, "abc");
    cr_assert_eq(c->closed[1], 1);
    cr_assert_eq(c->closes[0].pid, 101);
    cr_assert_eq(c->eof[0], 1);
    cr_assert_eq(c->t_eof[0], 6);
    cr_assert_eq(c->eof[1], 0);
    cr_assert_eq(m.bad, 1);
    cr_assert_null(ps_model_chan_hist(&m, c));
}

Test(model, queue_depth_history)
{
    ps_model_init(&m);
    struct ps_event open = EV(PS_EV_QUEUE_OPEN, 1, 100, 9, 0, 4, 0, NULL);
    ps_synth_apply(&m, &open, 1);
    for (int i = 0; i < 100; i++) {
        struct ps_event ev = i % 3 == 2 ? EV(PS_EV_QUEUE_GET, 10 + (uint64_t)i, 102, 9, 0,
                                             i % 5, 2, "g")
                                        : EV(PS_EV_QUEUE_PUT, 10 + (uint64_t)i, 101, 9, 0,
                                             i % 5, 2, "p");
        ps_synth_apply(&m, &ev, 1);
    }
    struct ps_event empty = EV(PS_EV_QUEUE_EMPTY, 500, 102, 9, 0, 0, 3, NULL);
    ps_synth_apply(&m, &empty, 1);
    const struct ps_model_chan *q = ps_model_chan_find(&m, 9);
    cr_assert_eq(q->kind, PS_CHAN_QUEUE);
    cr_assert_eq(q->capacity, 4);
    cr_assert_eq(q->sent, 67);
    cr_assert_eq(q->received, 33);
    cr_assert_eq(q->depth, 3);
    cr_assert_eq(q->depth_max, 4);
    cr_assert_eq(q->empty_checks, 1);
    cr_assert_eq(q->empty_last, 0);
    const struct ps_model_hist *h = ps_model_chan_hist(&m, q);
    cr_assert_not_null(h);
    cr_assert_eq(h->n, 101);
    cr_assert_eq(h->t_ns[100 % PS_MODEL_HIST_SAMPLES], 500);
    cr_assert_eq(h->depth[99 % PS_MODEL_HIST_SAMPLES], 99 % 5);
    cr_assert_eq(h->t_ns[99 % PS_MODEL_HIST_SAMPLES], 109);
}

Test(model, barrier_generations_and_broken)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_BARRIER_NEW, 1, 100, 4, 0, 2, 0, NULL),
        EV(PS_EV_BARRIER_ARRIVE, 10, 101, 4, 0, 0, 0, NULL),
        EV(PS_EV_BARRIER_ARRIVE, 20, 102, 4, 0, 1, 0, NULL),
        EV(PS_EV_BARRIER_RELEASE, 21, 102, 4, 0, 1, 0, NULL),
        EV(PS_EV_BARRIER_RELEASE, 22, 101, 4, 0, 12, 0, NULL),
        EV(PS_EV_BARRIER_ARRIVE, 30, 102, 4, 0, 0, 1, NULL),
        EV(PS_EV_BARRIER_BROKEN, 40, 102, 4, 0, 1, 0, NULL),
    };
    ps_synth_apply(&m, evs, 5);
    const struct ps_model_barrier *b = ps_model_barrier_find(&m, 4);
    cr_assert_eq(b->parties, 2);
    cr_assert_eq(b->generation, 0);
    cr_assert_eq(b->narrivals, 2);
    cr_assert_eq(b->nreleased, 2);
    cr_assert_eq(b->t_release, 21);
    cr_assert_eq(b->arrivals[0].pid, 101);
    cr_assert_eq(b->arrivals[0].wait_ns, 12);
    cr_assert_eq(b->arrivals[1].index, 1);
    cr_assert_eq(b->arrivals[1].wait_ns, 1);
    ps_synth_apply(&m, evs + 5, 2);
    cr_assert_eq(b->generation, 1);
    cr_assert_eq(b->narrivals, 1);
    cr_assert_eq(b->arrivals[0].wait_ns, -1);
    cr_assert_eq(b->t_release, 0);
    cr_assert(b->broken);
    cr_assert_eq(b->broken_arrived, 1);
    cr_assert_eq(b->total_arrivals, 3);
}

Test(model, lock_handoff_and_waiters)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_LOCK_NEW, 1, 100, 3, 0, 0, 0, NULL),
        EV(PS_EV_LOCK_WANT, 2, 101, 3, 0, 0, 0, NULL),
        EV(PS_EV_LOCK_ACQUIRED, 3, 101, 3, 0, 1, 0, NULL),
        EV(PS_EV_LOCK_WANT, 4, 102, 3, 0, 0, 0, NULL),
        EV(PS_EV_LOCK_WANT, 5, 103, 3, 0, 0, 0, NULL),
        EV(PS_EV_LOCK_RELEASED, 6, 101, 3, 0, 3, 0, NULL),
        EV(PS_EV_LOCK_ACQUIRED, 7, 102, 3, 0, 3, 0, NULL),
        EV(PS_EV_LOCK_ACQUIRED, 9, 103, 3, 0, 4, 1, NULL), /* 102 died holding it */
    };
    ps_synth_apply(&m, evs, 7);
    const struct ps_model_lock *l = ps_model_lock_find(&m, 3);
    cr_assert_eq(l->holder, 102);
    cr_assert_eq(l->since, 7);
    cr_assert_eq(l->nwaiters, 1);
    cr_assert_eq(l->waiters[0].pid, 103);
    cr_assert_eq(l->waiters[0].since, 5);
    cr_assert_eq(l->nhandoffs, 2);
    cr_assert_eq(l->handoffs[0].from, 0);
    cr_assert_eq(l->handoffs[1].from, 101);
    cr_assert_eq(l->handoffs[1].to, 102);
    cr_assert_eq(l->held_ns_total, 3);
    ps_synth_apply(&m, evs + 7, 1);
    cr_assert_eq(l->holder, 103);
    cr_assert_eq(l->recovered, 1);
    cr_assert_eq(l->nwaiters, 0);
    cr_assert_eq(l->acquisitions, 3);
    cr_assert_eq(l->wait_ns_total, 8);
    cr_assert_eq(l->handoffs[2].from, 102);
}

Test(model, pool_lanes_backlog_crash)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_POOL_NEW, 1, 100, 5, 0, 2, 0, NULL),
        EV(PS_EV_POOL_WORKER, 2, 100, 5, 201, 1, 0, NULL),
        EV(PS_EV_POOL_WORKER, 2, 100, 5, 202, 2, 0, NULL),
        EV(PS_EV_POOL_SUBMIT, 3, 100, 5, 0, 1, 10, NULL),
        EV(PS_EV_POOL_SUBMIT, 3, 100, 5, 0, 2, 10, NULL),
        EV(PS_EV_POOL_SUBMIT, 3, 100, 5, 0, 3, 5, NULL),
        EV(PS_EV_POOL_START, 10, 201, 5, 0, 1, 10, NULL),
        EV(PS_EV_POOL_START, 11, 202, 5, 0, 2, 10, NULL),
        EV(PS_EV_POOL_DONE, 30, 201, 5, 0, 1, 10, NULL),
        EV(PS_EV_POOL_START, 31, 201, 5, 0, 3, 5, NULL),
        EV(PS_EV_POOL_CLOSE, 32, 100, 5, 0, 0, 0, NULL),
        EV(PS_EV_POOL_CRASH, 40, 100, 5, 202, 2, -9, NULL),
        EV(PS_EV_POOL_TERMINATE, 50, 100, 5, 0, 0, 0, NULL),
    };
    ps_synth_apply(&m, evs, N(evs));
    const struct ps_model_pool *p = ps_model_pool_find(&m, 5);
    cr_assert_eq(p->workers, 2);
    cr_assert_eq(p->nlanes, 2);
    cr_assert_eq(p->submitted, 3);
    cr_assert_eq(p->started, 3);
    cr_assert_eq(p->done, 1);
    cr_assert_eq(p->backlog, 0);
    cr_assert_eq(p->items_submitted, 25);
    cr_assert(p->closed && p->terminated);
    cr_assert_eq(p->crashes, 1);
    const struct ps_model_lane *l1 = ps_model_pool_lane(&m, p, 0);
    cr_assert_eq(l1->pid, 201);
    cr_assert_eq(l1->busy, 1);
    cr_assert_eq(l1->task, 3);
    cr_assert_eq(l1->tasks_done, 1);
    cr_assert_eq(l1->nintervals, 1);
    cr_assert_eq(l1->intervals[0].start, 10);
    cr_assert_eq(l1->intervals[0].end, 30);
    cr_assert_eq(l1->busy_ns, 20);
    const struct ps_model_lane *l2 = ps_model_pool_lane(&m, p, 1);
    cr_assert_eq(l2->crashed, 1);
    cr_assert_eq(l2->crash_exit, -9);
    cr_assert_eq(l2->busy, 0);
    cr_assert_eq(l2->intervals[0].end, 40);
    cr_assert_null(ps_model_pool_lane(&m, p, 2));
}

Test(model, namespace_set_get)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_NS_SET, 1, 101, 6, 0, 0, 0, "x=1"),
        EV(PS_EV_NS_SET, 2, 102, 6, 0, 0, 0, "x=2"),
        EV(PS_EV_NS_GET, 3, 103, 6, 0, 0, 0, "x=2"),
        EV(PS_EV_NS_GET, 4, 103, 6, 0, 0, 0, "y=7"),
        EV(PS_EV_NS_SET, 5, 103, 6, 0, 0, 0, "novalue"),
    };
    ps_synth_apply(&m, evs, N(evs));
    const struct ps_model_ns *ns = ps_model_ns_find(&m, 6);
    cr_assert_eq(ns->nentries, 2);
    const struct ps_model_ns_entry *x = ps_model_ns_entry_find(ns, "x");
    cr_assert_str_eq(x->value, "2");
    cr_assert_eq(x->setter, 102);
    cr_assert_eq(x->sets, 2);
    cr_assert_eq(x->gets, 1);
    cr_assert_eq(x->t_set, 2);
    const struct ps_model_ns_entry *y = ps_model_ns_entry_find(ns, "y");
    cr_assert_str_eq(y->value, "7");
    cr_assert_eq(y->setter, 0);
    cr_assert_eq(m.bad, 1);
}

Test(model, output_ring_wraps)
{
    ps_model_init(&m);
    char text[300];
    for (int i = 0; i < PS_MODEL_LINES + 50; i++) {
        snprintf(text, sizeof(text), "line %d", i);
        struct ps_event ev = EV(i % 2 ? PS_EV_STDIO : PS_EV_OUTPUT, (uint64_t)i, 101, 0, 0,
                                1 + i % 2, 0, text);
        ps_synth_apply(&m, &ev, 1);
    }
    memset(text, 'a', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    struct ps_event longl = EV(PS_EV_OUTPUT, 999, 101, 0, 0, 1, 0, text);
    ps_synth_apply(&m, &longl, 1);
    cr_assert_eq(m.lines_total, PS_MODEL_LINES + 51);
    cr_assert_eq(m.nlines, PS_MODEL_LINES);
    cr_assert_str_eq(ps_model_line(&m, 0)->text, "line 51");
    cr_assert_eq(ps_model_line(&m, 0)->captured, 1);
    cr_assert_eq(ps_model_line(&m, 0)->stream, 2);
    cr_assert_eq(ps_model_line(&m, PS_MODEL_LINES - 1)->len, PS_MODEL_LINE_MAX - 1);
    cr_assert_null(ps_model_line(&m, PS_MODEL_LINES));
    cr_assert_eq(ps_model_proc_find(&m, 101)->lines, PS_MODEL_LINES + 51);
}

Test(model, drops_and_torn)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_RING_DROPPED, 1, 50, 0, 0, 4, 0, NULL),
        EV(PS_EV_RING_DROPPED, 2, 50, 0, 0, 9, 0, NULL),
        EV(PS_EV_RING_TORN, 3, 50, 0, 0, 2, 0, NULL),
        EV(PS_EV_RING_TORN, 4, 50, 0, 0, -5, 0, NULL),
    };
    ps_synth_apply(&m, evs, N(evs));
    cr_assert_eq(m.drops, 9);
    cr_assert_eq(m.torn, 2);
    cr_assert_eq(m.bad, 1);
    cr_assert_eq(m.nprocs, 0);
}

Test(model, garbage_never_corrupts)
{
    ps_model_init(&m);
    static const int64_t vals[] = {INT64_MIN, -1, 0, 1, 2, 17, 128, INT32_MAX, INT64_MAX};
    static const uint32_t objs[] = {0, 1, 7, UINT32_MAX};
    static const int32_t pids[] = {INT32_MIN, -1, 0, 5, INT32_MAX};
    uint64_t n = 0;
    for (unsigned type = 0; type <= 255; type++) {
        for (size_t a = 0; a < N(vals); a++) {
            for (size_t o = 0; o < N(objs); o++) {
                struct ps_event ev = EV(type, n, pids[n % N(pids)], objs[o],
                                        pids[(n / 3) % N(pids)], vals[a],
                                        vals[(a + o) % N(vals)], (n % 3) ? "k=v" : NULL);
                if (n % 5 == 0) {
                    ev.text = NULL;
                }
                ps_model_apply(&m, &ev);
                n++;
            }
        }
    }
    cr_assert_eq(m.events, n);
    cr_assert_eq(m.unknown_types, (256 - (PS_EV__COUNT - 1)) * N(vals) * N(objs));
    cr_assert_gt(m.bad, m.unknown_types);
    cr_assert_leq(m.nprocs, PS_MODEL_PROCS);
    cr_assert_leq(m.nchans, PS_MODEL_CHANS);
    cr_assert_leq(m.nlanes, PS_MODEL_LANES);
    for (uint32_t i = 0; i < m.nprocs; i++) {
        cr_assert_gt(m.procs[i].pid, 0);
        cr_assert_eq(ps_model_proc_find(&m, m.procs[i].pid), &m.procs[i]);
    }
}

Test(model, overflow_counted)
{
    ps_model_init(&m);
    for (int i = 0; i < PS_MODEL_PROCS + 10; i++) {
        struct ps_event ev = EV(PS_EV_PROC_START, 1, 10 + i, 0, 0, 0, 0, NULL);
        ps_synth_apply(&m, &ev, 1);
    }
    for (uint32_t i = 0; i < PS_MODEL_CHANS + 3; i++) {
        struct ps_event ev = EV(PS_EV_QUEUE_OPEN, 1, 10, 100 + i, 0, 0, 0, NULL);
        ps_synth_apply(&m, &ev, 1);
    }
    cr_assert_eq(m.nprocs, PS_MODEL_PROCS);
    cr_assert_eq(m.overflow.procs, 10);
    cr_assert_eq(m.nchans, PS_MODEL_CHANS);
    cr_assert_eq(m.overflow.chans, 3);
    cr_assert_eq(m.nhists, PS_MODEL_HISTS);
    cr_assert_eq(m.overflow.hists, PS_MODEL_CHANS - PS_MODEL_HISTS);
    for (int i = 0; i < PS_MODEL_PROCS; i++) {
        cr_assert_eq(ps_model_proc_find(&m, 10 + i)->order, i);
    }
}

Test(model, apply_is_deterministic)
{
    static struct ps_model a, b;
    memset(&a, 0xAA, sizeof(a));
    memset(&b, 0x55, sizeof(b));
    ps_model_init(&a);
    ps_model_init(&b);
    char text[64];
    for (uint64_t i = 0; i < 20000; i++) {
        struct ps_event ev = ps_synth_mixed(42, i, text, sizeof(text));
        ev.seq = i;
        ps_model_apply(&a, &ev);
        ps_model_apply(&b, &ev);
    }
    cr_assert_eq(memcmp(&a, &b, sizeof(a)), 0);
    cr_assert_eq(a.nprocs, 6);
    cr_assert_eq(a.bad, 0);
    cr_assert_gt(ps_model_chan_find(&a, 1)->sent, 0);
    cr_assert_gt(ps_model_pool_find(&a, 5)->done, 0);
}

Test(model, size_is_bounded)
{
    cr_log_info("sizeof(struct ps_model) = %zu", sizeof(struct ps_model));
    cr_assert_leq(sizeof(struct ps_model), 144 * 1024); /* one keyframe (model.c) */
}

Test(model, rename_keeps_kind)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_PROC_SPAWN, 1, 50, 0, 100, 0, 0, "MainProcess"),
        EV(PS_EV_PROC_SPAWN, 2, 100, 0, 101, 0, 0, "Process-1"),
        EV(PS_EV_PROC_NAME, 3, 101, 0, 0, 0, 0, "Process-9"),
        EV(PS_EV_PROC_SPAWN, 4, 100, 0, 102, 0, 0, "Other"),
    };
    ps_synth_apply(&m, evs, N(evs));
    cr_assert_eq(ps_model_proc_find(&m, 101)->kind, 1);
    cr_assert_str_eq(ps_model_proc_name(&m, 101), "Process-9");
    cr_assert_eq(ps_model_proc_find(&m, 102)->kind, 2);
    cr_assert_eq(m.nkinds, 3);
}

Test(model, every_type_has_a_fold)
{
    for (unsigned t = 1; t < PS_EV__COUNT; t++) {
        cr_assert(ps_model_folds_type(t), "%s has no fold", ps_event_type_name(t));
    }
    cr_assert_not(ps_model_folds_type(PS_EV_NONE));
    cr_assert_not(ps_model_folds_type(PS_EV__COUNT));
}

Test(model, deaths_user_signals_waits_and_maps)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_PROC_SPAWN, 10, 50, 0, 100, 0, 0, "MainProcess"),
        EV(PS_EV_PROC_SPAWN, 20, 100, 1, 101, 0, 0, "Process-1"),
        EV(PS_EV_PROC_START, 21, 101, 0, 100, 0, 0, "Process-1"),
        EV(PS_EV_WAIT_BEGIN, 22, 101, 3, 0, PS_WAIT_RECV, 0, NULL),
        EV(PS_EV_USER_SIGNAL, 23, 50, 0, 101, SIGSTOP, 0, NULL),
        EV(PS_EV_WAIT_BEGIN, 24, 100, 0, 101, PS_WAIT_JOIN, 0, NULL),
        EV(PS_EV_USER_SIGNAL, 25, 50, 0, 101, SIGKILL, 0, NULL),
        EV(PS_EV_PROC_DIED, 26, 50, 0, 101, -SIGKILL, 0, NULL),
        EV(PS_EV_RING_CORRUPT, 27, 50, 0, 0, 2, 0, NULL),
        EV(PS_EV_POOL_NEW, 28, 100, 4, 0, 2, 0, NULL),
        EV(PS_EV_POOL_MAP_BEGIN, 29, 100, 4, 0, 10, 3, NULL),
    };
    ps_synth_apply(&m, evs, N(evs));
    const struct ps_model_proc *p1 = ps_model_proc_find(&m, 101);
    cr_assert(p1->died);
    cr_assert(p1->stopped, "SIGSTOP from the user, no SIGCONT since");
    cr_assert_eq(p1->user_signal, SIGKILL);
    cr_assert_eq(p1->state, PS_PROC_KILLED);
    cr_assert_eq(p1->exit_code, -SIGKILL);
    cr_assert_eq(p1->t_end, 26);
    cr_assert_not(p1->joined, "died is not joined");
    cr_assert_eq(p1->wait_kind, 0, "a dead process waits for nothing");
    const struct ps_model_proc *main_p = ps_model_proc_find(&m, 100);
    cr_assert_eq(main_p->wait_kind, 0, "its pool.* events ended the join wait");
    cr_assert_eq(m.corrupt, 2);
    cr_assert_eq(m.pools[0].maps, 1);
    cr_assert_eq(m.pools[0].t_map_begin, 29);
    cr_assert_eq(m.pools[0].t_map_end, 0);
    cr_assert_eq(m.bad, 0);
    struct ps_event more[] = {
        EV(PS_EV_WAIT_BEGIN, 30, 100, 4, 0, PS_WAIT_POOL, 0, NULL),
        EV(PS_EV_USER_SIGNAL, 31, 50, 0, 101, SIGCONT, 0, NULL),
    };
    ps_synth_apply(&m, more, N(more));
    cr_assert_eq(main_p->wait_kind, PS_WAIT_POOL);
    cr_assert_eq(main_p->wait_obj, 4);
    cr_assert_eq(main_p->t_wait, 30);
    cr_assert_not(p1->stopped);
    struct ps_event end[] = {EV(PS_EV_POOL_MAP_END, 32, 100, 4, 0, 10, 1, NULL)};
    ps_synth_apply(&m, end, N(end));
    cr_assert_eq(main_p->wait_kind, 0);
    cr_assert_eq(m.pools[0].t_map_end, 32);
}

/* The state phrase of `pid` at `now` (0: no clock). */
static const char *state_text(int32_t pid, uint64_t now)
{
    static char buf[96];
    ps_model_proc_state_text(&m, ps_model_proc_find(&m, pid), now, buf, sizeof buf);
    return buf;
}

Test(model, states_tell_the_truth)
{
    ps_model_init(&m);
    struct ps_event evs[] = {
        EV(PS_EV_PROC_SPAWN, 10, 50, 0, 100, 0, 0, "MainProcess"),
        EV(PS_EV_BARRIER_NEW, 11, 100, 1, 0, 2, 0, NULL),
        EV(PS_EV_PROC_SPAWN, 12, 100, 1, 101, 0, 0, "p1"),
        EV(PS_EV_PROC_SPAWN, 13, 100, 2, 102, 0, 0, "p2"),
        EV(PS_EV_PROC_START, 14, 101, 0, 100, 0, 0, "p1"),
        EV(PS_EV_BARRIER_ARRIVE, 15, 101, 1, 0, 0, 0, NULL),
        EV(PS_EV_WAIT_BEGIN, 16, 101, 1, 0, PS_WAIT_BARRIER, 1, "1 of 2 arrived"),
        EV(PS_EV_PROC_START, 17, 102, 0, 100, 0, 0, "p2"),
        EV(PS_EV_WAIT_BEGIN, 18, 102, 0, 0, PS_WAIT_SLEEP, 1000000000, NULL),
        EV(PS_EV_WAIT_BEGIN, 19, 100, 0, 101, PS_WAIT_JOIN, 0, NULL),
    };
    ps_synth_apply(&m, evs, N(evs));
    cr_assert_str_eq(state_text(100, 0), "waiting: join p1", "main no longer reads spawned");
    cr_assert_str_eq(state_text(101, 0), "waiting: barrier 1: 1 of 2 arrived");
    cr_assert_str_eq(state_text(102, 0), "waiting: sleep 1.0 s");
    cr_assert_str_eq(state_text(102, 18 + 600000000), "waiting: sleep 1.0 s (0.4 s left)");
    struct ps_event more[] = {
        EV(PS_EV_WAIT_END, 20, 102, 0, 0, PS_WAIT_SLEEP, 0, NULL),
        EV(PS_EV_USER_SIGNAL, 21, 50, 0, 102, SIGSTOP, 0, NULL),
        EV(PS_EV_LOCK_NEW, 22, 100, 5, 0, 0, 0, NULL),
        EV(PS_EV_WAIT_BEGIN, 23, 100, 5, 102, PS_WAIT_LOCK, 0, NULL),
        EV(PS_EV_PROC_EXIT, 24, 101, 0, 101, 0, 0, NULL), /* p1 ends, main has not joined */
    };
    ps_synth_apply(&m, more, N(more));
    cr_assert_str_eq(state_text(102, 0), "stopped by the user (SIGSTOP)");
    cr_assert_str_eq(state_text(100, 0), "waiting: lock 5 held by p2");
    cr_assert_str_eq(state_text(101, 0), "exited 0, not joined yet (zombie)");
    cr_assert_eq(ps_model_proc_status(&m, ps_model_proc_find(&m, 101)), PS_PSTAT_ZOMBIE);
    struct ps_event end[] = {
        EV(PS_EV_PROC_JOIN, 25, 100, 0, 101, 0, 0, NULL),
        EV(PS_EV_PROC_DIED, 26, 50, 0, 102, -SIGKILL, 0, NULL),
    };
    ps_synth_apply(&m, end, N(end));
    cr_assert_str_eq(state_text(101, 0), "exited 0");
    cr_assert_str_eq(state_text(102, 0), "killed by SIGKILL, not joined yet (zombie)");
    cr_assert_str_eq(state_text(100, 0), "running");
    cr_assert_str_eq(ps_model_status_name(PS_PSTAT_WAITING), "waiting");
    cr_assert_eq(m.bad, 0);
}
