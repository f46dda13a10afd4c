#!/bin/bash
# SPDX-License-Identifier: MIT
# The TUI ends like the headless mode on a termination signal: exit 128+N,
# the terminal given back, nothing of the session left (SIGTERM, SIGHUP,
# SIGINT sent from outside, and Ctrl-C typed on the keyboard).
. "$(dirname "$0")/lib.sh"

# Wait until the pane's program has ended; print its exit status.
e2e_dead_status() {
    local i=0
    while [ "$i" -lt 100 ]; do
        if tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead}' 2>/dev/null | grep -q 1; then
            tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead_status}'
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    e2e_fail "procscope still runs 10 s after the signal"
}

for how in TERM HUP INT C-c; do
    e2e_start run -- "$E2E_PROGRAMS/sleeper" 3
    e2e_wait_for "LIVE"
    pid=$(tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_pid}')
    case $how in
    C-c) e2e_keys C-c; want=130 ;;
    *) kill -s "$how" "$pid"; want=$((128 + $(kill -l "$how"))) ;;
    esac
    got=$(e2e_dead_status)
    [ "$got" = "$want" ] || e2e_fail "after $how: exit $got, want $want"
    sleep 0.2
    left=$(e2e_session_pids)
    [ -z "$left" ] || e2e_fail "after $how: processes left behind: $left"
    tmux -L "$E2E_SOCK" kill-server 2>/dev/null
done
echo "ok: signals"
