#!/bin/sh
# SPDX-License-Identifier: MIT
# Record every demo at real speed into assets/<demo>.psrec (what `make` ships
# for `procscope replay assets/<demo>.psrec`). Usage: assets/record-all.sh [BUILD]
set -eu
build=${1:-build}
here=$(dirname "$0")
for demo in $("$build/procscope" list | awk '{ print $1 }'); do
    printf '%s ... ' "$demo"
    "$build/procscope" run "$demo" --headless --record "$here/$demo.psrec" >/dev/null
    echo "$(wc -c <"$here/$demo.psrec") bytes"
done
