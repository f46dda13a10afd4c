#!/bin/bash
# SPDX-License-Identifier: MIT
# Replay shows, at several events N, exactly the panes the live session showed
# at N; stepping back and forward again returns the same screen.
. "$(dirname "$0")/lib.sh"

rec="$E2E_TMP/queue.psrec"
marks=(2 5 9)
declare -A live_n

# Wait until the live event count is at least $1 (a death the supervisor sees
# arrives as proc.died right after the step that caused it: it is not gated).
wait_events_at_least() {
    local i=0
    while [ "$i" -lt 100 ]; do
        [ "$(e2e_events)" -ge "$1" ] 2>/dev/null && return 0
        sleep 0.1
        i=$((i + 1))
    done
    e2e_fail "waited 10s for events >= $1"
}

e2e_start run queue --time-scale 0.01 --step --record "$rec"
e2e_wait_for "STEP"
step=0
for mark in "${marks[@]}"; do
    while [ "$step" -lt "$mark" ]; do
        step=$((step + 1))
        cur=$(e2e_events)
        e2e_keys s
        wait_events_at_least $((cur + 1))
    done
    sleep 0.3
    live_n[$mark]=$(e2e_events)
    e2e_panes >"$E2E_TMP/live_$mark.txt"
done
cmp -s "$E2E_TMP/live_2.txt" "$E2E_TMP/live_9.txt" && e2e_fail "stepping did not change the panes"
e2e_keys c
e2e_wait_for "DONE" 30
e2e_quit_clean
[ -f "$rec" ] || e2e_fail "no recording at $rec"

tmux -L "$E2E_SOCK" kill-server 2>/dev/null
e2e_start replay "$rec"
e2e_wait_for "REPLAY PAUSED" 10
total=$(e2e_screen | head -n 1 | sed -nE 's#.*event 0/([0-9]+).*#\1#p')
at=0
for mark in "${marks[@]}"; do
    n=${live_n[$mark]}
    while [ "$at" -lt "$n" ]; do
        at=$((at + 1))
        e2e_keys Right
    done
    e2e_wait_for "event $n/$total\b" 5
    sleep 0.3
    e2e_panes >"$E2E_TMP/replay_$mark.txt"
    diff "$E2E_TMP/live_$mark.txt" "$E2E_TMP/replay_$mark.txt" >&2 ||
        e2e_fail "the replay panes at event $n differ from the live panes"
done

# back four events and forward four again: the same screen as before
e2e_panes >"$E2E_TMP/before.txt"
for i in 1 2 3 4; do e2e_keys Left; done
e2e_wait_for "event $((at - 4))/$total\b" 5
for i in 1 2 3 4; do e2e_keys Right; done
e2e_wait_for "event $at/$total\b" 5
sleep 0.3
e2e_panes >"$E2E_TMP/after.txt"
diff "$E2E_TMP/before.txt" "$E2E_TMP/after.txt" >&2 ||
    e2e_fail "stepping back then forward changed the screen"
e2e_quit_clean
echo "ok: replay_steps"
