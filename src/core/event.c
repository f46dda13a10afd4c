/* SPDX-License-Identifier: MIT */
#include "core/event.h"

#include <string.h>

#define PS_EVENT_INFO_ROW_(E, lower, num, dotted, area, obj, peer, a, b, text, story)          \
    [num] = {dotted,          PS_EVF_KEY(obj), PS_EVF_KEY(peer), PS_EVF_KEY(a),                   \
             PS_EVF_KEY(b),   PS_EVF_KEY(text), PS_AREA_##area,  story},

/* Indexed by enum ps_event_type, generated from the one list (event_types.h). */
static const struct ps_event_type_info ps_event_types[PS_EV__COUNT] = {
    [PS_EV_NONE] = {"none", NULL, NULL, NULL, NULL, NULL, PS_AREA_NONE, NULL},
    PS_EVENT_TYPES(PS_EVENT_INFO_ROW_)
};

const struct ps_event_type_info ps_event_type_raw = {
    "unknown", "obj", "peer", "a", "b", "text", PS_AREA_NONE, "{name}: event of unknown type",
};

#define PS_WAIT_ROW_(E, num, name, story) [num] = {name, story},

/* Indexed by enum ps_wait_kind. */
static const struct {
    const char *name;
    const char *story;
} ps_wait_kinds[PS_WAIT__COUNT] = {PS_WAIT_KINDS(PS_WAIT_ROW_)};

const struct ps_event_type_info *ps_event_type_info(unsigned type)
{
    if (type >= PS_EV__COUNT || ps_event_types[type].name == NULL) {
        return NULL;
    }
    return &ps_event_types[type];
}

const char *ps_event_type_name(unsigned type)
{
    const struct ps_event_type_info *info = ps_event_type_info(type);
    return info ? info->name : "unknown";
}

int ps_event_type_from_name(const char *name)
{
    for (unsigned t = 0; t < PS_EV__COUNT; t++) {
        if (ps_event_types[t].name && strcmp(ps_event_types[t].name, name) == 0) {
            return (int)t;
        }
    }
    return -1;
}

const char *ps_wait_kind_name(unsigned kind)
{
    return kind < PS_WAIT__COUNT ? ps_wait_kinds[kind].name : NULL;
}

const char *ps_wait_kind_story(unsigned kind)
{
    return kind < PS_WAIT__COUNT ? ps_wait_kinds[kind].story : NULL;
}

const char *ps_event_area_name(unsigned area)
{
    static const char *const lower[PS_AREA__COUNT] = {
        NULL, "proc", "pipe", "queue", "lock", "barrier", "pool", "ns", "text", "ring", "wait",
    };
    _Static_assert(PS_AREA__COUNT == 11, "one lower-case name per area");
    return area < PS_AREA__COUNT ? lower[area] : NULL;
}

unsigned ps_event_slots(size_t text_len)
{
    if (text_len > PS_EVENT_TEXT_MAX) {
        text_len = PS_EVENT_TEXT_MAX;
    }
    if (text_len <= PS_EVENT_INLINE_TEXT) {
        return 1;
    }
    size_t rest = text_len - PS_EVENT_INLINE_TEXT;
    return 1 + (unsigned)((rest + PS_EVENT_CONT_TEXT - 1) / PS_EVENT_CONT_TEXT);
}
