/* SPDX-License-Identifier: MIT */
#include "export/export_text.h"

#include <string.h>

#include "export/export_escape.h"

/* The event's text, never NULL, and its length. */
static const char *ps_export_text_of(const struct ps_event *ev, size_t *len)
{
    if (ev->text == NULL) {
        *len = 0;
        return "";
    }
    *len = ev->text_len > PS_EVENT_TEXT_MAX ? PS_EVENT_TEXT_MAX : ev->text_len;
    return ev->text;
}

/* Append " key=" (keys come from the schema table: nothing to escape). */
static void ps_export_text_key(struct ps_export_buf *b, const char *key)
{
    ps_export_buf_put(b, " ", 1);
    ps_export_buf_puts(b, key);
    ps_export_buf_put(b, "=", 1);
}

/* Append " key=value" for each field the type uses (all fields for an unknown type). */
static void ps_export_text_fields(struct ps_export_buf *b, const struct ps_event *ev)
{
    const struct ps_event_type_info *info = ps_event_type_info(ev->type);
    if (info == NULL) {
        info = &ps_event_type_raw;
        ps_export_text_key(b, "type");
        ps_export_buf_uint(b, ev->type);
    }
    const char *keys[4] = {info->obj_key, info->peer_key, info->a_key, info->b_key};
    const int64_t values[4] = {ev->obj, ev->peer, ev->a, ev->b};
    for (int i = 0; i < 4; i++) {
        if (keys[i]) {
            ps_export_text_key(b, keys[i]);
            ps_export_buf_int(b, values[i]);
        }
    }
    if (info->text_key) {
        size_t len;
        const char *text = ps_export_text_of(ev, &len);
        ps_export_text_key(b, info->text_key);
        ps_export_buf_put(b, "\"", 1);
        ps_export_buf_text(b, text, len);
        ps_export_buf_put(b, "\"", 1);
        if ((ev->flags & PS_EVF_TEXT_CUT) || ev->text_len > len) {
            ps_export_buf_puts(b, " [cut]");
        }
    }
}

size_t ps_export_text_line(char *buf, size_t size, const struct ps_event *ev, const char *proc_name,
                           uint64_t base_ns)
{
    struct ps_export_buf b;
    ps_export_buf_init(&b, buf, size);
    ps_export_buf_seconds(&b, (int64_t)(ev->t_ns - base_ns));
    ps_export_buf_put(&b, " ", 1);
    if (proc_name) {
        ps_export_buf_text(&b, proc_name, strlen(proc_name));
    }
    ps_export_buf_put(&b, "[", 1);
    ps_export_buf_int(&b, ev->pid);
    ps_export_buf_put(&b, "] ", 2);
    ps_export_buf_puts(&b, ps_event_type_name(ev->type));
    ps_export_text_fields(&b, ev);
    return b.len;
}
