# SPDX-License-Identifier: MIT
"""print and writes to sys.stdout / sys.stderr become output events, one per
line, attributed to the writing process and sent as soon as the line is
complete (never held until exit). Headless (echo) the text also goes to the
real stream, a whole line per write, flushed per line as at a terminal; otherwise the events are the
only copy, as with the C API's ps_print."""

import io
import sys

from procscope_hook import probe


class PsStream(io.TextIOBase):
    """A text stream that turns complete lines into output events."""

    def __init__(self, real, number, echo):
        super().__init__()
        self._real = real
        self._number = number
        self._echo = echo
        self._pending = ""

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % type(text).__name__)
        if "\n" not in text:
            self._pending += text
            return len(text)
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if self._echo:
            # Whole lines in one write: print() writes its text and its "\n"
            # separately, and another process's line must not land between them.
            self._real.write("\n".join(lines) + "\n")
            self._real.flush()
        for line in lines:
            probe.emit_output(self._number, line)
        return len(text)

    def flush(self):
        if self._pending:
            if self._echo:
                self._real.write(self._pending)
            probe.emit_output(self._number, self._pending)
            self._pending = ""
        if self._echo:
            self._real.flush()

    def writable(self):
        return True

    def isatty(self):
        return self._real.isatty()

    def fileno(self):
        return self._real.fileno()

    @property
    def encoding(self):
        return self._real.encoding

    @property
    def errors(self):
        return self._real.errors

    @property
    def buffer(self):
        return self._real.buffer

    def __getattr__(self, name):
        return getattr(self._real, name)


def install():
    """Wrap sys.stdout and sys.stderr (and the __std*__ originals the
    interpreter falls back to for tracebacks)."""
    echo = probe.echo()
    for name, number in (("stdout", 1), ("stderr", 2)):
        real = getattr(sys, name)
        if real is None or isinstance(real, PsStream):
            continue
        stream = PsStream(real, number, echo)
        setattr(sys, name, stream)
        setattr(sys, "__%s__" % name, stream)
