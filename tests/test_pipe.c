#include <criterion/criterion.h>
#include <errno.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp/pipe.h"

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
