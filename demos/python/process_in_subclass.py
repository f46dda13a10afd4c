# SPDX-License-Identifier: MIT
"""subclass: ten processes of a Process subclass with its own run()."""

import multiprocessing


class MyProcess(multiprocessing.Process):
    def run(self):
        print("called run method in %s" % self.name)


if __name__ == "__main__":
    for _ in range(10):
        process = MyProcess()
        process.start()
        process.join()
