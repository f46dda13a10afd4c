# SPDX-License-Identifier: MIT
"""Manager namespaces: a Namespace the program asks a manager for gets a
session id; setting an attribute reports ns.set "key=value" before the
manager is told, reading one ns.get after the answer. The id travels with a
pickled proxy. The manager's server process is shown as a helper (process.py).
Other proxies (dict, list, Value, Array through a manager) are not covered."""

from procscope_hook import probe


def _namespace(orig):
    def Namespace(self, *args, **kwargs):
        proxy = orig(self, *args, **kwargs)
        if probe.user_made():
            obj = probe.new_id()
            object.__setattr__(proxy, "_ps", obj)
        return proxy
    return Namespace


def _tag(proxy):
    try:
        return object.__getattribute__(proxy, "_ps")
    except AttributeError:
        return None


def _getattr(orig):
    def __getattr__(self, key):
        value = orig(self, key)
        if key[0] != "_":
            obj = _tag(self)
            if obj is not None:
                probe.emit_ns_get(obj, "%s=%s" % (key, probe.preview(value)))
        return value
    return __getattr__


def _setattr(orig):
    def __setattr__(self, key, value):
        if key[0] != "_":
            obj = _tag(self)
            if obj is not None:
                probe.emit_ns_set(obj, "%s=%s" % (key, probe.preview(value)))
        return orig(self, key, value)
    return __setattr__


def rebuild(fn, args, obj):
    """Unpickle a tagged proxy: the real proxy, with its id."""
    proxy = fn(*args)
    object.__setattr__(proxy, "_ps", obj)
    return proxy


def _reduce(orig):
    def __reduce__(self):
        fn, args = orig(self)
        obj = _tag(self)
        return (fn, args) if obj is None else (rebuild, (fn, args, obj))
    return __reduce__


def patch(name, module):
    """Patch multiprocessing.managers."""
    proxy = module.NamespaceProxy
    proxy.__getattr__ = _getattr(proxy.__getattr__)
    proxy.__setattr__ = _setattr(proxy.__setattr__)
    proxy.__reduce__ = _reduce(proxy.__reduce__)
    module.SyncManager.Namespace = _namespace(module.SyncManager.Namespace)
