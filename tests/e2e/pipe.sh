#!/bin/bash
# SPDX-License-Identifier: MIT
# The pipe demo: both children, the ten squares and End, each pipe's EOF.
. "$(dirname "$0")/lib.sh"

e2e_start run pipe --time-scale 0
e2e_wait_for "DONE" 30
e2e_expect "Process-1"
e2e_expect "Process-2"
e2e_expect "\bEnd\b"
for sq in 0 1 4 9 16 25 36 49 64 81; do
    # the squares as printed lines (Output pane) or values (Channels pane)
    e2e_expect "(^|[^0-9])$sq([^0-9]|$)"
done
# Show only the EOF events: one per pipe.
e2e_keys f
e2e_keys -l "pipe.eof"
e2e_keys Enter
sleep 0.5
eofs=$(e2e_screen | sed -n '2,39p' | grep -c "pipe\.eof")
[ "$eofs" -ge 2 ] || e2e_fail "expected an EOF line per pipe, saw $eofs"
e2e_quit_clean
echo "ok: pipe"
