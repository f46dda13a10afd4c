/* SPDX-License-Identifier: MIT */
#include <string.h>

#include <criterion/criterion.h>

#include "core/event.h"

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
