# SPDX-License-Identifier: MIT
# Helpers for the tmux-driven end-to-end tests (sourced by tests/e2e/*.sh).
# Each test runs procscope in its own detached tmux server (a socket named
# after the test and its pid), drives it with send-keys and reads the screen
# with capture-pane. The server is always killed on exit.
set -u

: "${PROCSCOPE:?PROCSCOPE must name the procscope binary}"
E2E_NAME=$(basename "$0" .sh)
E2E_SOCK="ps-e2e-${E2E_NAME}-$$"
E2E_BUILD=$(cd "$(dirname "$PROCSCOPE")" && pwd)
E2E_DEMOS="$E2E_BUILD/demos"
E2E_PROGRAMS="$E2E_BUILD/tests/programs"
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/ps-e2e-${E2E_NAME}-$$.XXXXXX")

e2e_cleanup() {
    tmux -L "$E2E_SOCK" kill-server 2>/dev/null
    rm -rf "$E2E_TMP"
}
trap e2e_cleanup EXIT

e2e_fail() {
    echo "FAIL ($E2E_NAME): $*" >&2
    echo "---- screen ----" >&2
    e2e_screen >&2
    echo "----------------" >&2
    exit 1
}

# The terminal type tmux emulates, so keys such as End arrive as terminfo says.
E2E_TERM=tmux-256color
infocmp "$E2E_TERM" >/dev/null 2>&1 || E2E_TERM=screen-256color

# Start procscope with the given arguments in a 120x40 tmux window.
e2e_start() {
    # E2E_ENV: more VAR=value words for the environment (they win over the defaults).
    local cmd="exec env TERM=$E2E_TERM LANG=C.UTF-8 LC_ALL=C.UTF-8 ${E2E_ENV:-} $PROCSCOPE"
    local a
    for a in "$@"; do
        cmd="$cmd $(printf '%q' "$a")"
    done
    # Keep the pane after exit so a crash is seen, not a vanished window: the
    # option is set before the command starts (one that exits at once races it).
    tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 120 -y 40 -s e2e "sleep 600" ||
        e2e_fail "tmux did not start"
    tmux -L "$E2E_SOCK" set-option -t e2e remain-on-exit on >/dev/null
    tmux -L "$E2E_SOCK" respawn-pane -k -t e2e "$cmd" || e2e_fail "tmux did not run $cmd"
}

e2e_screen() {
    tmux -L "$E2E_SOCK" capture-pane -p -t e2e 2>/dev/null
}

e2e_keys() {
    tmux -L "$E2E_SOCK" send-keys -t e2e "$@"
}

# Wait up to $2 seconds (default 20) until the screen matches the extended regex $1.
e2e_wait_for() {
    local re=$1 limit=${2:-20} i=0
    while [ "$i" -lt $((limit * 10)) ]; do
        if e2e_screen | grep -Eq -- "$re"; then
            return 0
        fi
        sleep 0.1
        i=$((i + 1))
    done
    e2e_fail "waited ${limit}s for /$re/"
}

# The screen must match / must not match the extended regex.
e2e_expect() {
    e2e_screen | grep -Eq -- "$1" || e2e_fail "expected /$1/ on screen"
}
e2e_expect_not() {
    if e2e_screen | grep -Eq -- "$1"; then
        e2e_fail "did not expect /$1/ on screen"
    fi
}

# The panes for comparing live with replay: the screen without its status line
# and hint bar, and without the 11 rows above the hint bar where live step mode
# draws its `next` box (live only: the gate's waiters are not in a recording).
e2e_panes() {
    e2e_screen | sed '1d;$d' | head -n -11
}

# The number after "events " (live) or "event " (replay) on the status line.
e2e_events() {
    e2e_screen | head -n 1 | sed -nE 's/.*events? ([0-9]+).*/\1/p'
}

# The elapsed time on the status line ("t 1.234s").
e2e_elapsed() {
    e2e_screen | head -n 1 | sed -nE 's/.* t ([0-9m.]+s).*/\1/p'
}

# The pids of processes running a program under this build's demos or test programs.
e2e_session_pids() {
    pgrep -f "^($E2E_DEMOS|$E2E_PROGRAMS)/" || true
}

# Quit with q and check that procscope and every process of the session are gone.
e2e_quit_clean() {
    e2e_keys q
    local i=0
    while [ "$i" -lt 100 ]; do
        if tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead}' 2>/dev/null | grep -q 1; then
            break
        fi
        sleep 0.1
        i=$((i + 1))
    done
    tmux -L "$E2E_SOCK" list-panes -t e2e -F '#{pane_dead}' | grep -q 1 ||
        e2e_fail "procscope still runs 10 s after q"
    sleep 0.2
    local left
    left=$(e2e_session_pids)
    [ -z "$left" ] || e2e_fail "processes left behind: $left"
}

# Run directly (not sourced): check the harness itself on a plain shell.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    tmux -L "$E2E_SOCK" -f /dev/null new-session -d -x 120 -y 40 -s e2e \
        "printf 'harness %s\n' ok; sleep 30"
    e2e_wait_for "harness ok" 10
    e2e_keys -l "typed"
    e2e_wait_for "typed" 10
    echo "ok: harness"
fi
