/* SPDX-License-Identifier: MIT */
/* Event log: append/get round trip, growth past many chunks. */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "session/evlog.h"

Test(evlog, round_trip_and_growth)
{
    struct ps_evlog *log = ps_evlog_new();
    cr_assert_not_null(log);
    const uint64_t n = 300000; /* several record chunks, several arena chunks */
    char text[64];
    for (uint64_t i = 0; i < n; i++) {
        int len = snprintf(text, sizeof(text), "value-%llu-xxxxxxxx", (unsigned long long)i);
        struct ps_event ev = {.seq = 999, .t_ns = i * 3, .pid = (int32_t)i, .type = PS_EV_OUTPUT,
                              .obj = (uint32_t)(i * 7), .peer = -1, .a = (int64_t)i, .b = -2,
                              .text = (i % 4 == 0) ? NULL : text,
                              .text_len = (uint32_t)len};
        cr_assert_eq(ps_evlog_append(log, &ev), 0);
    }
    cr_assert_eq(ps_evlog_count(log), n);
    struct ps_event out;
    for (uint64_t i = 0; i < n; i += 997) {
        cr_assert_eq(ps_evlog_get(log, i, &out), 0);
        cr_assert_eq(out.seq, i);
        cr_assert_eq(out.t_ns, i * 3);
        cr_assert_eq(out.pid, (int32_t)i);
        cr_assert_eq(out.obj, (uint32_t)(i * 7));
        cr_assert_eq(out.a, (int64_t)i);
        cr_assert_eq(out.b, -2);
        if (i % 4 == 0) {
            cr_assert_str_eq(out.text, "");
        } else {
            snprintf(text, sizeof(text), "value-%llu-xxxxxxxx", (unsigned long long)i);
            cr_assert_str_eq(out.text, text);
            cr_assert_eq(out.text_len, strlen(text));
        }
    }
    cr_assert_eq(ps_evlog_get(log, n, &out), -ERANGE);
    cr_assert_gt(ps_evlog_bytes(log), n * 48);
    ps_evlog_clear(log);
    cr_assert_eq(ps_evlog_count(log), 0);
    struct ps_event ev = {.type = PS_EV_MARK, .text = "again", .text_len = 5};
    cr_assert_eq(ps_evlog_append(log, &ev), 0);
    cr_assert_eq(ps_evlog_get(log, 0, &out), 0);
    cr_assert_str_eq(out.text, "again");
    ps_evlog_free(log);
}

/* The text event i carries in the window tests (long enough to fill many text chunks). */
static size_t window_text(uint64_t i, char *buf, size_t n)
{
    int len = snprintf(buf, n, "line %llu %.*s", (unsigned long long)i, (int)(i % 200),
                       "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                       "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
                       "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz");
    return (size_t)len;
}

Test(evlog, a_window_bounds_memory_and_keeps_every_event_readable, .timeout = 120)
{
    struct ps_evlog *log = ps_evlog_new();
    cr_assert_not_null(log);
    cr_assert_eq(ps_evlog_set_window(log, 100000), 0); /* two chunks of 65536 */
    cr_assert_eq(ps_evlog_window(log), 131072);
    const uint64_t n = 2000000; /* ~15 chunks, ~200 MB of text without the window */
    char text[300];
    uint64_t most = 0;
    for (uint64_t i = 0; i < n; i++) {
        size_t len = window_text(i, text, sizeof text);
        struct ps_event ev = {.t_ns = i, .pid = (int32_t)(i % 1000), .type = PS_EV_OUTPUT,
                              .a = (int64_t)i, .text = i % 5 == 0 ? NULL : text,
                              .text_len = (uint32_t)len};
        cr_assert_eq(ps_evlog_append(log, &ev), 0, "append %llu", (unsigned long long)i);
        if (ps_evlog_bytes(log) > most) {
            most = ps_evlog_bytes(log);
        }
    }
    cr_assert_eq(ps_evlog_count(log), n);
    cr_assert_geq(ps_evlog_spilled(log), n - 3 * 65536, "spilled %llu",
                  (unsigned long long)ps_evlog_spilled(log));
    cr_assert_lt(most, 64u << 20, "the log held %llu bytes at most", (unsigned long long)most);
    struct ps_event out;
    for (uint64_t step = 0; step < 2; step++) { /* forwards, then jumping back and forth */
        for (uint64_t k = 0; k < n; k += 9973) {
            uint64_t i = step ? (k * 7919) % n : k;
            cr_assert_eq(ps_evlog_get(log, i, &out), 0);
            cr_assert_eq(out.seq, i);
            cr_assert_eq(out.a, (int64_t)i);
            size_t len = window_text(i, text, sizeof text);
            if (i % 5 == 0) {
                cr_assert_str_eq(out.text, "");
            } else {
                cr_assert_eq(out.text_len, len);
                cr_assert_str_eq(out.text, text, "event %llu", (unsigned long long)i);
            }
        }
    }
    ps_evlog_clear(log);
    cr_assert_eq(ps_evlog_count(log), 0);
    cr_assert_eq(ps_evlog_spilled(log), 0);
    struct ps_event again = {.type = PS_EV_OUTPUT, .text = "again", .text_len = 5};
    cr_assert_eq(ps_evlog_append(log, &again), 0);
    cr_assert_eq(ps_evlog_get(log, 0, &out), 0);
    cr_assert_str_eq(out.text, "again");
    ps_evlog_free(log);
}

Test(evlog, a_window_is_set_on_a_new_log_only)
{
    struct ps_evlog *log = ps_evlog_new();
    struct ps_event ev = {.type = PS_EV_MARK};
    cr_assert_eq(ps_evlog_append(log, &ev), 0);
    cr_assert_eq(ps_evlog_set_window(log, 1000), -EBUSY);
    cr_assert_eq(ps_evlog_window(log), 0);
    ps_evlog_free(log);
}
