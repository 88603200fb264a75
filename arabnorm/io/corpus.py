"""Whole corpora: every input file, in its format, to its output, with one transform.

This is the library behind ``arabnorm clean`` and ``arabnorm tokenize``: a
command supplies a transform (an object with ``apply`` for blocks of lines and
``map_batch`` for independent values, such as a ``Pipeline``) and options;
formats, fields, directories, compression, parallel workers and progress are
handled here the same way for every command.

>>> from arabnorm.pipeline import Pipeline
>>> opts = CorpusOptions(output="out.txt")
>>> # process_corpus(Pipeline.from_spec("tatweel"), ["in.jsonl.gz"], opts)
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from arabnorm.errors import FileAccessError, UsageError
from arabnorm.io.compress import compressing, compression_of, decompressing
from arabnorm.io.files import atomic_write, open_input
from arabnorm.io.formats import Transform, detect_format, make_codec
from arabnorm.io.progress import Progress
from arabnorm.io.runner import Executor, RunStats, auto_jobs, run_stream
from arabnorm.io.text import BLOCK_SIZE
from arabnorm.io.walk import InputFile, check_unique, expand_inputs, output_path


@dataclass(frozen=True)
class CorpusOptions:
    """Where output goes and how inputs are read; every field has a CLI option."""

    output: str | None = None
    in_place: bool = False
    output_dir: str | None = None
    format: str | None = None
    fields: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    header: bool = True
    errors: str = "strict"
    on_error: str = "stop"
    recursive: bool = False
    globs: tuple[str, ...] = ()
    jobs: int | None = 1  # None: every core for large inputs (runner.auto_jobs)
    progress: bool | None = False
    block_size: int = BLOCK_SIZE
    stamp: str | None = None
    encoding: str = "utf-8"


@dataclass
class FileReport:
    """What happened to one input, for warnings."""

    source: str
    format: str
    stats: RunStats
    encoding: str = "utf-8"
    doubt: str | None = None


@dataclass
class CorpusResult:
    """Totals, per-file reports and the elapsed time of a run."""

    total: RunStats = field(default_factory=RunStats)
    files: list[FileReport] = field(default_factory=list)
    seconds: float = 0.0

    def warnings(self) -> list[str]:
        """One line per file with records passed through unchanged."""
        from arabnorm.io.encoding import doubt_warning

        lines: list[str] = []
        for rep in self.files:
            if rep.doubt is not None:
                lines.append(doubt_warning(rep.source, rep.encoding, rep.doubt))
            st = rep.stats
            if st.missing:
                what = "field" if rep.format == "jsonl" else "column"
                lines.append(
                    f"{rep.source}: {st.missing} record{'s' if st.missing != 1 else ''} without "
                    f"the named string {what}(s) passed through unchanged"
                )
            if st.invalid:
                shown = ", ".join(str(n) for n in st.invalid[:10])
                more = ", ..." if len(st.invalid) > 10 else ""
                lines.append(
                    f"{rep.source}: {len(st.invalid)} invalid JSON line"
                    f"{'s' if len(st.invalid) != 1 else ''} passed through unchanged "
                    f"(line {shown}{more})"
                )
        return lines


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


class _Counting:
    """A binary reader that reports how many bytes it read (for progress)."""

    def __init__(self, raw: BinaryIO, progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def read(self, n: int = -1) -> bytes:
        data = self._raw.read(n)
        self._progress.advance(len(data))
        return data

    def skip(self, n: int) -> None:
        """Move ``n`` bytes on without reading them (they count as read)."""
        self._raw.seek(n, os.SEEK_CUR)
        self._progress.advance(n)

    def readinto(self, b: bytearray | memoryview) -> int:
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass

    @property
    def closed(self) -> bool:
        return False


@contextlib.contextmanager
def _reader(path: str, progress: Progress) -> Iterator[BinaryIO]:
    with open_input(path) as raw:
        counted: BinaryIO = _Counting(raw, progress)  # type: ignore[assignment]
        stream = decompressing(counted, compression_of(path) if path != "-" else None)
        try:
            yield stream
        finally:
            if stream is not counted:
                stream.close()


def _encoding_for(path: str, plain: str | None, encoding: str) -> Any:
    """The file's encoding, or ``auto``'s decision when a plain file's first bytes decide it.

    Deciding a plain file up front lets worker processes read its blocks
    themselves when it turns out to be UTF-8.
    """
    from arabnorm.io.encoding import AUTO, sniff

    if encoding != AUTO or plain is None:
        return encoding
    try:
        found = sniff(path)
    except OSError:
        return encoding  # reported when the file is opened for real
    return encoding if found is None else found


@contextlib.contextmanager
def _writer(target: str | os.PathLike[str], like: str | None = None) -> Iterator[BinaryIO]:
    # Only an in-place rewrite (``like`` set) replaces data that exists nowhere
    # else, so only it waits for the disk before the rename.
    with (
        atomic_write(target, like=like, durable=like is not None) as raw,
        compressing(raw, compression_of(target)) as out,
    ):
        yield out


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def plan(inputs: Sequence[str], options: CorpusOptions) -> list[InputFile]:
    """The input files, after checking the input/output combination."""
    o = options
    targets = (o.output is not None) + (o.output_dir is not None) + o.in_place
    if targets > 1:
        raise UsageError("use only one of --output, --output-dir and --in-place")
    files = expand_inputs(list(inputs), o.recursive, o.globs)
    stdin = any(f.path == "-" for f in files)
    if o.in_place and stdin:
        raise UsageError("--in-place needs file inputs, not standard input")
    if o.output_dir is not None:
        if stdin:
            raise UsageError("--output-dir needs file inputs, not standard input")
        check_unique(files)
    if o.output is not None and o.output != "-":
        for f in files:
            if f.path != "-" and _same_file(f.path, o.output):
                raise UsageError(
                    f"output file {o.output} is also an input; use --in-place to rewrite it"
                )
    return files


def process_corpus(
    transform: Transform, inputs: Sequence[str], options: CorpusOptions
) -> CorpusResult:
    """Run ``transform`` over every input as ``options`` say; return counts and warnings.

    Output is byte-identical whatever ``options.jobs`` is. Every file written
    (``-o``, ``--in-place``, ``--output-dir``) is written atomically; a name
    ending in ``.gz``/``.bz2``/``.xz`` is compressed.
    """
    o = options
    files = plan(inputs, o)
    result = CorpusResult()
    sizes = [_size(f.path) for f in files]
    total = None if any(s is None for s in sizes) else sum(s or 0 for s in sizes)
    progress = Progress(total, len(files), o.progress)
    started = time.perf_counter()
    try:
        jobs = auto_jobs(total) if o.jobs is None else o.jobs
        with Executor(transform, jobs) as executor:
            if o.in_place or o.output_dir is not None:
                for f in files:
                    target: str | os.PathLike[str]
                    if o.in_place:
                        target = f.path
                    else:
                        assert o.output_dir is not None
                        target = output_path(o.output_dir, f.relative)
                        if _same_file(f.path, target):
                            raise UsageError(
                                f"{f.path} would be overwritten by its own output in {o.output_dir}"
                            )
                    with _writer(target, like=f.path if o.in_place else None) as dst:
                        _one(f.path, dst, o, executor, progress, result)
            else:
                with _sink(o.output) as dst:
                    for f in files:
                        _one(f.path, dst, o, executor, progress, result)
    finally:
        progress.close()
    result.seconds = time.perf_counter() - started
    return result


@contextlib.contextmanager
def _sink(output: str | None) -> Iterator[BinaryIO]:
    if output is None or output == "-":
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    try:
        with _writer(output) as stream:
            yield stream
    except FileAccessError:
        raise
    except OSError as exc:
        if exc.filename is None:
            exc.filename = output
        raise


def _size(path: str) -> int | None:
    if path == "-":
        return None
    try:
        return os.path.getsize(path)
    except OSError:
        return None


def _plain_file(path: str) -> str | None:
    """``path`` if workers can read their blocks from it by offset, else ``None``.

    Only a regular file read as is qualifies: standard input, pipes and
    compressed files are passed to workers block by block.
    """
    if path == "-" or compression_of(path) is not None:
        return None
    import stat

    try:
        return path if stat.S_ISREG(os.stat(path).st_mode) else None
    except OSError:
        return None


def _one(
    path: str,
    dst: BinaryIO,
    o: CorpusOptions,
    executor: Executor,
    progress: Progress,
    result: CorpusResult,
) -> None:
    name = _display(path)
    fmt = detect_format(path, o.format)
    codec = make_codec(
        fmt,
        fields=o.fields,
        columns=o.columns,
        errors=o.errors,
        on_error=o.on_error,
        header=o.header,
        stamp=o.stamp,
    )
    progress.file(name)
    from arabnorm.io.encoding import decoded

    plain = _plain_file(path)
    encoding = _encoding_for(path, plain, o.encoding)
    with _reader(path, progress) as raw:
        src, reader = decoded(raw, encoding, o.errors, name)
        passthrough = reader is None or not reader.transcodes
        stats = run_stream(
            src,
            dst,
            codec,
            executor,
            name,
            block_size=o.block_size,
            path=plain if passthrough and (reader is None or reader.encoding is not None) else None,
        )
    progress.file_done()
    result.total.add(stats)
    found = reader.detection if reader is not None else None
    result.files.append(
        FileReport(
            name,
            fmt,
            stats,
            encoding=reader.encoding or "utf-8" if reader is not None else "utf-8",
            doubt=found.doubt if found is not None else None,
        )
    )
