#!/bin/bash
# SPDX-License-Identifier: MIT
# A recording damaged after replay opened it (events are read on first use):
# the jump that reaches the damage stops with a message, no crash, and q
# still leaves cleanly.
. "$(dirname "$0")/lib.sh"

rec="$E2E_TMP/derom.psrec"
cp "$PS_SOURCE_DIR/assets/derom.psrec" "$rec"
e2e_start replay "$rec"
e2e_wait_for "REPLAY PAUSED" 10
size=$(stat -c %s "$rec")
# the last event block lies before the end block, the index and the footer
printf '\x55\x55\x55\x55' | dd of="$rec" bs=1 seek=$((size - 400)) conv=notrunc 2>/dev/null
e2e_keys End
e2e_wait_for "cannot read event [0-9]+ of .*derom.psrec: Input/output error" 5
e2e_expect "REPLAY PAUSED"
e2e_quit_clean
echo "ok: replay_damaged"
