# SPDX-License-Identifier: MIT
"""myFunc: the function both spawning demos run (alone it prints nothing)."""


def myFunc(i):
    print("calling myFunc from process n°: %s" % i)
    for j in range(i):
        print("output from myFunc is :%s" % j)
