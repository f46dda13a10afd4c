/* SPDX-License-Identifier: MIT */
/*
 * The one process fold (session/procs.c): its rules, and that the printer
 * (`--events=text`) and the Events pane print the same line for every event
 * of a mixed session, names of long and supervisor processes included.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "export/printer.h"
#include "session/model.h"
#include "session/procs.h"
#include "support/ui_feed.h"
#include "ui/panes.h"
#include "ui/rows.h"

Test(procs, naming_rule)
{
    int32_t pid = 0;
    struct ps_event spawn = {.type = PS_EV_PROC_SPAWN, .pid = 1, .peer = 7, .text = "P",
                             .text_len = 1};
    cr_assert_eq(ps_procs_name_rule(&spawn, &pid), PS_PROCS_NAME_ALWAYS);
    cr_assert_eq(pid, 7);
    struct ps_event start = {.type = PS_EV_PROC_START, .pid = 7, .text = "f", .text_len = 1};
    cr_assert_eq(ps_procs_name_rule(&start, &pid), PS_PROCS_NAME_IF_UNNAMED);
    struct ps_event name = {.type = PS_EV_PROC_NAME, .pid = 7, .text = "Q", .text_len = 1};
    cr_assert_eq(ps_procs_name_rule(&name, &pid), PS_PROCS_NAME_ALWAYS);
    struct ps_event empty = {.type = PS_EV_PROC_NAME, .pid = 7, .text = "", .text_len = 0};
    cr_assert_eq(ps_procs_name_rule(&empty, &pid), PS_PROCS_NAME_NONE);
    struct ps_event send = {.type = PS_EV_PIPE_SEND, .pid = 7, .text = "x", .text_len = 1};
    cr_assert_eq(ps_procs_name_rule(&send, &pid), PS_PROCS_NAME_NONE);
    char buf[PS_PROCS_NAME_MAX];
    const char *long_name = "Ünïcødé-process-with-a-very-long-name";
    size_t n = ps_procs_name_copy(buf, long_name, strlen(long_name));
    cr_assert_leq(n, PS_PROCS_NAME_MAX - 1);
    cr_assert_eq(strncmp(buf, long_name, n), 0);
    cr_assert_neq((unsigned char)buf[n - 1] & 0xc0, 0xc0, "never cut inside a character");
}

Test(procs, end_rule)
{
    struct ps_procs_end end;
    struct ps_event exit_self = {.type = PS_EV_PROC_EXIT, .pid = 7, .peer = 7, .a = 3};
    cr_assert(ps_procs_end_rule(&exit_self, &end));
    cr_assert_eq(end.pid, 7);
    cr_assert_eq(end.code, 3);
    cr_assert_not(end.collected, "told by itself: a zombie until joined");
    struct ps_event exit_reaper = {.type = PS_EV_PROC_EXIT, .pid = 1, .peer = 7, .a = 0};
    cr_assert(ps_procs_end_rule(&exit_reaper, &end) && end.collected);
    struct ps_event sig = {.type = PS_EV_PROC_SIGNALLED, .pid = 1, .peer = 7, .a = 15};
    cr_assert(ps_procs_end_rule(&sig, &end) && end.code == -15 && end.collected);
    struct ps_event join = {.type = PS_EV_PROC_JOIN, .pid = 1, .peer = 7, .a = -9};
    cr_assert(ps_procs_end_rule(&join, &end) && end.joined && end.code == -9);
    struct ps_event timed_out = {.type = PS_EV_PROC_JOIN, .pid = 1, .peer = 7, .b = 1};
    cr_assert_not(ps_procs_end_rule(&timed_out, &end), "a timed-out join ends nothing");
    struct ps_event died = {.type = PS_EV_PROC_DIED, .pid = 1, .peer = 7, .a = -SIGKILL};
    cr_assert(ps_procs_end_rule(&died, &end) && end.code == -SIGKILL && !end.collected);
    struct ps_event bad = {.type = PS_EV_PROC_SIGNALLED, .pid = 1, .peer = 7, .a = 0};
    cr_assert_not(ps_procs_end_rule(&bad, &end));
    cr_assert_str_eq(ps_procs_display_name(NULL, 5, 5, 0), "procscope");
    cr_assert_str_eq(ps_procs_display_name("", 5, 0, 5), "procscope");
    cr_assert_null(ps_procs_display_name(NULL, 6, 5, 5));
    cr_assert_null(ps_procs_display_name("pid 6", 6, 5, 5), "the model's stand-in is no name");
    cr_assert_str_eq(ps_procs_display_name("Process-1", 5, 5, 5), "Process-1");
    cr_assert_eq(ps_procs_time_base(0, 42), 42);
    cr_assert_eq(ps_procs_time_base(50, 42), 42);
    cr_assert_eq(ps_procs_time_base(40, 42), 40);
}

/* A mixed session: processes, a long name, channels, sync, pool, output, ring and supervisor. */
static void feed_mixed(struct ui_feed *feed)
{
    ui_feed_main(feed);
    ui_feed_spawn(feed, UI_FEED_MAIN, 101, "Process-1", 0);
    ui_feed_spawn(feed, UI_FEED_MAIN, 102, "a_process_with_a_name_longer_than_the_rows_keep", 1);
    ui_feed(feed, 1, UI_FEED_MAIN, PS_EV_PIPE_OPEN, 1, 0, 1, 0, NULL);
    ui_feed(feed, 1, 101, PS_EV_PIPE_SEND, 1, 0, 13, 1, "42");
    ui_feed(feed, 1, 102, PS_EV_WAIT_BEGIN, 1, 0, PS_WAIT_RECV, 0, NULL);
    ui_feed(feed, 1, 102, PS_EV_PIPE_RECV, 1, 0, 13, 0, "42");
    ui_feed(feed, 1, UI_FEED_MAIN, PS_EV_QUEUE_OPEN, 2, 0, 0, 0, NULL);
    ui_feed(feed, 1, 101, PS_EV_QUEUE_PUT, 2, 0, 1, 9, "'a'");
    ui_feed(feed, 1, 102, PS_EV_QUEUE_GET, 2, 0, 0, 9, "'a'");
    ui_feed(feed, 1, UI_FEED_MAIN, PS_EV_LOCK_NEW, 3, 0, 0, 0, NULL);
    ui_feed(feed, 1, 101, PS_EV_LOCK_ACQUIRED, 3, 0, 100, 0, NULL);
    ui_feed(feed, 1, 101, PS_EV_OUTPUT, 0, 0, 1, 0, "hello\tworld");
    ui_feed(feed, 1, UI_FEED_SUPERVISOR, PS_EV_USER_SIGNAL, 0, 102, SIGTERM, 0, NULL);
    ui_feed(feed, 1, UI_FEED_SUPERVISOR, PS_EV_PROC_DIED, 0, 102, -SIGTERM, 0, NULL);
    ui_feed(feed, 1, UI_FEED_SUPERVISOR, PS_EV_RING_DROPPED, 0, 0, 4, 0, NULL);
    ui_feed(feed, 1, 101, PS_EV_PROC_EXIT, 0, 101, 0, 0, NULL);
    ui_feed(feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 101, 0, 0, NULL);
    ui_feed(feed, 1, UI_FEED_MAIN, PS_EV_PROC_JOIN, 0, 102, -SIGTERM, 0, NULL);
    ui_feed(feed, 1, 777, PS_EV_MARK, 0, 0, 0, 0, "unknown pid");
    ui_feed(feed, 1, UI_FEED_SUPERVISOR, PS_EV_PROC_EXIT, 0, UI_FEED_MAIN, 0, 0, NULL);
}

Test(procs, text_lines_equal_events_pane_lines)
{
    struct ui_feed feed;
    ui_feed_open(&feed);
    feed_mixed(&feed);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    struct ps_printer *printer = ps_printer_new(f, PS_PRINT_TEXT);
    struct ps_sink sink = ps_printer_sink(printer);
    cr_assert_eq(sink.on_begin(sink.ctx, ps_session_info(feed.session)), 0);
    uint64_t n = ps_session_count(feed.session);
    for (uint64_t i = 0; i < n; i++) {
        struct ps_event ev;
        cr_assert_eq(ps_session_event(feed.session, i, &ev), 0);
        cr_assert_eq(sink.on_event(sink.ctx, &ev), 0);
    }
    fclose(f);
    cr_assert_not_null(strstr(text, "procscope[1] user.signal"), "the supervisor is procscope");
    cr_assert_not_null(strstr(text, "a_process_with_a_name_longer_t"));
    struct ui_pane *pane = ui_pane_events_new();
    cr_assert(ui_pane_update(pane, feed.session));
    const struct ui_rows *rows = ui_pane_rows(pane);
    cr_assert_eq(rows->n, n);
    char *line = text;
    for (uint64_t i = 0; i < n; i++) {
        char *nl = strchr(line, '\n');
        cr_assert_not_null(nl);
        *nl = '\0';
        cr_assert_str_eq(rows->rows[i].text, line, "event %lu: pane '%s', printer '%s'",
                         (unsigned long)i, rows->rows[i].text, line);
        line = nl + 1;
    }
    ui_pane_destroy(pane);
    ps_printer_free(printer);
    free(text);
    ui_feed_close(&feed);
}
