#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `procscope --version` is the project's version, the newest released section of
# CHANGELOG.md, and (in a git checkout with tags) the newest tag reachable from HEAD.
. "$(dirname "$0")/lib.sh"

fail() { echo "FAIL (version): $*" >&2; exit 1; }
got=$("$PROCSCOPE" --version) || fail "--version failed"
ver=${got#procscope }
[[ "$ver" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$got'"
cmake_ver=$(sed -n 's/^project(procscope VERSION \([0-9.]*\).*/\1/p' \
    "$PS_SOURCE_DIR/CMakeLists.txt")
[ "$cmake_ver" = "$ver" ] || fail "CMakeLists.txt says $cmake_ver, --version $ver"
log=$(grep -m1 -o '^## \[[0-9][0-9.]*\]' "$PS_SOURCE_DIR/CHANGELOG.md" | tr -d '#[] ')
[ "$log" = "$ver" ] || fail "CHANGELOG.md's newest release is $log, --version $ver"
if tag=$(git -C "$PS_SOURCE_DIR" describe --tags --abbrev=0 --match 'v[0-9]*' 2>/dev/null); then
    [ "$tag" = "v$ver" ] || fail "the newest tag is $tag, --version $ver"
else
    echo "(no git tags here: the tag is not checked)"
fi
echo "ok: version $ver (CMakeLists.txt, CHANGELOG.md${tag:+, $tag})"
