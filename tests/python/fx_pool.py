# SPDX-License-Identifier: MIT
"""Pools: map (chunks), map_async, apply_async, imap, close, join; then a
pool ended by terminate (the context manager)."""

import multiprocessing as mp

import fx_common


def square(x):
    return x * x


if __name__ == "__main__":
    fx_common.method()
    pool = mp.Pool(2)
    a = pool.map(square, range(10), chunksize=3)
    b = pool.map_async(square, [1, 2]).get()
    c = pool.apply_async(square, (7,)).get()
    d = list(pool.imap(square, range(3)))
    pool.close()
    pool.join()
    with mp.Pool(1) as p2:
        e = p2.apply(square, (3,))
    print(a, b, c, d, e)
