#!/bin/bash
# SPDX-License-Identifier: MIT
# The sequence view in tmux: a replay started with --view sequence shows the
# same screen `procscope screen` prints for that event; Enter follows a
# message to its other end and back; v toggles the panes; a live run in the sequence
# view at 80x24 with NO_COLOR and LC_ALL=C draws lanes and arrows in ASCII.
. "$(dirname "$0")/lib.sh"

rec="${PS_SOURCE_DIR:?}/assets/communicating_with_pipe.psrec"
cp "$rec" "$E2E_TMP/pipe.psrec"
cd "$E2E_TMP" || e2e_fail "no temp dir"

e2e_start replay pipe.psrec --view sequence
e2e_wait_for "REPLAY PAUSED" 10
e2e_keys g
e2e_keys -l 31
e2e_keys Enter
e2e_wait_for "event 31/83" 5
e2e_wait_for "^#31 .*MainProcess received 1 from pipe 2" 5
LC_ALL=C.UTF-8 "$PROCSCOPE" screen pipe.psrec --event 31 --view sequence --size 120x40 \
    | sed '$d' >"$E2E_TMP/screen.txt"
e2e_screen | sed '$d' | sed 's/ *$//' >"$E2E_TMP/tui.txt"
diff "$E2E_TMP/screen.txt" "$E2E_TMP/tui.txt" >&2 ||
    e2e_fail "procscope screen differs from the replay's screen at event 31"

# Row #31 is MainProcess's receive of 1, drawn as an arrow from its send (row #30): Enter
# follows the message to its send and back.
e2e_expect "◀ 1 ─+○"
e2e_keys Enter
e2e_wait_for "^#30 .*Process-2 sent 1 into pipe 2" 5
e2e_keys Enter
e2e_wait_for "^#31 .*MainProcess received 1 from pipe 2" 5

e2e_keys v
e2e_wait_for "Processes" 5
e2e_expect_not "^#30 "
e2e_keys v
e2e_wait_for "^time +MainProcess +Process-1 +Process-2" 5
e2e_quit_clean

tmux -L "$E2E_SOCK" kill-server 2>/dev/null
E2E_ENV="LC_ALL=C LANG=C NO_COLOR=1" e2e_start run pipe --view sequence --time-scale 0.01
tmux -L "$E2E_SOCK" resize-window -t e2e -x 80 -y 24 2>/dev/null
e2e_wait_for "DONE" 30
e2e_wait_for "^#[0-9]+ .*MainProcess (exited with code|ended: exit code) 0" 5
e2e_expect "^time +MainProcess +Process-1 +Process-2"
e2e_expect "(\*<|o-).* -+(o|>\*)"
if e2e_screen | LC_ALL=C grep -q '[^ -~]'; then
    e2e_fail "non-ASCII on an LC_ALL=C screen"
fi
e2e_quit_clean
echo "ok: sequence"
