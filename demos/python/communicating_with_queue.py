# SPDX-License-Identifier: MIT
"""queue: a producer and a consumer share one queue; the consumer's first
empty() check races the producer's first put."""

import multiprocessing
import random
import time


class producer(multiprocessing.Process):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def run(self):
        for _ in range(10):
            item = random.randint(0, 256)
            self.queue.put(item)
            print("Process Producer : item %d appended to queue %s" % (item, self.name))
            time.sleep(1)
            print("The size of queue is %s" % self.queue.qsize())


class consumer(multiprocessing.Process):
    def __init__(self, queue):
        super().__init__()
        self.queue = queue

    def run(self):
        while not self.queue.empty():
            time.sleep(2)
            item = self.queue.get()
            print("Process Consumer : item %d popped%sfrom by %s \n"
                  % (item, " " * 25, self.name))
            time.sleep(1)
        print("the queue is empty")


if __name__ == "__main__":
    queue = multiprocessing.Queue()
    workers = [producer(queue), consumer(queue)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
