# SPDX-License-Identifier: MIT
"""naming: an explicitly named process beside a default-named one."""

import multiprocessing
import time


def announce():
    name = multiprocessing.current_process().name
    print("Starting process name = %s \n" % name)
    time.sleep(3)
    print("Exiting process name = %s \n" % name)


if __name__ == "__main__":
    named = multiprocessing.Process(name="myFunc process", target=announce)
    unnamed = multiprocessing.Process(target=announce)
    named.start()
    unnamed.start()
    named.join()
    unnamed.join()
