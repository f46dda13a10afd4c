#!/bin/bash
# SPDX-License-Identifier: MIT
# Soak: start sessions whose children misbehave (setsid, setpgid, double
# forks, never-ending mains, quick deaths), then SIGKILL procscope or send it
# SIGTERM/SIGINT/SIGHUP at random moments (from "before main() ran" to "the
# session is ending"). After each run: procscope exited as it should (128+N
# after a signal, killed after SIGKILL), no process of the session is left
# (checked in /proc), no cgroup leaf and no /dev/shm object is left behind.
# Bounded by SOAK_SECONDS (default 150). Prints the figures at the end.
# Usage: kill_and_signal.sh BUILD_DIR (or PROCSCOPE=path/to/procscope).
set -u
if [ $# -ge 1 ]; then
    PROCSCOPE=$(cd "$1" && pwd)/procscope
fi
: "${PROCSCOPE:?give the build directory or set PROCSCOPE}"
BUILD=$(cd "$(dirname "$PROCSCOPE")" && pwd)
PROGS="$BUILD/tests/programs"
SECONDS_MAX=${SOAK_SECONDS:-150}
CG=$(awk '$9 == "cgroup2" {print $5; exit}' /proc/self/mountinfo)
shm_before=$(ls /dev/shm 2>/dev/null | grep -c procscope)
runs=0 fails=0 killed=0 signalled=0 ended=0 max_wait=0
declare -A kinds=()

fail() {
    echo "FAIL (run $runs, $1): $2" >&2
    fails=$((fails + 1))
}

# Processes running a program of this build, or keepers of sessions we started.
leftovers() {
    local p
    for p in /proc/[0-9]*; do
        local cmd
        cmd=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) || continue
        case $cmd in
        "$PROGS"/* | "$BUILD/demos/"*) echo "${p#/proc/} $cmd" ;;
        esac
    done
}

# Wait up to 5 s for the session's processes to be gone; print what is left.
settle() {
    local i left
    for i in $(seq 50); do
        left=$(leftovers)
        [ -z "$left" ] && return 0
        sleep 0.1
    done
    echo "$left"
}

start=$(date +%s)
while [ $(($(date +%s) - start)) -lt "$SECONDS_MAX" ]; do
    runs=$((runs + 1))
    case $((RANDOM % 4)) in
    0) prog=("$PROGS/escaper" forever) ;;
    1) prog=("$PROGS/escaper" $((RANDOM % 300))) ;;
    2) prog=("$PROGS/sleeper" 2) ;;
    3) prog=("$PROGS/grandchildren") ;;
    esac
    case $((RANDOM % 3)) in
    0) mode=(--headless) ;;
    1) mode=(--events=jsonl) ;;
    2) mode=(--events=text --record "$(mktemp -u /tmp/soak.XXXXXX.psrec)") ;;
    esac
    sigs=(KILL TERM INT HUP)
    sig=${sigs[$((RANDOM % 4))]}
    delay_ms=$((RANDOM % 700))
    kind="$sig/$(basename "${prog[0]}")"
    kinds[$kind]=$((${kinds[$kind]:-0} + 1))
    "$PROCSCOPE" run "${mode[@]}" -- "${prog[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' "$delay_ms")"
    kill -s "$sig" "$pid" 2>/dev/null
    t0=$(date +%s%N)
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        fail "$kind" "procscope still runs 10 s after SIG$sig"
        kill -KILL "$pid"
    fi
    wait "$pid"
    rc=$?
    waited=$((($(date +%s%N) - t0) / 1000000))
    [ "$waited" -gt "$max_wait" ] && max_wait=$waited
    want=$((128 + $(kill -l "$sig")))
    if [ "$rc" = "$want" ]; then
        case $sig in KILL) killed=$((killed + 1)) ;; *) signalled=$((signalled + 1)) ;; esac
    elif [ "$sig" != KILL ] && [ "$rc" -lt 128 ]; then
        ended=$((ended + 1)) # the session had ended by itself before the signal came
    else
        fail "$kind" "exit $rc after SIG$sig at +${delay_ms} ms (want $want)"
    fi
    left=$(settle)
    [ -z "$left" ] || fail "$kind" "left behind after SIG$sig at +${delay_ms} ms: $left"
    if [ -n "$CG" ] && ls -d "$CG"/procscope-"$pid"-* >/dev/null 2>&1; then
        sleep 1 # the keeper removes the leaf once the kill has emptied it
        ls -d "$CG"/procscope-"$pid"-* >/dev/null 2>&1 && fail "$kind" "cgroup leaf left"
    fi
    rm -f /tmp/soak.*.psrec /tmp/soak.*.psrec.tmp.* 2>/dev/null
done
shm_after=$(ls /dev/shm 2>/dev/null | grep -c procscope)
[ "$shm_after" -le "$shm_before" ] || fail shm "/dev/shm objects left: $shm_after > $shm_before"
echo "soak kill_and_signal: $runs runs in $(($(date +%s) - start)) s, $fails failures"
echo "  exit 128+N after the signal: $signalled; SIGKILLed: $killed; ended first: $ended"
echo "  slowest end after the signal: ${max_wait} ms; leftovers: none unless failures above"
for k in "${!kinds[@]}"; do echo "  $k ${kinds[$k]}"; done | sort
[ "$fails" -eq 0 ]
