/* SPDX-License-Identifier: MIT */
/*
 * Pipe: Python's multiprocessing.Pipe for processes created by fork.
 *
 * ps_pipe_new() gives two connection ends, 0 and 1. Duplex pipes are a
 * socketpair (both ends send and receive); one-way pipes are pipe(2): end 0
 * receives, end 1 sends, as Python's Pipe(duplex=False) returns (r, w).
 * Messages are framed typed values (mp/value.h). Every process holding a copy
 * of an end after fork() must close the copies it does not use: a receiver
 * sees end of file only once every copy of the sending end is closed.
 *
 * Events: pipe.open (a = duplex) from the creator; pipe.send / pipe.recv
 * (a = bytes, b = end, text = value preview of at most PS_VALUE_PREVIEW_SIZE - 1
 * bytes: one ring slot); pipe.close (a = end) from each process that closes
 * its copy; pipe.eof (b = end) from the receiver.
 */
#ifndef PS_MP_PIPE_H
#define PS_MP_PIPE_H

#include <stdbool.h>
#include <stdint.h>

#include "mp/value.h"

#define PS_CONN_EOF 1 /* ps_conn_recv(): every copy of the sending end is closed */

struct ps_conn {
    int fd;       /* -1 once closed */
    uint32_t obj; /* pipe object id (events) */
    int end;      /* 0 or 1 */
    bool can_send;
    bool can_recv;
};

/*
 * Create a pipe and fill its two ends. Returns 0, or -errno from
 * socketpair/pipe (then both ends have fd -1). Any process; emits pipe.open.
 */
int ps_pipe_new(bool duplex, struct ps_conn *end0, struct ps_conn *end1);

/*
 * Send one value as a single frame (blocks while the pipe is full). Returns
 * 0, -EBADF (closed or receive-only end), -EPIPE (no receiver left; for a
 * one-way pipe only when SIGPIPE is ignored, else the signal), -EINVAL
 * (bad value) or another -errno. Emits pipe.send.
 */
int ps_conn_send(struct ps_conn *c, const struct ps_value *v);

/* Shorthands for ps_conn_send of an int64 or a string. */
int ps_conn_send_int(struct ps_conn *c, int64_t i);
int ps_conn_send_str(struct ps_conn *c, const char *s);

/*
 * Receive one value into `out` (the caller frees it with ps_value_free).
 * Blocks until a frame arrives. Returns 0, PS_CONN_EOF (emits pipe.eof), or
 * -EBADF (closed or send-only end), -EPROTO (torn or malformed frame),
 * -ENOMEM or another -errno. Emits pipe.recv on success.
 */
int ps_conn_recv(struct ps_conn *c, struct ps_value *out);

/*
 * Close this process's copy of the end (emits pipe.close). Closing twice is
 * a no-op. Returns 0 or -errno from close(2).
 */
int ps_conn_close(struct ps_conn *c);

#endif /* PS_MP_PIPE_H */
