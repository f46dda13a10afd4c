#!/bin/bash
# SPDX-License-Identifier: MIT
# Resize to 30x10 (too small: one line says so) and back (a full screen again).
. "$(dirname "$0")/lib.sh"

e2e_start run pipe --time-scale 0
e2e_wait_for "DONE" 30
tmux -L "$E2E_SOCK" resize-window -t e2e -x 30 -y 10
e2e_wait_for "too small" 10
e2e_expect_not "Process-1"
tmux -L "$E2E_SOCK" resize-window -t e2e -x 120 -y 40
e2e_wait_for "Process-2" 10
e2e_expect "DONE"
e2e_expect "q quit"
e2e_expect_not "too small"
[ "$(e2e_screen | wc -l)" -eq 40 ] || e2e_fail "screen is not 40 rows"
e2e_quit_clean
echo "ok: resize"
