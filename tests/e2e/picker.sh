#!/bin/bash
# SPDX-License-Identifier: MIT
# The picker lists all fourteen demos; Enter runs one, Esc comes back, q
# quits procscope from a demo started from the picker too.
. "$(dirname "$0")/lib.sh"

names=$("$PROCSCOPE" list | awk '{print $1}')
[ "$(echo "$names" | wc -l)" -eq 14 ] || e2e_fail "procscope list does not give 14 demos"
e2e_start
e2e_wait_for "pick a demo"
for n in $names; do
    e2e_expect "$n"
done
e2e_expect "What to watch"
e2e_keys Enter
e2e_wait_for "(LIVE|DONE)"
e2e_wait_for "DONE" 30
e2e_keys Escape
e2e_wait_for "pick a demo"
e2e_keys Enter
e2e_wait_for "(LIVE|DONE)"
e2e_quit_clean
echo "ok: picker"
