/* SPDX-License-Identifier: MIT */
/* An open-addressing index from 64-bit keys to row numbers. */
#include "core/hashtab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

void ps_hashtab_init(struct ps_hashtab *h)
{
    memset(h, 0, sizeof(*h));
}

void ps_hashtab_free(struct ps_hashtab *h)
{
    free(h->slots);
    ps_hashtab_init(h);
}

/* The slot where `key` is or would go (the table has at least one empty slot). */
static size_t ps_hashtab_slot(const struct ps_hashtab_slot *slots, size_t nslots, uint64_t key)
{
    size_t mask = nslots - 1;
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15u) >> 32) & mask;
    while (slots[i].row1 != 0 && slots[i].key != key) {
        i = (i + 1) & mask;
    }
    return i;
}

int64_t ps_hashtab_find(const struct ps_hashtab *h, uint64_t key)
{
    if (h->nslots == 0) {
        return -1;
    }
    const struct ps_hashtab_slot *s = &h->slots[ps_hashtab_slot(h->slots, h->nslots, key)];
    return s->row1 ? (int64_t)s->row1 - 1 : -1;
}

/* Double the slots (64 to start) and put every key back; 0 or -ENOMEM. */
static int ps_hashtab_grow(struct ps_hashtab *h)
{
    size_t nslots = h->nslots ? h->nslots * 2 : 64;
    struct ps_hashtab_slot *slots = calloc(nslots, sizeof(*slots));
    if (!slots) {
        return -ENOMEM;
    }
    for (size_t i = 0; i < h->nslots; i++) {
        if (h->slots[i].row1 != 0) {
            slots[ps_hashtab_slot(slots, nslots, h->slots[i].key)] = h->slots[i];
        }
    }
    free(h->slots);
    h->slots = slots;
    h->nslots = nslots;
    return 0;
}

int ps_hashtab_put(struct ps_hashtab *h, uint64_t key, uint32_t row)
{
    if (2 * (h->n + 1) > h->nslots && ps_hashtab_grow(h) < 0) {
        return -ENOMEM;
    }
    h->slots[ps_hashtab_slot(h->slots, h->nslots, key)] =
        (struct ps_hashtab_slot){.key = key, .row1 = row + 1};
    h->n++;
    return 0;
}
