"""Tuning the C allocator for block processing (Linux with glibc only).

A run makes dozens of large temporary buffers per block: the decoded text,
its UTF-16 copies, numpy arrays, the encoded output. glibc serves each
buffer above its mmap threshold (128 KiB at first) with a fresh ``mmap``
and gives it back with ``munmap`` when freed, so the kernel zero-fills every
page again for the next block: on a 20 MB file that is a fifth of the run
time, all of it system time. Raising the mmap and trim thresholds lets freed
buffers be reused from the heap instead. Memory stays bounded: at most
``TRIM_THRESHOLD`` bytes of freed memory are kept for reuse, and a block's
buffers are far smaller.

Only the command line calls this (a library should not change the allocator
of the program that imports it), and not when the user set any ``MALLOC_``
variable: their choice wins.

>>> isinstance(tune_allocator(), bool)
True
"""

from __future__ import annotations

import os
import sys

MMAP_THRESHOLD = 64 << 20
"""Allocations up to this size come from the heap, not from their own mapping."""
TRIM_THRESHOLD = 128 << 20
"""Free memory at the top of the heap kept for reuse before it is returned."""

_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameter numbers (malloc.h)
_M_MMAP_THRESHOLD = -3


def tune_allocator() -> bool:
    """Raise glibc's mmap and trim thresholds; True if the allocator accepted them."""
    if sys.platform != "linux" or any(k.startswith("MALLOC_") for k in os.environ):
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # mallopt returns 1 on success, 0 on failure (musl's stub always fails).
    return bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
