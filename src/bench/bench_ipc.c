#include "bench/bench.h"

/*
 * `procscope bench ipc`: messages per second through the mp API's pool map
 * (and the pipe and queue when present), each measured with the probe off and
 * on in the same run, rounds interleaved so that drift hits both alike.
 *
 * Every measurement runs in a fresh forked process, because the probe attaches
 * once per process: "off" is a fork with no ring; "on" is a fork that attaches
 * a real session ring (ps_ring_create here, PROCSCOPE_RING_FD, ps_probe_init)
 * while this process drains the ring as the supervisor would, polling every
 * millisecond. The workload times itself and writes its rate to a pipe.
 * Messages are 64 bytes. Nothing here asserts on time.
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
#include "core/ring.h"
#include "mp/pool.h"
#include "probe/probe.h"

#define PS_BENCH_IPC_ROUNDS 6
#define PS_BENCH_IPC_MSG 64
#define PS_BENCH_IPC_POOL_ITEMS 100000
#define PS_BENCH_IPC_POOL_MAPS 30 /* maps per measurement: a few tenths of a second each */
#define PS_BENCH_IPC_RING_SLOTS (1u << 20)

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

/* Measure one load off and on, rounds interleaved, and print both and the overhead. */
static int ps_bench_ipc_measure(FILE *out, const struct ps_bench_ipc_load *load)
{
    double off[PS_BENCH_IPC_ROUNDS];
    double on[PS_BENCH_IPC_ROUNDS];
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
    ps_bench_report(out, label, (m_off - m_on) / m_off * 100.0, "%", "target: < 10 %");
    return 0;
}

int ps_bench_ipc(FILE *out)
{
    ps_bench_heading(out, "ipc",
                     "messages per second through the mp API, probe off vs on (median of 6)");
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
