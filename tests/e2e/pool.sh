#!/bin/bash
# SPDX-License-Identifier: MIT
# The pool demo shows one lane per worker: ForkPoolWorker-1..4.
. "$(dirname "$0")/lib.sh"

e2e_start run pool --time-scale 0
e2e_wait_for "DONE" 30
for w in 1 2 3 4; do
    e2e_expect "ForkPoolWorker-$w"
done
e2e_expect "Pool"
e2e_quit_clean
echo "ok: pool"
