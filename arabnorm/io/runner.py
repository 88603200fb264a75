"""Running a transform over whole files: blocks in, blocks out, in order.

The reader (this process) cuts each input into blocks of complete records
with its codec; an ``Executor`` runs ``codec.process`` on each block, here or
in worker processes (``jobs > 1``), and hands the results back in input order,
so the output is byte-identical whatever the number of jobs. At most a few
blocks per worker are in flight, so memory does not grow with the input.

A text line longer than ``long_line`` bytes is not held whole: the reader
cuts it into pieces at UTF-8 character boundaries and this process feeds them
through the transform's line streamer (see ``arabnorm.io.longline``).

>>> import io
>>> from arabnorm.pipeline import Pipeline
>>> from arabnorm.io.formats import TextCodec
>>> out = io.BytesIO()
>>> with Executor(Pipeline.from_spec("tatweel")) as ex:
...     stats = run_stream(io.BytesIO("بـا\\n".encode()), out, TextCodec(), ex, "x")
>>> out.getvalue().decode(), stats.lines
('با\\n', 1)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from arabnorm.errors import ArabnormError, InputError
from arabnorm.io.formats import MAX_RECORD, BlockResult, Codec, CsvCodec, TextCodec, Transform
from arabnorm.io.longline import line_streamer
from arabnorm.io.text import BLOCK_SIZE


class WorkerError(ArabnormError):
    """A worker process died (killed, out of memory) before returning its block."""


LONG_LINE = 4 << 20
WARM_UP = 64 << 10
"""Bytes of the first block the transform is run on before workers are forked."""


@dataclass
class RunStats:
    """What a run read, wrote and counted, per file or in total."""

    files: int = 0
    lines: int = 0
    records: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    missing: int = 0
    invalid: list[int] = field(default_factory=list)

    def add_block(self, raw_len: int, result: BlockResult) -> None:
        self.lines += result.lines
        self.records += result.records
        self.bytes_in += raw_len
        self.bytes_out += len(result.data)
        self.missing += result.missing
        self.invalid.extend(result.invalid)

    def add(self, other: RunStats) -> None:
        self.files += other.files
        self.lines += other.lines
        self.records += other.records
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.missing += other.missing
        self.invalid.extend(other.invalid)


@dataclass(frozen=True)
class Block:
    """Complete records of one source, with where they start."""

    data: bytes
    line: int
    offset: int


@dataclass(frozen=True)
class Piece:
    """Part of one over-long text line; ``final`` holds the line's end."""

    data: bytes
    line: int
    offset: int
    final: bool


def _utf8_cut(data: bytes) -> int:
    """A cut near the end of ``data`` that does not split a UTF-8 sequence."""
    n = len(data)
    for back in range(1, 4):
        if n - back <= 0:
            break
        if data[n - back] & 0xC0 != 0x80:
            return n - back if data[n - back] >= 0xC0 else n - back + 1
    return n


def iter_blocks(
    stream: BinaryIO,
    codec: Codec,
    source: str,
    block_size: int = BLOCK_SIZE,
    long_line: int = LONG_LINE,
    on_read: Callable[[int], None] | None = None,
    start_line: int = 1,
    start_offset: int = 0,
    initial: bytes = b"",
) -> Iterator[Block | Piece]:
    """Cut ``stream`` into blocks of complete records (text: pieces of long lines)."""
    text = isinstance(codec, TextCodec)
    line = start_line
    offset = start_offset
    buf = initial
    in_long = False  # inside an over-long text line: emit pieces until its end
    eof = False
    while not eof:
        chunk = stream.read(block_size)
        if on_read is not None and chunk:
            on_read(len(chunk))
        eof = not chunk
        buf = buf + chunk if buf else chunk
        if in_long:
            nl = buf.find(b"\n")
            if nl >= 0 or eof:
                end = nl + 1 if nl >= 0 else len(buf)
                yield Piece(buf[:end], line, offset, True)
                offset += end
                line += 1
                buf = buf[end:]
                in_long = False
            elif len(buf) >= block_size:
                cut = _utf8_cut(buf)
                yield Piece(buf[:cut], line, offset, False)
                offset += cut
                buf = buf[cut:]
                continue
            else:
                continue
        if not buf:
            continue
        cut = codec.cut(buf, eof)
        if cut == 0:
            if len(buf) < long_line:
                continue
            if not text:
                if len(buf) >= MAX_RECORD:
                    raise InputError(
                        source,
                        line,
                        f"record longer than {MAX_RECORD >> 20} MiB, or an unterminated "
                        "quoted field",
                    )
                continue
            in_long = True
            cut = _utf8_cut(buf)
            yield Piece(buf[:cut], line, offset, False)
            offset += cut
            buf = buf[cut:]
            continue
        block = buf[:cut]
        buf = buf[cut:]
        yield Block(block, line, offset)
        line += block.count(b"\n")
        offset += cut


# Worker processes keep the transform they were started with.
_WORKER_TRANSFORM: Any = None


def _init_worker(transform: Transform) -> None:
    global _WORKER_TRANSFORM
    _WORKER_TRANSFORM = transform
    # Ctrl-C is the main process's to handle: it stops the workers itself,
    # so they print no traceback of their own.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(codec: Codec, block: Block, source: str) -> BlockResult:
    return codec.process(block.data, block.line, block.offset, source, _WORKER_TRANSFORM)


def _work_at(
    codec: Codec, path: str, offset: int, length: int, line: int, source: str
) -> BlockResult:
    """``_work`` on bytes the worker reads from ``path`` itself.

    Sending a block's place instead of its bytes spares the main process
    pickling every block into a pipe, which competed with the workers for the
    same cores. The bytes are the ones the reader already cut (the file is
    read from the page cache a second time); a file that changed under the
    run is reported rather than processed short.
    """
    with open(path, "rb") as f:
        data = os.pread(f.fileno(), length, offset)
    if len(data) != length:
        raise InputError(source, line, "file changed while it was being read")
    return codec.process(data, line, offset, source, _WORKER_TRANSFORM)


def resolve_jobs(jobs: int) -> int:
    """``0`` means every core this process may use."""
    if jobs > 0:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class Executor:
    """Runs blocks through a transform, in this process or in ``jobs`` workers."""

    def __init__(self, transform: Transform, jobs: int = 1) -> None:
        self.transform = transform
        self.jobs = resolve_jobs(jobs)
        self._pool: Any = None
        self._before: set[int | None] = set()

    def __enter__(self) -> Executor:
        return self

    def _start(self, codec: Codec, block: Block, source: str) -> Any:
        """Start the workers, after warming the transform up on the first block's head.

        The transform builds its lookup tables and compiles its patterns on
        its first real text. Doing that once here, on a few
        KiB of the first block, before the workers are forked, spares every
        worker doing it again on its first block (the fork shares the result).
        The workers are started on the first block, not on entry, for that
        reason; a run of only over-long lines never starts them.
        """
        import contextlib
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with contextlib.suppress(ImportError):
            import numpy  # noqa: F401 - imported once here, shared by forked workers

        from arabnorm.pipeline import Pipeline

        # Only a Pipeline is known to be pure and safe to run here; another
        # transform might have side effects, or bring this process down.
        if isinstance(self.transform, Pipeline):
            head = block.data[:WARM_UP]
            cut = codec.cut(head, len(head) == len(block.data))
            # Bad input in the head is the first block's: its worker reports it, in order.
            with contextlib.suppress(ArabnormError):
                codec.process(head[:cut], block.line, block.offset, source, self.transform)
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        self._before = {proc.pid for proc in multiprocessing.active_children()}
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(self.transform,),
        )

    def __exit__(self, *exc: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if exc[0] is None:
            pool.shutdown(wait=True)
            return
        # Stop now: queued blocks are dropped, running ones killed. The
        # workers are the children this process started with the pool.
        import multiprocessing

        for proc in multiprocessing.active_children():
            if proc.pid not in self._before:
                proc.terminate()
        pool.shutdown(wait=True, cancel_futures=True)

    @staticmethod
    def _result(future: Any) -> BlockResult:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            raise WorkerError(
                "a worker process stopped unexpectedly (out of memory?); try fewer --jobs"
            ) from None

    def map(
        self,
        codec: Codec,
        items: Iterator[Block | Piece],
        source: str,
        path: str | None = None,
    ) -> Iterator[tuple[int, BlockResult]]:
        """``(input bytes, result)`` per block, in input order.

        ``path`` names the plain (uncompressed, regular) file the blocks come
        from, at the offsets they carry; workers then read each block from it
        instead of receiving its bytes.
        """
        streamer = None
        pending: deque[tuple[int, Any]] = deque()
        limit = 2 * self.jobs + 1
        for item in items:
            if isinstance(item, Piece):
                while pending:
                    size, res = pending.popleft()
                    yield size, self._result(res)
                if streamer is None:
                    streamer = line_streamer(self.transform)
                size = len(item.data)
                for result in _feed_piece(streamer, codec, item, source):
                    yield size, result
                    size = 0
                if item.final:
                    streamer = None
                continue
            if self.jobs > 1 and self._pool is None:
                self._pool = self._start(codec, item, source)
            if self._pool is None:
                yield (
                    len(item.data),
                    codec.process(item.data, item.line, item.offset, source, self.transform),
                )
                continue
            if path is not None:
                size = len(item.data)
                fut = self._pool.submit(_work_at, codec, path, item.offset, size, item.line, source)
            else:
                fut = self._pool.submit(_work, codec, item, source)
            pending.append((len(item.data), fut))
            if len(pending) >= limit:
                size, res = pending.popleft()
                yield size, self._result(res)
        while pending:
            size, res = pending.popleft()
            yield size, self._result(res)


def _feed_piece(streamer: Any, codec: Codec, piece: Piece, source: str) -> Iterator[BlockResult]:
    """The output for one piece of a long line: one result, or several in a row
    when the streamer hands its output over in chunks (an iterator of str)."""
    from arabnorm.io.formats import _out_errors, decode

    errors = _out_errors(codec.errors)
    text = decode(piece.data, piece.line, piece.offset, source, codec.errors)
    out = streamer.feed(text, piece.final)
    chunks = [out] if isinstance(out, str) else out
    n = 1 if piece.final else 0
    last: str | None = None
    for chunk in chunks:
        if last is not None:
            yield BlockResult(last.encode("utf-8", errors))
        last = chunk
    yield BlockResult((last or "").encode("utf-8", errors), lines=n, records=n)


def run_stream(
    src: BinaryIO,
    dst: BinaryIO,
    codec: Codec,
    executor: Executor,
    source: str,
    on_read: Callable[[int], None] | None = None,
    block_size: int = BLOCK_SIZE,
    long_line: int = LONG_LINE,
    path: str | None = None,
) -> RunStats:
    """Transform everything ``src`` holds into ``dst``; return what was counted.

    ``path``: the regular, uncompressed file ``src`` reads from its start, if
    any; with workers they read their blocks from it themselves.
    """
    stats = RunStats(files=1)
    initial = b""
    if isinstance(codec, CsvCodec):
        codec, initial, header = _read_header(src, codec, source, block_size, on_read)
        if header:
            dst.write(header)
            stats.bytes_in += len(header)
            stats.bytes_out += len(header)
            stats.lines += header.count(b"\n")
    start_line = 1 + stats.lines
    items = iter_blocks(
        src,
        codec,
        source,
        block_size,
        long_line,
        on_read,
        start_line=start_line,
        start_offset=stats.bytes_in,
        initial=initial,
    )
    for size, result in executor.map(codec, items, source, path):
        dst.write(result.data)
        stats.add_block(size, result)
    return stats


def _read_header(
    src: BinaryIO,
    codec: CsvCodec,
    source: str,
    block_size: int,
    on_read: Callable[[int], None] | None,
) -> tuple[CsvCodec, bytes, bytes]:
    """Read the header record (if any) and resolve the codec's named columns."""
    from dataclasses import replace

    from arabnorm.io.formats import resolve_columns

    wanted = codec.wanted
    if not codec.header:
        return replace(codec, columns=resolve_columns(wanted, None, source)), b"", b""
    buf = b""
    while True:
        chunk = src.read(block_size)
        if on_read is not None and chunk:
            on_read(len(chunk))
        buf += chunk
        end = codec.header_end(buf, not chunk)
        if end or not chunk:
            break
        if len(buf) >= MAX_RECORD:
            raise InputError(source, 1, "header record too long or unterminated quoted field")
    header = buf[:end] if end else buf
    names = codec.header_names(header, source) if header else []
    columns = resolve_columns(wanted, names, source) if header else ()
    return replace(codec, columns=columns), buf[len(header) :], header
