#!/bin/bash
# The kill demo: the child's exit status -15 (SIGTERM) is on screen.
. "$(dirname "$0")/lib.sh"

e2e_start run kill --time-scale 0
e2e_wait_for "DONE" 30
e2e_expect "-15"
e2e_quit_clean
echo "ok: kill"
