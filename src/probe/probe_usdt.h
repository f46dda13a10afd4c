/* SPDX-License-Identifier: MIT */
/*
 * USDT (systemtap sys/sdt.h) probe points: every event the probe emits is
 * also the static tracepoint procscope:event, whether or not procscope is
 * listening, so bpftrace, perf and SystemTap users see the same events:
 *
 *   bpftrace -e 'usdt:/usr/lib/x86_64-linux-gnu/libprocscope.so.0:procscope:event
 *                { printf("%d type %d peer %d\n", pid, arg0, arg2); }'
 *
 * Arguments: type, obj, peer, a, b, text (a pointer, may be NULL) and the text's
 * length. Unused, a probe point is one nop in ps_probe_emit (no semaphore).
 */
#ifndef PS_PROBE_PROBE_USDT_H
#define PS_PROBE_PROBE_USDT_H

#include <sys/sdt.h>

/* sys/sdt.h's own macros pass empty variadic arguments, which -Wpedantic (clang) flags. */
#define PS_PROBE_USDT_EVENT(type, obj, peer, a, b, text, len)                                  \
    _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wpedantic\"")            \
        STAP_PROBE7(procscope, event, type, obj, peer, a, b, text, len)                          \
            _Pragma("GCC diagnostic pop")

#endif /* PS_PROBE_PROBE_USDT_H */
