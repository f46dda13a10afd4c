# SPDX-License-Identifier: MIT
"""derom: a daemon and a non-daemon run one function; main sleeps 2 s and
ends without joining, so the daemon is terminated."""

import multiprocessing
import time


def count():
    name = multiprocessing.current_process().name
    print("Starting process: %s" % name)
    if name == "background_process":
        numbers = range(0, 5)
    else:
        numbers = range(5, 9)
    for i in numbers:
        print("%s ---> %d" % (name, i))
        time.sleep(1)
    print("Exiting process: %s" % name)


if __name__ == "__main__":
    daemon = multiprocessing.Process(name="background_process", target=count, daemon=True)
    other = multiprocessing.Process(name="non_background_process", target=count, daemon=False)
    daemon.start()
    other.start()
    time.sleep(2)
