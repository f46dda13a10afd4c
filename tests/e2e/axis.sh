#!/bin/bash
# SPDX-License-Identifier: MIT
# The time axis grows to now: a running process's bar gets longer while no
# event arrives, with tick labels; a millisecond demo gets the event-ordered
# axis, named on the status line, and `a` switches back to wall time.
. "$(dirname "$0")/lib.sh"

# The Processes tick row (the line under the heading).
ticks() {
    e2e_screen | grep -A1 -E 'NAME +PID' | tail -n 1
}

e2e_start run -- "$E2E_PROGRAMS/sleeper" 2
e2e_wait_for "LIVE"
e2e_wait_for " t 1\.[0-9]+s" 20
t1=$(ticks)
e2e_wait_for " t [4-9]\.[0-9]+s" 20
t2=$(ticks)
# No event arrives after the first second: only the axis growing to now moves the ticks.
echo "$t1" | grep -Eq ' 3s ' && e2e_fail "3s on the axis at t=1: $t1"
echo "$t2" | grep -Eq ' 1s .* 3s ' || e2e_fail "the axis did not grow to now: $t2"
e2e_screen | grep -E 'MainProcess .* running ' | grep -Eq '█│$' ||
    e2e_fail "the running bar does not reach now"
e2e_expect "axis: wall"
e2e_quit_clean

tmux -L "$E2E_SOCK" kill-server 2>/dev/null
e2e_start run pipe
e2e_wait_for "DONE" 30
e2e_expect "axis: events"
e2e_keys a
e2e_wait_for "axis: wall" 5
e2e_quit_clean
echo "ok: axis"
