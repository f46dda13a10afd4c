/* SPDX-License-Identifier: MIT */
#include "trace_collect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ps_collect_begin(void *ctx, const struct ps_session_info *info)
{
    struct ps_collect *c = ctx;
    c->began = true;
    c->info = *info;
    return 0;
}

static int ps_collect_event(void *ctx, const struct ps_event *ev)
{
    struct ps_collect *c = ctx;
    if (c->fail_after && c->n >= c->fail_after) {
        return -ECANCELED;
    }
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->evs = realloc(c->evs, c->cap * sizeof *c->evs);
        if (!c->evs) {
            abort();
        }
    }
    char *text = malloc(ev->text_len + 1u);
    if (!text) {
        abort();
    }
    memcpy(text, ev->text, ev->text_len);
    text[ev->text_len] = '\0';
    c->evs[c->n] = *ev;
    c->evs[c->n].text = text;
    c->n++;
    return 0;
}

static int ps_collect_end(void *ctx, const struct ps_session_end *end)
{
    struct ps_collect *c = ctx;
    c->ended = true;
    c->end = *end;
    return 0;
}

struct ps_sink ps_collect_sink(struct ps_collect *c)
{
    return (struct ps_sink){ps_collect_begin, ps_collect_event, ps_collect_end, c};
}

void ps_collect_free(struct ps_collect *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free((char *)(uintptr_t)c->evs[i].text);
    }
    free(c->evs);
    c->evs = NULL;
    c->n = c->cap = 0;
}

bool ps_collect_event_eq(const struct ps_event *x, const struct ps_event *y)
{
    return x->seq == y->seq && x->t_ns == y->t_ns && x->pid == y->pid && x->type == y->type &&
           x->flags == y->flags && x->obj == y->obj && x->peer == y->peer && x->a == y->a &&
           x->b == y->b && x->text_len == y->text_len &&
           memcmp(x->text ? x->text : "", y->text ? y->text : "", x->text_len) == 0;
}

unsigned char *ps_collect_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    *len = 0;
    for (;;) {
        if (*len == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            if (!buf) {
                abort();
            }
        }
        size_t n = fread(buf + *len, 1, cap - *len, f);
        *len += n;
        if (n == 0) {
            break;
        }
    }
    fclose(f);
    return buf;
}

int ps_collect_spit(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return -errno;
    }
    size_t n = fwrite(data, 1, len, f);
    int rc = (n == len && fclose(f) == 0) ? 0 : -EIO;
    if (n != len) {
        fclose(f);
    }
    return rc;
}
