# SPDX-License-Identifier: MIT
"""shared_namespace: one child sets fields of a manager's Namespace, another
child and the parent read them."""

import multiprocessing


def setter(ns):
    ns.value = 42
    ns.name = "answer"
    ns.ratio = 0.5


def reader(ns):
    _ = (ns.value, ns.name, ns.ratio)


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        ns = manager.Namespace()
        for target in (setter, reader):
            child = multiprocessing.Process(target=target, args=(ns,))
            child.start()
            child.join()
        print("Namespace value: %d" % ns.value)
