/* SPDX-License-Identifier: MIT */
/*
 * The little hash table, written once: an index from a 64-bit key to a row
 * number in the caller's own array (open addressing with linear probing,
 * never more than half full, grown by doubling). The caller owns its rows and
 * their order; the table only answers "which row has this key".
 *
 *   struct ps_hashtab idx;
 *   ps_hashtab_init(&idx);
 *   int64_t row = ps_hashtab_find(&idx, key);     // -1: not there
 *   if (row < 0 && ps_hashtab_put(&idx, key, n) == 0) { rows[n++] = … }
 *   ps_hashtab_free(&idx);
 *
 * Pure memory; one thread at a time.
 */
#ifndef PS_CORE_HASHTAB_H
#define PS_CORE_HASHTAB_H

#include <stddef.h>
#include <stdint.h>

struct ps_hashtab_slot {
    uint64_t key;
    uint32_t row1; /* row + 1; 0: empty */
};

struct ps_hashtab {
    struct ps_hashtab_slot *slots;
    size_t nslots; /* 0 or a power of two, at least twice n */
    size_t n;      /* keys stored */
};

/* An empty table (allocates nothing yet). */
void ps_hashtab_init(struct ps_hashtab *h);

/* Free the table; it is empty again afterwards. */
void ps_hashtab_free(struct ps_hashtab *h);

/* The row stored under `key`, or -1. */
int64_t ps_hashtab_find(const struct ps_hashtab *h, uint64_t key);

/* Store `row` under `key` (not stored yet); 0 or -ENOMEM (the table is unchanged). */
int ps_hashtab_put(struct ps_hashtab *h, uint64_t key, uint32_t row);

#endif /* PS_CORE_HASHTAB_H */
