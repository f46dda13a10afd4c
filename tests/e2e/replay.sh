#!/bin/bash
# SPDX-License-Identifier: MIT
# Record a stepped live session, replay it: the cursor keys move one event,
# Home/End jump, and the panes at event N are the live panes at event N.
. "$(dirname "$0")/lib.sh"

rec="$E2E_TMP/pipe.psrec"
e2e_start run pipe --time-scale 0.01 --step --record "$rec"
e2e_wait_for "STEP"
n0=$(e2e_events)
for i in 1 2 3 4 5 6; do
    e2e_keys s
    e2e_wait_for "events $((n0 + i))\b" 10
done
sleep 0.3
n=$(e2e_events)
e2e_panes >"$E2E_TMP/live.txt"
e2e_keys c
e2e_wait_for "DONE" 30
e2e_quit_clean
[ -f "$rec" ] || e2e_fail "no recording at $rec"

tmux -L "$E2E_SOCK" kill-server 2>/dev/null
e2e_start replay "$rec"
e2e_wait_for "REPLAY PAUSED" 10
e2e_wait_for "event 0/[0-9]+" 5
total=$(e2e_screen | head -n 1 | sed -nE 's#.*event 0/([0-9]+).*#\1#p')
e2e_keys End
e2e_wait_for "event $total/$total\b" 5
e2e_keys Left
e2e_wait_for "event $((total - 1))/$total\b" 5
e2e_keys Home
e2e_wait_for "event 0/$total\b" 5
for i in $(seq 1 "$n"); do
    e2e_keys Right
done
e2e_wait_for "event $n/$total\b" 5
sleep 0.3
e2e_panes >"$E2E_TMP/replay.txt"
diff "$E2E_TMP/live.txt" "$E2E_TMP/replay.txt" >&2 ||
    e2e_fail "the replay panes at event $n differ from the live panes"
e2e_quit_clean
echo "ok: replay"
