/* SPDX-License-Identifier: MIT */
/*
 * libps_probe.so: the probe's calls, exported for the Python hook's ctypes
 * fallback (used when the _psprobe extension cannot be loaded). The probe's
 * own objects are built hidden; these wrappers are the library's whole ABI.
 */
#include <stdbool.h>

#include "core/event_types.h"
#include "probe/probe.h"

#define PS_EXPORT __attribute__((visibility("default")))

PS_EXPORT int ps_probe_lib_emit(int type, uint32_t obj, int32_t peer, int64_t a, int64_t b,
                                const char *text, size_t len);
PS_EXPORT uint32_t ps_probe_lib_new_id(void);
PS_EXPORT int ps_probe_lib_active(void);
PS_EXPORT int ps_probe_lib_echo(void);
PS_EXPORT int ps_probe_lib_pid(void);
PS_EXPORT int ps_probe_lib_type_count(void);
PS_EXPORT const char *ps_probe_lib_type_name(int type);
PS_EXPORT unsigned ps_probe_lib_type_mask(int type);
PS_EXPORT const char *ps_probe_lib_wait_name(int kind);

/* One event (ctypes releases the GIL around every foreign call). */
int ps_probe_lib_emit(int type, uint32_t obj, int32_t peer, int64_t a, int64_t b, const char *text,
                      size_t len)
{
    return ps_probe_emit((enum ps_event_type)type, obj, peer, a, b, text, len);
}

uint32_t ps_probe_lib_new_id(void)
{
    return ps_probe_new_object_id();
}

int ps_probe_lib_active(void)
{
    return ps_probe_active();
}

int ps_probe_lib_echo(void)
{
    return ps_probe_echo();
}

int ps_probe_lib_pid(void)
{
    return (int)ps_probe_pid();
}

int ps_probe_lib_type_count(void)
{
    return PS_EV__COUNT;
}

/* The vocabulary's name of `type` ("unknown" outside it). */
const char *ps_probe_lib_type_name(int type)
{
    return ps_event_type_name((unsigned)type);
}

#define PS_LIB_M_F(key) 1u
#define PS_LIB_M_NO 0u

/* The fields type uses (bits 0..4: obj, peer, a, b, text), from the vocabulary; 0 if unknown. */
unsigned ps_probe_lib_type_mask(int type)
{
#define PS_LIB_MASK_(E, lower, num, dotted, area, obj, peer, a, b, text, story)                   \
    if (type == num) {                                                                           \
        return PS_LIB_M_##obj | PS_LIB_M_##peer << 1 | PS_LIB_M_##a << 2 | PS_LIB_M_##b << 3 |     \
               PS_LIB_M_##text << 4;                                                             \
    }
    PS_EVENT_TYPES(PS_LIB_MASK_)
#undef PS_LIB_MASK_
    return 0;
}

/* The name of wait kind `kind` ("recv", "sleep", ...), or NULL. */
const char *ps_probe_lib_wait_name(int kind)
{
#define PS_LIB_WAIT_(E, num, name, desc)                                                         \
    if (kind == num) {                                                                           \
        return name;                                                                             \
    }
    PS_WAIT_KINDS(PS_LIB_WAIT_)
#undef PS_LIB_WAIT_
    return NULL;
}
