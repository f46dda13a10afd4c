#!/bin/sh
# SPDX-License-Identifier: MIT
# Regenerate the `procscope screen` golden files that tests/test_screen.c compares
# against, from the recordings in assets/. Run from anywhere after a build:
#     tests/golden/regen.sh [path/to/procscope]      (default: build/procscope)
# Then look at them by eye (git diff tests/golden) before committing.
set -eu
cd "$(dirname "$0")/../.."
procscope=${1:-build/procscope}
for pair in communicating_with_pipe:pipe communicating_with_queue:queue \
            processes_barrier:barrier process_pool:pool derom:derom; do
    rec=${pair%%:*}
    name=${pair##*:}
    LC_ALL=C.UTF-8 "$procscope" screen "assets/$rec.psrec" --view sequence --size 120x50 \
        > "tests/golden/sequence_$name.txt"
done
LC_ALL=C "$procscope" screen assets/communicating_with_pipe.psrec --view sequence --event 40 \
    > tests/golden/sequence_pipe_ascii_80x24.txt
LC_ALL=C.UTF-8 "$procscope" screen assets/processes_barrier.psrec --size 100x30 \
    > tests/golden/panes_barrier.txt
