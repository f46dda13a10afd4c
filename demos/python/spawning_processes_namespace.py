# SPDX-License-Identifier: MIT
"""namespace: as spawn, with myFunc taken from its own module."""

import multiprocessing

import myFunc

if __name__ == "__main__":
    for i in range(6):
        process = multiprocessing.Process(target=myFunc.myFunc, args=(i,))
        process.start()
        process.join()
