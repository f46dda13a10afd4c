# SPDX-License-Identifier: MIT
"""spawn: six processes run myFunc(0..5), each joined before the next starts."""

import multiprocessing


def myFunc(i):
    print("calling myFunc from process n°: %s" % i)
    for j in range(i):
        print("output from myFunc is :%s" % j)


if __name__ == "__main__":
    for i in range(6):
        process = multiprocessing.Process(target=myFunc, args=(i,))
        process.start()
        process.join()
