#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The benchmarks are their own program: the procscope binary defines no symbol
# of the mp API (the demo runtime: src/mp), while the bench's workload program
# does (so the check can fail); `procscope bench` execs procscope-bench with its
# help, its usage error (64) and its rows.
set -euo pipefail
exe=${PROCSCOPE:?PROCSCOPE must name the procscope binary}
src=${PS_SOURCE_DIR:?PS_SOURCE_DIR must name the source tree}
dir=$(dirname "$exe")
fail() { echo "bench_split: $*"; exit 1; }

# Every global symbol the mp objects of libps_child.a define.
mp_objects=$(cd "$src/src/mp" && ls ./*.c | sed 's|^\./||; s|$|.o|')
mp_syms=$(nm -g --defined-only "$dir/libps_child.a" | awk -v objs="$mp_objects" '
    BEGIN { n = split(objs, o, "\n"); for (i = 1; i <= n; i++) want[o[i] ":"] = 1 }
    /:$/ { keep = ($1 in want); next }
    keep && NF == 3 { print $3 }' | sort -u)
grep -qx ps_process_start <<< "$mp_syms" || fail "no mp symbols found in libps_child.a"
grep -qx ps_pipe_new <<< "$mp_syms" || fail "ps_pipe_new not among the mp symbols"

defined() { nm --defined-only "$1" | awk 'NF == 3 { print $3 }' | sort -u; }
in_procscope=$(comm -12 <(defined "$exe") <(echo "$mp_syms"))
[ -z "$in_procscope" ] || fail "procscope carries the mp API: $(echo $in_procscope | head -c 300)"
in_workload=$(comm -12 <(defined "$dir/demos/procscope-bench-ipc") <(echo "$mp_syms"))
grep -qx ps_pipe_new <<< "$in_workload" || fail "the ipc workload has no ps_pipe_new: the check is blind"
echo "bench_split: procscope defines none of $(wc -l <<< "$mp_syms") mp symbols"

# `procscope bench` keeps its interface through the exec.
help=$("$exe" bench --help)
for row in ring ipc replay python ui; do
    grep -Eq "^  $row " <<< "$help" || fail "bench --help lacks $row"
done
set +e
err=$("$exe" bench nosuch 2>&1 >/dev/null)
code=$?
set -e
[ $code -eq 64 ] || fail "bench nosuch: exit $code, want 64"
grep -q "unknown benchmark 'nosuch'" <<< "$err" || fail "bench nosuch said: $err"
echo "bench_split: procscope bench --help and a usage error go through procscope-bench"

# The ipc workload runs as a child program, bare and under procscope, and prints its rate.
load="$dir/demos/procscope-bench-ipc"
rate=$("$load" pipe100)
[[ $rate =~ ^[0-9.]+$ ]] || fail "procscope-bench-ipc pipe100 printed '$rate'"
rate=$("$exe" run --headless -- "$load" pipe100)
[[ $rate =~ ^[0-9.]+$ ]] || fail "under procscope, procscope-bench-ipc pipe100 printed '$rate'"
set +e
"$load" nosuch 2>/dev/null
code=$?
set -e
[ $code -eq 2 ] || fail "procscope-bench-ipc nosuch: exit $code, want 2"
echo "bench_split: the ipc workload runs bare and under procscope"
