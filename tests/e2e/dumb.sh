#!/bin/bash
# SPDX-License-Identifier: MIT
# TERM=dumb (no cursor addressing): one clear line, then the demo runs
# headless instead of a garbled screen; the picker says the same and exits.
. "$(dirname "$0")/lib.sh"

E2E_ENV="TERM=dumb" e2e_start run pipe --time-scale 0
e2e_wait_for "TERM=dumb\) cannot move the cursor: running [a-z_]+ headless" 10
i=0
while [ "$i" -lt 100 ] && ! tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead}' | grep -q 1; do
    sleep 0.1
    i=$((i + 1))
done
tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead}' | grep -q 1 || e2e_fail "still running"
e2e_expect_not "LIVE"
tmux -L "$E2E_SOCK" kill-server 2>/dev/null

# The picker exits at once: a shell stays after it, since tmux can lose the
# output of a pane whose process exits immediately.
tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 120 -y 40 -s e2e \
    "env TERM=dumb LANG=C.UTF-8 $PROCSCOPE; echo exit=\$?; sleep 60" || e2e_fail "tmux did not start"
e2e_wait_for "TERM=dumb\) cannot move the cursor" 10
e2e_wait_for "exit=64" 10
echo "ok: dumb"
