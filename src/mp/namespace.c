/* SPDX-License-Identifier: MIT */
/*
 * The namespace is a flat table of PS_NAMESPACE_MAX_KEYS entries in shared
 * memory, searched linearly (it holds a handful of keys), guarded by one
 * process-shared robust mutex. An entry whose key is empty is free; keys are
 * never removed, so the used entries are always the first `count`.
 */
#include "mp/namespace.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mp/sync_internal.h"
#include "probe/probe.h"

struct ps_ns_entry {
    char key[PS_NAMESPACE_KEY_MAX + 1];
    struct ps_ns_value value;
};

struct ps_namespace {
    pthread_mutex_t mutex;
    uint32_t obj;
    uint32_t count;
    struct ps_ns_entry entries[PS_NAMESPACE_MAX_KEYS];
};

/* Room for "key=" plus a value's repr. */
#define PS_NS_EVENT_TEXT (PS_NAMESPACE_KEY_MAX + 2 + 2 * PS_NAMESPACE_STR_MAX + 8)

struct ps_namespace *ps_namespace_new(void)
{
    struct ps_namespace *ns = ps_sync_shared_alloc(sizeof(*ns));
    int rc;

    if (ns == NULL)
        return NULL;
    rc = ps_sync_mutex_init(&ns->mutex);
    if (rc != 0) {
        ps_sync_shared_free(ns, sizeof(*ns));
        errno = -rc;
        return NULL;
    }
    ns->obj = ps_probe_new_object_id();
    return ns;
}

void ps_namespace_free(struct ps_namespace *ns)
{
    if (ns != NULL)
        ps_sync_shared_free(ns, sizeof(*ns));
}

/* Python's repr of a float: the shortest of %.15g/%.16g/%.17g that reads back, with ".0". */
static int ps_namespace_float_repr(double f, char *buf, size_t size)
{
    char tmp[40];
    int n = 0;

    if (isnan(f))
        return snprintf(buf, size, "nan");
    if (isinf(f))
        return snprintf(buf, size, f < 0 ? "-inf" : "inf");
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(tmp, sizeof(tmp), "%.*g", prec, f);
        if (strtod(tmp, NULL) == f)
            break;
    }
    if (strpbrk(tmp, ".eni") == NULL && (size_t)n + 2 < sizeof(tmp))
        strcat(tmp, ".0");
    return snprintf(buf, size, "%s", tmp);
}

/*
 * Python's repr of a string: single quotes, or double quotes when it holds a
 * single quote and no double one; backslash escapes for the quote, backslash
 * and control characters.
 */
static int ps_namespace_str_repr(const char *s, char *buf, size_t size)
{
    char tmp[4 * PS_NAMESPACE_STR_MAX + 3];
    char quote = strchr(s, '\'') != NULL && strchr(s, '"') == NULL ? '"' : '\'';
    size_t n = 0;

    tmp[n++] = quote;
    for (const char *p = s; *p != '\0' && n + 5 < sizeof(tmp); p++) {
        unsigned char c = (unsigned char)*p;

        if (c == (unsigned char)quote || c == '\\') {
            tmp[n++] = '\\';
            tmp[n++] = (char)c;
        } else if (c == '\n' || c == '\t' || c == '\r') {
            tmp[n++] = '\\';
            tmp[n++] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
        } else if (c < 0x20 || c == 0x7f) {
            n += (size_t)snprintf(tmp + n, sizeof(tmp) - n, "\\x%02x", c);
        } else {
            tmp[n++] = (char)c;
        }
    }
    tmp[n++] = quote;
    tmp[n] = '\0';
    return snprintf(buf, size, "%s", tmp);
}

int ps_ns_value_repr(const struct ps_ns_value *value, char *buf, size_t size)
{
    switch (value->type) {
    case PS_NS_INT:
        return snprintf(buf, size, "%lld", (long long)value->i);
    case PS_NS_FLOAT:
        return ps_namespace_float_repr(value->f, buf, size);
    case PS_NS_STR:
        return ps_namespace_str_repr(value->s, buf, size);
    default:
        return snprintf(buf, size, "None");
    }
}

/* Emit ns.set/ns.get with "key=repr". */
static void ps_namespace_emit(const struct ps_namespace *ns, enum ps_event_type type,
                              const char *key, const struct ps_ns_value *value)
{
    char text[PS_NS_EVENT_TEXT];
    int n;

    if (!ps_probe_active())
        return;
    n = snprintf(text, sizeof(text), "%s=", key);
    ps_ns_value_repr(value, text + n, sizeof(text) - (size_t)n);
    if (type == PS_EV_NS_SET)
        ps_emit_ns_set(ns->obj, text, PS_EMIT_STR);
    else
        ps_emit_ns_get(ns->obj, text, PS_EMIT_STR);
}

/* The entry of `key`, or NULL. Called with the mutex held. */
static struct ps_ns_entry *ps_namespace_find(struct ps_namespace *ns, const char *key)
{
    uint32_t count = ns->count < PS_NAMESPACE_MAX_KEYS ? ns->count : PS_NAMESPACE_MAX_KEYS;

    for (uint32_t i = 0; i < count; i++) {
        if (strncmp(ns->entries[i].key, key, sizeof(ns->entries[i].key)) == 0)
            return &ns->entries[i];
    }
    return NULL;
}

/* Store a checked value under `key`, adding the key if new. */
static int ps_namespace_store(struct ps_namespace *ns, const char *key,
                              const struct ps_ns_value *value)
{
    struct ps_ns_entry *entry;
    size_t key_len = strlen(key);
    int rc;

    if (key_len == 0)
        return -EINVAL;
    if (key_len > PS_NAMESPACE_KEY_MAX)
        return -ENAMETOOLONG;
    rc = ps_sync_mutex_lock(&ns->mutex);
    if (rc != 0 && rc != -EOWNERDEAD)
        return rc;
    entry = ps_namespace_find(ns, key);
    if (entry == NULL && ns->count < PS_NAMESPACE_MAX_KEYS) {
        entry = &ns->entries[ns->count++];
        memcpy(entry->key, key, key_len + 1);
    }
    if (entry != NULL)
        entry->value = *value;
    pthread_mutex_unlock(&ns->mutex);
    if (entry == NULL)
        return -ENOSPC;
    ps_namespace_emit(ns, PS_EV_NS_SET, key, value);
    return 0;
}

int ps_namespace_set_int(struct ps_namespace *ns, const char *key, int64_t value)
{
    struct ps_ns_value v = {.type = PS_NS_INT, .i = value};

    return ps_namespace_store(ns, key, &v);
}

int ps_namespace_set_float(struct ps_namespace *ns, const char *key, double value)
{
    struct ps_ns_value v = {.type = PS_NS_FLOAT, .f = value};

    return ps_namespace_store(ns, key, &v);
}

int ps_namespace_set_str(struct ps_namespace *ns, const char *key, const char *value)
{
    struct ps_ns_value v = {.type = PS_NS_STR};
    size_t len;

    if (value == NULL)
        return -EINVAL;
    len = strlen(value);
    if (len > PS_NAMESPACE_STR_MAX)
        return -E2BIG;
    memcpy(v.s, value, len + 1);
    return ps_namespace_store(ns, key, &v);
}

int ps_namespace_get(struct ps_namespace *ns, const char *key, struct ps_ns_value *out)
{
    const struct ps_ns_entry *entry;
    int rc = ps_sync_mutex_lock(&ns->mutex);

    if (rc != 0 && rc != -EOWNERDEAD)
        return rc;
    entry = ps_namespace_find(ns, key);
    if (entry != NULL) {
        *out = entry->value;
        out->s[PS_NAMESPACE_STR_MAX] = '\0';
    }
    pthread_mutex_unlock(&ns->mutex);
    if (entry == NULL)
        return -ENOENT;
    ps_namespace_emit(ns, PS_EV_NS_GET, key, out);
    return 0;
}

int ps_namespace_get_int(struct ps_namespace *ns, const char *key, int64_t *out)
{
    struct ps_ns_value v;
    int rc = ps_namespace_get(ns, key, &v);

    if (rc != 0)
        return rc;
    if (v.type != PS_NS_INT)
        return -EINVAL;
    *out = v.i;
    return 0;
}

int ps_namespace_get_float(struct ps_namespace *ns, const char *key, double *out)
{
    struct ps_ns_value v;
    int rc = ps_namespace_get(ns, key, &v);

    if (rc != 0)
        return rc;
    if (v.type == PS_NS_INT)
        *out = (double)v.i;
    else if (v.type == PS_NS_FLOAT)
        *out = v.f;
    else
        return -EINVAL;
    return 0;
}

int ps_namespace_get_str(struct ps_namespace *ns, const char *key, char *buf, size_t size)
{
    struct ps_ns_value v;
    int rc = ps_namespace_get(ns, key, &v);

    if (rc != 0)
        return rc;
    if (v.type != PS_NS_STR)
        return -EINVAL;
    if (size > 0)
        strlcpy(buf, v.s, size);
    return 0;
}

unsigned ps_namespace_count(struct ps_namespace *ns)
{
    unsigned n = 0;
    int rc = ps_sync_mutex_lock(&ns->mutex);

    if (rc == 0 || rc == -EOWNERDEAD) {
        n = ns->count;
        pthread_mutex_unlock(&ns->mutex);
    }
    return n;
}
