# SPDX-License-Identifier: MIT
"""procscope's way into a Python program: loaded by `site` because the
supervisor put this folder first on PYTHONPATH. With a session ring in the
environment it installs the hook (procscope_hook); without one it does
nothing. Either way it then runs the sitecustomize this one shadows."""

import os
import sys
import time


def _ps_chain():
    """Run the next sitecustomize on sys.path (the one ours shadows), if any."""
    here = os.path.dirname(os.path.abspath(__file__))
    paths = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    import importlib.machinery
    spec = importlib.machinery.PathFinder.find_spec("sitecustomize", paths)
    if spec is None or spec.loader is None:
        return
    module = type(sys)("sitecustomize")
    module.__file__ = spec.origin
    module.__spec__ = spec
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


def _ps_start():
    """Install the hook when a procscope session is listening."""
    if not os.environ.get("PROCSCOPE_RING_FD") or os.environ.get("PROCSCOPE_PYTHON") == "off":
        return
    if sys.version_info < (3, 8):
        sys.stderr.write("procscope: Python %d.%d is not supported (3.8 or newer is needed)\n"
                         % sys.version_info[:2])
        sys.stderr.flush()
        os._exit(69)
    try:
        import procscope_hook
        procscope_hook.install()
    except Exception as exc:  # never break the program: say so once and run unhooked
        sys.stderr.write("procscope: the Python hook failed (%s: %s); running without it\n"
                         % (type(exc).__name__, exc))


_ps_t0 = time.process_time_ns()
_ps_start()
_ps_startup_ns = time.process_time_ns() - _ps_t0  # CPU cost; procscope bench python reports it
_ps_chain()
