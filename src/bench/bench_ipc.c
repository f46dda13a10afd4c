/* SPDX-License-Identifier: MIT */
#include "bench/bench.h"

/*
 * `procscope bench ipc`: messages per second through the mp API's pipe, queue
 * and pool map, each measured with the probe off and on in the same run,
 * rounds interleaved (the first of a pair alternates) so that drift and the
 * second-run penalty hit both alike.
 *
 * Every measurement runs in a fresh forked process, because the probe attaches
 * once per process: "off" is a fork with no ring; "on" is a fork that attaches
 * a real session ring, of a session's size (ps_ring_create here,
 * PROCSCOPE_RING_FD, ps_probe_init), while this process drains the ring as
 * the supervisor would, polling every millisecond. The workload (a main with
 * a writer and a reader process, or a pool) times itself and writes its rate
 * to a pipe. Messages are 64 bytes. The overhead reported is the median of
 * the rounds' own off/on pairs. Nothing here asserts on time.
 */

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/env.h"
#include "core/ring.h"
#include "mp/pipe.h"
#include "mp/pool.h"
#include "mp/process.h"
#include "mp/queue.h"
#include "probe/probe.h"

#define PS_BENCH_IPC_ROUNDS 8
#define PS_BENCH_IPC_MSG 64
#define PS_BENCH_IPC_POOL_ITEMS 100000
#define PS_BENCH_IPC_POOL_MAPS 12 /* maps per measurement: about a tenth of a second each */
#define PS_BENCH_IPC_RING_SLOTS PS_RING_DEFAULT_SLOTS /* the supervisor's ring */

/* One workload: runs in a forked process, returns messages per second (or -errno). */
struct ps_bench_ipc_load {
    const char *name;
    const char *what; /* the message, for the report */
    double (*run)(void);
};

/* A 64-byte message. */
struct ps_bench_ipc_msg {
    unsigned char bytes[PS_BENCH_IPC_MSG];
};

#define PS_BENCH_IPC_PIPE_MSGS 100000
#define PS_BENCH_IPC_QUEUE_MSGS 100000
#define PS_BENCH_IPC_QUEUE_SLOT 128 /* wire bytes per queue slot: a 64-byte value takes 69 */
#define PS_BENCH_IPC_WAIT 30.0      /* seconds a queue put/get waits before giving up */

/* What the two processes of a pipe or queue load share: the channel and the count. */
struct ps_bench_ipc_chan {
    struct ps_conn ends[2];  /* one-way pipe: end 0 receives, end 1 sends */
    struct ps_queue *queue;  /* or a queue */
    size_t n;                /* messages to send */
};

/* Fill `v` with a 64-byte bytes value (the senders number it in its first 8 bytes). */
static int ps_bench_ipc_value(struct ps_value *v)
{
    unsigned char zero[PS_BENCH_IPC_MSG] = {0};

    return ps_value_bytes(zero, sizeof(zero), v);
}

/* True when `v` is 64-byte message number `i`. */
static bool ps_bench_ipc_check(const struct ps_value *v, size_t i)
{
    return v->kind == PS_VALUE_BYTES && v->len == PS_BENCH_IPC_MSG &&
           memcmp(v->data, &i, sizeof(i)) == 0;
}

/* The pipe's writer process: send n messages, then close the sending end. */
static int ps_bench_ipc_pipe_writer(void *arg)
{
    struct ps_bench_ipc_chan *ch = arg;
    struct ps_value v;
    int rc = ps_bench_ipc_value(&v);

    ps_conn_close(&ch->ends[0]);
    for (size_t i = 0; i < ch->n && rc == 0; i++) {
        memcpy(v.data, &i, sizeof(i));
        rc = ps_conn_send(&ch->ends[1], &v);
    }
    ps_value_free(&v);
    ps_conn_close(&ch->ends[1]);
    return rc == 0 ? 0 : 1;
}

/* The pipe's reader process: receive until end of file; 0 when all n came, in order. */
static int ps_bench_ipc_pipe_reader(void *arg)
{
    struct ps_bench_ipc_chan *ch = arg;
    struct ps_value v;
    size_t got = 0;
    int rc;

    ps_conn_close(&ch->ends[1]);
    while ((rc = ps_conn_recv(&ch->ends[0], &v)) == 0) {
        bool ok = ps_bench_ipc_check(&v, got);

        ps_value_free(&v);
        if (!ok)
            break;
        got++;
    }
    ps_conn_close(&ch->ends[0]);
    return rc == PS_CONN_EOF && got == ch->n ? 0 : 1;
}

/* The queue's producer process: put n messages. */
static int ps_bench_ipc_queue_producer(void *arg)
{
    struct ps_bench_ipc_chan *ch = arg;
    struct ps_value v;
    int rc = ps_bench_ipc_value(&v);

    for (size_t i = 0; i < ch->n && rc == 0; i++) {
        memcpy(v.data, &i, sizeof(i));
        rc = ps_queue_put(ch->queue, &v, PS_BENCH_IPC_WAIT);
    }
    ps_value_free(&v);
    return rc == 0 ? 0 : 1;
}

/* The queue's consumer process: get n messages; 0 when all came, in order. */
static int ps_bench_ipc_queue_consumer(void *arg)
{
    struct ps_bench_ipc_chan *ch = arg;
    struct ps_value v;
    size_t got = 0;

    while (got < ch->n && ps_queue_get(ch->queue, &v, PS_BENCH_IPC_WAIT) == 0) {
        bool ok = ps_bench_ipc_check(&v, got);

        ps_value_free(&v);
        if (!ok)
            break;
        got++;
    }
    return got == ch->n ? 0 : 1;
}

/*
 * As a demo's main: start a sender and a receiver process on `ch`, close this
 * process's pipe ends, join both. Returns messages per second from the first
 * start to the last join, or -EIO when either did not exit 0 (or -errno).
 */
static double ps_bench_ipc_pair(struct ps_bench_ipc_chan *ch, ps_process_target_fn sender,
                                ps_process_target_fn receiver)
{
    struct ps_process *tx = ps_process_new(NULL, sender, ch, NULL, false);
    struct ps_process *rx = ps_process_new(NULL, receiver, ch, NULL, false);
    uint64_t t0 = ps_clock_mono_ns();
    int rc = tx == NULL || rx == NULL ? -ENOMEM : ps_process_start(rx);
    double rate;

    if (rc == 0)
        rc = ps_process_start(tx);
    if (ch->queue == NULL) {
        ps_conn_close(&ch->ends[0]);
        ps_conn_close(&ch->ends[1]);
    }
    if (rx != NULL)
        ps_process_join(rx, -1);
    if (tx != NULL)
        ps_process_join(tx, -1);
    rate = (double)ch->n * 1e9 / (double)(ps_clock_mono_ns() - t0);
    if (rc == 0 && (ps_process_exitcode(tx) != 0 || ps_process_exitcode(rx) != 0))
        rc = -EIO;
    if (tx != NULL)
        ps_process_free(tx);
    if (rx != NULL)
        ps_process_free(rx);
    return rc < 0 ? rc : rate;
}

/* A one-way pipe, a writer process sending 64-byte bytes values to a reader process. */
static double ps_bench_ipc_pipe(void)
{
    struct ps_bench_ipc_chan ch = {.n = PS_BENCH_IPC_PIPE_MSGS};
    int rc = ps_pipe_new(false, &ch.ends[0], &ch.ends[1]);

    return rc < 0 ? rc
                  : ps_bench_ipc_pair(&ch, ps_bench_ipc_pipe_writer, ps_bench_ipc_pipe_reader);
}

/* A queue, one producer process putting 64-byte bytes values, one consumer getting them. */
static double ps_bench_ipc_queue(void)
{
    struct ps_bench_ipc_chan ch = {.n = PS_BENCH_IPC_QUEUE_MSGS};
    double rate;

    ch.queue = ps_queue_new(0, PS_BENCH_IPC_QUEUE_SLOT);
    if (ch.queue == NULL)
        return -errno;
    rate = ps_bench_ipc_pair(&ch, ps_bench_ipc_queue_producer, ps_bench_ipc_queue_consumer);
    ps_queue_free(ch.queue);
    return rate;
}

/* The pool's item function: a 64-byte message in, the same message out. */
static int ps_bench_ipc_echo(const void *in, void *out)
{
    memcpy(out, in, PS_BENCH_IPC_MSG);
    return 0;
}

/* Map PS_BENCH_IPC_POOL_ITEMS 64-byte messages PS_BENCH_IPC_POOL_MAPS times through 2 workers. */
static double ps_bench_ipc_pool(void)
{
    size_t n = PS_BENCH_IPC_POOL_ITEMS;
    struct ps_bench_ipc_msg *in = calloc(n, sizeof(*in));
    struct ps_bench_ipc_msg *out = calloc(n, sizeof(*out));
    struct ps_pool *pool = ps_pool_new(2);
    double rate = -ENOMEM;

    if (in != NULL && out != NULL && pool != NULL) {
        uint64_t t0;
        int rc = 0;

        for (size_t i = 0; i < n; i++)
            memcpy(in[i].bytes, &i, sizeof(i));
        t0 = ps_clock_mono_ns();
        for (int m = 0; m < PS_BENCH_IPC_POOL_MAPS && rc == 0; m++)
            rc = ps_pool_map_items(pool, ps_bench_ipc_echo, in, sizeof(*in), n, out, sizeof(*out));
        rate = rc < 0
                   ? rc
                   : (double)n * PS_BENCH_IPC_POOL_MAPS * 1e9 / (double)(ps_clock_mono_ns() - t0);
        if (memcmp(in, out, n * sizeof(*in)) != 0)
            rate = -EIO;
        ps_pool_close(pool);
        ps_pool_join(pool);
    }
    ps_pool_free(pool);
    free(in);
    free(out);
    return rate;
}

/* def square(x): return x * x */
static int64_t ps_bench_ipc_square(int64_t x)
{
    return x * x;
}

/* The same with 8-byte integers (512 per chunk message): fewer chunks, so fewer events per item. */
static double ps_bench_ipc_pool_int(void)
{
    size_t n = PS_BENCH_IPC_POOL_ITEMS * 8;
    int64_t *in = calloc(n, sizeof(*in));
    int64_t *out = calloc(n, sizeof(*out));
    struct ps_pool *pool = ps_pool_new(2);
    double rate = -ENOMEM;

    if (in != NULL && out != NULL && pool != NULL) {
        uint64_t t0;
        int rc = 0;

        for (size_t i = 0; i < n; i++)
            in[i] = (int64_t)i;
        t0 = ps_clock_mono_ns();
        for (int m = 0; m < PS_BENCH_IPC_POOL_MAPS && rc == 0; m++)
            rc = ps_pool_map(pool, ps_bench_ipc_square, in, n, out);
        rate = rc < 0
                   ? rc
                   : (double)n * PS_BENCH_IPC_POOL_MAPS * 1e9 / (double)(ps_clock_mono_ns() - t0);
        if (rc == 0 && out[n - 1] != (int64_t)(n - 1) * (int64_t)(n - 1))
            rate = -EIO;
        ps_pool_close(pool);
        ps_pool_join(pool);
    }
    ps_pool_free(pool);
    free(in);
    free(out);
    return rate;
}

static const struct ps_bench_ipc_load ps_bench_ipc_loads[] = {
    {"pipe", "64-byte bytes values, writer -> reader", ps_bench_ipc_pipe},
    {"queue", "64-byte bytes values, producer -> consumer", ps_bench_ipc_queue},
    {"pool map", "64-byte messages, 64 per chunk", ps_bench_ipc_pool},
    {"pool map int64", "8-byte integers, 512 per chunk", ps_bench_ipc_pool_int},
};

/* Count drained events. */
static int ps_bench_ipc_count(void *ctx, const struct ps_event *ev)
{
    (void)ev;
    (*(uint64_t *)ctx)++;
    return 0;
}

/* In the forked child: attach the probe when asked, run the load, report the rate. */
static _Noreturn void ps_bench_ipc_child(const struct ps_bench_ipc_load *load, struct ps_ring *ring,
                                         int fd)
{
    double rate;
    char num[16];

    if (ring != NULL) {
        snprintf(num, sizeof(num), "%d", ps_ring_fd(ring));
        setenv(PS_ENV_RING_FD, num, 1);
        if (ps_probe_init() != 0)
            _exit(2);
    }
    rate = load->run();
    _exit(write(fd, &rate, sizeof(rate)) == (ssize_t)sizeof(rate) ? 0 : 1);
}

/*
 * Run `load` once in a fork, with a ring (probe on) or without; while it runs,
 * drain the ring. Returns the rate, or a negative errno; counts events.
 */
static double ps_bench_ipc_once(const struct ps_bench_ipc_load *load, struct ps_ring *ring,
                                uint64_t *events)
{
    double rate = -EIO;
    int fds[2];
    pid_t pid;
    struct pollfd pfd;

    if (pipe(fds) < 0)
        return -errno;
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        ps_bench_ipc_child(load, ring, fds[1]);
    }
    close(fds[1]);
    pfd = (struct pollfd){.fd = fds[0], .events = POLLIN};
    while (pid > 0 && poll(&pfd, 1, 1) == 0) {
        if (ring != NULL)
            ps_ring_drain(ring, ps_bench_ipc_count, events, SIZE_MAX);
    }
    if (pid > 0 && read(fds[0], &rate, sizeof(rate)) != (ssize_t)sizeof(rate))
        rate = -EIO;
    if (pid > 0)
        waitpid(pid, NULL, 0);
    else
        rate = -errno;
    while (ring != NULL && ps_ring_drain(ring, ps_bench_ipc_count, events, SIZE_MAX) > 0)
        continue;
    close(fds[0]);
    return rate;
}

/*
 * Measure one load off and on, rounds interleaved, and print both medians and
 * the overhead: the median of each round's own off/on pair, since the two runs
 * of a pair see the same load from the rest of the machine.
 */
static int ps_bench_ipc_measure(FILE *out, const struct ps_bench_ipc_load *load)
{
    double off[PS_BENCH_IPC_ROUNDS];
    double on[PS_BENCH_IPC_ROUNDS];
    double overhead[PS_BENCH_IPC_ROUNDS];
    uint64_t events = 0;
    uint64_t drops = 0;
    char label[96];
    char note[96];
    double m_off;
    double m_on;

    for (int r = 0; r < PS_BENCH_IPC_ROUNDS; r++) {
        struct ps_ring ring;
        int rc = ps_ring_create(&ring, PS_BENCH_IPC_RING_SLOTS);

        if (rc != 0)
            return rc;
        /* The second run of a pair is measurably slower: alternate which goes first. */
        if (r % 2 == 0) {
            off[r] = ps_bench_ipc_once(load, NULL, &events);
            on[r] = ps_bench_ipc_once(load, &ring, &events);
        } else {
            on[r] = ps_bench_ipc_once(load, &ring, &events);
            off[r] = ps_bench_ipc_once(load, NULL, &events);
        }
        drops += ps_ring_drops(&ring);
        ps_ring_close(&ring);
        if (off[r] < 0 || on[r] < 0)
            return (int)(off[r] < 0 ? off[r] : on[r]);
        overhead[r] = (off[r] - on[r]) / off[r] * 100.0;
    }
    m_off = ps_bench_median(off, PS_BENCH_IPC_ROUNDS);
    m_on = ps_bench_median(on, PS_BENCH_IPC_ROUNDS);
    snprintf(label, sizeof(label), "%s, probe off", load->name);
    ps_bench_report(out, label, m_off, "msg/s", load->what);
    snprintf(label, sizeof(label), "%s, probe on", load->name);
    snprintf(note, sizeof(note), "%.0f events/round, %llu dropped",
             (double)events / PS_BENCH_IPC_ROUNDS, (unsigned long long)drops);
    ps_bench_report(out, label, m_on, "msg/s", note);
    snprintf(label, sizeof(label), "%s, instrumentation overhead", load->name);
    ps_bench_report(out, label, ps_bench_median(overhead, PS_BENCH_IPC_ROUNDS), "%",
                    "median of the rounds' pairs; target: < 10 %");
    return 0;
}

int ps_bench_ipc(FILE *out)
{
    ps_bench_heading(out, "ipc",
                     "messages per second through the mp API, probe off vs on (median of 8)");
    for (size_t i = 0; i < sizeof(ps_bench_ipc_loads) / sizeof(ps_bench_ipc_loads[0]); i++) {
        int rc = ps_bench_ipc_measure(out, &ps_bench_ipc_loads[i]);

        if (rc != 0) {
            fprintf(out, "  %s: failed (%s)\n", ps_bench_ipc_loads[i].name, strerror(-rc));
            return rc;
        }
        fflush(out);
    }
    return 0;
}
