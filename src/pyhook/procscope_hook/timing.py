# SPDX-License-Identifier: MIT
"""time.sleep honours --time-scale (PROCSCOPE_TIME_SCALE): the program's own
sleeps are multiplied by the factor (0: no sleeping at all). Sleeps inside
multiprocessing and threading keep their length, since they poll."""

import os
import sys
import time

_real_sleep = time.sleep
_scale = 1.0
_OWN = ("multiprocessing", "threading", "concurrent", "procscope_hook")


def _scaled_sleep(seconds):
    """time.sleep as the session's time scale wants it."""
    name = sys._getframe(1).f_globals.get("__name__", "")
    if name.split(".", 1)[0] in _OWN:
        return _real_sleep(seconds)
    return _real_sleep(seconds * _scale if seconds > 0 else seconds)


def install():
    """Replace time.sleep when a time scale other than 1 is asked for."""
    global _scale
    try:
        _scale = float(os.environ.get("PROCSCOPE_TIME_SCALE", "1"))
    except ValueError:
        return
    if not _scale >= 0 or _scale == 1.0:
        return
    time.sleep = _scaled_sleep
