# SPDX-License-Identifier: MIT
"""Process lifecycle: start, exit codes, join with timeout, terminate, kill,
a daemon terminated at interpreter exit."""

import multiprocessing as mp
import sys
import time

import fx_common


def quick(code):
    sys.exit(code)


def forever():
    while True:
        time.sleep(0.05)


if __name__ == "__main__":
    fx_common.method()
    a = mp.Process(target=quick, args=(3,), name="quick")
    a.start()
    a.join()
    b = mp.Process(target=forever, name="victim")
    b.start()
    b.join(0.01)  # times out
    b.terminate()
    b.join()
    c = mp.Process(target=forever, name="killed")
    c.start()
    c.kill()
    c.join()
    d = mp.Process(target=forever, name="daemon", daemon=True)
    d.start()
    print("codes", a.exitcode, b.exitcode, c.exitcode)
