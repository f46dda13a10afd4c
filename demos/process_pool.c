/* SPDX-License-Identifier: MIT */
/*
 * process_pool.py: a Pool of 4 workers (ForkPoolWorker-1..4) squares 0..99
 * with map, in 15 chunks of 7 as Python splits them; the pool is closed and
 * joined and main prints the results as a Python list, in input order:
 *
 *     Pool    : [0, 1, 4, …, 9801]
 *
 *     def function_square(data):
 *         result = data*data
 *         return result
 *
 *     if __name__ == '__main__':
 *         inputs = list(range(0,100))
 *         pool = multiprocessing.Pool(processes=4)
 *         pool_outputs = pool.map(function_square, inputs)
 *         pool.close()
 *         pool.join()
 *         print ('Pool    :', pool_outputs)
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "mp/mp.h"

#define N_INPUTS 100

/* def function_square(data): return data * data */
static int64_t function_square(int64_t data)
{
    return data * data;
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
    ps_print("%s", line);
}

int main(int argc, char *argv[])
{
    int64_t inputs[N_INPUTS];
    int64_t pool_outputs[N_INPUTS];
    struct ps_pool *pool;
    int rc;

    ps_mp_init(argc, argv);
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
    return ps_mp_main_end();
}
