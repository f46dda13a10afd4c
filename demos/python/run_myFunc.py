# SPDX-License-Identifier: MIT
"""myfunc: one child runs myFunc(i) (i from the command line, default 5)."""

import multiprocessing
import sys

from myFunc import myFunc

if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    child = multiprocessing.Process(target=myFunc, args=(n,))
    child.start()
    child.join()
