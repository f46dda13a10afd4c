/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <string.h>

#include <criterion/criterion.h>

#include "session/sink_tee.h"

struct ps_tee_probe {
    int begins, events, ends;
    uint64_t last_seq;
    int fail_with; /* returned from on_event when non-zero */
};

static int ps_tee_probe_begin(void *ctx, const struct ps_session_info *info)
{
    (void)info;
    ((struct ps_tee_probe *)ctx)->begins++;
    return 0;
}

static int ps_tee_probe_event(void *ctx, const struct ps_event *ev)
{
    struct ps_tee_probe *p = ctx;
    p->events++;
    p->last_seq = ev->seq;
    return p->fail_with;
}

static int ps_tee_probe_end(void *ctx, const struct ps_session_end *end)
{
    (void)end;
    ((struct ps_tee_probe *)ctx)->ends++;
    return 0;
}

static struct ps_sink ps_tee_probe_sink(struct ps_tee_probe *p)
{
    return (struct ps_sink){ps_tee_probe_begin, ps_tee_probe_event, ps_tee_probe_end, p};
}

Test(sink_tee, forwards_every_call_to_every_sink)
{
    struct ps_tee_probe a = {0}, b = {0};
    struct ps_sink_tee tee;
    ps_sink_tee_init(&tee);
    cr_assert_eq(ps_sink_tee_add(&tee, ps_tee_probe_sink(&a)), 0);
    cr_assert_eq(ps_sink_tee_add(&tee, ps_tee_probe_sink(&b)), 0);
    struct ps_sink sink = ps_sink_tee_sink(&tee);
    struct ps_session_info info = {0};
    struct ps_session_end end = {0};
    cr_assert_eq(ps_sink_begin(&sink, &info), 0);
    for (uint64_t i = 0; i < 5; i++) {
        struct ps_event ev = {.seq = i, .type = PS_EV_MARK, .text = ""};
        cr_assert_eq(ps_sink_event(&sink, &ev), 0);
    }
    cr_assert_eq(ps_sink_end(&sink, &end), 0);
    cr_assert_eq(a.begins + a.ends, 2);
    cr_assert_eq(b.begins + b.ends, 2);
    cr_assert_eq(a.events, 5);
    cr_assert_eq(b.events, 5);
    cr_assert_eq(b.last_seq, 4);
}

Test(sink_tee, first_error_stops_forwarding)
{
    struct ps_tee_probe a = {.fail_with = -EIO}, b = {0};
    struct ps_sink_tee tee;
    ps_sink_tee_init(&tee);
    ps_sink_tee_add(&tee, ps_tee_probe_sink(&a));
    ps_sink_tee_add(&tee, ps_tee_probe_sink(&b));
    struct ps_sink sink = ps_sink_tee_sink(&tee);
    struct ps_event ev = {.type = PS_EV_MARK, .text = ""};
    cr_assert_eq(ps_sink_event(&sink, &ev), -EIO);
    cr_assert_eq(a.events, 1);
    cr_assert_eq(b.events, 0);
}

Test(sink_tee, refuses_more_than_its_capacity_and_allows_null_callbacks)
{
    struct ps_sink_tee tee;
    ps_sink_tee_init(&tee);
    for (int i = 0; i < PS_SINK_TEE_MAX; i++) {
        cr_assert_eq(ps_sink_tee_add(&tee, (struct ps_sink){0}), 0);
    }
    cr_assert_eq(ps_sink_tee_add(&tee, (struct ps_sink){0}), -ENOSPC);
    struct ps_sink sink = ps_sink_tee_sink(&tee);
    struct ps_event ev = {.type = PS_EV_MARK, .text = ""};
    cr_assert_eq(ps_sink_event(&sink, &ev), 0);
}
