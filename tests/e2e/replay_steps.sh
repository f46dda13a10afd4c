#!/bin/bash
# SPDX-License-Identifier: MIT
# Replay shows, at several events N, exactly the panes the live session showed
# at N; stepping back and forward again returns the same screen.
. "$(dirname "$0")/lib.sh"

rec="$E2E_TMP/queue.psrec"
marks=(2 5 9)
e2e_start run queue --time-scale 0.01 --step --record "$rec"
e2e_wait_for "STEP"
n0=$(e2e_events)
step=0
for mark in "${marks[@]}"; do
    while [ "$step" -lt "$mark" ]; do
        step=$((step + 1))
        e2e_keys s
        e2e_wait_for "events $((n0 + step))\b" 10
    done
    sleep 0.3
    e2e_screen | sed '1d;$d' >"$E2E_TMP/live_$mark.txt"
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
    n=$((n0 + mark))
    while [ "$at" -lt "$n" ]; do
        at=$((at + 1))
        e2e_keys Right
    done
    e2e_wait_for "event $n/$total\b" 5
    sleep 0.3
    e2e_screen | sed '1d;$d' >"$E2E_TMP/replay_$mark.txt"
    diff "$E2E_TMP/live_$mark.txt" "$E2E_TMP/replay_$mark.txt" >&2 ||
        e2e_fail "the replay panes at event $n differ from the live panes"
done

# back four events and forward four again: the same screen as before
e2e_screen | sed '1d;$d' >"$E2E_TMP/before.txt"
for i in 1 2 3 4; do e2e_keys Left; done
e2e_wait_for "event $((at - 4))/$total\b" 5
for i in 1 2 3 4; do e2e_keys Right; done
e2e_wait_for "event $at/$total\b" 5
sleep 0.3
e2e_screen | sed '1d;$d' >"$E2E_TMP/after.txt"
diff "$E2E_TMP/before.txt" "$E2E_TMP/after.txt" >&2 ||
    e2e_fail "stepping back then forward changed the screen"
e2e_quit_clean
echo "ok: replay_steps"
