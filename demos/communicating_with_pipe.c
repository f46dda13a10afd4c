/*
 * communicating_with_pipe.py: Process-1 sends 0..9 into pipe 1 and closes
 * its end; Process-2 closes its unused copy of pipe 1's sending end, squares
 * what it receives into pipe 2 and closes that at EOF; main closes its unused
 * ends and prints what arrives from pipe 2 until EOF, then `End`.
 *
 * Until mp-A1's process and print API (src/mp/process.h, print.h) exists,
 * the small helpers below start the children (with the proc.* events the API
 * emits) and print lines (one write, one output event).
 */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp/pipe.h"
#include "probe/probe.h"

#define N_PROCESSES 2

static pid_t children[N_PROCESSES];
static int n_children;

/* print(line): one line to stdout in one write, and an output event. */
static void demo_print(const char *line)
{
    char buf[128];
    size_t len = strlen(line);

    if (len > sizeof buf - 1)
        len = sizeof buf - 1;
    ps_probe_emit(PS_EV_OUTPUT, 0, 0, 1, 0, line, len);
    memcpy(buf, line, len);
    buf[len] = '\n';
    if ((!ps_probe_active() || ps_probe_echo()) && write(STDOUT_FILENO, buf, len + 1) < 0)
        return;
}

/* Process(target=target, args=(a, b)).start(), named Process-<n>. */
static void demo_start(void (*target)(struct ps_conn *, struct ps_conn *), struct ps_conn *a,
                       struct ps_conn *b)
{
    char name[32];
    snprintf(name, sizeof name, "Process-%d", n_children + 1);
    pid_t pid = fork();

    if (pid == 0) {
        prctl(PR_SET_NAME, name);
        ps_probe_emit_str(PS_EV_PROC_START, 0, (int32_t)getppid(), 0, 0, name);
        target(a, b);
        ps_probe_emit(PS_EV_PROC_EXIT, 0, ps_probe_pid(), 0, 0, NULL, 0);
        _exit(0);
    }
    if (pid < 0) {
        perror("Process.start");
        return;
    }
    children[n_children++] = pid;
    ps_probe_emit_str(PS_EV_PROC_SPAWN, (uint32_t)n_children, pid, 0, 0, name);
}

/* Python's exit handler: join every child. */
static void demo_join_all(void)
{
    for (int i = 0; i < n_children; i++) {
        int status;

        if (waitpid(children[i], &status, 0) != children[i])
            continue;
        int code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
        ps_probe_emit(PS_EV_PROC_JOIN, 0, children[i], code, 0, NULL, 0);
    }
}

/* create_items(pipe): send 0..9 into end 0 of pipe 1, then close it. */
static void create_items(struct ps_conn *pipe1, struct ps_conn *unused)
{
    (void)unused;
    for (int item = 0; item < 10; item++)
        ps_conn_send_int(&pipe1[0], item);
    ps_conn_close(&pipe1[0]);
}

/* multiply_items(pipe_1, pipe_2): square what pipe 1 brings into pipe 2 until EOF. */
static void multiply_items(struct ps_conn *pipe1, struct ps_conn *pipe2)
{
    struct ps_value item;

    ps_conn_close(&pipe1[0]);
    while (ps_conn_recv(&pipe1[1], &item) == 0) {
        ps_conn_send_int(&pipe2[0], item.i * item.i);
        ps_value_free(&item);
    }
    ps_conn_close(&pipe2[0]);
}

int main(void)
{
    struct ps_conn pipe1[2], pipe2[2];
    struct ps_value item;
    char line[32];

    if (ps_pipe_new(true, &pipe1[0], &pipe1[1]) < 0)
        return 1;
    demo_start(create_items, pipe1, NULL);
    if (ps_pipe_new(true, &pipe2[0], &pipe2[1]) < 0)
        return 1;
    demo_start(multiply_items, pipe1, pipe2);
    ps_conn_close(&pipe1[0]);
    ps_conn_close(&pipe2[0]);
    while (ps_conn_recv(&pipe2[1], &item) == 0) {
        snprintf(line, sizeof line, "%lld", (long long)item.i);
        demo_print(line);
        ps_value_free(&item);
    }
    demo_print("End");
    demo_join_all();
    return 0;
}
