# SPDX-License-Identifier: MIT
"""Patch each multiprocessing module right after the program imports it (a
post-import hook on sys.meta_path), so nothing is imported on the program's
behalf and an interpreter that never uses multiprocessing pays nothing."""

import importlib
import sys

# module name -> "procscope_hook.<area>" whose patch(module) is called after it runs
_PATCHES = {
    "multiprocessing.process": "process",
    "multiprocessing.util": "process",
    "multiprocessing.popen_fork": "process",
    "multiprocessing.popen_forkserver": "process",
    "multiprocessing.connection": "pipe",
    "multiprocessing.queues": "queue",
    "multiprocessing.synchronize": "sync",
    "multiprocessing.pool": "pool",
    "multiprocessing.managers": "manager",
}


def _patch(name, module):
    """Apply the hook's patch for module `name`."""
    area = importlib.import_module("procscope_hook." + _PATCHES[name])
    area.patch(name, module)


class _Loader:
    """A loader that runs the real one, then the hook's patch."""

    def __init__(self, real, name):
        self._real = real
        self._name = name

    def create_module(self, spec):
        return self._real.create_module(spec)

    def exec_module(self, module):
        self._real.exec_module(module)
        _patch(self._name, module)

    def __getattr__(self, attr):
        return getattr(self._real, attr)


class _Finder:
    """Finds the watched modules through the other finders and wraps their loader."""

    def find_spec(self, name, path, target=None):
        if name not in _PATCHES:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader, name)
                return spec
        return None


def install():
    """Watch future imports; patch what is already imported."""
    for name in _PATCHES:
        module = sys.modules.get(name)
        if module is not None:
            _patch(name, module)
    sys.meta_path.insert(0, _Finder())
