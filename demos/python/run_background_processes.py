# SPDX-License-Identifier: MIT
"""background: a daemon terminated as main returns, a non-daemon that completes."""

import multiprocessing
import time


def work():
    name = multiprocessing.current_process().name
    print("Starting %s \n" % name)
    first = 0 if name == "background_process" else 5
    for i in range(first, first + 5):
        print("---> %d \n" % i)
    time.sleep(1)
    print("Exiting %s \n" % name)


if __name__ == "__main__":
    background = multiprocessing.Process(name="background_process", target=work, daemon=True)
    foreground = multiprocessing.Process(name="NO_background_process", target=work)
    background.start()
    foreground.start()
