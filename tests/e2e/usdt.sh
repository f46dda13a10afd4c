#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The probe carries USDT notes (systemtap sys/sdt.h, src/probe/probe_usdt.h):
# provider procscope, probe event, 7 arguments of fixed sizes (type obj peer
# a b text len: 4 4 4 8 8 8 8 bytes), in libprocscope.so (ps_probe_emit and
# the mp API's inline emitters) and at the inline call sites of a program that
# links the probe statically (a demo), so bpftrace/perf/SystemTap can attach
# without procscope. Skipped (77) only where <sys/sdt.h> is missing.
. "$(dirname "$0")/lib.sh"

if ! echo '#include <sys/sdt.h>' | ${CC:-cc} -E -x c - >/dev/null 2>&1; then
    echo "SKIP (usdt): no <sys/sdt.h> (Debian: systemtap-sdt-dev), so no USDT notes were built"
    exit 77
fi
sizes='^-4@[^ ]+ 4@[^ ]+ -4@[^ ]+ -8@[^ ]+ -8@[^ ]+ 8@[^ ]+ 8@[^ ]+$'
for bin in "$E2E_BUILD/libprocscope.so" "$E2E_DEMOS/process_pool" "$E2E_DEMOS/derom"; do
    name=$(basename "$bin")
    notes=$(readelf -n "$bin") || e2e_fail "readelf -n $bin"
    n=$(grep -c 'Provider: procscope' <<< "$notes")
    [ "$n" -ge 2 ] || e2e_fail "$name: $n procscope probe points, want several"
    [ "$(grep -A1 'Provider: procscope' <<< "$notes" | grep -c 'Name: event')" = "$n" ] ||
        e2e_fail "$name: a procscope probe not named event"
    args=$(grep -A3 'Provider: procscope' <<< "$notes" | grep 'Arguments:' |
        sed 's/^ *Arguments: //')
    [ "$(wc -l <<< "$args")" = "$n" ] || e2e_fail "$name: $n probes but other argument lines"
    bad=$(grep -Ev -- "$sizes" <<< "$args" | head -1)
    [ -z "$bad" ] || e2e_fail "$name: argument sizes differ from 4 4 4 8 8 8 8: $bad"
    grep -A2 'Provider: procscope' <<< "$notes" | grep 'Semaphore:' | grep -qv 'Semaphore: 0x0*$' &&
        e2e_fail "$name: a probe with a semaphore (they are meant to cost a nop, nothing else)"
done
echo "ok: usdt"
