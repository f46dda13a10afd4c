# SPDX-License-Identifier: MIT
"""pool: Pool(4).map(square, 0..99), in chunks of 7."""

import multiprocessing


def square(x):
    return x * x


if __name__ == "__main__":
    pool = multiprocessing.Pool(processes=4)
    results = pool.map(square, list(range(100)))
    pool.close()
    pool.join()
    print("Pool    :", results)
