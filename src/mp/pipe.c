/* SPDX-License-Identifier: MIT */
#include "mp/pipe.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "probe/probe.h"

/* Write all of `buf`, retrying on EINTR and short writes (sockets: no SIGPIPE). */
static int ps_pipe_write_all(const struct ps_conn *c, const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = c->can_recv ? send(c->fd, p, len, MSG_NOSIGNAL) : write(c->fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Read exactly `len` bytes; returns 0, PS_CONN_EOF at a clean EOF, -EPROTO mid-frame. */
static int ps_pipe_read_all(int fd, void *buf, size_t len, bool frame_start)
{
    char *p = buf;
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(fd, p + got, len - got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (n == 0)
            return got == 0 && frame_start ? PS_CONN_EOF : -EPROTO;
        got += (size_t)n;
    }
    return 0;
}

int ps_pipe_new(bool duplex, struct ps_conn *end0, struct ps_conn *end1)
{
    int fds[2];
    int rc =
        duplex ? socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) : pipe2(fds, O_CLOEXEC);
    uint32_t obj = ps_probe_new_object_id();
    *end0 = (struct ps_conn){.fd = -1, .obj = obj, .end = 0};
    *end1 = (struct ps_conn){.fd = -1, .obj = obj, .end = 1};
    if (rc < 0)
        return -errno;
    end0->fd = fds[0];
    end1->fd = fds[1];
    end0->can_recv = true;
    end0->can_send = duplex;
    end1->can_recv = duplex;
    end1->can_send = true;
    ps_emit_pipe_open(obj, duplex);
    return 0;
}

/* Emit a pipe.send (send) or pipe.recv event with the value's preview. */
static void ps_pipe_emit_value(bool send, const struct ps_conn *c, const struct ps_value *v,
                               size_t bytes)
{
    char preview[PS_VALUE_PREVIEW_SIZE];
    if (!ps_probe_active())
        return;
    size_t n = ps_value_preview(v, preview, sizeof preview);
    if (send)
        ps_emit_pipe_send(c->obj, (int64_t)bytes, c->end, preview, n);
    else
        ps_emit_pipe_recv(c->obj, (int64_t)bytes, c->end, preview, n);
}

/* Before a recv: wait.begin when the recv will block (nothing to read yet). */
static void ps_pipe_wait_begin(const struct ps_conn *c)
{
    struct pollfd pfd = {.fd = c->fd, .events = POLLIN};
    if (!ps_probe_active())
        return;
    if (poll(&pfd, 1, 0) == 0)
        ps_emit_wait_begin(c->obj, 0, PS_WAIT_RECV, 0, NULL, 0);
}

int ps_conn_send(struct ps_conn *c, const struct ps_value *v)
{
    if (c == NULL || c->fd < 0 || !c->can_send)
        return -EBADF;
    size_t cap = sizeof(uint32_t) + PS_VALUE_HEADER + (v != NULL ? v->len : 0) + 8;
    unsigned char *frame = malloc(cap);
    if (frame == NULL)
        return -ENOMEM;
    long n = ps_value_encode(v, frame + sizeof(uint32_t), cap - sizeof(uint32_t));
    int rc = (int)n;
    if (n >= 0) {
        uint32_t len32 = (uint32_t)n;
        memcpy(frame, &len32, sizeof len32);
        /* Before the write: the receiver's pipe.recv must come after it (issue 11). */
        ps_pipe_emit_value(true, c, v, (size_t)n);
        rc = ps_pipe_write_all(c, frame, sizeof len32 + (size_t)n);
    }
    free(frame);
    return rc;
}

int ps_conn_send_int(struct ps_conn *c, int64_t i)
{
    struct ps_value v = ps_value_int(i);
    return ps_conn_send(c, &v);
}

int ps_conn_send_str(struct ps_conn *c, const char *s)
{
    struct ps_value v;
    int rc = ps_value_str(s, &v);
    if (rc < 0)
        return rc;
    rc = ps_conn_send(c, &v);
    ps_value_free(&v);
    return rc;
}

int ps_conn_recv(struct ps_conn *c, struct ps_value *out)
{
    uint32_t len32;
    if (c == NULL || out == NULL || c->fd < 0 || !c->can_recv)
        return -EBADF;
    ps_pipe_wait_begin(c);
    int rc = ps_pipe_read_all(c->fd, &len32, sizeof len32, true);
    if (rc == PS_CONN_EOF) {
        ps_emit_pipe_eof(c->obj, c->end);
        return PS_CONN_EOF;
    }
    if (rc < 0)
        return rc;
    if (len32 < PS_VALUE_HEADER || len32 > PS_VALUE_WIRE_MAX)
        return -EPROTO;
    unsigned char *buf = malloc(len32);
    if (buf == NULL)
        return -ENOMEM;
    rc = ps_pipe_read_all(c->fd, buf, len32, false);
    if (rc == 0) {
        long used = ps_value_decode(buf, len32, out);
        rc = used == (long)len32 ? 0 : -EPROTO;
        if (used > 0 && rc < 0)
            ps_value_free(out);
    }
    free(buf);
    if (rc == 0)
        ps_pipe_emit_value(false, c, out, len32);
    return rc;
}

int ps_conn_close(struct ps_conn *c)
{
    if (c == NULL || c->fd < 0)
        return 0;
    int rc = close(c->fd);
    c->fd = -1;
    ps_emit_pipe_close(c->obj, c->end);
    return rc < 0 && errno != EINTR ? -errno : 0;
}
