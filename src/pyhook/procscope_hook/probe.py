# SPDX-License-Identifier: MIT
"""The probe as Python sees it: `emit(type, obj, peer, a, b[, text])`, `new_id()`
and the event type numbers, taken by name from the vocabulary the native side
was built with. Prefers the _psprobe extension; falls back to ctypes over
libps_probe.so (about ten times slower) with a one-line warning."""

import os
import sys

emit = None
new_id = None
backend = None
lock_acquire = None  # the extension's lock fast path (None with ctypes)
lock_release = None
W = {}  # wait kinds by name (RECV, GET, JOIN, SLEEP, BARRIER, ...), for emit_wait_begin
T = {}

_BIN_ENV = "PROCSCOPE_PYHOOK_BIN"


def _load_extension(folder):
    """The _psprobe extension from `folder`, or None (sys.path is left as it was)."""
    if not folder:
        return None
    sys.path.insert(0, folder)
    try:
        import _psprobe
    finally:
        sys.path.remove(folder)
    return _psprobe


class _CtypesProbe:
    """The same calls as the extension, through ctypes over libps_probe.so."""

    def __init__(self, path):
        import ctypes
        lib = ctypes.CDLL(path)
        lib.ps_probe_lib_emit.argtypes = [ctypes.c_int, ctypes.c_uint32, ctypes.c_int32,
                                          ctypes.c_int64, ctypes.c_int64, ctypes.c_char_p,
                                          ctypes.c_size_t]
        lib.ps_probe_lib_new_id.restype = ctypes.c_uint32
        lib.ps_probe_lib_type_name.restype = ctypes.c_char_p
        lib.ps_probe_lib_wait_name.restype = ctypes.c_char_p
        self._lib = lib
        self._emit = lib.ps_probe_lib_emit

    def emit(self, type_, obj, peer, a, b, text=None):
        if text is not None and not isinstance(text, bytes):
            text = text.encode("utf-8", "replace")
        return self._emit(type_, obj, peer, a, b, text, len(text) if text else 0)

    def new_id(self):
        return self._lib.ps_probe_lib_new_id()

    def active(self):
        return bool(self._lib.ps_probe_lib_active())

    def echo(self):
        return bool(self._lib.ps_probe_lib_echo())

    def type_names(self):
        n = self._lib.ps_probe_lib_type_count()
        return tuple(self._lib.ps_probe_lib_type_name(i).decode() for i in range(n))

    def emitters(self):
        """emit_<lower> for every type, from the fields the vocabulary says it uses."""
        table = {}
        for number, name in enumerate(self.type_names()):
            if name != "unknown":
                table["emit_" + name.replace(".", "_")] = self._typed(
                    number, self._lib.ps_probe_lib_type_mask(number))
        return table

    def _typed(self, number, mask):
        emit = self.emit

        def typed(*args):
            values, k = [0, 0, 0, 0], 0
            for field in range(4):
                if mask >> field & 1:
                    values[field] = args[k]
                    k += 1
            return emit(number, *values, args[k] if mask & 16 else None)
        return typed

    def wait_kinds(self):
        kinds = {}
        for number in range(1, 64):
            name = self._lib.ps_probe_lib_wait_name(number)
            if name:
                kinds[name.decode().upper()] = number
        return kinds


def _open(folder, force_ctypes):
    """The extension module, or the ctypes binding (with a warning), or None."""
    if not force_ctypes:
        try:
            mod = _load_extension(folder)
            if mod is not None:
                return mod, "extension"
        except ImportError:
            pass
    try:
        probe = _CtypesProbe(os.path.join(folder, "libps_probe.so"))
    except OSError:
        sys.stderr.write("procscope: neither _psprobe nor libps_probe.so found in %s; "
                         "no Python events\n" % folder)
        return None, None
    if not force_ctypes:
        sys.stderr.write("procscope: the _psprobe extension is missing; Python events go "
                         "through ctypes (slower)\n")
    return probe, "ctypes"


def load(force_ctypes=None):
    """Bind the probe; True when a ring listens. Safe to call again."""
    global emit, new_id, backend, echo, lock_acquire, lock_release
    if backend is not None:
        return True
    folder = os.environ.get(_BIN_ENV, "")
    if force_ctypes is None:
        force_ctypes = os.environ.get("PROCSCOPE_PYHOOK_CTYPES") == "1"
    mod, kind = _open(folder, force_ctypes)
    if mod is None or not mod.active():
        return False
    emit, new_id, backend, echo = mod.emit, mod.new_id, kind, mod.echo
    lock_acquire = getattr(mod, "lock_acquire", None)
    lock_release = getattr(mod, "lock_release", None)
    for number, name in enumerate(mod.type_names()):
        T[name] = number
    if kind == "extension":
        names = [n for n in dir(mod) if n.startswith(("emit_", "WAIT_"))]
        table = {n: getattr(mod, n) for n in names if n.startswith("emit_")}
        W.update({n[5:]: getattr(mod, n) for n in names if n.startswith("WAIT_")})
    else:
        table = mod.emitters()
        W.update(mod.wait_kinds())
    globals().update(table)  # emit_pipe_send(pipe, bytes, end, value), ...
    return True


def ring_fd():
    """The ring's inherited fd (to pass to spawned interpreters), or None."""
    try:
        return int(os.environ["PROCSCOPE_RING_FD"])
    except (KeyError, ValueError):
        return None


def preview(value, limit=48):
    """A short repr of `value` for an event's text."""
    try:
        text = repr(value)
    except Exception:
        text = "<%s>" % type(value).__name__
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


_SKIP = ("multiprocessing.context",)


def user_made(depth=2):
    """True when the object being made was asked for by the program itself,
    not by multiprocessing's own machinery (a Queue's pipe and locks, a
    Pool's queues): the first caller outside the hook and the context module
    decides."""
    frame = sys._getframe(depth)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name in _SKIP or name.startswith("procscope_hook"):
            frame = frame.f_back
            continue
        return not (name == "multiprocessing" or name.startswith("multiprocessing.")
                    or name.startswith("concurrent."))
    return False
