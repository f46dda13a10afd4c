#!/bin/bash
# SPDX-License-Identifier: MIT
# Without colours and without UTF-8 (NO_COLOR, TERM=vt100, the C locale):
# the screen carries no colour codes and no UTF-8, and still shows the demo.
. "$(dirname "$0")/lib.sh"

E2E_ENV="NO_COLOR=1 TERM=vt100 LANG=C LC_ALL=C" e2e_start run pipe --time-scale 0
e2e_wait_for "DONE" 30
e2e_expect "Process-2"
e2e_expect "End"
e2e_expect "q quit"
sgr=$(tmux -L "$E2E_SOCK" capture-pane -p -e -t e2e | grep -Eo $'\e\\[[0-9;]*m' | sort -u)
if echo "$sgr" | grep -Eq '(^|[[;])(3[0-7]|4[0-7]|38|48|9[0-7]|10[0-7])(;|m)'; then
    e2e_fail "colour codes with NO_COLOR: $(echo "$sgr" | tr '\n' ' ' | cat -v)"
fi
if e2e_screen | LC_ALL=C grep -q $'[\x80-\xff]'; then
    e2e_fail "non-ASCII bytes on a vt100 in the C locale"
fi
e2e_quit_clean
echo "ok: plain"
