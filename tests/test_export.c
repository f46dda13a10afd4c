/*
 * Tests of src/export: escaping, the text and JSONL line formatters, and the
 * Chrome Trace Event exporter (its output checked with jq).
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/export_escape.h"
#include "export/export_jsonl.h"
#include "export/export_text.h"

/* An event of `type` from `pid` at base + `us` microseconds with the given fields. */
static struct ps_event ev_make(unsigned type, int32_t pid, uint64_t us, uint32_t obj, int64_t a,
                               int64_t b, const char *text)
{
    struct ps_event ev = {0};
    ev.type = (uint16_t)type;
    ev.pid = pid;
    ev.t_ns = 1000000000u + us * 1000u;
    ev.obj = obj;
    ev.a = a;
    ev.b = b;
    ev.text = text ? text : "";
    ev.text_len = text ? (uint32_t)strlen(text) : 0;
    return ev;
}

static const char *esc_text(const char *s, size_t n)
{
    static char out[512];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_text(&b, s, n);
    return out;
}

static const char *esc_json(const char *s, size_t n)
{
    static char out[512];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_json(&b, s, n);
    return out;
}

Test(escape, text_escapes_control_characters)
{
    cr_assert_str_eq(esc_text("\x1b[31mred", 8), "\\x1b[31mred");
    cr_assert_str_eq(esc_text("a\nb\tc\rd", 7), "a\\nb\\tc\\rd");
    cr_assert_str_eq(esc_text("q\"\\", 3), "q\\\"\\\\");
    cr_assert_str_eq(esc_text("\x7f\x01", 2), "\\x7f\\x01");
    cr_assert_str_eq(esc_text("nul\0x", 5), "nul\\x00x");
}

Test(escape, text_keeps_valid_utf8_and_escapes_invalid_bytes)
{
    cr_assert_str_eq(esc_text("caf\xc3\xa9 \xe2\x86\x92", 9), "caf\xc3\xa9 \xe2\x86\x92");
    cr_assert_str_eq(esc_text("\xff\xfe", 2), "\\xff\\xfe");
    cr_assert_str_eq(esc_text("\xc3", 1), "\\xc3");                   /* cut short */
    cr_assert_str_eq(esc_text("\xc0\xaf", 2), "\\xc0\\xaf");          /* overlong */
    cr_assert_str_eq(esc_text("\xed\xa0\x80", 3), "\\xed\\xa0\\x80"); /* surrogate */
    cr_assert_str_eq(esc_text("\xf4\x90\x80\x80", 4), "\\xf4\\x90\\x80\\x80");
    cr_assert_str_eq(esc_text("\xc2\x9b", 2), "\\u009b"); /* C1 CSI */
}

Test(escape, json_escapes_controls_and_replaces_invalid_utf8)
{
    cr_assert_str_eq(esc_json("\x1b[31m", 5), "\"\\u001b[31m\"");
    cr_assert_str_eq(esc_json("a\nb\"\\", 5), "\"a\\nb\\\"\\\\\"");
    cr_assert_str_eq(esc_json("\xff"
                              "x",
                              2),
                     "\"\\ufffdx\"");
    cr_assert_str_eq(esc_json("\xe2\x80\xa8", 3), "\"\\u2028\"");
    cr_assert_str_eq(esc_json("\xf0\x9f\x98\x80", 4), "\"\xf0\x9f\x98\x80\"");
    cr_assert_str_eq(esc_json("", 0), "\"\"");
}

Test(escape, buffer_never_overflows_nor_cuts_an_escape)
{
    char out[8];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_text(&b, "abcde\x1b", 6);
    cr_assert_str_eq(out, "abcde");
    cr_assert(b.full);
    cr_assert_eq(b.len, 5);
    ps_export_buf_puts(&b, "x");
    cr_assert_str_eq(out, "abcde");
}

Test(escape, times)
{
    char out[32];
    struct ps_export_buf b;
    ps_export_buf_init(&b, out, sizeof(out));
    ps_export_buf_seconds(&b, 1234567);
    ps_export_buf_put(&b, " ", 1);
    ps_export_buf_seconds(&b, -10000);
    ps_export_buf_put(&b, " ", 1);
    ps_export_buf_micros(&b, 1234567);
    cr_assert_str_eq(out, "+0.001234 -0.000010 1234.567");
}

Test(text, formats_a_pipe_send)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    size_t n = ps_export_text_line(line, sizeof(line), &ev, "Process-1", 1000000000u);
    cr_assert_str_eq(line, "+0.001234 Process-1[4242] pipe.send pipe=1 bytes=9 end=1 value=\"42\"");
    cr_assert_eq(n, strlen(line));
}

Test(text, escapes_text_and_names)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_OUTPUT, 7, 0, 0, 1, 0, "\x1b[2Jgone\n");
    ps_export_text_line(line, sizeof(line), &ev, "evil\x1b]0;", 1000000000u);
    cr_assert_str_eq(line, "+0.000000 evil\\x1b]0;[7] output stream=1 line=\"\\x1b[2Jgone\\n\"");
    cr_assert_null(strchr(line, '\x1b'));
}

Test(text, unknown_name_and_type)
{
    char line[256];
    struct ps_event ev = ev_make(200, 9, 5, 3, -1, 2, "t");
    ps_export_text_line(line, sizeof(line), &ev, NULL, 1000000000u);
    cr_assert_str_eq(line, "+0.000005 [9] unknown type=200 obj=3 peer=0 a=-1 b=2 text=\"t\"");
}

Test(text, long_text_is_cut_whole_in_a_small_buffer)
{
    char big[1025];
    memset(big, '\x1b', 1024);
    big[1024] = '\0';
    char line[100];
    struct ps_event ev = ev_make(PS_EV_MARK, 1, 0, 0, 0, 0, big);
    size_t n = ps_export_text_line(line, sizeof(line), &ev, "M", 1000000000u);
    cr_assert_lt(n, sizeof(line));
    cr_assert_eq(strlen(line), n);
    cr_assert_eq(n % 4, (strlen("+0.000000 M[1] mark label=\"")) % 4);
    char full[PS_EXPORT_TEXT_LINE_MAX];
    n = ps_export_text_line(full, sizeof(full), &ev, "M", 1000000000u);
    cr_assert_eq(n, strlen("+0.000000 M[1] mark label=\"\"") + 4 * 1024);
}

Test(jsonl, formats_a_pipe_send)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    ev.seq = 7;
    ps_export_jsonl_line(line, sizeof(line), &ev, "Process-1", 1000000000u);
    cr_assert_str_eq(line,
                     "{\"seq\":7,\"t_ns\":1234000,\"pid\":4242,\"type\":\"pipe.send\","
                     "\"name\":\"Process-1\",\"pipe\":1,\"bytes\":9,\"end\":1,\"value\":\"42\"}");
}

Test(jsonl, unknown_name_is_null_and_unused_fields_left_out)
{
    char line[256];
    struct ps_event ev = ev_make(PS_EV_LOCK_WANT, 5, 0, 2, 99, 98, NULL);
    ps_export_jsonl_line(line, sizeof(line), &ev, NULL, 1000000000u);
    cr_assert_str_eq(line, "{\"seq\":0,\"t_ns\":0,\"pid\":5,\"type\":\"lock.want\",\"name\":null,"
                           "\"lock\":2}");
}

Test(jsonl, too_small_buffer_gives_empty_string)
{
    char line[20];
    struct ps_event ev = ev_make(PS_EV_PIPE_SEND, 4242, 1234, 1, 9, 1, "42");
    cr_assert_eq(ps_export_jsonl_line(line, sizeof(line), &ev, "P", 0), 0);
    cr_assert_str_eq(line, "");
}

Test(jsonl, every_type_and_hostile_text_is_valid_json, .timeout = 60)
{
    static const char hostile[] = "\x1b[31m\"q\"\\ \xff\xc3 \xc2\x9b \xe2\x80\xa8 \x01\x7f";
    char path[64];
    snprintf(path, sizeof(path), "/tmp/ps_test_jsonl_%d.jsonl", (int)getpid());
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    char line[PS_EXPORT_JSONL_LINE_MAX];
    for (unsigned t = 0; t <= PS_EV__COUNT; t++) {
        struct ps_event ev = ev_make(t, 100 + (int32_t)t, t, t, INT64_MIN, INT64_MAX, NULL);
        ev.text = hostile;
        ev.text_len = sizeof(hostile) - 1;
        ev.flags = PS_EVF_TEXT_CUT;
        size_t n = ps_export_jsonl_line(line, sizeof(line), &ev, hostile, 0);
        cr_assert_gt(n, 0);
        fprintf(f, "%s\n", line);
    }
    fclose(f);
    char cmd[160];
    snprintf(cmd, sizeof(cmd), "jq -e -s 'length == %d and all(.[]; .seq == 0)' %s >/dev/null",
             PS_EV__COUNT + 1, path);
    int rc = system(cmd);
    unlink(path);
    cr_assert_eq(rc, 0, "jq rejected the JSONL");
}
