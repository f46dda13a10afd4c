# SPDX-License-Identifier: MIT
"""barrier: two processes meet at a Barrier(2) then print under a Lock; two
others print at once."""

import multiprocessing
from datetime import datetime


def with_barrier(barrier, lock):
    name = multiprocessing.current_process().name
    barrier.wait()
    now = datetime.now()
    with lock:
        print("process %s ----> %s" % (name, now))


def without_barrier():
    name = multiprocessing.current_process().name
    print("process %s ----> %s" % (name, datetime.now()))


if __name__ == "__main__":
    barrier = multiprocessing.Barrier(2)
    lock = multiprocessing.Lock()
    for i in (1, 2):
        multiprocessing.Process(name="p%d - test_with_barrier" % i, target=with_barrier,
                                args=(barrier, lock)).start()
    for i in (3, 4):
        multiprocessing.Process(name="p%d - test_without_barrier" % i,
                                target=without_barrier).start()
