# SPDX-License-Identifier: MIT
"""Locks and barriers the program makes: Lock/RLock report new / want /
acquired (wait ns) / released (held ns), also through `with`; Barrier reports
new, arrive (index, generation), release (wait ns) and broken. A tagged object
becomes an instance of a subclass defined here (so untagged ones, such as a
Queue's internal locks, pay nothing); the subclass and the id travel with
pickling. Semaphore, Event and Condition are not covered."""

import threading
import time

from procscope_hook import probe

_now = time.monotonic_ns
_classes = {}


def _lock_class(base, reentrant):
    """A subclass of synchronize.Lock or RLock that reports its use."""

    class PsLock(base):
        def _make_methods(self):
            pass  # acquire/release are the methods below, not the SemLock's

        def acquire(self, block=True, timeout=None):
            obj = self._ps
            if reentrant and self._semlock._is_mine():
                return self._semlock.acquire(block, timeout)
            probe.emit_lock_want(obj)
            start = _now()
            got = self._semlock.acquire(block, timeout)
            if got:
                self._ps_since = _now()
                probe.emit_lock_acquired(obj, self._ps_since - start, 0)
            return got

        def release(self):
            if not reentrant or self._semlock._count() == 1:
                held = _now() - self.__dict__.get("_ps_since", _now())
                probe.emit_lock_released(self._ps, held)
            self._semlock.release()

        def __enter__(self):
            return self.acquire()

        def __exit__(self, *args):
            self.release()

        def __getstate__(self):
            return (super().__getstate__(), self._ps)

        def __setstate__(self, state):
            super().__setstate__(state[0])
            self._ps = state[1]

    if not reentrant and probe.lock_acquire is not None:
        # The extension's fast path: want/acquired/released and the times in C.
        fast_acquire, fast_release = probe.lock_acquire, probe.lock_release

        def acquire(self, block=True, timeout=None):
            return fast_acquire(self._semlock, self._ps, block, timeout)

        def release(self):
            fast_release(self._semlock, self._ps)

        def __enter__(self):
            return fast_acquire(self._semlock, self._ps)

        def __exit__(self, *args):
            fast_release(self._semlock, self._ps)

        PsLock.acquire, PsLock.release = acquire, release
        PsLock.__enter__, PsLock.__exit__ = __enter__, __exit__
    PsLock.__name__ = PsLock.__qualname__ = "Ps" + base.__name__
    return PsLock


def _barrier_class(base):
    """A subclass of synchronize.Barrier that reports arrivals and releases."""

    class PsBarrier(base):
        def wait(self, timeout=None):
            if timeout is None:
                timeout = self._timeout
            obj, gen = self._ps, self._ps_gen
            with self._cond:
                self._enter()
                index = self._count
                self._count += 1
                generation = gen.value
                probe.emit_barrier_arrive(obj, index, generation)
                start = _now()
                try:
                    if index + 1 == self._parties:
                        gen.value = generation + 1
                        self._release()
                    else:
                        probe.emit_wait_begin(obj, 0, probe.W["BARRIER"], index + 1,
                                              "%d of %d arrived" % (index + 1, self._parties))
                        self._wait(timeout)
                    probe.emit_barrier_release(obj, _now() - start, generation)
                    return index
                except threading.BrokenBarrierError:
                    probe.emit_barrier_broken(obj, self._count)
                    raise
                finally:
                    self._count -= 1
                    self._exit()

        def __getstate__(self):
            return (super().__getstate__(), self._ps, self._ps_gen)

        def __setstate__(self, state):
            super().__setstate__(state[0])
            self._ps, self._ps_gen = state[1], state[2]

    PsBarrier.__name__ = PsBarrier.__qualname__ = "PsBarrier"
    return PsBarrier


def _lock_init(orig, name):
    def __init__(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if type(self).__name__ != name or not probe.user_made():
            return
        self.__class__ = _classes[name]
        for attr in ("acquire", "release"):
            self.__dict__.pop(attr, None)
        self._ps = probe.new_id()
        probe.emit_lock_new(self._ps)
    return __init__


def _barrier_init(orig):
    def __init__(self, parties, action=None, timeout=None, *, ctx):
        orig(self, parties, action, timeout, ctx=ctx)
        if type(self).__name__ != "Barrier" or not probe.user_made():
            return
        from multiprocessing.sharedctypes import RawValue
        self._ps_gen = RawValue("i", 0)
        self.__class__ = _classes["Barrier"]
        self._ps = probe.new_id()
        probe.emit_barrier_new(self._ps, parties)
    return __init__


def patch(name, module):
    """Patch multiprocessing.synchronize."""
    for cls_name, reentrant in (("Lock", False), ("RLock", True)):
        base = getattr(module, cls_name)
        _classes[cls_name] = _lock_class(base, reentrant)
        base.__init__ = _lock_init(base.__init__, cls_name)
    _classes["Barrier"] = _barrier_class(module.Barrier)
    module.Barrier.__init__ = _barrier_init(module.Barrier.__init__)
    globals()["PsLock"] = _classes["Lock"]
    globals()["PsRLock"] = _classes["RLock"]
    globals()["PsBarrier"] = _classes["Barrier"]


def __getattr__(name):
    """The subclasses exist once multiprocessing.synchronize is patched:
    unpickling one in a fresh interpreter imports it here first."""
    if name in ("PsLock", "PsRLock", "PsBarrier"):
        import multiprocessing.synchronize  # noqa: F401  (the hook patches it)
        if name in globals():
            return globals()[name]
    raise AttributeError(name)
