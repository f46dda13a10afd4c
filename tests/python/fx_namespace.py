# SPDX-License-Identifier: MIT
"""Manager().Namespace(): a child sets, the parent reads; the manager is a helper."""

import multiprocessing as mp

import fx_common


def setter(ns):
    ns.value = 42


if __name__ == "__main__":
    fx_common.method()
    with mp.Manager() as manager:
        ns = manager.Namespace()
        p = mp.Process(target=setter, args=(ns,))
        p.start()
        p.join()
        print("Namespace value:", ns.value)
