#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The probe carries USDT notes (systemtap sys/sdt.h): provider procscope,
# probe event, in libprocscope.so and in every program that links the probe
# statically (a demo), so bpftrace/perf/SystemTap can attach without procscope.
. "$(dirname "$0")/lib.sh"

fail() { echo "FAIL (usdt): $*" >&2; exit 1; }
for bin in "$E2E_BUILD/libprocscope.so" "$E2E_DEMOS/process_pool"; do
    notes=$(readelf -n "$bin") || fail "readelf -n $bin"
    grep -q 'stapsdt' <<< "$notes" || fail "$(basename "$bin") has no stapsdt note"
    grep -A4 'stapsdt' <<< "$notes" | grep -q 'Provider: procscope' ||
        fail "$(basename "$bin"): no procscope provider"
    grep -A4 'stapsdt' <<< "$notes" | grep -q 'Name: event' ||
        fail "$(basename "$bin"): no event probe"
    args=$(grep -A4 'Name: event' <<< "$notes" | grep -m1 'Arguments:') ||
        fail "$(basename "$bin"): no arguments"
    [ "$(wc -w <<< "${args#*Arguments:}")" = 7 ] || fail "$(basename "$bin"): $args"
done
echo "ok: usdt"
