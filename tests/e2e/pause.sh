#!/bin/bash
# SPDX-License-Identifier: MIT
# space stops the demo (SIGSTOP); space again resumes. One clock: the header,
# the event times and the axis all count the paused time, and the status says
# so ("PAUSED (clock runs)"): a stopped process's sleep runs on in the kernel too.
. "$(dirname "$0")/lib.sh"

e2e_start run -- "$E2E_PROGRAMS/sleeper" 2
e2e_wait_for "LIVE"
e2e_wait_for " t [1-9][0-9]*\.[0-9]+s" 10
e2e_keys Space
e2e_wait_for "PAUSED \(clock runs\)"
t1=$(e2e_elapsed)
sleep 1.2
t2=$(e2e_elapsed)
[ -n "$t1" ] && [ "$t1" != "$t2" ] || e2e_fail "the clock stopped while paused ($t1 -> $t2), the status says it runs"
for pid in $(e2e_session_pids); do
    state=$(ps -o stat= -p "$pid" | cut -c1)
    [ "$state" = "T" ] || e2e_fail "pid $pid is in state $state, not stopped"
done
[ -n "$(e2e_session_pids)" ] || e2e_fail "no sleeper process found"
e2e_keys Space
e2e_wait_for "LIVE"
sleep 1.2
t3=$(e2e_elapsed)
[ "$t3" != "$t2" ] || e2e_fail "elapsed did not move after resume"
e2e_quit_clean
echo "ok: pause"
