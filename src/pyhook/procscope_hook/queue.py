# SPDX-License-Identifier: MIT
"""Queues: a Queue the program makes gets a session id; put / get / empty
report the depth (items put and not yet got), put before the item can reach
the pipe, get once it is out. An unbounded queue reports capacity 0
("unbounded"), not the semaphore's 2147483647. The id travels with a pickled
queue. JoinableQueue and SimpleQueue are not covered (they stay silent)."""

from procscope_hook import probe

_MARK = "__procscope_queue__"
_dumps = None
_full = None
_sem_max = None


def _depth(q):
    """Items put and not yet taken, from the queue's bounding semaphore."""
    try:
        return q._maxsize - q._sem._semlock._get_value()
    except (AttributeError, NotImplementedError, OSError):
        return 0


def _watch_reader(q):
    """Let get() know how many bytes it read (the last message's size)."""
    recv = q._reader.recv_bytes

    def recv_bytes(*args):
        buf = recv(*args)
        q._ps_bytes = len(buf)
        return buf
    q._recv_bytes = recv_bytes


def _init(orig):
    def __init__(self, maxsize=0, *, ctx):
        orig(self, maxsize, ctx=ctx)
        if type(self).__name__ != "Queue" or not probe.user_made():
            return
        self._ps = probe.new_id()
        cap = 0 if self._maxsize >= _sem_max else self._maxsize
        probe.emit_queue_open(self._ps, cap)
        _watch_reader(self)
    return __init__


def _put(orig):
    def put(self, obj, block=True, timeout=None):
        obj_id = self.__dict__.get("_ps")
        if obj_id is None:
            return orig(self, obj, block, timeout)
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if not self._sem.acquire(block, timeout):
            raise _full
        probe.emit_queue_put(obj_id, _depth(self), len(_dumps(obj)), probe.preview(obj))
        with self._notempty:
            if self._thread is None:
                self._start_thread()
            self._buffer.append(obj)
            self._notempty.notify()
    return put


def _get(orig):
    def get(self, block=True, timeout=None):
        obj_id = self.__dict__.get("_ps")
        if obj_id is not None and block:
            probe.emit_wait_begin(obj_id, 0, probe.W["GET"], 0, None)
        value = orig(self, block, timeout)
        if obj_id is not None:
            probe.emit_queue_get(obj_id, _depth(self), self.__dict__.get("_ps_bytes", 0),
                                 probe.preview(value))
        return value
    return get


def _empty(orig):
    def empty(self):
        answer = orig(self)
        obj_id = self.__dict__.get("_ps")
        if obj_id is not None:
            probe.emit_queue_empty(obj_id, 1 if answer else 0, _depth(self))
        return answer
    return empty


def _reset(orig):
    def _reset(self, *args, **kwargs):
        orig(self, *args, **kwargs)
        if self.__dict__.get("_ps") is not None:
            _watch_reader(self)
    return _reset


def _getstate(orig):
    def __getstate__(self):
        state = orig(self)
        obj_id = self.__dict__.get("_ps")
        return state if obj_id is None else (_MARK, obj_id, state)
    return __getstate__


def _setstate(orig):
    def __setstate__(self, state):
        if len(state) == 3 and state[0] == _MARK:
            self._ps = state[1]
            state = state[2]
        orig(self, state)
    return __setstate__


def patch(name, module):
    """Patch multiprocessing.queues."""
    global _dumps, _full, _sem_max
    import _multiprocessing
    _sem_max = _multiprocessing.SemLock.SEM_VALUE_MAX
    _dumps = module._ForkingPickler.dumps
    _full = module.Full
    cls = module.Queue
    cls.__init__ = _init(cls.__init__)
    cls.put = _put(cls.put)
    cls.get = _get(cls.get)
    cls.empty = _empty(cls.empty)
    cls._reset = _reset(cls._reset)
    cls.__getstate__ = _getstate(cls.__getstate__)
    cls.__setstate__ = _setstate(cls.__setstate__)
