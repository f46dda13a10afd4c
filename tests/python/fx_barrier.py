# SPDX-License-Identifier: MIT
"""Barriers: two processes meet at Barrier(2) twice (generations 0 and 1);
then a barrier broken by abort()."""

import multiprocessing as mp
import threading

import fx_common


def meet(barrier):
    barrier.wait()
    barrier.wait()


def broken(barrier):
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        print("broken")


if __name__ == "__main__":
    fx_common.method()
    b = mp.Barrier(2)
    ps = [mp.Process(target=meet, args=(b,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    b2 = mp.Barrier(3, timeout=0.2)
    p = mp.Process(target=broken, args=(b2,))
    p.start()
    p.join()
    print("met")
