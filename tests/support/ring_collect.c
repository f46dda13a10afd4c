/* SPDX-License-Identifier: MIT */
#include "ring_collect.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "core/env.h"
#include "probe/probe.h"

int ring_collect_event(void *ctx, const struct ps_event *ev)
{
    struct ring_collect *c = ctx;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        struct ps_event *grown = realloc(c->ev, cap * sizeof *grown);
        if (grown == NULL) {
            return -ENOMEM;
        }
        c->ev = grown;
        c->cap = cap;
    }
    char *text = malloc(ev->text_len + 1u);
    if (text == NULL) {
        return -ENOMEM;
    }
    memcpy(text, ev->text, ev->text_len);
    text[ev->text_len] = '\0';
    c->ev[c->n] = *ev;
    c->ev[c->n].text = text;
    c->n++;
    return 0;
}

size_t ring_collect_count(const struct ring_collect *c, unsigned type)
{
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        k += c->ev[i].type == type;
    }
    return k;
}

long ring_collect_find(const struct ring_collect *c, unsigned type, size_t from)
{
    for (size_t i = from; i < c->n; i++) {
        if (c->ev[i].type == type) {
            return (long)i;
        }
    }
    return -1;
}

void ring_collect_free(struct ring_collect *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free((void *)(uintptr_t)c->ev[i].text);
    }
    free(c->ev);
    memset(c, 0, sizeof *c);
}

void ring_collect_attach(struct ps_ring *ring)
{
    char fd[16];
    cr_assert_eq(ps_ring_create(ring, 1024), 0);
    snprintf(fd, sizeof fd, "%d", ps_ring_fd(ring));
    cr_assert_eq(setenv(PS_ENV_RING_FD, fd, 1), 0);
    cr_assert_eq(ps_probe_init(), 0);
}

void ring_die_after_reserve(struct ps_ring *ring, unsigned n)
{
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        uint64_t pos;
        if (ps_ring_reserve(ring, n, 0, &pos) == 0) {
            raise(SIGKILL);
        }
        _exit(1);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}
