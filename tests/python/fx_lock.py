# SPDX-License-Identifier: MIT
"""Locks: a Lock used with `with` by two processes, acquire/release by hand,
an RLock taken twice (one hold), and a Queue whose internal locks stay silent."""

import multiprocessing as mp

import fx_common


def work(lock, rlock):
    with lock:
        pass
    with rlock:
        with rlock:
            pass


if __name__ == "__main__":
    fx_common.method()
    lock = mp.Lock()
    rlock = mp.RLock()
    p = mp.Process(target=work, args=(lock, rlock))
    p.start()
    p.join()
    lock.acquire()
    lock.release()
    print("locked")
