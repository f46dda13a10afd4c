/* SPDX-License-Identifier: MIT */
/*
 * procscope-bench-ipc LOAD: the workloads of `procscope bench ipc`, as a
 * program of their own so that the procscope binary carries no demo runtime.
 * Under a ring (PROCSCOPE_RING_FD, as procscope or the bench gives it) the
 * probe attaches when the program starts; without one it is silent. LOAD is
 * pipe, queue, pool, pool-int (a main with a writer and a reader process, or
 * a pool of 2) or pipe100 (100 children sending 1,000 messages each to main
 * through their own pipe). Prints its rate, messages per second from the
 * first start to the last join, on stdout; exits 0, 1 when a message was
 * lost or out of order, 2 on a usage error. Messages are 64 bytes.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "mp/pipe.h"
#include "mp/pool.h"
#include "mp/process.h"
#include "mp/queue.h"

#define PS_IPC_MSG 64
#define PS_IPC_PIPE_MSGS 100000
#define PS_IPC_QUEUE_MSGS 100000
#define PS_IPC_QUEUE_SLOT 128 /* wire bytes per queue slot: a 64-byte value takes 69 */
#define PS_IPC_WAIT 30.0      /* seconds a queue put/get waits before giving up */
#define PS_IPC_POOL_ITEMS 100000
#define PS_IPC_POOL_MAPS 12 /* maps per measurement: about a tenth of a second each */
#define PS_IPC_FAN_CHILDREN 100
#define PS_IPC_FAN_MSGS 1000

/* What the processes of a pipe or queue load share: the channel and the count. */
struct ps_ipc_chan {
    struct ps_conn ends[2]; /* one-way pipe: end 0 receives, end 1 sends */
    struct ps_queue *queue; /* or a queue */
    size_t n;               /* messages to send */
};

/* Fill `v` with a 64-byte bytes value (the senders number it in its first 8 bytes). */
static int ps_ipc_value(struct ps_value *v)
{
    unsigned char zero[PS_IPC_MSG] = {0};
    return ps_value_bytes(zero, sizeof zero, v);
}

/* True when `v` is 64-byte message number `i`. */
static bool ps_ipc_check(const struct ps_value *v, size_t i)
{
    return v->kind == PS_VALUE_BYTES && v->len == PS_IPC_MSG &&
           memcmp(v->data, &i, sizeof i) == 0;
}

/* A pipe's writer process: send n messages, then close the sending end. */
static int ps_ipc_pipe_writer(void *arg)
{
    struct ps_ipc_chan *ch = arg;
    struct ps_value v;
    int rc = ps_ipc_value(&v);
    ps_conn_close(&ch->ends[0]);
    for (size_t i = 0; i < ch->n && rc == 0; i++) {
        memcpy(v.data, &i, sizeof i);
        rc = ps_conn_send(&ch->ends[1], &v);
    }
    ps_value_free(&v);
    ps_conn_close(&ch->ends[1]);
    return rc == 0 ? 0 : 1;
}

/* Receive from end 0 until end of file; true when all n came, in order. */
static bool ps_ipc_pipe_take(struct ps_ipc_chan *ch)
{
    struct ps_value v;
    size_t got = 0;
    int rc;
    while ((rc = ps_conn_recv(&ch->ends[0], &v)) == 0) {
        bool ok = ps_ipc_check(&v, got);
        ps_value_free(&v);
        if (!ok) {
            break;
        }
        got++;
    }
    ps_conn_close(&ch->ends[0]);
    return rc == PS_CONN_EOF && got == ch->n;
}

/* A pipe's reader process. */
static int ps_ipc_pipe_reader(void *arg)
{
    struct ps_ipc_chan *ch = arg;
    ps_conn_close(&ch->ends[1]);
    return ps_ipc_pipe_take(ch) ? 0 : 1;
}

/* The queue's producer process: put n messages. */
static int ps_ipc_queue_producer(void *arg)
{
    struct ps_ipc_chan *ch = arg;
    struct ps_value v;
    int rc = ps_ipc_value(&v);
    for (size_t i = 0; i < ch->n && rc == 0; i++) {
        memcpy(v.data, &i, sizeof i);
        rc = ps_queue_put(ch->queue, &v, PS_IPC_WAIT);
    }
    ps_value_free(&v);
    return rc == 0 ? 0 : 1;
}

/* The queue's consumer process: get n messages; 0 when all came, in order. */
static int ps_ipc_queue_consumer(void *arg)
{
    struct ps_ipc_chan *ch = arg;
    struct ps_value v;
    size_t got = 0;
    while (got < ch->n && ps_queue_get(ch->queue, &v, PS_IPC_WAIT) == 0) {
        bool ok = ps_ipc_check(&v, got);
        ps_value_free(&v);
        if (!ok) {
            break;
        }
        got++;
    }
    return got == ch->n ? 0 : 1;
}

/* Join and free `p`; true when it ran and exited 0. */
static bool ps_ipc_reap(struct ps_process *p)
{
    if (p == NULL) {
        return false;
    }
    ps_process_join(p, -1);
    bool ok = ps_process_exitcode(p) == 0;
    ps_process_free(p);
    return ok;
}

/* Start a sender and a receiver process on `ch`, close this process's pipe ends, join both. */
static double ps_ipc_pair(struct ps_ipc_chan *ch, ps_process_target_fn sender,
                          ps_process_target_fn receiver)
{
    struct ps_process *tx = ps_process_new(NULL, sender, ch, NULL, false);
    struct ps_process *rx = ps_process_new(NULL, receiver, ch, NULL, false);
    uint64_t t0 = ps_clock_mono_ns();
    int rc = tx == NULL || rx == NULL ? -ENOMEM : ps_process_start(rx);
    if (rc == 0) {
        rc = ps_process_start(tx);
    }
    if (ch->queue == NULL) {
        ps_conn_close(&ch->ends[0]);
        ps_conn_close(&ch->ends[1]);
    }
    bool ok = ps_ipc_reap(rx);
    ok = ps_ipc_reap(tx) && ok;
    double rate = (double)ch->n * 1e9 / (double)(ps_clock_mono_ns() - t0);
    return rc < 0 ? rc : ok ? rate : -EIO;
}

/* A one-way pipe, a writer process sending to a reader process. */
static double ps_ipc_pipe(void)
{
    struct ps_ipc_chan ch = {.n = PS_IPC_PIPE_MSGS};
    int rc = ps_pipe_new(false, &ch.ends[0], &ch.ends[1]);
    return rc < 0 ? rc : ps_ipc_pair(&ch, ps_ipc_pipe_writer, ps_ipc_pipe_reader);
}

/* A queue, one producer process putting values, one consumer getting them. */
static double ps_ipc_queue(void)
{
    struct ps_ipc_chan ch = {.n = PS_IPC_QUEUE_MSGS};
    ch.queue = ps_queue_new(0, PS_IPC_QUEUE_SLOT);
    if (ch.queue == NULL) {
        return -errno;
    }
    double rate = ps_ipc_pair(&ch, ps_ipc_queue_producer, ps_ipc_queue_consumer);
    ps_queue_free(ch.queue);
    return rate;
}

/*
 * 100 children, each with its own one-way pipe to main, send 1,000 messages
 * each; main reads the pipes one after the other (a child blocks while its
 * pipe is full), then joins them all.
 */
static double ps_ipc_fan(void)
{
    struct ps_ipc_chan ch[PS_IPC_FAN_CHILDREN];
    struct ps_process *kids[PS_IPC_FAN_CHILDREN] = {0};
    uint64_t t0 = ps_clock_mono_ns();
    bool ok = true;
    int made = 0;
    while (made < PS_IPC_FAN_CHILDREN && ok) {
        struct ps_ipc_chan *c = &ch[made];
        *c = (struct ps_ipc_chan){.n = PS_IPC_FAN_MSGS};
        if (ps_pipe_new(false, &c->ends[0], &c->ends[1]) < 0) {
            break;
        }
        kids[made] = ps_process_new(NULL, ps_ipc_pipe_writer, c, NULL, false);
        ok = kids[made] != NULL && ps_process_start(kids[made]) == 0;
        ps_conn_close(&c->ends[1]);
        made++;
    }
    ok = ok && made == PS_IPC_FAN_CHILDREN;
    for (int k = 0; k < made; k++) { /* every started writer is read to its end */
        ok = ps_ipc_pipe_take(&ch[k]) && ok;
    }
    for (int k = 0; k < made; k++) {
        ok = ps_ipc_reap(kids[k]) && ok;
    }
    double n = (double)PS_IPC_FAN_CHILDREN * PS_IPC_FAN_MSGS;
    return ok ? n * 1e9 / (double)(ps_clock_mono_ns() - t0) : -EIO;
}

/* The pool's item function: a 64-byte message in, the same message out. */
static int ps_ipc_echo(const void *in, void *out)
{
    memcpy(out, in, PS_IPC_MSG);
    return 0;
}

/* Map PS_IPC_POOL_ITEMS 64-byte messages PS_IPC_POOL_MAPS times through 2 workers. */
static double ps_ipc_pool(void)
{
    size_t n = PS_IPC_POOL_ITEMS;
    unsigned char(*in)[PS_IPC_MSG] = calloc(n, PS_IPC_MSG);
    unsigned char(*out)[PS_IPC_MSG] = calloc(n, PS_IPC_MSG);
    struct ps_pool *pool = ps_pool_new(2);
    double rate = -ENOMEM;
    if (in != NULL && out != NULL && pool != NULL) {
        int rc = 0;
        for (size_t i = 0; i < n; i++) {
            memcpy(in[i], &i, sizeof i);
        }
        uint64_t t0 = ps_clock_mono_ns();
        for (int m = 0; m < PS_IPC_POOL_MAPS && rc == 0; m++) {
            rc = ps_pool_map_items(pool, ps_ipc_echo, in, PS_IPC_MSG, n, out, PS_IPC_MSG);
        }
        double t = (double)(ps_clock_mono_ns() - t0);
        rate = rc < 0 ? rc : (double)n * PS_IPC_POOL_MAPS * 1e9 / t;
        if (memcmp(in, out, n * PS_IPC_MSG) != 0) {
            rate = -EIO;
        }
        ps_pool_close(pool);
        ps_pool_join(pool);
    }
    ps_pool_free(pool);
    free(in);
    free(out);
    return rate;
}

/* def square(x): return x * x */
static int64_t ps_ipc_square(int64_t x)
{
    return x * x;
}

/* The same with 8-byte integers (512 per chunk message): fewer chunks, so fewer events per item. */
static double ps_ipc_pool_int(void)
{
    size_t n = PS_IPC_POOL_ITEMS * 8;
    int64_t *in = calloc(n, sizeof *in);
    int64_t *out = calloc(n, sizeof *out);
    struct ps_pool *pool = ps_pool_new(2);
    double rate = -ENOMEM;
    if (in != NULL && out != NULL && pool != NULL) {
        int rc = 0;
        for (size_t i = 0; i < n; i++) {
            in[i] = (int64_t)i;
        }
        uint64_t t0 = ps_clock_mono_ns();
        for (int m = 0; m < PS_IPC_POOL_MAPS && rc == 0; m++) {
            rc = ps_pool_map(pool, ps_ipc_square, in, n, out);
        }
        double t = (double)(ps_clock_mono_ns() - t0);
        rate = rc < 0 ? rc : (double)n * PS_IPC_POOL_MAPS * 1e9 / t;
        if (rc == 0 && out[n - 1] != (int64_t)(n - 1) * (int64_t)(n - 1)) {
            rate = -EIO;
        }
        ps_pool_close(pool);
        ps_pool_join(pool);
    }
    ps_pool_free(pool);
    free(in);
    free(out);
    return rate;
}

static const struct {
    const char *name;
    double (*run)(void);
} ps_ipc_loads[] = {
    {"pipe", ps_ipc_pipe},         {"queue", ps_ipc_queue},       {"pool", ps_ipc_pool},
    {"pool-int", ps_ipc_pool_int}, {"pipe100", ps_ipc_fan},
};

int main(int argc, char **argv)
{
    for (size_t i = 0; argc == 2 && i < sizeof ps_ipc_loads / sizeof ps_ipc_loads[0]; i++) {
        if (strcmp(argv[1], ps_ipc_loads[i].name) == 0) {
            double rate = ps_ipc_loads[i].run();
            if (rate < 0) {
                fprintf(stderr, "procscope-bench-ipc %s: %s\n", argv[1], strerror((int)-rate));
                return 1;
            }
            printf("%.1f\n", rate);
            return fflush(stdout) == 0 ? 0 : 1;
        }
    }
    fprintf(stderr, "usage: procscope-bench-ipc pipe|queue|pool|pool-int|pipe100\n");
    return 2;
}
