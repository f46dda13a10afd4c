/* SPDX-License-Identifier: MIT */
/*
 * USDT (systemtap sys/sdt.h) probe points: every event a program emits is
 * also the static tracepoint procscope:event, whether or not procscope is
 * listening, so bpftrace, perf and SystemTap users see the same events.
 *
 * Where it fires: with procscope listening, once in ps_probe_emit() (in
 * libprocscope or the program that links the probe statically); without it,
 * once in the typed emitter at the call site (ps_emit_*() are inline), in the
 * program's own code. Attach to the program and to libprocscope.so.0 to see
 * both. Arguments: type (int32, core/event_types.h), obj (uint32), peer
 * (int32), a, b (int64), text (a pointer, may be NULL) and the text's length
 * (uint64; (uint64_t)-1: up to the NUL).
 *
 * Unused, a probe point is one nop, in the inactive branch of the inline
 * emitters (no semaphore, so nothing to test). Without <sys/sdt.h>
 * (Debian: systemtap-sdt-dev) or with -DPS_NO_USDT the points are left out.
 */
#ifndef PS_PROBE_PROBE_USDT_H
#define PS_PROBE_PROBE_USDT_H

#if !defined(PS_NO_USDT) && defined(__has_include)
#if __has_include(<sys/sdt.h>)
#ifdef __cplusplus
extern "C++" { /* its C++ part has templates; procscope.h may have opened extern "C" */
#endif
#include <sys/sdt.h>
#ifdef __cplusplus
}
#endif
#define PS_PROBE_HAS_USDT 1
#endif
#endif

#ifdef PS_PROBE_HAS_USDT
#include <stdint.h>
/*
 * The same argument sizes at every site (4 4 4 8 8 8 8 bytes). sys/sdt.h's own
 * macros pass empty variadic arguments, which -Wpedantic (clang) flags.
 */
#define PS_PROBE_USDT_EVENT(type, obj, peer, a, b, text, len)                                  \
    do {                                                                                       \
        _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpedantic\"")        \
            STAP_PROBE7(procscope, event, (int32_t)(type), (uint32_t)(obj), (int32_t)(peer), \
                        (int64_t)(a), (int64_t)(b), (const char *)(text), (uint64_t)(len));  \
        _Pragma("GCC diagnostic pop")                                                          \
    } while (0)
#else
#define PS_PROBE_USDT_EVENT(type, obj, peer, a, b, text, len) ((void)0)
#endif

#endif /* PS_PROBE_PROBE_USDT_H */
