# SPDX-License-Identifier: MIT
"""The Python side of `procscope bench python` (not part of the hook).

Run twice by the benchmark, under the supervisor: `hooked` (the hook loaded,
events going to the ring) and `plain` (--python=off). Prints one "key value"
line per figure, medians of several rounds, in CPU nanoseconds per operation."""

import multiprocessing as mp
import os
import sys
import time

ROUNDS = 5
# CPU time of the whole process (every thread: a Queue's feeder too), not wall
# time: on a shared, loaded machine the wait for a core stays out of the figures.
_now = time.process_time_ns


def _median(values):
    values = sorted(values)
    return values[len(values) // 2]


def _per_op(fn, n):
    """Median over ROUNDS of fn(n)'s time divided by n."""
    return _median([fn(n) / n for _ in range(ROUNDS)])


def _emit_loop(emit, mark):
    def run(n):
        start = _now()
        for i in range(n):
            emit(mark, 0, 0, i, 0)
        return _now() - start
    return run


def _empty_loop(n):
    start = _now()
    for i in range(n):
        pass
    return _now() - start


def _pipe(n):
    a, b = mp.Pipe()
    start = _now()
    for i in range(n):
        a.send(i)
        b.recv()
    took = _now() - start
    a.close()
    b.close()
    return took


def _queue(n):
    q = mp.Queue()
    start = _now()
    for i in range(n):
        q.put(i)
        q.get()
    took = _now() - start
    q.close()
    q.join_thread()
    return took


def _lock(n):
    lock = mp.Lock()
    start = _now()
    for _ in range(n):
        with lock:
            pass
    return _now() - start


def _emitters():
    """Figures for the extension and ctypes (hooked run only)."""
    from procscope_hook import probe
    loop = _empty_loop
    print("empty_loop_ns %.1f" % _per_op(loop, 200000))
    mark = probe.T["mark"]
    # 5 rounds x 10000 events stay within the session ring (65536 slots) even if the
    # supervisor drains late, so a full ring's bounded wait never enters the figure.
    ext = _per_op(_emit_loop(probe.emit, mark), 10000) if probe.backend == "extension" else -1
    print("extension_ns %.1f" % ext)
    folder = os.environ.get("PROCSCOPE_PYHOOK_BIN", "")
    slow = probe._CtypesProbe(os.path.join(folder, "libps_probe.so"))
    print("ctypes_ns %.1f" % _per_op(_emit_loop(slow.emit, mark), 1000))
    print("startup_ns %d" % getattr(sys.modules.get("sitecustomize"), "_ps_startup_ns", -1))


def main():
    hooked = len(sys.argv) > 1 and sys.argv[1] == "hooked"
    if hooked:
        _emitters()
    print("pipe_ns %.1f" % _per_op(_pipe, 2000))
    print("queue_ns %.1f" % _per_op(_queue, 500))
    print("lock_ns %.1f" % _per_op(_lock, 10000))


if __name__ == "__main__":
    main()
