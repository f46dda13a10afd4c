#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The README's "Watching your own program" example builds as the README says
# and runs under procscope: its output, and its queue traffic in the events.
. "$(dirname "$0")/lib.sh"

src="$E2E_TMP/workers.c"
awk '/^```c$/ { code = 1; next } /^```$/ { code = 0 } code' "$PS_SOURCE_DIR/README.md" |
    sed -n '/workers.c/,$p' > "$src"
[ -s "$src" ] || { echo "FAIL: no workers.c example in README.md" >&2; exit 1; }

# The test build's libraries are sanitized; the flags are harmless otherwise.
cc -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE -fsanitize=address,undefined \
    -I"$PS_SOURCE_DIR/src" "$src" "$E2E_BUILD/libps_child.a" "$E2E_BUILD/libps_core.a" \
    $(pkg-config --libs libbsd) -lpthread -o "$E2E_TMP/workers" ||
    { echo "FAIL: the README example does not build" >&2; exit 1; }

out=$("$PROCSCOPE" run --headless -- "$E2E_TMP/workers")
[ "$out" = "sum of squares 0..8 = 204" ] || { echo "FAIL: printed '$out'" >&2; exit 1; }

events=$("$PROCSCOPE" run --events=jsonl -- "$E2E_TMP/workers")
puts=$(grep -c '"type":"queue.put"' <<< "$events")
gets=$(grep -c '"type":"queue.get"' <<< "$events")
starts=$(grep -c '"type":"proc.start"' <<< "$events")
[ "$puts" = 21 ] && [ "$gets" = 21 ] && [ "$starts" = 3 ] ||
    { echo "FAIL: puts $puts gets $gets starts $starts (want 21 21 3)" >&2; exit 1; }
echo "ok: readme_example"
