#!/bin/bash
# SPDX-License-Identifier: MIT
# The Python pool demo in the TUI: one lane per worker (ForkPoolWorker-1..4),
# the result line in Output, seen through the Python hook.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "skip: no python3"; exit 0; }

e2e_start run pool --lang python --time-scale 0
e2e_wait_for "DONE" 60
for w in 1 2 3 4; do
    e2e_expect "ForkPoolWorker-$w"
done
e2e_expect "Pool"
e2e_quit_clean
echo "ok: py_pool"
