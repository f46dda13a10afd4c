#!/bin/bash
# SPDX-License-Identifier: MIT
# When the demo ends its final state stays on screen; `r` runs it again:
# new processes, the same story (-15 for the terminated child).
. "$(dirname "$0")/lib.sh"

e2e_start run kill --time-scale 0
e2e_wait_for "DONE" 20
e2e_expect "-15 SIGTERM"
first=$(e2e_screen | awk '$1 == "│MainProcess" { print $2 }')
[ -n "$first" ] || e2e_fail "no MainProcess row"
sleep 0.5
e2e_expect "DONE" # still there: the final state stays
e2e_keys r
for _ in $(seq 1 100); do
    again=$(e2e_screen | awk '$1 == "│MainProcess" { print $2 }')
    [ -n "$again" ] && [ "$again" != "$first" ] && e2e_screen | grep -q "DONE" && break
    sleep 0.1
done
[ "$again" != "$first" ] || e2e_fail "r did not run the demo again (MainProcess still $first)"
e2e_wait_for "-15 SIGTERM" 10
e2e_quit_clean
echo "ok: restart"
