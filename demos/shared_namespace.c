/* SPDX-License-Identifier: MIT */
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
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "mp/mp.h"

/* Process(target=target, args=(ns,)): start it and join it; returns its exit code. */
static int run_process(ps_process_target_fn target, struct ps_namespace *ns)
{
    struct ps_process *p = ps_process_new(NULL, target, ns, NULL, false);

    if (p == NULL || ps_process_start(p) < 0)
        return -1;
    ps_process_join(p, -1);
    return ps_process_exitcode(p);
}

/* ns.value = 42; ns.name = 'answer'; ns.ratio = 0.5 */
static int setter(void *arg)
{
    struct ps_namespace *ns = arg;

    if (ps_namespace_set_int(ns, "value", 42) != 0 ||
        ps_namespace_set_str(ns, "name", "answer") != 0 ||
        ps_namespace_set_float(ns, "ratio", 0.5) != 0)
        return 1;
    return 0;
}

/* ns.value, ns.name, ns.ratio */
static int reader(void *arg)
{
    struct ps_namespace *ns = arg;
    struct ps_ns_value value;

    if (ps_namespace_get(ns, "value", &value) != 0 || ps_namespace_get(ns, "name", &value) != 0 ||
        ps_namespace_get(ns, "ratio", &value) != 0)
        return 1;
    return 0;
}

int main(int argc, char *argv[])
{
    struct ps_namespace *ns = ps_namespace_new();
    int64_t value;

    ps_mp_init(argc, argv);
    if (ns == NULL) {
        perror("Namespace");
        return 1;
    }
    if (run_process(setter, ns) != 0 || run_process(reader, ns) != 0 ||
        ps_namespace_get_int(ns, "value", &value) != 0) {
        fprintf(stderr, "shared_namespace: a child failed\n");
        ps_namespace_free(ns);
        return 1;
    }
    ps_print("Namespace value: %" PRId64, value);
    ps_mp_main_end();
    ps_namespace_free(ns);
    return 0;
}
