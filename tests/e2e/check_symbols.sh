#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every symbol our libraries export starts with ps_ (src/) or ui_ (ui/):
# src/ code is linked into the user's own programs, so it needs a namespace.
# (_.stapsdt.base: sys/sdt.h's weak hidden anchor of the USDT notes, never exported.)
set -euo pipefail
dir=$(dirname "${PROCSCOPE:?PROCSCOPE must name the procscope binary}")
status=0
for lib in "$dir"/libps_core.a "$dir"/libps_child.a "$dir"/libps_engine.a "$dir"/libps_ui.a \
    "$dir"/libps_bench.a; do
    [ -f "$lib" ] || { echo "missing $lib"; exit 1; }
    bad=$(nm -g --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' |
          grep -Ev '^(ps_|ui_|__odr_asan|__asan|__ubsan|_\.stapsdt\.base$)' || true)
    if [ -n "$bad" ]; then
        echo "$(basename "$lib") exports symbols outside the ps_/ui_ namespace:"
        echo "$bad" | sed 's/^/  /'
        status=1
    fi
done
[ $status -eq 0 ] && echo "symbols: every exported name is ps_* or ui_*"
exit $status
