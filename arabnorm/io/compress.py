"""Compressed files: chosen by name, read and written as streams.

A name ending in ``.gz``, ``.bz2`` or ``.xz`` is read through a streaming
decompressor, so memory stays bounded however large the file inflates to (a
"compression bomb" only costs time, and readers cut its lines into bounded
blocks). The same suffixes on an output name compress what is written.

>>> compression_of("corpus.jsonl.gz"), strip_compression("corpus.jsonl.gz")
('gz', 'corpus.jsonl')
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO, cast

SUFFIXES = {".gz": "gz", ".bz2": "bz2", ".xz": "xz"}


def compression_of(name: str | os.PathLike[str]) -> str | None:
    """``"gz"``, ``"bz2"``, ``"xz"`` or ``None``, from the file name's last suffix."""
    lower = os.fspath(name).lower()
    for suffix, kind in SUFFIXES.items():
        if lower.endswith(suffix):
            return kind
    return None


def strip_compression(name: str) -> str:
    """The name without its compression suffix: ``a.csv.gz`` -> ``a.csv``."""
    kind = compression_of(name)
    return name[: name.rfind(".")] if kind else name


def decompressing(stream: BinaryIO, kind: str | None) -> BinaryIO:
    """A stream of the decompressed bytes of ``stream`` (itself if ``kind`` is None)."""
    if kind is None:
        return stream
    if kind == "gz":
        import gzip

        return cast(BinaryIO, gzip.GzipFile(fileobj=stream, mode="rb"))
    if kind == "bz2":
        import bz2

        return cast(BinaryIO, bz2.BZ2File(stream, mode="rb"))
    import lzma

    return cast(BinaryIO, lzma.LZMAFile(stream, mode="rb"))


@contextlib.contextmanager
def compressing(stream: BinaryIO, kind: str | None) -> Iterator[BinaryIO]:
    """Write through a compressor into ``stream``; closes the compressor, not ``stream``.

    gzip output carries no file name and a zero time stamp, so the same input
    always gives the same bytes.
    """
    if kind is None:
        yield stream
        return
    writer: BinaryIO
    if kind == "gz":
        import gzip

        writer = cast(
            BinaryIO,
            gzip.GzipFile(filename="", fileobj=stream, mode="wb", compresslevel=6, mtime=0),
        )
    elif kind == "bz2":
        import bz2

        writer = cast(BinaryIO, bz2.BZ2File(stream, mode="wb"))
    else:
        import lzma

        writer = cast(BinaryIO, lzma.LZMAFile(stream, mode="wb"))
    with writer:
        yield writer
