/* SPDX-License-Identifier: MIT */
#include "export/export_jsonl.h"

#include <string.h>

#include "export/export_escape.h"

/* Append ,"key": (keys come from the schema table: nothing to escape). */
static void ps_export_jsonl_key(struct ps_export_buf *b, const char *key)
{
    ps_export_buf_put(b, ",\"", 2);
    ps_export_buf_puts(b, key);
    ps_export_buf_put(b, "\":", 2);
}

/* Append ,"key":<signed number>. */
static void ps_export_jsonl_num(struct ps_export_buf *b, const char *key, int64_t v)
{
    ps_export_jsonl_key(b, key);
    ps_export_buf_int(b, v);
}

void ps_export_jsonl_fields(struct ps_export_buf *b, const struct ps_event *ev)
{
    const struct ps_event_type_info *info = ps_event_type_info(ev->type);
    if (info == NULL) {
        info = &ps_event_type_raw;
        ps_export_jsonl_num(b, "type_id", ev->type);
    }
    if (info->obj_key) {
        ps_export_jsonl_num(b, info->obj_key, ev->obj);
    }
    if (info->peer_key) {
        ps_export_jsonl_num(b, info->peer_key, ev->peer);
    }
    if (info->a_key) {
        ps_export_jsonl_num(b, info->a_key, ev->a);
    }
    if (info->b_key) {
        ps_export_jsonl_num(b, info->b_key, ev->b);
    }
    if (info->text_key) {
        ps_export_jsonl_key(b, info->text_key);
        size_t len = ev->text ? ev->text_len : 0;
        len = len > PS_EVENT_TEXT_MAX ? PS_EVENT_TEXT_MAX : len;
        ps_export_buf_json(b, ev->text ? ev->text : "", len);
        if ((ev->flags & PS_EVF_TEXT_CUT) || (ev->text && ev->text_len > len)) {
            ps_export_buf_puts(b, ",\"text_cut\":true");
        }
    }
}

size_t ps_export_jsonl_line(char *buf, size_t size, const struct ps_event *ev,
                            const char *proc_name, uint64_t base_ns)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, buf, size);
    ps_export_buf_puts(&b, "{\"seq\":");
    ps_export_buf_uint(&b, ev->seq);
    ps_export_jsonl_num(&b, "t_ns", (int64_t)(ev->t_ns - base_ns));
    ps_export_jsonl_num(&b, "pid", ev->pid);
    ps_export_buf_puts(&b, ",\"type\":\"");
    ps_export_buf_puts(&b, ps_event_type_name(ev->type));
    ps_export_buf_puts(&b, "\",\"name\":");
    if (proc_name) {
        ps_export_buf_json(&b, proc_name, strlen(proc_name));
    } else {
        ps_export_buf_puts(&b, "null");
    }
    ps_export_jsonl_fields(&b, ev);
    ps_export_buf_put(&b, "}", 1);
    if (b.full) {
        ps_export_buf_init(&b, buf, size);
    }
    return b.len;
}
