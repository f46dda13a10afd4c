/* SPDX-License-Identifier: MIT */
/*
 * communicating_with_pipe.py:
 *     def create_items(pipe):
 *         output_pipe, _ = pipe
 *         for item in range(10):
 *             output_pipe.send(item)
 *         output_pipe.close()
 *
 *     def multiply_items(pipe_1, pipe_2):
 *         close, input_pipe = pipe_1
 *         close.close()
 *         output_pipe, _ = pipe_2
 *         try:
 *             while True:
 *                 item = input_pipe.recv()
 *                 output_pipe.send(item * item)
 *         except EOFError:
 *             output_pipe.close()
 *
 *     if __name__== '__main__':
 *         pipe_1 = multiprocessing.Pipe(True)
 *         process_pipe_1 = multiprocessing.Process(target=create_items, args=(pipe_1,))
 *         process_pipe_1.start()
 *         pipe_2 = multiprocessing.Pipe(True)
 *         process_pipe_2 = multiprocessing.Process(target=multiply_items, args=(pipe_1, pipe_2,))
 *         process_pipe_2.start()
 *         pipe_1[0].close()
 *         pipe_2[0].close()
 *         try:
 *             while True:
 *                 print (pipe_2[1].recv())
 *         except EOFError:
 *             print ("End")
 *
 * EOF arrives only because every copy of each sending end is closed.
 */
#include <stdbool.h>

#include "mp/mp.h"

struct pipes {
    struct ps_conn pipe_1[2];
    struct ps_conn pipe_2[2];
};

/* create_items(pipe_1): send 0..9 into end 0, then close it. */
static int create_items(void *arg)
{
    struct ps_conn *output_pipe = &((struct pipes *)arg)->pipe_1[0];

    for (int item = 0; item < 10; item++)
        ps_conn_send_int(output_pipe, item);
    ps_conn_close(output_pipe);
    return 0;
}

/* multiply_items(pipe_1, pipe_2): square what pipe 1 brings into pipe 2 until EOF. */
static int multiply_items(void *arg)
{
    struct pipes *p = arg;
    struct ps_conn *input_pipe = &p->pipe_1[1], *output_pipe = &p->pipe_2[0];
    struct ps_value item;

    ps_conn_close(&p->pipe_1[0]);
    while (ps_conn_recv(input_pipe, &item) == 0) {
        ps_conn_send_int(output_pipe, item.i * item.i);
        ps_value_free(&item);
    }
    ps_conn_close(output_pipe);
    return 0;
}

int main(int argc, char *argv[])
{
    struct pipes p;
    struct ps_value item;

    ps_mp_init(argc, argv);
    if (ps_pipe_new(true, &p.pipe_1[0], &p.pipe_1[1]) < 0)
        return 1;
    struct ps_process *process_pipe_1 = ps_process_new(NULL, create_items, &p, NULL, false);
    if (process_pipe_1 == NULL || ps_process_start(process_pipe_1) < 0)
        return 1;
    if (ps_pipe_new(true, &p.pipe_2[0], &p.pipe_2[1]) < 0)
        return 1;
    struct ps_process *process_pipe_2 = ps_process_new(NULL, multiply_items, &p, NULL, false);
    if (process_pipe_2 == NULL || ps_process_start(process_pipe_2) < 0)
        return 1;
    ps_conn_close(&p.pipe_1[0]);
    ps_conn_close(&p.pipe_2[0]);
    while (ps_conn_recv(&p.pipe_2[1], &item) == 0) {
        ps_print("%lld", (long long)item.i);
        ps_value_free(&item);
    }
    ps_print("End");
    return ps_mp_main_end();
}
