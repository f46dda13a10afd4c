/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/ring.h"
#include "mp/pipe.h"
#include "probe/probe.h"
#include "support/ring_collect.h"

static void expect_int(struct ps_conn *c, int64_t want)
{
    struct ps_value v;
    cr_assert_eq(ps_conn_recv(c, &v), 0);
    cr_assert_eq(v.kind, PS_VALUE_INT);
    cr_assert_eq(v.i, want);
}

Test(pipe, duplex_both_directions)
{
    struct ps_conn a, b;
    cr_assert_eq(ps_pipe_new(true, &a, &b), 0);
    cr_assert_eq(ps_conn_send_int(&a, 5), 0);
    expect_int(&b, 5);
    cr_assert_eq(ps_conn_send_str(&b, "hello"), 0);
    struct ps_value v;
    cr_assert_eq(ps_conn_recv(&a, &v), 0);
    cr_assert_str_eq(v.data, "hello");
    ps_value_free(&v);
    ps_conn_close(&b);
    cr_assert_eq(ps_conn_recv(&a, &v), PS_CONN_EOF);
    ps_conn_close(&a);
    cr_assert_eq(ps_conn_recv(&a, &v), -EBADF);
}

Test(pipe, one_way_ends_have_directions)
{
    struct ps_conn r, w;
    struct ps_value v;
    cr_assert_eq(ps_pipe_new(false, &r, &w), 0);
    cr_assert_eq(ps_conn_send_int(&r, 1), -EBADF);
    cr_assert_eq(ps_conn_recv(&w, &v), -EBADF);
    ps_conn_close(&r);
    ps_conn_close(&w);
}

/* The child keeps a copy of the write end until told to close it. */
Test(pipe, eof_only_after_every_sending_copy_closed, .timeout = 30)
{
    struct ps_conn r, w, go_r, go_w;
    cr_assert_eq(ps_pipe_new(false, &r, &w), 0);
    cr_assert_eq(ps_pipe_new(false, &go_r, &go_w), 0);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        struct ps_value v;
        ps_conn_close(&r);
        ps_conn_close(&go_w);
        for (int k = 0; k < 3; k++)
            ps_conn_send_int(&w, k * k);
        int rc = ps_conn_recv(&go_r, &v);
        ps_conn_close(&w);
        _exit(rc == 0 ? 0 : 1);
    }
    ps_conn_close(&w);
    ps_conn_close(&go_r);
    for (int k = 0; k < 3; k++)
        expect_int(&r, k * k);
    struct pollfd pfd = {.fd = r.fd, .events = POLLIN};
    cr_assert_eq(poll(&pfd, 1, 100), 0, "EOF seen while the child still holds the end");
    cr_assert_eq(ps_conn_send_int(&go_w, 1), 0);
    struct ps_value v;
    cr_assert_eq(ps_conn_recv(&r, &v), PS_CONN_EOF);
    int status;
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert_eq(WEXITSTATUS(status), 0);
    ps_conn_close(&r);
    ps_conn_close(&go_w);
}

Test(pipe, torn_frame_is_protocol_error)
{
    struct ps_conn r, w;
    struct ps_value v;
    cr_assert_eq(ps_pipe_new(false, &r, &w), 0);
    uint32_t len = 20;
    cr_assert_eq(write(w.fd, &len, sizeof len), (ssize_t)sizeof len);
    ps_conn_close(&w);
    cr_assert_eq(ps_conn_recv(&r, &v), -EPROTO);
    ps_conn_close(&r);
}

Test(pipe, duplex_send_without_receiver_is_epipe)
{
    struct ps_conn a, b;
    cr_assert_eq(ps_pipe_new(true, &a, &b), 0);
    ps_conn_close(&b);
    cr_assert_eq(ps_conn_send_int(&a, 1), -EPIPE);
    ps_conn_close(&a);
}

/* Send and receive events carry the bytes, the end and a preview that fits one ring slot. */
Test(pipe, events_carry_size_end_and_short_preview)
{
    static struct ps_ring ring;
    struct ring_collect c = {0};
    ring_collect_attach(&ring);

    struct ps_conn r, w;
    struct ps_value v;
    unsigned char zero[64] = {0};
    cr_assert_eq(ps_pipe_new(false, &r, &w), 0);
    cr_assert_eq(ps_value_bytes(zero, sizeof zero, &v), 0);
    cr_assert_eq(ps_conn_send(&w, &v), 0);
    ps_value_free(&v);
    cr_assert_eq(ps_conn_send_int(&w, 42), 0);
    cr_assert_eq(ps_conn_recv(&r, &v), 0);
    ps_value_free(&v);
    expect_int(&r, 42);
    ps_conn_close(&w);
    ps_conn_close(&r);
    ps_ring_drain(&ring, ring_collect_event, &c, SIZE_MAX);

    const char *want[2] = {"b'\\x00\\x00...'", "42"};
    int64_t bytes[2] = {PS_VALUE_HEADER + 64, PS_VALUE_HEADER + 8};
    unsigned types[2] = {PS_EV_PIPE_SEND, PS_EV_PIPE_RECV};
    for (int t = 0; t < 2; t++) {
        cr_assert_eq(ring_collect_count(&c, types[t]), 2);
        long at = -1;
        for (int k = 0; k < 2; k++) {
            at = ring_collect_find(&c, types[t], (size_t)(at + 1));
            const struct ps_event *ev = &c.ev[at];
            cr_assert_str_eq(ev->text, want[k]);
            cr_assert_eq(ps_event_slots(ev->text_len), 1, "one ring slot per event");
            cr_assert_eq(ev->a, bytes[k]);
            cr_assert_eq(ev->b, t == 0 ? 1 : 0, "end that sent / received");
        }
    }
    ring_collect_free(&c);
}
