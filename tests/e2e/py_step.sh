#!/bin/bash
# SPDX-License-Identifier: MIT
# --step on a Python program: the hooked interpreter waits at the step gate
# (the extension releases the GIL there) and advances one event per keypress.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

e2e_start run --step --lang python spawn --time-scale 0
e2e_wait_for "STEP" 30
sleep 1
n0=$(e2e_events)
sleep 0.5
[ "$(e2e_events)" = "$n0" ] || e2e_fail "events moved with the gate closed"
for i in 1 2 3; do
    e2e_keys s
    e2e_wait_for "events $((n0 + i))\b" 20
done
sleep 0.5
[ "$(e2e_events)" -eq $((n0 + 3)) ] || e2e_fail "expected $((n0 + 3)) events, got $(e2e_events)"
e2e_keys c
e2e_wait_for "DONE" 60
e2e_quit_clean
echo "ok: py_step"
