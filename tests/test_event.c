/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <string.h>

#include <criterion/criterion.h>

#include "core/event.h"
#include "core/event_story.h"

Test(event, every_type_has_a_unique_name)
{
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        const struct ps_event_type_info *info = ps_event_type_info(t);
        cr_assert_not_null(info, "type %u has no row", t);
        cr_assert_eq(ps_event_type_from_name(info->name), (int)t, "name %s", info->name);
    }
    cr_assert_null(ps_event_type_info(PS_EV__COUNT));
    cr_assert_str_eq(ps_event_type_name(9999), "unknown");
    cr_assert_eq(ps_event_type_from_name("no.such"), -1);
}

Test(event, slots_cover_text)
{
    cr_assert_eq(ps_event_slots(0), 1);
    cr_assert_eq(ps_event_slots(PS_EVENT_INLINE_TEXT), 1);
    cr_assert_eq(ps_event_slots(PS_EVENT_INLINE_TEXT + 1), 2);
    cr_assert_eq(ps_event_slots(PS_EVENT_INLINE_TEXT + PS_EVENT_CONT_TEXT), 2);
    cr_assert_eq(ps_event_slots(PS_EVENT_INLINE_TEXT + PS_EVENT_CONT_TEXT + 1), 3);
    cr_assert_eq(ps_event_slots(PS_EVENT_TEXT_MAX), PS_EVENT_MAX_SLOTS);
    cr_assert_eq(ps_event_slots(1u << 20), PS_EVENT_MAX_SLOTS);
}

/* The numbers of the rows of the one list, in list order. */
#define NUM_ROW(E, lower, num, ...) num,
static const unsigned row_numbers[] = {PS_EVENT_TYPES(NUM_ROW)};

Test(event, the_list_keeps_every_number_and_appends_in_order)
{
    size_t n = sizeof(row_numbers) / sizeof(row_numbers[0]);
    cr_assert_eq(n, PS_EV__COUNT - 1u, "one row per type, no gaps");
    for (size_t i = 0; i < n; i++) {
        cr_assert_eq(row_numbers[i], i + 1, "row %zu has number %u", i, row_numbers[i]);
    }
    /* Numbers are part of the recording format: a few that recordings hold. */
    cr_assert_eq(PS_EV_PROC_SPAWN, 1);
    cr_assert_eq(PS_EV_PIPE_SEND, 9);
    cr_assert_eq(PS_EV_QUEUE_GET, 15);
    cr_assert_eq(PS_EV_POOL_CRASH, 32);
    cr_assert_eq(PS_EV_MARK, 37);
    cr_assert_eq(PS_EV_RING_TORN, 39);
    cr_assert_eq(PS_EV_WAIT_BEGIN, 40);
}

/* True when s is a C identifier (keys double as emitter parameter names). */
static bool is_identifier(const char *s)
{
    if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))) {
        return false;
    }
    for (; *s; s++) {
        if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))) {
            return false;
        }
    }
    return true;
}

Test(event, every_type_has_area_sentence_and_unique_keys)
{
    for (unsigned t = 1; t < PS_EV__COUNT; t++) {
        const struct ps_event_type_info *info = ps_event_type_info(t);
        cr_assert_not_null(info);
        cr_assert_not_null(ps_event_area_name(info->area), "%s has an area", info->name);
        cr_assert_neq(info->area, PS_AREA_NONE, "%s", info->name);
        cr_assert_not_null(info->story, "%s has a sentence", info->name);
        cr_assert_gt(strlen(info->story), 5, "%s", info->name);
        const char *keys[] = {info->obj_key, info->peer_key, info->a_key, info->b_key,
                              info->text_key};
        for (int i = 0; i < 5; i++) {
            if (!keys[i]) {
                continue;
            }
            cr_assert(is_identifier(keys[i]), "%s: key %s", info->name, keys[i]);
            for (int j = i + 1; j < 5; j++) {
                cr_assert(!keys[j] || strcmp(keys[i], keys[j]) != 0, "%s: key %s twice",
                          info->name, keys[i]);
            }
            cr_assert_str_neq(keys[i], "len", "%s: len is the emitters' text length", info->name);
        }
    }
}

Test(event, every_sentence_renders_without_leftover_placeholders)
{
    char buf[512];
    for (unsigned t = 1; t < PS_EV__COUNT; t++) {
        for (int64_t v = 0; v < 2; v++) {
            struct ps_event ev = {.type = (uint16_t)t, .pid = 7, .peer = (int32_t)(8 * v),
                                  .obj = 1, .a = v + 1, .b = v, .text = v ? "x" : "",
                                  .text_len = (uint32_t)v};
            size_t n = ps_event_story(buf, sizeof buf, &ev, NULL);
            cr_assert_gt(n, 0);
            cr_assert_null(strchr(buf, '{'), "type %u: %s", t, buf);
            cr_assert_null(strchr(buf, '}'), "type %u: %s", t, buf);
        }
    }
    for (unsigned k = 1; k < PS_WAIT__COUNT; k++) {
        cr_assert_not_null(ps_wait_kind_name(k));
        ps_event_wait_text(buf, sizeof buf, k, 1, 5, 1000000000, "1 of 2 arrived", NULL);
        cr_assert_null(strchr(buf, '{'), "wait kind %u: %s", k, buf);
    }
    cr_assert_null(ps_wait_kind_name(PS_WAIT__COUNT));
}

/* A namer for the story tests: pid 1 MainProcess, 2 Process-2, others unknown. */
static const char *test_name(const void *ctx, int32_t pid)
{
    (void)ctx;
    return pid == 1 ? "MainProcess" : pid == 2 ? "Process-2" : NULL;
}

/* The sentence of one event, rendered with test_name. */
static const char *story(struct ps_event ev)
{
    static char buf[256];
    struct ps_event_namer namer = {test_name, NULL};
    if (ev.text && ev.text_len == 0) {
        ev.text_len = (uint32_t)strlen(ev.text);
    }
    ps_event_story(buf, sizeof buf, &ev, &namer);
    return buf;
}

Test(event, sentences_read_as_the_issue_wants)
{
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_PIPE_RECV, .pid = 2, .obj = 1, .a = 13,
                                             .b = 1, .text = "4"}),
                     "Process-2 received 4 from pipe 1 (13 B)");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_PROC_TERMINATE, .pid = 1, .peer = 2,
                                             .a = 15}),
                     "MainProcess terminated Process-2 with SIGTERM");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_PROC_JOIN, .pid = 1, .peer = 2,
                                             .a = -15}),
                     "MainProcess joined Process-2: killed by SIGTERM");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_PROC_JOIN, .pid = 1, .peer = 2,
                                             .b = 1}),
                     "MainProcess joined Process-2: timed out, still running");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_PROC_JOIN, .pid = 1, .peer = 9}),
                     "MainProcess joined pid 9: exit code 0");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_QUEUE_OPEN, .pid = 1, .obj = 3}),
                     "MainProcess created queue 3 (unbounded)");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_QUEUE_OPEN, .pid = 1, .obj = 3,
                                             .a = 4}),
                     "MainProcess created queue 3 (capacity 4)");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_LOCK_RELEASED, .pid = 2, .obj = 1,
                                             .a = 1500000}),
                     "Process-2 released lock 1 after holding it 1.5 ms");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_BARRIER_ARRIVE, .pid = 2, .obj = 1}),
                     "Process-2 arrived at barrier 1 (arrival 1)");
    cr_assert_str_eq(story((struct ps_event){.type = PS_EV_OUTPUT, .pid = 2, .a = 1,
                                             .text = "a\tb\n\x01"}),
                     "Process-2 printed: a\\tb\\n\\x01");
}

Test(event, wait_sentences_say_what_a_process_waits_for)
{
    struct ps_event_namer namer = {test_name, NULL};
    char buf[128];
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_RECV, 1, 0, 0, NULL, &namer);
    cr_assert_str_eq(buf, "recv on pipe 1");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_GET, 2, 0, 0, NULL, &namer);
    cr_assert_str_eq(buf, "get on queue 2 (empty)");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_PUT, 2, 0, 0, NULL, &namer);
    cr_assert_str_eq(buf, "put on queue 2 (full)");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_BARRIER, 1, 0, 1, "1 of 2 arrived", &namer);
    cr_assert_str_eq(buf, "barrier 1: 1 of 2 arrived");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_LOCK, 1, 2, 0, NULL, &namer);
    cr_assert_str_eq(buf, "lock 1 held by Process-2");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_LOCK, 1, 0, 0, NULL, &namer);
    cr_assert_str_eq(buf, "lock 1");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_JOIN, 0, 2, 0, NULL, &namer);
    cr_assert_str_eq(buf, "join Process-2");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_SLEEP, 0, 0, 1000000000, NULL, &namer);
    cr_assert_str_eq(buf, "sleep 1.0 s");
    ps_event_wait_text(buf, sizeof buf, PS_WAIT_GATE, 0, 0, 0, NULL, &namer);
    cr_assert_str_eq(buf, "at the step gate");
    struct ps_event ev = {.type = PS_EV_WAIT_BEGIN, .pid = 2, .obj = 1, .a = PS_WAIT_RECV};
    ps_event_story(buf, sizeof buf, &ev, &namer);
    cr_assert_str_eq(buf, "Process-2 waits: recv on pipe 1");
}

Test(event, the_renderer_never_overruns_and_keeps_what_it_does_not_know)
{
    struct ps_event ev = {.type = PS_EV_PIPE_SEND, .pid = 1, .obj = 1, .a = 3, .text = "abc",
                          .text_len = 3};
    char small[8];
    memset(small, 'Z', sizeof small);
    size_t n = ps_event_story(small, sizeof small, &ev, NULL);
    cr_assert_eq(n, 7);
    cr_assert_eq(small[7], '\0');
    cr_assert_str_eq(small, "pid 1 s");
    char buf[64];
    ps_event_story_render(buf, sizeof buf, "{nope} {a:weird} {a?x {b?y|z}|w} {unclosed", &ev,
                          NULL);
    cr_assert_str_eq(buf, "{nope} 3 x z {unclosed");
    cr_assert_eq(ps_event_story_render(buf, 0, "{a}", &ev, NULL), 0);
}
