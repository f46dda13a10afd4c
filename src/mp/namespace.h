/* SPDX-License-Identifier: MIT */
/*
 * Namespace: named shared values, like the Namespace of Python's
 * multiprocessing Manager (`ns.value = 42` in one process, `ns.value` in
 * another).
 *
 * The namespace is a fixed table in shared memory (create it before starting
 * the processes that use it): up to PS_NAMESPACE_MAX_KEYS keys of at most
 * PS_NAMESPACE_KEY_MAX bytes, each holding an integer, a float or a string of
 * at most PS_NAMESPACE_STR_MAX bytes. Setting a key that exists replaces its
 * value and type, as attribute assignment does in Python. Every access takes
 * a process-shared robust mutex, so a reader never sees a half-written value
 * and a process killed inside a call does not block the others.
 *
 * Events: ns.set and ns.get with text "key=value", the value in Python's repr
 * form (42, 3.5, 'text'); obj is the namespace's id.
 */
#ifndef PS_MP_NAMESPACE_H
#define PS_MP_NAMESPACE_H

#include <stddef.h>
#include <stdint.h>

#define PS_NAMESPACE_MAX_KEYS 32
#define PS_NAMESPACE_KEY_MAX 31  /* bytes of a key, without the NUL */
#define PS_NAMESPACE_STR_MAX 127 /* bytes of a string value, without the NUL */

enum ps_ns_type {
    PS_NS_NONE = 0,
    PS_NS_INT = 1,
    PS_NS_FLOAT = 2,
    PS_NS_STR = 3,
};

/* A value as copied out of the namespace. */
struct ps_ns_value {
    enum ps_ns_type type;
    int64_t i;
    double f;
    char s[PS_NAMESPACE_STR_MAX + 1];
};

struct ps_namespace;

/*
 * Create an empty namespace in a new shared mapping. Returns it, or NULL with
 * errno ENOMEM (or the mutex's error). Any process; the processes it forks
 * afterwards share it.
 */
struct ps_namespace *ps_namespace_new(void);

/* Unmap the namespace in the calling process; NULL is ignored. */
void ps_namespace_free(struct ps_namespace *ns);

/*
 * Set `key` to an integer, a float or a copy of string `value`. Returns 0,
 * -EINVAL for an empty key or a NULL string, -ENAMETOOLONG for a key longer
 * than PS_NAMESPACE_KEY_MAX, -E2BIG for a string longer than
 * PS_NAMESPACE_STR_MAX, -ENOSPC when the table is full. Any sharing process.
 */
int ps_namespace_set_int(struct ps_namespace *ns, const char *key, int64_t value);
int ps_namespace_set_float(struct ps_namespace *ns, const char *key, double value);
int ps_namespace_set_str(struct ps_namespace *ns, const char *key, const char *value);

/*
 * Copy the value of `key` into *out. Returns 0, or -ENOENT when the key was
 * never set (Python's AttributeError). Any sharing process.
 */
int ps_namespace_get(struct ps_namespace *ns, const char *key, struct ps_ns_value *out);

/*
 * Typed reads: get_int accepts an integer; get_float an integer or a float;
 * get_str copies the string into buf (cut to size-1 bytes, NUL-terminated).
 * Return 0, -ENOENT when the key is missing, -EINVAL when its type differs.
 */
int ps_namespace_get_int(struct ps_namespace *ns, const char *key, int64_t *out);
int ps_namespace_get_float(struct ps_namespace *ns, const char *key, double *out);
int ps_namespace_get_str(struct ps_namespace *ns, const char *key, char *buf, size_t size);

/*
 * Write the value's Python repr (42, 3.5, 'text') into buf, NUL-terminated and
 * cut to fit. Returns the length it wanted, as snprintf. Any process.
 */
int ps_ns_value_repr(const struct ps_ns_value *value, char *buf, size_t size);

/* Number of keys set. */
unsigned ps_namespace_count(struct ps_namespace *ns);

#endif /* PS_MP_NAMESPACE_H */
