#!/bin/bash
# SPDX-License-Identifier: MIT
# q in the middle of a run leaves no process behind (the sleeper never ends by itself).
. "$(dirname "$0")/lib.sh"

e2e_start run -- "$E2E_PROGRAMS/sleeper" 3
e2e_wait_for "LIVE"
sleep 1
[ "$(e2e_session_pids | wc -l)" -ge 4 ] || e2e_fail "expected 4 sleeper processes"
e2e_quit_clean
echo "ok: quit"
