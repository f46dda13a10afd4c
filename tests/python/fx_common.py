# SPDX-License-Identifier: MIT
"""Shared by the fixtures: the start method from argv[1] (default fork)."""

import multiprocessing as mp
import sys


def method():
    """Set and return the start method named on the command line."""
    name = sys.argv[1] if len(sys.argv) > 1 else "fork"
    mp.set_start_method(name)
    return name
