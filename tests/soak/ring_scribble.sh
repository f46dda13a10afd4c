#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Soak: a child scribbles the session's ring at random (tests/programs/ring_scribbler,
# mode "any": random bytes, random words, forged slots, moved head, garbage past the
# head, truncation), seed after seed, under `procscope run --headless`, for
# SOAK_SECONDS (default 120). Fails on any crash of procscope (exit >= 128), any
# session that does not end within 20 s, or a scribbler left running.
# Usage: tests/soak/ring_scribble.sh [BUILD_DIR]   (a build with BUILD_TESTING on)
set -u
build=${1:-build-test}
procscope=${PROCSCOPE:-$build/procscope}
scribbler=$build/tests/programs/ring_scribbler
seconds=${SOAK_SECONDS:-120}
[ -x "$procscope" ] && [ -x "$scribbler" ] || { echo "ring_scribble: build $build first"; exit 2; }

runs=0 crashes=0 hangs=0 worst_ms=0 total_ms=0
end=$((SECONDS + seconds))
seed=${SOAK_SEED:-$RANDOM}
first=$seed
while [ $SECONDS -lt $end ]; do
    t0=$(date +%s%N)
    timeout -s KILL 20 "$procscope" run --headless -- "$scribbler" any "$seed" >/dev/null 2>&1
    rc=$?
    ms=$((($(date +%s%N) - t0) / 1000000))
    runs=$((runs + 1))
    total_ms=$((total_ms + ms))
    [ $ms -gt $worst_ms ] && worst_ms=$ms
    if [ $rc -eq 137 ]; then
        hangs=$((hangs + 1)); echo "ring_scribble: seed $seed did not end within 20 s"
    elif [ $rc -ge 128 ]; then
        crashes=$((crashes + 1)); echo "ring_scribble: seed $seed: procscope exited $rc"
    fi
    seed=$((seed + 1))
done
left=$(pgrep -c -f "$scribbler any" || true)
echo "ring_scribble: $runs runs (seeds $first..$((seed - 1))), $crashes crashes, $hangs hangs," \
     "session time mean $((total_ms / (runs > 0 ? runs : 1))) ms, worst $worst_ms ms," \
     "scribblers left running: $left"
[ $crashes -eq 0 ] && [ $hangs -eq 0 ] && [ "$left" -eq 0 ]
