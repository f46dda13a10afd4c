#!/bin/bash
# SPDX-License-Identifier: MIT
# `k` terminates the selected process and its row shows -15 SIGTERM; the
# kill demo (when built) shows its child's -15.
. "$(dirname "$0")/lib.sh"

e2e_start run -- "$E2E_PROGRAMS/sleeper" 1
e2e_wait_for "LIVE"
e2e_wait_for "mark" 10
# Processes has the focus: Down selects its first row, MainProcess; terminate it.
e2e_keys Down
sleep 0.2
e2e_keys k
e2e_wait_for "SIGTERM sent to pid" 5
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
