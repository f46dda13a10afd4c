/* SPDX-License-Identifier: MIT */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mp/namespace.h"

static int run_child(int (*fn)(struct ps_namespace *), struct ps_namespace *ns)
{
    pid_t pid = fork();
    int status;

    cr_assert_geq(pid, 0);
    if (pid == 0)
        _exit(fn(ns));
    cr_assert_eq(waitpid(pid, &status, 0), pid);
    cr_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static int writer(struct ps_namespace *ns)
{
    if (ps_namespace_set_int(ns, "value", 42) != 0)
        return 1;
    if (ps_namespace_set_str(ns, "name", "writer") != 0)
        return 2;
    if (ps_namespace_set_float(ns, "ratio", 0.5) != 0)
        return 3;
    return 0;
}

/* Exit 0 when the child sees what the writer set. */
static int reader(struct ps_namespace *ns)
{
    int64_t v = 0;
    char name[32];
    double ratio = 0;

    if (ps_namespace_get_int(ns, "value", &v) != 0 || v != 42)
        return 1;
    if (ps_namespace_get_str(ns, "name", name, sizeof(name)) != 0 || strcmp(name, "writer") != 0)
        return 2;
    if (ps_namespace_get_float(ns, "ratio", &ratio) != 0 || ratio != 0.5)
        return 3;
    return 0;
}

Test(namespace, values_set_in_a_child_are_seen_by_parent_and_sibling, .timeout = 20)
{
    struct ps_namespace *ns = ps_namespace_new();
    int64_t v = 0;

    cr_assert_not_null(ns);
    cr_assert_eq(ps_namespace_get_int(ns, "value", &v), -ENOENT);
    cr_assert_eq(run_child(writer, ns), 0);
    cr_assert_eq(ps_namespace_get_int(ns, "value", &v), 0);
    cr_assert_eq(v, 42);
    cr_assert_eq(run_child(reader, ns), 0);
    cr_assert_eq(ps_namespace_count(ns), 3);
    ps_namespace_free(ns);
}

Test(namespace, set_replaces_value_and_type)
{
    struct ps_namespace *ns = ps_namespace_new();
    struct ps_ns_value v;
    int64_t i;

    cr_assert_not_null(ns);
    cr_assert_eq(ps_namespace_set_int(ns, "x", 1), 0);
    cr_assert_eq(ps_namespace_set_str(ns, "x", "one"), 0);
    cr_assert_eq(ps_namespace_count(ns), 1);
    cr_assert_eq(ps_namespace_get_int(ns, "x", &i), -EINVAL);
    cr_assert_eq(ps_namespace_get(ns, "x", &v), 0);
    cr_assert_eq(v.type, PS_NS_STR);
    cr_assert_str_eq(v.s, "one");
    ps_namespace_free(ns);
}

Test(namespace, rejects_bad_keys_and_values)
{
    struct ps_namespace *ns = ps_namespace_new();
    char long_key[PS_NAMESPACE_KEY_MAX + 2];
    char long_str[PS_NAMESPACE_STR_MAX + 2];

    cr_assert_not_null(ns);
    memset(long_key, 'k', sizeof(long_key) - 1);
    long_key[sizeof(long_key) - 1] = '\0';
    memset(long_str, 's', sizeof(long_str) - 1);
    long_str[sizeof(long_str) - 1] = '\0';
    cr_assert_eq(ps_namespace_set_int(ns, "", 1), -EINVAL);
    cr_assert_eq(ps_namespace_set_int(ns, long_key, 1), -ENAMETOOLONG);
    cr_assert_eq(ps_namespace_set_str(ns, "s", NULL), -EINVAL);
    cr_assert_eq(ps_namespace_set_str(ns, "s", long_str), -E2BIG);
    long_key[PS_NAMESPACE_KEY_MAX] = '\0';
    cr_assert_eq(ps_namespace_set_int(ns, long_key, 7), 0, "a key of the maximum length fits");
    cr_assert_eq(ps_namespace_count(ns), 1);
    ps_namespace_free(ns);
}

Test(namespace, table_full_gives_enospc)
{
    struct ps_namespace *ns = ps_namespace_new();
    char key[16];

    cr_assert_not_null(ns);
    for (int i = 0; i < PS_NAMESPACE_MAX_KEYS; i++) {
        snprintf(key, sizeof(key), "k%d", i);
        cr_assert_eq(ps_namespace_set_int(ns, key, i), 0);
    }
    cr_assert_eq(ps_namespace_set_int(ns, "one_more", 1), -ENOSPC);
    cr_assert_eq(ps_namespace_set_int(ns, "k3", 33), 0, "existing keys can still change");
    ps_namespace_free(ns);
}

Test(namespace, repr_follows_python)
{
    struct ps_ns_value v = {.type = PS_NS_INT, .i = -42};
    char buf[64];

    ps_ns_value_repr(&v, buf, sizeof(buf));
    cr_assert_str_eq(buf, "-42");
    v = (struct ps_ns_value){.type = PS_NS_FLOAT, .f = 3.0};
    ps_ns_value_repr(&v, buf, sizeof(buf));
    cr_assert_str_eq(buf, "3.0");
    v.f = 0.1;
    ps_ns_value_repr(&v, buf, sizeof(buf));
    cr_assert_str_eq(buf, "0.1");
    v = (struct ps_ns_value){.type = PS_NS_STR};
    strcpy(v.s, "it's");
    ps_ns_value_repr(&v, buf, sizeof(buf));
    cr_assert_str_eq(buf, "\"it's\"");
    strcpy(v.s, "a'\"b\n");
    ps_ns_value_repr(&v, buf, sizeof(buf));
    cr_assert_str_eq(buf, "'a\\'\"b\\n'");
    cr_assert_eq(ps_ns_value_repr(&v, buf, 4), 9, "returns the length it wanted");
    cr_assert_str_eq(buf, "'a\\");
}
