/*
 * shared_namespace: a shared Namespace (Python's Manager().Namespace()).
 * `Process-1` sets `value = 42` and two more fields; `Process-2` reads them
 * back; main reads the value and prints `Namespace value: 42`:
 *
 *     def setter(ns):  ns.value = 42; ns.name = 'answer'; ns.ratio = 0.5
 *     def reader(ns):  ns.value, ns.name, ns.ratio
 *     ns = Manager().Namespace()
 *     p = Process(target=setter, args=(ns,)); p.start(); p.join()
 *     q = Process(target=reader, args=(ns,)); q.start(); q.join()
 *     print('Namespace value:', ns.value)
 *
 * Until mp-A1's process and print API (src/mp/process.h, print.h) exists,
 * the small helpers below run the children (with the proc.* events the API
 * emits) and print the line (one write, one output event).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp/namespace.h"
#include "probe/probe.h"

static unsigned n_created;

/* print(line): stdout in one write, and an output event. */
static void demo_print(const char *line)
{
    size_t len = strlen(line);
    char buf[256];

    ps_probe_emit(PS_EV_OUTPUT, 0, 0, 1, 0, line, len);
    if (!ps_probe_active() || ps_probe_echo()) {
        len = (size_t)snprintf(buf, sizeof(buf), "%s\n", line);
        if (write(STDOUT_FILENO, buf, len < sizeof(buf) ? len : sizeof(buf) - 1) < 0)
            return;
    }
}

/*
 * Process(target=target, args=(ns,)) named Process-<n>, started and joined.
 * Returns its exit code (-N when killed by signal N), or -1 when fork failed.
 */
static int demo_run(int (*target)(struct ps_namespace *), struct ps_namespace *ns)
{
    char name[32];
    pid_t pid;
    int status;
    int code;

    snprintf(name, sizeof(name), "Process-%u", ++n_created);
    pid = fork();
    if (pid == 0) {
        prctl(PR_SET_NAME, name);
        ps_probe_emit_str(PS_EV_PROC_START, 0, (int32_t)getppid(), 0, 0, name);
        code = target(ns);
        ps_probe_emit(PS_EV_PROC_EXIT, 0, ps_probe_pid(), code, 0, NULL, 0);
        _exit(code);
    }
    if (pid < 0)
        return -1;
    ps_probe_emit_str(PS_EV_PROC_SPAWN, n_created, pid, 0, 0, name);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        continue;
    code = WIFSIGNALED(status) ? -WTERMSIG(status) : WEXITSTATUS(status);
    ps_probe_emit(PS_EV_PROC_JOIN, 0, pid, code, 0, NULL, 0);
    return code;
}

/* ns.value = 42; ns.name = 'answer'; ns.ratio = 0.5 */
static int setter(struct ps_namespace *ns)
{
    if (ps_namespace_set_int(ns, "value", 42) != 0 ||
        ps_namespace_set_str(ns, "name", "answer") != 0 ||
        ps_namespace_set_float(ns, "ratio", 0.5) != 0)
        return 1;
    return 0;
}

/* ns.value, ns.name, ns.ratio */
static int reader(struct ps_namespace *ns)
{
    struct ps_ns_value value;

    if (ps_namespace_get(ns, "value", &value) != 0 || ps_namespace_get(ns, "name", &value) != 0 ||
        ps_namespace_get(ns, "ratio", &value) != 0)
        return 1;
    return 0;
}

int main(void)
{
    struct ps_namespace *ns = ps_namespace_new();
    char line[64];
    int64_t value;

    if (ns == NULL) {
        perror("Namespace");
        return 1;
    }
    if (demo_run(setter, ns) != 0 || demo_run(reader, ns) != 0 ||
        ps_namespace_get_int(ns, "value", &value) != 0) {
        fprintf(stderr, "shared_namespace: a child failed\n");
        ps_namespace_free(ns);
        return 1;
    }
    snprintf(line, sizeof(line), "Namespace value: %" PRId64, value);
    demo_print(line);
    ps_namespace_free(ns);
    return 0;
}
