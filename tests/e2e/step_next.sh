#!/bin/bash
# SPDX-License-Identifier: MIT
# Step mode's `next` list (issue 12 §3): the queue demo's race made to go
# either way by choosing which process passes the gate. Run 1 lets consumer-2
# through first: it checks the queue before producer-1 put anything, so its
# queue.empty (empty=1) comes before the first queue.put and it gets nothing.
# Run 2 lets producer-1 put first: consumer-2 finds an item and gets it.
. "$(dirname "$0")/lib.sh"

# The row number of "NAME → TYPE" in the `next` box, or nothing.
next_row() {
    e2e_screen | sed -nE "s/.*│([1-9]) $1 → $2.*/\1/p" | head -n 1
}

# Step (MainProcess first, so both workers start) until both wait at proc.start,
# then choose the one named $1.
choose_first() {
    local i=0 main
    while [ -z "$(next_row producer-1 proc.start)" ] || [ -z "$(next_row consumer-2 proc.start)" ]; do
        [ "$i" -lt 20 ] || e2e_fail "the workers never both waited at the gate"
        main=$(next_row MainProcess '')
        e2e_keys "${main:-s}"
        sleep 0.5
        i=$((i + 1))
    done
    e2e_screen | grep -E "next|│[1-9] " >"$E2E_TMP/before_$1.txt"
    e2e_keys "$(next_row "$1" proc.start)"
}

# The first line of jsonl file $1 matching ERE $2 (its line number), or 0.
first_line() {
    grep -nE -- "$2" "$1" | head -n 1 | cut -d: -f1 | grep . || echo 0
}

# Run 1: the consumer goes first and finds the queue empty.
e2e_start run queue --step --time-scale 0 --record "$E2E_TMP/a.psrec"
e2e_wait_for "STEP"
e2e_wait_for "next \(s oldest"
choose_first consumer-2
e2e_wait_for "consumer-2 → queue.empty" 10
e2e_expect "producer-1 → proc.start"
e2e_screen | grep -E "next|│[1-9] " >"$E2E_TMP/after_consumer.txt"
e2e_keys "$(next_row consumer-2 queue.empty)" # its empty check is published first, too
e2e_wait_for "events [0-9]+" 5
sleep 0.5
e2e_keys c
e2e_wait_for "DONE" 30
e2e_quit_clean
"$PROCSCOPE" export "$E2E_TMP/a.psrec" --format jsonl -o "$E2E_TMP/a.jsonl" ||
    e2e_fail "export failed"
empty=$(first_line "$E2E_TMP/a.jsonl" '"type":"queue.empty".*"empty":1')
put=$(first_line "$E2E_TMP/a.jsonl" '"type":"queue.put"')
[ "$empty" -gt 0 ] && [ "$put" -gt "$empty" ] ||
    e2e_fail "run 1: consumer's empty check (line $empty) not before the first put (line $put)"
! grep -q '"type":"queue.get"' "$E2E_TMP/a.jsonl" || e2e_fail "run 1: the consumer got an item"
grep -q 'the queue is empty' "$E2E_TMP/a.jsonl" || e2e_fail "run 1: no 'the queue is empty'"
e2e_cleanup_server() { tmux -L "$E2E_SOCK" kill-server 2>/dev/null; }
e2e_cleanup_server

# Run 2: the producer goes first; the consumer finds an item and gets it.
e2e_start run queue --step --time-scale 0 --record "$E2E_TMP/b.psrec"
e2e_wait_for "next \(s oldest"
choose_first producer-1
e2e_wait_for "producer-1 → queue.put" 10
e2e_keys c
e2e_wait_for "DONE" 60
e2e_quit_clean
"$PROCSCOPE" export "$E2E_TMP/b.psrec" --format jsonl -o "$E2E_TMP/b.jsonl" ||
    e2e_fail "export failed"
put=$(first_line "$E2E_TMP/b.jsonl" '"type":"queue.put"')
get=$(first_line "$E2E_TMP/b.jsonl" '"type":"queue.get"')
[ "$put" -gt 0 ] && [ "$get" -gt "$put" ] || e2e_fail "run 2: no get after the put"
! grep -q '"type":"queue.empty".*"empty":1.*' <(head -n "$put" "$E2E_TMP/b.jsonl") ||
    e2e_fail "run 2: the consumer found the queue empty before the first put"
if [ -n "${STEP_NEXT_KEEP:-}" ]; then
    cp "$E2E_TMP"/before_*.txt "$E2E_TMP"/after_consumer.txt "$STEP_NEXT_KEEP"/
fi
echo "ok: step_next"
