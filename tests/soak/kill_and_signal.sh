#!/bin/bash
# SPDX-License-Identifier: MIT
# Soak: start sessions whose children misbehave (setsid, setpgid, double
# forks, never-ending mains, quick deaths), then SIGKILL procscope or send it
# SIGTERM/SIGINT/SIGHUP at random moments (from "before main() ran" to "the
# session is ending"), in both containment modes (a cgroup where one can be
# made, the subreaper fallback with PROCSCOPE_NO_CGROUP=1) and, when run as
# root, a quarter of the runs as an unprivileged user (created once: psoak).
# After each run: procscope exited as it should (128+N after a signal, killed
# after SIGKILL, or the session had already ended), no sanitizer report, no
# process of the session is left, no cgroup leaf and no /dev/shm object left.
# Bounded by SOAK_SECONDS (default 120). Prints the figures at the end.
# Usage: kill_and_signal.sh BUILD_DIR (or PROCSCOPE=path/to/procscope).
set -u
if [ $# -ge 1 ]; then
    PROCSCOPE=$(cd "$1" && pwd)/procscope
fi
: "${PROCSCOPE:?give the build directory or set PROCSCOPE}"
BUILD=$(cd "$(dirname "$PROCSCOPE")" && pwd)
PROGS="$BUILD/tests/programs"
SECONDS_MAX=${SOAK_SECONDS:-120}
CG=$(awk '$9 == "cgroup2" {print $5; exit}' /proc/self/mountinfo)
TMP=$(mktemp -d /tmp/soak-kill.XXXXXX)
chmod 1777 "$TMP" # the unprivileged runs record here too
trap 'rm -rf "$TMP"' EXIT
shm_before=$(ls /dev/shm 2>/dev/null | grep -c procscope)
runs=0 fails=0 killed=0 signalled=0 ended=0 crashes=0 hangs=0 leftover_runs=0 max_wait=0
runs_user=0 runs_nocg=0
declare -A kinds=()

fail() {
    echo "FAIL (run $runs, $1): $2" >&3
    fails=$((fails + 1))
}

# A user without privileges for some runs, when we are root and may make one.
AS_USER=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    id psoak >/dev/null 2>&1 || useradd --system --no-create-home psoak 2>/dev/null
    if id psoak >/dev/null 2>&1; then
        AS_USER=(setpriv --reuid=psoak --regid=psoak --clear-groups)
    fi
fi
[ ${#AS_USER[@]} -gt 0 ] || echo "soak: no unprivileged runs ($(id -un), no setpriv or useradd)"

# The pids of processes running a program of this build.
leftovers() {
    pgrep -f "^($PROGS|$BUILD/demos)/" || true
}

# Wait up to 5 s for the session's processes to be gone; print what is left.
settle() {
    local i left
    for i in $(seq 50); do
        left=$(leftovers)
        [ -z "$left" ] && return 0
        sleep 0.1
    done
    for p in $left; do echo "$p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"; done
}

exec 3>&2 # failures; the loop's own stderr (bash's "Killed" job notices) is dropped
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
    2) mode=(--events=text --record "$TMP/rec.psrec") ;;
    esac
    envs=(env --default-signal=INT) # a background job of a script starts with SIGINT ignored
    who=root
    if [ $((RANDOM % 2)) = 0 ]; then
        envs+=(PROCSCOPE_NO_CGROUP=1)
        runs_nocg=$((runs_nocg + 1))
    fi
    run_as=()
    if [ ${#AS_USER[@]} -gt 0 ] && [ $((RANDOM % 4)) = 0 ]; then
        run_as=("${AS_USER[@]}")
        who=user
        runs_user=$((runs_user + 1))
    fi
    sigs=(KILL TERM INT HUP)
    sig=${sigs[$((RANDOM % 4))]}
    delay_ms=$((RANDOM % 700))
    kind="$sig/$(basename "${prog[0]}")"
    kinds[$kind]=$((${kinds[$kind]:-0} + 1))
    "${run_as[@]}" "${envs[@]}" "$PROCSCOPE" run "${mode[@]}" -- "${prog[@]}" \
        >/dev/null 2>"$TMP/err" &
    pid=$!
    sleep "$(printf '0.%03d' "$delay_ms")"
    kill -s "$sig" "$pid" 2>/dev/null
    t0=$(date +%s%N)
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
        hangs=$((hangs + 1))
        fail "$kind/$who" "procscope still runs 10 s after SIG$sig"
        kill -KILL "$pid"
    fi
    { wait "$pid"; } 2>/dev/null
    rc=$?
    waited=$((($(date +%s%N) - t0) / 1000000))
    [ "$waited" -gt "$max_wait" ] && max_wait=$waited
    want=$((128 + $(kill -l "$sig")))
    if grep -Eq "Sanitizer|runtime error" "$TMP/err"; then
        crashes=$((crashes + 1))
        fail "$kind/$who" "sanitizer report: $(head -c 300 "$TMP/err")"
    elif [ "$rc" = "$want" ]; then
        case $sig in KILL) killed=$((killed + 1)) ;; *) signalled=$((signalled + 1)) ;; esac
    elif [ "$rc" -lt 128 ] && ! grep -q . "$TMP/err"; then
        ended=$((ended + 1)) # the session had ended by itself before the signal came
    else
        [ "$rc" -gt 128 ] && crashes=$((crashes + 1))
        fail "$kind/$who" "exit $rc after SIG$sig at +${delay_ms} ms (want $want): $(head -c 300 "$TMP/err")"
    fi
    left=$(settle)
    if [ -n "$left" ]; then
        leftover_runs=$((leftover_runs + 1))
        fail "$kind/$who" "left behind after SIG$sig at +${delay_ms} ms: $left"
        pkill -KILL -f "^($PROGS|$BUILD/demos)/" # our own test programs only
    fi
    if [ -n "$CG" ] && ls -d "$CG"/procscope-"$pid"-* >/dev/null 2>&1; then
        sleep 1 # the keeper removes the leaf once the kill has emptied it
        ls -d "$CG"/procscope-"$pid"-* >/dev/null 2>&1 && fail "$kind/$who" "cgroup leaf left"
    fi
    rm -f "$TMP"/rec.psrec*
done 2>/dev/null
shm_after=$(ls /dev/shm 2>/dev/null | grep -c procscope)
[ "$shm_after" -le "$shm_before" ] || fail shm "/dev/shm objects left: $shm_after > $shm_before"
echo "soak kill_and_signal: $runs runs in $(($(date +%s) - start)) s, $fails failures"
echo "  runs without a cgroup: $runs_nocg; as an unprivileged user: $runs_user"
echo "  exit 128+N after the signal: $signalled; SIGKILLed: $killed; ended first: $ended"
echo "  crashes: $crashes; hangs: $hangs; runs with leftovers: $leftover_runs"
echo "  slowest end after the signal: ${max_wait} ms"
for k in "${!kinds[@]}"; do echo "  $k ${kinds[$k]}"; done | sort
[ "$fails" -eq 0 ]
