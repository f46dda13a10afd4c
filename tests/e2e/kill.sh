#!/bin/bash
# SPDX-License-Identifier: MIT
# `k` asks which signal; nothing is chosen by Enter; a signal to the main
# process is confirmed with y; the row shows -15 SIGTERM. The kill demo
# (when built) shows its child's -15.
. "$(dirname "$0")/lib.sh"

e2e_start run -- "$E2E_PROGRAMS/sleeper" 1
e2e_wait_for "LIVE"
e2e_wait_for "mark" 10
# Processes has the focus: Down selects its first row, MainProcess.
e2e_keys Down
sleep 0.2
e2e_keys k
e2e_wait_for "1 TERM +2 KILL +3 INT +4 STOP +5 CONT" 5
e2e_keys Enter
sleep 0.3
e2e_expect "1 TERM +2 KILL"
e2e_expect_not "sent to"
e2e_keys 1
e2e_wait_for "the main process \(the whole demo\)\? y sends" 5
e2e_expect_not "sent to"
e2e_keys y
e2e_wait_for "SIGTERM sent to MainProcess" 5
e2e_wait_for "killed +-15 SIGTERM" 10
e2e_quit_clean

if [ -x "$E2E_DEMOS/killing_processes" ]; then
    tmux -L "$E2E_SOCK" kill-server 2>/dev/null
    e2e_start run kill --time-scale 0
    e2e_wait_for "DONE" 30
    e2e_expect "-15"
    e2e_quit_clean
else
    echo "note: killing_processes is not built yet; only the k key was checked"
fi
echo "ok: kill"
