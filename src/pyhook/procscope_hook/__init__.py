# SPDX-License-Identifier: MIT
"""procscope's hook for unmodified Python multiprocessing programs.

Loaded by sitecustomize when a procscope session is listening. It wraps the
standard streams and time.sleep at once, and patches each part of
`multiprocessing` right after the program imports it (imports.py), so an
interpreter that never uses multiprocessing pays almost nothing. Events go
through the probe (probe.py): the _psprobe extension, or ctypes over
libps_probe.so. One module per area: process, pipe, queue, sync, pool,
manager, output, timing.
"""

from procscope_hook import probe

_installed = False


def install():
    """Install the hook once; a no-op when no ring is attached."""
    global _installed
    if _installed or not probe.load():
        return
    _installed = True
    from procscope_hook import imports, output, process, timing
    output.install()
    timing.install()
    process.install_role()
    imports.install()
