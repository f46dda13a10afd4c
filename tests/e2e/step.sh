#!/bin/bash
# SPDX-License-Identifier: MIT
# --step: the demo advances one event per keypress; three steps, three events.
# Events carry the demo's own time: the seconds spent waiting for the keys are
# left out, so the last stepped event is still within the first second.
. "$(dirname "$0")/lib.sh"

e2e_start run --step -- "$E2E_PROGRAMS/probe_emitter" 10
e2e_wait_for "STEP"
sleep 1
n0=$(e2e_events)
sleep 0.5
[ "$(e2e_events)" = "$n0" ] || e2e_fail "events moved with the gate closed"
for i in 1 2 3; do
    e2e_keys s
    e2e_wait_for "events $((n0 + i))\b" 10
done
sleep 0.5
[ "$(e2e_events)" -eq $((n0 + 3)) ] || e2e_fail "expected $((n0 + 3)) events, got $(e2e_events)"
# Held 1.5 s before the first key and at least 1.5 s more across the steps.
last=$(e2e_screen | grep -Eo '^│\+[0-9]+\.[0-9]+' | tail -n 1 | tr -d '│+')
[ -n "$last" ] || e2e_fail "no event time on screen"
awk -v t="$last" 'BEGIN { exit !(t < 1.0) }' ||
    e2e_fail "the last stepped event reads +$last s: the waits for the keys were counted"
e2e_keys c
e2e_wait_for "DONE" 20
e2e_quit_clean
echo "ok: step"
