# SPDX-License-Identifier: MIT
"""time.sleep honours --time-scale (PROCSCOPE_TIME_SCALE): the program's own
sleeps are multiplied by the factor (0: no sleeping at all). Sleeps inside
multiprocessing and threading keep their length, since they poll."""

import os
import sys
import time

from procscope_hook import probe

_real_sleep = time.sleep
_scale = 1.0
_OWN = ("multiprocessing", "threading", "concurrent", "procscope_hook")


def _scaled_sleep(seconds):
    """time.sleep as the session's time scale wants it."""
    name = sys._getframe(1).f_globals.get("__name__", "")
    if name.split(".", 1)[0] in _OWN:
        return _real_sleep(seconds)
    if not seconds > 0 or _scale == 0:
        return _real_sleep(seconds * _scale if seconds > 0 else seconds)
    kind = probe.W.get("SLEEP", 0)
    probe.emit_wait_begin(0, 0, kind, int(seconds * 1e9), None)
    try:
        return _real_sleep(seconds * _scale)
    finally:
        probe.emit_wait_end(0, kind)


def install():
    """Replace time.sleep: scaled, and shown as a wait (sleep N s) while it lasts."""
    global _scale
    try:
        _scale = float(os.environ.get("PROCSCOPE_TIME_SCALE", "1"))
    except ValueError:
        return
    if not _scale >= 0:
        return
    time.sleep = _scaled_sleep  # also at scale 1: the sleep is shown as a wait
