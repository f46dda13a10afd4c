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
