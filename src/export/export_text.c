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
    *len = ev->text_len;
    return ev->text;
}

/* Append " key=value" for each field the type uses (all fields for an unknown type). */
static void ps_export_text_fields(struct ps_export_buf *b, const struct ps_event *ev)
{
    const struct ps_event_type_info *info = ps_event_type_info(ev->type);
    static const struct ps_event_type_info raw = {"unknown", "obj", "peer", "a", "b", "text"};
    if (info == NULL) {
        info = &raw;
        ps_export_buf_printf(b, " type=%u", (unsigned)ev->type);
    }
    if (info->obj_key) {
        ps_export_buf_printf(b, " %s=%u", info->obj_key, (unsigned)ev->obj);
    }
    if (info->peer_key) {
        ps_export_buf_printf(b, " %s=%d", info->peer_key, (int)ev->peer);
    }
    if (info->a_key) {
        ps_export_buf_printf(b, " %s=", info->a_key);
        ps_export_buf_int(b, ev->a);
    }
    if (info->b_key) {
        ps_export_buf_printf(b, " %s=", info->b_key);
        ps_export_buf_int(b, ev->b);
    }
    if (info->text_key) {
        size_t len;
        const char *text = ps_export_text_of(ev, &len);
        ps_export_buf_printf(b, " %s=\"", info->text_key);
        ps_export_buf_text(b, text, len);
        ps_export_buf_put(b, "\"", 1);
        if (ev->flags & PS_EVF_TEXT_CUT) {
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
    ps_export_buf_printf(&b, "[%d] %s", (int)ev->pid, ps_event_type_name(ev->type));
    ps_export_text_fields(&b, ev);
    return b.len;
}
