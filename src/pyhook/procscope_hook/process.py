# SPDX-License-Identifier: MIT
"""Processes: spawn / start / exit / join / terminate / signalled, for the
fork, spawn and forkserver start methods, plus the helper processes
multiprocessing starts on its own (resource tracker, forkserver, manager).

Causal order: a child's proc.start never precedes its parent's proc.spawn.
fork: the child waits on a one-byte pipe the parent writes after its spawn
event. spawn: the parent emits as soon as the interpreter is started, before
it sends the pickled process (the child cannot start without it).
forkserver: the pid is read before the pickled process is sent.
The ring's fd is added to the fds a spawned interpreter keeps."""

import os

from procscope_hook import probe

HELPER = 2  # bit in proc.spawn/proc.start's `a`, beside bit 0 (daemon)

class _NoThreads:
    """Until multiprocessing.process is patched, no start is in progress."""
    starting = None


_tls = _NoThreads()  # a threading.local once patch() runs (threading is imported then)
_go = None  # (read fd, write fd) while a fork start is in progress


def _flags(proc):
    """proc.spawn/start's `a`: daemon bit and helper bit."""
    helper = getattr(proc, "_ps_helper", False)
    return (1 if proc.daemon else 0) | (HELPER if helper else 0)


def _number(proc):
    identity = getattr(proc, "_identity", ())
    return identity[-1] if identity else 0


def _emit_spawn(proc, pid):
    probe.emit_proc_spawn(_number(proc), pid, _flags(proc), proc.name)


def _helper_name(args):
    """The name of a helper interpreter multiprocessing starts, from its argv."""
    text = " ".join(str(a) for a in args)
    for key, name in (("resource_tracker", "resource_tracker"), ("forkserver", "forkserver")):
        if key in text:
            return name
    return os.path.basename(str(args[0])) if args else "helper"


def _start(orig):
    def start(self):
        """Process.start, with proc.spawn emitted before the child can start."""
        global _go
        target = getattr(self, "_target", None)
        if getattr(target, "__name__", "") == "_run_server":
            self._ps_helper = True  # a manager's server process
        state = _tls.starting = [self, False]
        go = os.pipe()
        _go = go
        try:
            return orig(self)
        finally:
            _tls.starting = None
            _go = None
            try:
                if self._popen is not None and not state[1]:
                    _emit_spawn(self, self.pid)
            finally:
                os.write(go[1], b"g")
                os.close(go[0])
                os.close(go[1])
    return start


def _bootstrap(orig):
    def bootstrap(self, *args, **kwargs):
        """The child's side: wait for the parent's spawn event, then start ... exit."""
        global _go
        go, _go = _go, None
        _tls.starting = None
        if go is not None:
            os.close(go[1])
            os.read(go[0], 1)
            os.close(go[0])
        set_role(self.name)
        probe.emit_proc_start(getattr(self, "_parent_pid", os.getppid()) or 0, _flags(self),
                              self.name)
        code = orig(self, *args, **kwargs)
        probe.emit_proc_exit(os.getpid(), code)
        return code
    return bootstrap


def _join(orig):
    def join(self, timeout=None):
        """Process.join, then proc.join with the exit code (b = 1: timed out)."""
        popen = self._popen
        if popen is not None and popen.returncode is None:
            probe.emit_wait_begin(0, popen.pid, probe.W["JOIN"], 0, None)
        orig(self, timeout)
        if popen is None:
            return
        code = popen.returncode
        probe.emit_proc_join(popen.pid, code or 0, 1 if code is None else 0)
    return join


def _send_signal(orig):
    def send_signal(self, sig):
        """terminate()/kill() (also at interpreter exit, for daemons): proc.terminate first."""
        if self.returncode is None:
            probe.emit_proc_terminate(self.pid, int(sig))
        return orig(self, sig)
    return send_signal


def _poll(orig):
    def poll(self, *args, **kwargs):
        """Popen.poll: proc.signalled when the child is found killed by a signal."""
        was = self.returncode
        code = orig(self, *args, **kwargs)
        if was is None and code is not None and code < 0:
            probe.emit_proc_signalled(self.pid, -code)
        return code
    return poll


def _spawnv_passfds(orig):
    def spawnv_passfds(path, args, passfds):
        """Start an interpreter keeping the ring's fd; emit its spawn at once."""
        ring = probe.ring_fd()
        if ring is not None:
            passfds = tuple(passfds) + (ring,)
        pid = orig(path, args, passfds)
        state = getattr(_tls, "starting", None)
        if state is not None and any("spawn_main" in str(a) for a in args):
            _emit_spawn(state[0], pid)
            state[1] = True
        else:
            probe.emit_proc_spawn(0, pid, HELPER, _helper_name(args))
        return pid
    return spawnv_passfds


def _forkserver_launch(popen_forkserver):
    """popen_forkserver.Popen._launch, reading the pid before sending the
    pickled process, so the parent's spawn event comes first."""
    io = popen_forkserver.io
    spawn = popen_forkserver.spawn
    reduction = popen_forkserver.reduction
    forkserver = popen_forkserver.forkserver
    util = popen_forkserver.util

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        buf = io.BytesIO()
        popen_forkserver.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            popen_forkserver.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        self.pid = forkserver.read_signed(self.sentinel)
        state = getattr(_tls, "starting", None)
        if state is not None:
            _emit_spawn(state[0], self.pid)
            state[1] = True
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
    return _launch


def patch(name, module):
    """Patch one of the process-related multiprocessing modules."""
    global _tls
    if name == "multiprocessing.process":
        import threading
        if isinstance(_tls, _NoThreads):
            _tls = threading.local()
        cls = module.BaseProcess
        cls.start = _start(cls.start)
        cls._bootstrap = _bootstrap(cls._bootstrap)
        cls.join = _join(cls.join)
    elif name == "multiprocessing.util":
        module.spawnv_passfds = _spawnv_passfds(module.spawnv_passfds)
    elif name == "multiprocessing.popen_fork":
        module.Popen._send_signal = _send_signal(module.Popen._send_signal)
        module.Popen.poll = _poll(module.Popen.poll)
    elif name == "multiprocessing.popen_forkserver":
        module.Popen.poll = _poll(module.Popen.poll)
        if hasattr(module.forkserver, "read_signed"):
            module.Popen._launch = _forkserver_launch(module)


def set_role(name):
    """Name this process's OS title after its multiprocessing name (as `ps` shows)."""
    try:
        with open("/proc/self/comm", "w") as f:
            f.write(name[:15])
    except OSError:
        pass


def install_role():
    """In a helper interpreter (resource tracker, forkserver), say it started."""
    try:
        with open("/proc/self/cmdline", "rb") as f:
            cmdline = f.read().decode("utf-8", "replace")
    except OSError:
        return
    if "from multiprocessing." not in cmdline or "spawn_main" in cmdline:
        return
    name = _helper_name([cmdline])
    probe.emit_proc_start(os.getppid(), HELPER, name)
    set_role(name)
