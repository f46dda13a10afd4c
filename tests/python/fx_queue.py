# SPDX-License-Identifier: MIT
"""Queues: a bounded and an unbounded queue, put/get/empty/qsize across processes."""

import multiprocessing as mp

import fx_common


def producer(q, n):
    for i in range(n):
        q.put(i * 10)


if __name__ == "__main__":
    fx_common.method()
    bounded = mp.Queue(3)
    free = mp.Queue()
    p = mp.Process(target=producer, args=(bounded, 5))
    p.start()
    got = [bounded.get() for _ in range(5)]
    p.join()
    free.put("x")
    print("got", got, free.get(), free.empty(), free.qsize())
