# SPDX-License-Identifier: MIT
"""Pipes: Pipe(duplex) made by the program gets a session id; each end (0 and
1, in the order Pipe returns them) reports send / recv (bytes pickled, value
preview), close and EOF. The id travels with a pickled end, so an end passed
to a spawned child is the same channel. Pipes multiprocessing makes for
itself (inside Queue, Pool, managers) stay silent."""

from procscope_hook import probe

_dumps = None
_loads = None


def _tag(conn):
    return conn.__dict__.get("_ps") if hasattr(conn, "__dict__") else None


def _pipe(orig):
    def Pipe(duplex=True):
        """connection.Pipe, tagging both ends when the program asked for it."""
        ends = orig(duplex)
        if probe.user_made():
            obj = probe.new_id()
            probe.emit_pipe_open(obj, 1 if duplex else 0)
            for end, conn in enumerate(ends):
                conn._ps = (obj, end)
        return ends
    return Pipe


def _send(orig):
    def send(self, obj):
        tag = _tag(self)
        if tag is None:
            return orig(self, obj)
        self._check_closed()
        self._check_writable()
        buf = _dumps(obj)
        probe.emit_pipe_send(tag[0], len(buf), tag[1], probe.preview(obj))
        self._send_bytes(buf)
    return send


def _recv(orig):
    def recv(self):
        tag = _tag(self)
        if tag is None:
            return orig(self)
        self._check_closed()
        self._check_readable()
        probe.emit_wait_begin(tag[0], 0, probe.W["RECV"], 0, None)
        try:
            buf = self._recv_bytes()
        except EOFError:
            probe.emit_pipe_eof(tag[0], tag[1])
            raise
        view = buf.getbuffer()
        value = _loads(view)
        probe.emit_pipe_recv(tag[0], view.nbytes, tag[1], probe.preview(value))
        return value
    return recv


def _close(orig):
    def close(self):
        tag = _tag(self)
        if tag is not None and not self.closed:
            probe.emit_pipe_close(tag[0], tag[1])
        return orig(self)
    return close


def rebuild(fn, args, tag):
    """Unpickle a tagged connection end: the real end, with its id."""
    conn = fn(*args)
    conn._ps = tag
    return conn


def _reducer(orig):
    def reduce_connection(conn):
        fn, args = orig(conn)
        tag = _tag(conn)
        return (fn, args) if tag is None else (rebuild, (fn, args, tag))
    return reduce_connection


def patch(name, module):
    """Patch multiprocessing.connection."""
    global _dumps, _loads
    _dumps = module._ForkingPickler.dumps
    _loads = module._ForkingPickler.loads
    module.Pipe = _pipe(module.Pipe)
    base = module._ConnectionBase
    base.send = _send(base.send)
    base.recv = _recv(base.recv)
    base.close = _close(base.close)
    reducers = module.reduction.ForkingPickler._extra_reducers
    if module.Connection in reducers:
        reducers[module.Connection] = _reducer(reducers[module.Connection])
