#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The scripting interface: `list --json` and `info --json` parse with jq and
# have their documented fields; `export -o -` writes to stdout and `-o X.gz`
# writes gzip; a recording names no host and no build path unless
# --record-host; the shipped recordings carry neither; --help and the man page
# name the same commands and options.
. "$(dirname "$0")/lib.sh"

fail() { echo "FAIL (scripting): $*" >&2; exit 1; }
cd "$E2E_TMP" || exit 1

list=$("$PROCSCOPE" list --json) || fail "list --json failed"
[ "$(jq length <<< "$list")" = "$("$PROCSCOPE" list | wc -l)" ] || fail "list --json: count"
jq -e 'all(.[]; (.name|type) == "string" and (.alias|type) == "string" and
       (.summary|type) == "string" and (.watch|type) == "string" and (.path|type) == "string")' \
    <<< "$list" >/dev/null || fail "list --json: fields"
[ "$(jq -r '.[] | select(.alias == "pool") | .name' <<< "$list")" = process_pool ] ||
    fail "list --json: pool alias"

"$PROCSCOPE" run pool --headless --time-scale 0 --record pool.psrec >/dev/null || fail "run pool"
info=$("$PROCSCOPE" info pool.psrec --json) || fail "info --json failed"
jq -e '.file == "pool.psrec" and .demo == "process_pool" and .argv == "process_pool" and
       .host == null and .complete == true and .exit_status == 0 and .events > 0 and
       .counts["proc.spawn"] == 5 and (.processes | length) == 5 and
       (.processes[0] | .name == "MainProcess" and .exit == 0) and .drops == 0' \
    <<< "$info" >/dev/null || fail "info --json: $info"
[ "$("$PROCSCOPE" info --json pool.psrec | jq .events)" = "$(jq .events <<< "$info")" ] ||
    fail "info --json before FILE"
"$PROCSCOPE" info pool.psrec --json --bad 2>/dev/null; [ $? = 64 ] || fail "info --bad: not 64"
if grep -aq "$E2E_BUILD" pool.psrec || grep -aq "$(hostname)" pool.psrec; then
    fail "the recording names the build folder or the host"
fi
"$PROCSCOPE" run pool --headless --time-scale 0 --record-host --record host.psrec >/dev/null
jq -e --arg h "$(hostname)" '.host == $h and (.argv | startswith("/"))' \
    <<< "$("$PROCSCOPE" info host.psrec --json)" >/dev/null || fail "--record-host kept nothing"

"$PROCSCOPE" export pool.psrec --format chrome -o - | jq -e '.traceEvents | length > 0' \
    >/dev/null || fail "export -o - is not JSON on stdout"
[ ! -e ./- ] || fail "export -o - created a file named -"
"$PROCSCOPE" export pool.psrec --format chrome -o pool.json.gz || fail "export .json.gz"
gzip -t pool.json.gz || fail "pool.json.gz is not gzip"
[ "$(zcat pool.json.gz | jq -c .)" = "$("$PROCSCOPE" export pool.psrec --format chrome |
    jq -c .)" ] || fail "the .gz holds another export"
ls ./*.tmp.* 2>/dev/null && fail "a temporary was left behind"

for f in "$PS_SOURCE_DIR"/assets/*.psrec; do
    i=$("$PROCSCOPE" info "$f" --json) || fail "info $f"
    jq -e '.host == null and (.argv | test("^/") | not)' <<< "$i" >/dev/null ||
        fail "$(basename "$f") names a host or a path: $(jq -c '{host, argv}' <<< "$i")"
done

help=$("$PROCSCOPE" --help; "$PROCSCOPE" run --help)
man="$PS_SOURCE_DIR/src/cli/doc/procscope.1"
for word in $(grep -o -- '--[a-z][a-z-]*' <<< "$help" | sort -u) list run replay info export \
    screen bench ring ipc replay python ui; do
    grep -q -- "$(sed 's/-/\\\\-/g' <<< "$word")" "$man" || fail "the man page lacks $word"
done
# and back: every option the man page's COMMANDS and OPTIONS name is in --help or run --help
for word in $(sed -n '/^\.SH COMMANDS/,/^\.SH KEYS/p' "$man" | sed 's/\\f[A-Z]//g' |
    grep -o -- '\\-\\-[a-z][-a-z\\]*' | sed 's/\\//g; s/-$//' | sort -u); do
    grep -q -- "$word" <<< "$help" || fail "--help lacks $word (in the man page)"
done
echo "ok: scripting"
