"""A corpus as independent parts, for engines that run tasks on many machines.

A *part* is a whole input file, or a byte range of a large plain file whose
records end at line breaks (text, JSON Lines, read as UTF-8). Each part is
transformed on its own into a part file, by any process that can read the
input and write beside the output, in any order, as often as an engine
retries it; joining the part files in order gives the bytes a local run
writes.

A range ``[start, end)`` owns the lines that *start* in it: it skips the
rest of a line begun before ``start`` and finishes the line running over
``end``, so every line belongs to exactly one range whatever the cut points,
and no process needs to read what comes before its range. Lines are
numbered from the range's first line; ``PartResult.lines`` lets whoever
joins the parts turn that into the file's line numbers.

>>> import os, tempfile
>>> from arabnorm.pipeline import Pipeline
>>> d = tempfile.mkdtemp()
>>> src = os.path.join(d, "in.txt")
>>> _ = open(src, "wb").write("بـا\\nكـتـاب\\n".encode())
>>> parts = [Part(0, src, "in.txt", "text", 0, 5, os.path.join(d, "p0")),
...          Part(0, src, "in.txt", "text", 5, None, os.path.join(d, "p1"))]
>>> [run_part(Pipeline.from_spec("tatweel"), p, CorpusPartOptions()).lines for p in parts]
[1, 1]
>>> [open(p.out, "rb").read().decode() for p in parts]
['با\\n', 'كتاب\\n']
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from arabnorm.errors import InputError
from arabnorm.io.formats import Transform

PART_SIZE = 64 << 20
"""Bytes of a large plain file per part."""


@dataclass(frozen=True)
class CorpusPartOptions:
    """The reading options a part needs (a subset of ``CorpusOptions``)."""

    format: str | None = None
    fields: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    header: bool = True
    errors: str = "strict"
    on_error: str = "stop"
    stamp: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Part:
    """One input file (``start`` 0, ``end`` None) or a byte range of it, and its part file."""

    file: int
    path: str
    source: str
    format: str
    start: int
    end: int | None
    out: str

    @property
    def whole(self) -> bool:
        return self.start == 0 and self.end is None


@dataclass
class PartResult:
    """What a part counted; ``error`` is the bad input that stopped it, if any.

    In a range, ``error``'s line and the lines of ``invalid`` count from the
    range's first line; ``first_byte`` is where that line starts.
    """

    lines: int = 0
    records: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    missing: int = 0
    invalid: list[int] = field(default_factory=list)
    encoding: str = "utf-8"
    doubt: str | None = None
    first_byte: int = 0
    error: InputError | None = None


def plan_parts(
    files: Sequence[tuple[str, str]],
    options: CorpusPartOptions,
    spill: str,
    part_size: int = PART_SIZE,
) -> list[Part]:
    """The parts of ``files`` (``(path, display name)`` pairs), their part files in ``spill``."""
    from arabnorm.io.compress import compression_of
    from arabnorm.io.formats import detect_format

    parts: list[Part] = []
    for i, (path, name) in enumerate(files):
        fmt = detect_format(path, options.format)
        size = os.path.getsize(path)
        splittable = (
            fmt in ("text", "jsonl")
            and options.encoding == "utf-8"
            and compression_of(path) is None
            and size > part_size
        )
        cuts = list(range(0, size, part_size)) if splittable else [0]
        for k, start in enumerate(cuts):
            end = cuts[k + 1] if k + 1 < len(cuts) else None
            out = os.path.join(spill, f"{i:06d}-{k:06d}.part")
            parts.append(Part(i, path, name, fmt, start, end, out))
    return parts


_TRANSFORMS: dict[bytes, Any] = {}


def run_part_pickled(blob: bytes, part: Part, options: CorpusPartOptions) -> PartResult:
    """``run_part`` with the transform pickled: a worker unpickles (and warms up) each once."""
    transform = _TRANSFORMS.get(blob)
    if transform is None:
        import pickle

        transform = _TRANSFORMS[blob] = pickle.loads(blob)
    return run_part(transform, part, options)


def run_part(transform: Transform, part: Part, options: CorpusPartOptions) -> PartResult:
    """Transform one part into its part file (written whole, then renamed into place).

    Bad input does not raise: it comes back in ``PartResult.error``, so an
    engine does not take it for a failed task and run it again.
    """
    tmp = f"{part.out}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as dst:
            result = _whole(transform, part, options, dst) if part.whole else None
            if result is None:
                result = _range(transform, part, options, dst)
    except InputError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return PartResult(error=exc)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.replace(tmp, part.out)
    return result


def _whole(
    transform: Transform, part: Part, options: CorpusPartOptions, dst: BinaryIO
) -> PartResult | None:
    """A whole file, read exactly as a local run reads it (formats, encodings, compression)."""
    from arabnorm.io.corpus import CorpusOptions, CorpusResult, _one
    from arabnorm.io.progress import Progress
    from arabnorm.io.runner import Executor

    opts = CorpusOptions(
        format=part.format,
        fields=options.fields,
        columns=options.columns,
        header=options.header,
        errors=options.errors,
        on_error=options.on_error,
        stamp=options.stamp,
        encoding=options.encoding,
    )
    got = CorpusResult()
    with Executor(transform, 1) as executor:
        _one(part.path, dst, opts, executor, Progress(None, 1, False), got)
    report = got.files[0]
    st = report.stats
    return PartResult(
        st.lines,
        st.records,
        st.bytes_in,
        st.bytes_out,
        st.missing,
        st.invalid,
        report.encoding,
        report.doubt,
    )


class _Range:
    """Reads a file from ``begin`` through the line break that ends the line holding ``end - 1``."""

    def __init__(self, f: BinaryIO, begin: int, end: int | None) -> None:
        self._f = f
        self._pos = begin
        self._end = end
        self._done = False
        f.seek(begin)

    def read(self, n: int = -1) -> bytes:
        if self._done:
            return b""
        data = self._f.read(n)
        at = self._pos
        self._pos += len(data)
        if not data:
            self._done = True
        elif self._end is not None and self._pos >= self._end:
            nl = data.find(b"\n", max(0, self._end - 1 - at))
            if nl >= 0:
                self._done = True
                return data[: nl + 1]
        return data


def _first_line_start(f: BinaryIO, start: int) -> int | None:
    """Where the first line that starts at or after ``start`` starts (None: at end of file)."""
    if start == 0:
        return 0
    f.seek(start - 1)
    pos = start - 1
    while True:
        chunk = f.read(1 << 16)
        if not chunk:
            return None
        nl = chunk.find(b"\n")
        if nl >= 0:
            return pos + nl + 1
        pos += len(chunk)


def _range(
    transform: Transform, part: Part, options: CorpusPartOptions, dst: BinaryIO
) -> PartResult:
    from arabnorm.io.formats import make_codec
    from arabnorm.io.runner import Executor, iter_blocks

    codec = make_codec(
        part.format,
        fields=options.fields,
        errors=options.errors,
        on_error=options.on_error,
        stamp=options.stamp,
    )
    result = PartResult()
    with open(part.path, "rb") as f:
        begin = _first_line_start(f, part.start)
        if begin is None or (part.end is not None and begin >= part.end):
            return result  # no line starts in this range
        result.first_byte = begin
        reader: Any = _Range(f, begin, part.end)
        items = iter_blocks(reader, codec, part.source, start_offset=begin)
        with Executor(transform, 1) as executor:
            try:
                for size, block in executor.map(codec, items, part.source):
                    dst.write(block.data)
                    result.lines += block.lines
                    result.records += block.records
                    result.bytes_in += size
                    result.bytes_out += len(block.data)
                    result.missing += block.missing
                    result.invalid.extend(block.invalid)
            except InputError as exc:
                # A decode error's offset is the file's already (blocks carry
                # theirs); every line number is the range's.
                result.error = exc
    return result


def join_parts(parts: Sequence[Part], dst: BinaryIO) -> None:
    """Append the part files to ``dst`` in order (kernel copies when ``dst`` is a plain file)."""
    fd = _plain_fd(dst)
    for part in parts:
        with open(part.out, "rb") as src:
            if fd is not None:
                dst.flush()
                if _kernel_copy(src.fileno(), fd):
                    continue
                src.seek(0)
            shutil.copyfileobj(src, dst, 1 << 20)


def _plain_fd(dst: BinaryIO) -> int | None:
    """The file descriptor to copy into, if ``dst`` writes bytes as they are.

    A compressor's ``fileno()`` is its underlying file's: never copied into.
    """
    import io

    if not isinstance(dst, io.BufferedWriter | io.FileIO):
        return None
    try:
        return dst.fileno()
    except (OSError, ValueError):
        return None


def _kernel_copy(src: int, dst: int) -> bool:
    """All of ``src`` appended to ``dst`` by the kernel; False (nothing copied) if it cannot."""
    size = os.fstat(src).st_size
    done = 0
    try:
        while done < size:
            n = os.copy_file_range(src, dst, size - done)
            if n == 0:
                break
            done += n
    except OSError:
        if done:
            raise
        return False
    return done == size
