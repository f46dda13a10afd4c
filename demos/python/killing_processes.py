# SPDX-License-Identifier: MIT
"""kill: start a counting process, terminate it, join it, read its exit code."""

import multiprocessing
import time


def counting():
    print("Starting function")
    for i in range(10):
        print("-->%d\n" % i)
        time.sleep(1)
    print("Finished function")


if __name__ == "__main__":
    p = multiprocessing.Process(target=counting)
    print("Process before execution:", p, p.is_alive())
    p.start()
    print("Process running:", p, p.is_alive())
    p.terminate()
    print("Process terminated:", p, p.is_alive())
    p.join()
    print("Process joined:", p, p.is_alive())
    print("Process exit code:", p.exitcode)
