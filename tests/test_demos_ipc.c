/* SPDX-License-Identifier: MIT */
/*
 * The pipe demo runs standalone at time scale 0 and prints exactly what
 * Python prints; then it runs under the supervisor and its events are
 * checked: every close, both EOFs, the ten values and their squares.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "supervisor/supervisor.h"
#include "support/ring_collect.h"

TestSuite(demos_ipc, .timeout = 60);

#define OUT_MAX 65536

/* Run demo `name` with PROCSCOPE_TIME_SCALE=0; its stdout goes to `out`. Returns its status. */
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

Test(demos_ipc, pipe_prints_the_squares_then_end)
{
    static char out[OUT_MAX];

    for (int run = 0; run < 3; run++) {
        cr_assert_eq(run_demo("communicating_with_pipe", out, sizeof(out)), 0);
        cr_assert_str_eq(out, "0\n1\n4\n9\n16\n25\n36\n49\n64\n81\nEnd\n");
    }
}

Test(demos_ipc, pipe_events_show_closes_eofs_and_values)
{
    struct ring_collect c = {0};
    uint32_t pipes[2] = {0};
    int sends[2] = {0}, recvs[2] = {0}, closes[2] = {0}, eofs[2] = {0};

    supervise_demo("communicating_with_pipe", &c);
    cr_assert_eq(ring_collect_count(&c, PS_EV_PIPE_OPEN), 2);
    pipes[0] = c.ev[ring_collect_find(&c, PS_EV_PIPE_OPEN, 0)].obj;
    pipes[1] = c.ev[ring_collect_find(&c, PS_EV_PIPE_OPEN,
                                      (size_t)ring_collect_find(&c, PS_EV_PIPE_OPEN, 0) + 1)]
                   .obj;
    cr_assert_neq(pipes[0], pipes[1]);
    for (size_t i = 0; i < c.n; i++) {
        const struct ps_event *ev = &c.ev[i];
        int k = ev->obj == pipes[0] ? 0 : ev->obj == pipes[1] ? 1 : -1;
        char want[16];

        if (k < 0)
            continue;
        if (ev->type == PS_EV_PIPE_SEND) {
            snprintf(want, sizeof want, "%d", k == 0 ? sends[k] : sends[k] * sends[k]);
            cr_assert_str_eq(ev->text, want, "send %d on pipe %d", sends[k], k + 1);
            cr_assert_eq(ev->b, 0);
            sends[k]++;
        } else if (ev->type == PS_EV_PIPE_RECV) {
            cr_assert_eq(ev->b, 1);
            recvs[k]++;
        } else if (ev->type == PS_EV_PIPE_CLOSE) {
            cr_assert_eq(ev->a, 0, "only sending ends are closed");
            closes[k]++;
        } else if (ev->type == PS_EV_PIPE_EOF) {
            cr_assert_eq(ev->b, 1);
            eofs[k]++;
        }
    }
    for (int k = 0; k < 2; k++) {
        cr_assert_eq(sends[k], 10, "pipe %d sends", k + 1);
        cr_assert_eq(recvs[k], 10, "pipe %d receives", k + 1);
        cr_assert_eq(eofs[k], 1, "pipe %d EOFs", k + 1);
    }
    cr_assert_eq(closes[0], 3, "Process-1, Process-2 and main close pipe 1's sending end");
    cr_assert_eq(closes[1], 2, "Process-2 and main close pipe 2's sending end");
    cr_assert_eq(ring_collect_count(&c, PS_EV_OUTPUT), 11);
    ring_collect_free(&c);
}

/* Check the queue demo's output against DEMOS.md's rules; returns the number of items popped. */
static int check_queue_output(char *out)
{
    long put[10], popped[10];
    int n_put = 0, n_sizes = 0, n_popped = 0, n_empty = 0;
    char *save = NULL;
    const char *gap = "                         from by consumer-2 ";

    for (char *line = strtok_r(out, "\n", &save); line != NULL;
         line = strtok_r(NULL, "\n", &save)) {
        long v;
        int used = 0;

        if (sscanf(line, "Process Producer : item %ld appended to queue producer-1%n", &v, &used) ==
                1 &&
            line[used] == '\0') {
            cr_assert(n_put < 10 && v >= 0 && v <= 256, "bad put line: %s", line);
            put[n_put++] = v;
        } else if (sscanf(line, "The size of queue is %ld%n", &v, &used) == 1 &&
                   line[used] == '\0') {
            cr_assert(v >= 0 && v <= 10, "bad size: %s", line);
            n_sizes++;
        } else if (sscanf(line, "Process Consumer : item %ld popped%n", &v, &used) == 1 &&
                   strcmp(line + used, gap) == 0) {
            cr_assert_lt(n_popped, 10);
            popped[n_popped++] = v;
        } else {
            cr_assert_str_eq(line, "the queue is empty", "unexpected line");
            n_empty++;
        }
    }
    cr_assert_eq(n_put, 10);
    cr_assert_eq(n_sizes, 10);
    cr_assert_eq(n_empty, 1);
    for (int i = 0; i < n_popped; i++)
        cr_assert_eq(popped[i], put[i], "item %d popped out of FIFO order", i);
    return n_popped;
}

Test(demos_ipc, queue_follows_the_rules_at_scale_0)
{
    static char out[OUT_MAX];

    for (int run = 0; run < 3; run++) {
        cr_assert_eq(run_demo("communicating_with_queue", out, sizeof(out)), 0);
        cr_assert_not_null(strstr(out, "the queue is empty\n"));
        int popped = check_queue_output(out);
        cr_assert_geq(popped, 0);
    }
}

/* At a small scale the demo keeps Python's timing, so the outcome is A or B exactly. */
Test(demos_ipc, queue_outcome_is_a_or_b)
{
    static char out[OUT_MAX];
    char cmd[512];

    snprintf(cmd, sizeof(cmd), "PROCSCOPE_TIME_SCALE=0.05 %s/communicating_with_queue",
             PS_DEMO_DIR);
    unsetenv("PROCSCOPE_RING_FD");
    FILE *pipe = popen(cmd, "r");
    cr_assert_not_null(pipe);
    size_t n = fread(out, 1, sizeof(out) - 1, pipe);
    out[n] = '\0';
    cr_assert_eq(pclose(pipe), 0);
    int popped = check_queue_output(out);
    cr_assert(popped == 0 || popped == 10, "outcome neither A nor B: %d popped", popped);
}

Test(demos_ipc, queue_events_show_puts_gets_and_the_empty_checks)
{
    struct ring_collect c = {0};

    supervise_demo("communicating_with_queue", &c);
    cr_assert_eq(ring_collect_count(&c, PS_EV_QUEUE_OPEN), 1);
    cr_assert_eq(ring_collect_count(&c, PS_EV_QUEUE_PUT), 10);
    size_t gets = ring_collect_count(&c, PS_EV_QUEUE_GET);
    size_t empties = ring_collect_count(&c, PS_EV_QUEUE_EMPTY);
    cr_assert_eq(empties, gets + 1, "one empty() check before each get and a last one");
    long last = -1;
    for (long at = ring_collect_find(&c, PS_EV_QUEUE_EMPTY, 0); at >= 0;
         at = ring_collect_find(&c, PS_EV_QUEUE_EMPTY, (size_t)at + 1)) {
        last = at;
        if (c.ev[at].a == 0)
            cr_assert_gt(c.ev[at].b, 0, "not empty means a positive depth");
    }
    cr_assert_eq(c.ev[last].a, 1, "the last check answered empty");
    cr_assert_eq(c.ev[last].b, 0);
    ring_collect_free(&c);
}
