#!/bin/bash
# SPDX-License-Identifier: MIT
# The TUI ends like the headless mode on a termination signal: exit 128+N,
# the terminal given back, nothing of the session left (SIGTERM, SIGHUP,
# SIGINT sent from outside, and Ctrl-C typed on the keyboard).
. "$(dirname "$0")/lib.sh"

# procscope under a small shell that prints its exit status afterwards (tmux
# reports a pane's status late or not at all when the program exits first).
start_wrapped() {
    local cmd
    cmd="trap : INT HUP; env TERM=$E2E_TERM LANG=C.UTF-8 LC_ALL=C.UTF-8 $(printf '%q' "$PROCSCOPE")"
    cmd="$cmd run -- $(printf '%q' "$E2E_PROGRAMS/sleeper") 3; echo exit=\$?; sleep 60"
    tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 120 -y 40 -s e2e "$cmd" ||
        e2e_fail "tmux did not start"
}

for how in TERM HUP INT C-c; do
    start_wrapped
    e2e_wait_for "LIVE"
    shell=$(tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_pid}')
    pid=$(pgrep -P "$shell" -f "^$PROCSCOPE run") # the keeper looks alike but is not its child
    [ -n "$pid" ] || e2e_fail "no procscope process"
    case $how in
    C-c) e2e_keys C-c; want=130 ;;
    *) kill -s "$how" "$pid"; want=$((128 + $(kill -l "$how"))) ;;
    esac
    e2e_wait_for "exit=[0-9]+" 10
    e2e_expect "exit=$want"
    sleep 0.2
    left=$(e2e_session_pids)
    [ -z "$left" ] || e2e_fail "after $how: processes left behind: $left"
    kill "$shell" 2>/dev/null # the wrapper (it ignores HUP, so kill-server would not end it)
    tmux -L "$E2E_SOCK" kill-server 2>/dev/null
done
echo "ok: signals"
