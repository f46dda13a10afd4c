/*
 * process_pool.py: a Pool of 4 workers (ForkPoolWorker-1..4) squares 0..99
 * with map, in 15 chunks of 7 as Python splits them; the pool is closed and
 * joined and main prints the results as a Python list, in input order:
 *
 *     Pool    : [0, 1, 4, …, 9801]
 *
 * Until mp-A1's print API (src/mp/print.h) exists, the line goes out through
 * pool_print below: one write() (unless the probe is attached without echo)
 * and one output event, as ps_print is specified to do.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mp/pool.h"
#include "probe/probe.h"

#define N_INPUTS 100

/* def function_square(data): return data * data */
static int64_t function_square(int64_t data)
{
    return data * data;
}

/* Print one line (without its newline): stdout in one write, and an output event. */
static void pool_print(const char *line)
{
    size_t len = strlen(line);
    char buf[1024];

    if (!ps_probe_active() || ps_probe_echo()) {
        snprintf(buf, sizeof(buf), "%s\n", line);
        if (write(STDOUT_FILENO, buf, len + 1) < 0)
            return;
    }
    ps_probe_emit(PS_EV_OUTPUT, 0, 0, 1, 0, line, len);
}

/* print('Pool    :', pool_outputs) */
static void print_list(const int64_t *values, size_t n)
{
    char line[1000];
    size_t len = (size_t)snprintf(line, sizeof(line), "Pool    : [");

    for (size_t i = 0; i < n && len < sizeof(line); i++)
        len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%" PRId64, i ? ", " : "",
                                values[i]);
    if (len < sizeof(line))
        snprintf(line + len, sizeof(line) - len, "]");
    pool_print(line);
}

int main(void)
{
    int64_t inputs[N_INPUTS];
    int64_t pool_outputs[N_INPUTS];
    struct ps_pool *pool;
    int rc;

    for (int i = 0; i < N_INPUTS; i++)
        inputs[i] = i;
    pool = ps_pool_new(4);
    if (pool == NULL) {
        perror("Pool");
        return 1;
    }
    rc = ps_pool_map(pool, function_square, inputs, N_INPUTS, pool_outputs);
    ps_pool_close(pool);
    ps_pool_join(pool);
    ps_pool_free(pool);
    if (rc != 0) {
        fprintf(stderr, "Pool.map: %s\n", strerror(-rc));
        return 1;
    }
    print_list(pool_outputs, N_INPUTS);
    return 0;
}
