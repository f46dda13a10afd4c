#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every source file of the project carries an SPDX licence line near its top:
# .c .h .cpp .hpp .sh .py .cmake, CMakeLists.txt, the Makefile and .ci/run.
set -euo pipefail
src=${PS_SOURCE_DIR:?PS_SOURCE_DIR must name the source tree}
cd "$src"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files -- '*.c' '*.h' '*.cpp' '*.hpp' '*.sh' '*.py' '*.cmake' '*.in' \
            'CMakeLists.txt' '*/CMakeLists.txt' 'Makefile' '.ci/run')
else
    files=$(find . -path ./build -prune -o -path './build-*' -prune -o -type f \
            \( -name '*.[ch]' -o -name '*.[ch]pp' -o -name '*.sh' -o -name '*.py' \
            -o -name '*.cmake' -o -name '*.in' -o -name CMakeLists.txt -o -name Makefile \) \
            -print)
fi
missing=0
checked=0
for f in $files; do
    [ -f "$f" ] || continue
    checked=$((checked + 1))
    if ! head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT'; then
        echo "no SPDX-License-Identifier line in the first lines of $f"
        missing=$((missing + 1))
    fi
done
[ "$checked" -gt 100 ] || { echo "only $checked source files found in $src"; exit 1; }
[ "$missing" -eq 0 ] || exit 1
echo "spdx: all $checked source files carry SPDX-License-Identifier: MIT"
