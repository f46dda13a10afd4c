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
