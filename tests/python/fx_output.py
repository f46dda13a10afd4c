# SPDX-License-Identifier: MIT
"""Output: lines from the parent and a child (stdout and stderr), a partial
line completed later, a child that fails with a traceback, time.sleep, and
the main process's own exit status (argv[2])."""

import multiprocessing as mp
import sys
import time

import fx_common


def talk():
    print("child says", end="")
    print(" hello")
    print("child warns", file=sys.stderr)
    time.sleep(30)  # at --time-scale 0 this is no sleep at all


def fail():
    raise ValueError("boom in child")


if __name__ == "__main__":
    fx_common.method()
    print("parent first")
    p = mp.Process(target=talk)
    p.start()
    p.join()
    f = mp.Process(target=fail)
    f.start()
    f.join()
    print("failed child exit", f.exitcode)
    sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
