# SPDX-License-Identifier: MIT
"""Pools the program makes: pool.new (workers), one lane per worker process,
pool.submit per task as the pool's task thread hands it to the workers
(a map chunk counts its items), pool.start / pool.done in the worker around
the task, close and terminate. The pool's own queues and threads stay
silent. ThreadPool is not covered."""

from procscope_hook import probe

_lanes = {}  # id(pool._pool) -> [pool id, last lane]
_mapstars = ()


class PsTask:
    """A pool task's function, wrapped so the worker reports start and done."""

    __slots__ = ("func", "pool", "task", "items")

    def __init__(self, func, pool, task, items):
        self.func, self.pool, self.task, self.items = func, pool, task, items

    def __call__(self, *args, **kwargs):
        probe.emit_pool_start(self.pool, self.task, self.items)
        try:
            return self.func(*args, **kwargs)
        finally:
            probe.emit_pool_done(self.pool, self.task, self.items)

    def __reduce__(self):
        return (PsTask, (self.func, self.pool, self.task, self.items))


def _items(func, args):
    """How many input items one task carries (a map chunk's length, else 1)."""
    if func in _mapstars and args and len(args[0]) == 2:
        try:
            return len(args[0][1])
        except TypeError:
            return 1
    return 1


def _quick_put(pool, put):
    """The pool's put onto its task queue, numbering and reporting each task."""
    counter = [0]

    def quick_put(task):
        if isinstance(task, tuple) and len(task) == 5:
            job, i, func, args, kwds = task
            counter[0] += 1
            items = _items(func, args)
            probe.emit_pool_submit(pool._ps, counter[0], items)
            task = (job, i, PsTask(func, pool._ps, counter[0], items), args, kwds)
        return put(task)
    return quick_put


def _init(orig, thread_pool):
    def __init__(self, processes=None, *args, **kwargs):
        if isinstance(self, thread_pool) or not probe.user_made():
            return orig(self, processes, *args, **kwargs)
        import os
        self._ps = probe.new_id()
        count = processes if processes is not None else (os.cpu_count() or 1)
        probe.emit_pool_new(self._ps, count)
        return orig(self, processes, *args, **kwargs)
    return __init__


def _setup_queues(orig):
    def _setup_queues(self):
        orig(self)
        if self.__dict__.get("_ps") is not None:
            self._quick_put = _quick_put(self, self._quick_put)
    return _setup_queues


def _repopulate(orig):
    def _repopulate_pool(self):
        if self.__dict__.get("_ps") is not None:
            _lanes.setdefault(id(self._pool), [self._ps, 0])
        return orig(self)
    return _repopulate_pool


def _repopulate_static(orig):
    def _repopulate_pool_static(ctx, Process, processes, pool, *args, **kwargs):
        known = {id(w) for w in pool}
        result = orig(ctx, Process, processes, pool, *args, **kwargs)
        lane = _lanes.get(id(pool))
        if lane is not None:
            for w in pool:
                if id(w) not in known:
                    lane[1] += 1
                    probe.emit_pool_worker(lane[0], w.pid, lane[1])
        return result
    return staticmethod(_repopulate_pool_static)


def _simple(orig, event):
    def method(self, *args, **kwargs):
        obj = self.__dict__.get("_ps")
        if obj is not None and not self.__dict__.get("_ps_" + event):
            self.__dict__["_ps_" + event] = True
            getattr(probe, "emit_" + event.replace(".", "_"))(obj)
        return orig(self, *args, **kwargs)
    return method


def patch(name, module):
    """Patch multiprocessing.pool."""
    global _mapstars
    _mapstars = (module.mapstar, module.starmapstar)
    cls = module.Pool
    cls.__init__ = _init(cls.__init__, module.ThreadPool)
    cls._setup_queues = _setup_queues(cls._setup_queues)
    cls._repopulate_pool = _repopulate(cls._repopulate_pool)
    cls._repopulate_pool_static = _repopulate_static(cls._repopulate_pool_static)
    cls.close = _simple(cls.close, "pool.close")
    cls.terminate = _simple(cls.terminate, "pool.terminate")
