"""Running a transform over whole files: blocks in, blocks out, in order.

The reader (this process) cuts each input into blocks of complete records
with its codec; an ``Executor`` runs ``codec.process`` on each block, here or
in worker processes (``jobs > 1``), and hands the results back in input order,
so the output is byte-identical whatever the number of jobs. At most a few
blocks per worker are in flight, so memory does not grow with the input.

With workers, this process only cuts, orders and writes. A block of a plain
file is only named to its worker (offset and length): the worker reads it
itself, and this process reads the file only to find where lines end, never
counting lines or copying blocks (line numbers for messages are settled when
results come back, in order). Other blocks reach workers through shared
memory, and every worker writes its output into shared memory, where this
process writes it from: no block travels through a pipe.

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
from arabnorm.io.text import BLOCK_SIZE, count_newlines


class WorkerError(ArabnormError):
    """A worker process died (killed, out of memory) before returning its block."""


LONG_LINE = 4 << 20
WARM_UP = 64 << 10
"""Bytes of the first block the transform is run on before workers are forked."""
TAIL = 64 << 10
"""With workers, the main process reads only this much at the end of each block to cut it."""
SLOT = 2 * BLOCK_SIZE
"""Bytes of shared memory for one block in flight (its input, and its output).

A block or output that does not fit (a block grown by a long line, an output
much longer than its input) goes through the pipe instead."""


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
class Span:
    """Whole lines of a plain file, named by place only: a worker reads them.

    Where they start in lines is not known when the span is cut (nobody has
    counted); the worker numbers lines from 1 and the executor adds the lines
    of everything before when the result comes back.
    """

    offset: int
    length: int


@dataclass(frozen=True)
class Sync:
    """Items after this one number their lines from 1 again, from here.

    The executor first waits for every block in flight, so it knows which
    line this is.
    """


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
        line += count_newlines(block)
        offset += cut


def iter_spans(
    stream: BinaryIO,
    path: str,
    codec: Codec,
    source: str,
    block_size: int = BLOCK_SIZE,
    long_line: int = LONG_LINE,
) -> Iterator[Span | Sync | Block | Piece]:
    """Cut the plain file ``path`` (read through ``stream``) into spans of whole lines.

    Only for codecs whose records end at line breaks (text, JSON Lines).
    Each chunk is cut after its last line break, found in its last ``TAIL``
    bytes where they hold one (read by position, the stream skipping the
    chunk), else by reading the chunk; the worker reads its span itself.
    Where no line ends within ``long_line`` bytes, the rest of the file is
    cut as ``iter_blocks`` cuts it (after a ``Sync``), so an over-long line
    is streamed in pieces.
    """
    # A stream that can skip (the corpus reader) is not read where the last
    # TAIL bytes of a chunk hold a line break: only those are, by position.
    skip = getattr(stream, "skip", None)
    fd = os.open(path, os.O_RDONLY) if skip is not None and block_size > 2 * TAIL else -1
    try:
        start = 0  # where the next span starts
        pos = 0  # bytes read or skipped so far
        while True:
            if fd >= 0 and skip is not None:
                tail = os.pread(fd, TAIL, pos + block_size - TAIL)
                nl = tail.rfind(b"\n") if len(tail) == TAIL else -1
                if nl >= 0:
                    skip(block_size)
                    pos += block_size
                    end = pos - TAIL + nl + 1
                    yield Span(start, end - start)
                    start = end
                    continue
            chunk = stream.read(block_size)
            if not chunk:
                if pos > start:
                    yield Span(start, pos - start)
                return
            pos += len(chunk)
            nl = chunk.rfind(b"\n")
            if nl >= 0:
                end = pos - len(chunk) + nl + 1
                yield Span(start, end - start)
                start = end
                continue
            if pos - start < long_line:
                continue
            # No line break for ``long_line`` bytes: hand over to the block reader,
            # from the start of that line, with the bytes read so far.
            yield Sync()
            with open(path, "rb") as f:
                initial = os.pread(f.fileno(), pos - start, start)
            yield from iter_blocks(
                stream,
                codec,
                source,
                block_size,
                long_line,
                start_line=1,
                start_offset=start,
                initial=initial,
            )
            return
    finally:
        if fd >= 0:
            os.close(fd)


# Worker processes keep the transform they were started with, and the shared
# memory of the blocks in flight (``_Slots``), inherited when they fork.
_WORKER_TRANSFORM: Any = None
_SLOTS: Any = None


def _init_worker(transform: Transform) -> None:
    global _WORKER_TRANSFORM
    _WORKER_TRANSFORM = transform
    # Ctrl-C is the main process's to handle: it stops the workers itself,
    # so they print no traceback of their own.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Slots:
    """Shared memory for the blocks in flight: one input and one output area each.

    Made before the workers fork, so they share it (anonymous shared
    mappings; only the pages used take memory). Slot ``i`` belongs to one
    block at a time: the executor hands it out with the block and takes it
    back only after the block's output has been written.
    """

    def __init__(self, count: int, size: int | None = None) -> None:
        import mmap

        self.count = count
        self.size = size = SLOT if size is None else size
        self.inputs = mmap.mmap(-1, count * size)
        self.outputs = mmap.mmap(-1, count * size)
        self.out_view = memoryview(self.outputs)

    def put_input(self, slot: int, data: bytes) -> bool:
        if len(data) > self.size:
            return False
        at = slot * self.size
        self.inputs[at : at + len(data)] = data
        return True

    def get_input(self, slot: int, length: int) -> bytes:
        at = slot * self.size
        return self.inputs[at : at + length]

    def put_output(self, slot: int, data: bytes) -> bool:
        if len(data) > self.size:
            return False
        at = slot * self.size
        self.outputs[at : at + len(data)] = data
        return True

    def output(self, slot: int, length: int) -> memoryview:
        at = slot * self.size
        return self.out_view[at : at + length]


def _finish(result: BlockResult, slot: int) -> tuple[int, BlockResult]:
    """Move the output into the block's shared memory slot when it fits there."""
    if _SLOTS is not None and slot >= 0 and _SLOTS.put_output(slot, result.data):
        n = len(result.data)
        result.data = b""
        return n, result
    return -1, result


def _work(
    codec: Codec, data: bytes | None, length: int, line: int, offset: int, source: str, slot: int
) -> tuple[int, BlockResult]:
    """One block whose bytes come with it, or (``data`` None) in its slot."""
    if data is None:
        data = _SLOTS.get_input(slot, length)
    return _finish(codec.process(data, line, offset, source, _WORKER_TRANSFORM), slot)


def _work_span(
    codec: Codec, path: str, offset: int, length: int, line: int, source: str, slot: int
) -> tuple[int, BlockResult]:
    """``_work_at``, its output left in the block's slot."""
    return _finish(_work_at(codec, path, offset, length, line, source), slot)


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


AUTO_PARALLEL = 16 << 20
"""With ``jobs=None`` (the command line's default), inputs of at least this many
bytes in all run on every core; smaller ones, and standard input, in one process."""


def auto_jobs(total: int | None) -> int:
    """The jobs for ``jobs=None``: every core (0) for ``total`` bytes of files that
    are worth it, one process for less or for an unknown size (standard input)."""
    return 0 if total is not None and total >= AUTO_PARALLEL else 1


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
        self._slots: _Slots | None = None
        self._before: set[int | None] = set()

    @property
    def parallel(self) -> bool:
        """Whether blocks go to worker processes."""
        return self.jobs > 1

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
        if method == "fork":
            # Workers forked from now on (the pool starts them as blocks come)
            # find the slots in this module's global: forked, they share them.
            global _SLOTS
            self._slots = _SLOTS = _Slots(self._limit() + 1)
        self._before = {proc.pid for proc in multiprocessing.active_children()}
        return ProcessPoolExecutor(
            self.jobs,
            mp_context=multiprocessing.get_context(method),
            initializer=_init_worker,
            initargs=(self.transform,),
        )

    def _limit(self) -> int:
        """Blocks in flight at most."""
        return 2 * self.jobs + 1

    def __exit__(self, *exc: object) -> None:
        global _SLOTS
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if _SLOTS is self._slots:
            _SLOTS = None
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

    def _result(self, future: Any, slot: int, base: int | None) -> BlockResult:
        """A block's result; ``base`` (a span's first line) makes its line numbers the file's."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            n, result = future.result()
        except BrokenProcessPool:
            raise WorkerError(
                "a worker process stopped unexpectedly (out of memory?); try fewer --jobs"
            ) from None
        except InputError as exc:
            if base is None or exc.line is None:
                raise
            raise exc.at_line(base + exc.line - 1) from None
        if base is not None and result.invalid:
            result.invalid = [base + n - 1 for n in result.invalid]
        if n >= 0:
            assert self._slots is not None
            result.data = self._slots.output(slot, n)
        return result  # type: ignore[no-any-return]

    def map(
        self,
        codec: Codec,
        items: Iterator[Block | Piece | Span | Sync],
        source: str,
        path: str | None = None,
        start_line: int = 1,
    ) -> Iterator[tuple[int, BlockResult]]:
        """``(input bytes, result)`` per block, in input order.

        ``path`` names the plain (uncompressed, regular) file the blocks come
        from, at the offsets they carry; workers then read each block from it
        instead of receiving its bytes (``Span`` items need it).

        A result's ``data`` may be a view of shared memory, valid until the
        next result is asked for: write it, or copy it, before.
        """
        streamer = None
        # (input bytes, future, slot, first line if still to be settled)
        pending: deque[tuple[int, Any, int, bool]] = deque()
        limit = self._limit()
        line = start_line  # the first line of the next result handed back
        epoch = 0  # added to the line numbers items carry (from a ``Sync`` on: the line before it)
        seq = 0

        def collect() -> tuple[int, BlockResult]:
            nonlocal line
            size, fut, slot, span = pending.popleft()
            result = self._result(fut, slot, line if span else None)
            line += result.lines
            return size, result

        for item in items:
            if isinstance(item, Sync):
                while pending:
                    yield collect()
                epoch = line - 1
                continue
            if isinstance(item, Piece):
                while pending:
                    yield collect()
                if streamer is None:
                    streamer = line_streamer(self.transform)
                size = len(item.data)
                piece = Piece(item.data, epoch + item.line, item.offset, item.final)
                for result in _feed_piece(streamer, codec, piece, source):
                    line += result.lines
                    yield size, result
                    size = 0
                if item.final:
                    streamer = None
                continue
            if self.jobs > 1 and self._pool is None:
                if isinstance(item, Span):
                    assert path is not None
                    with open(path, "rb") as f:
                        head = os.pread(f.fileno(), min(item.length, WARM_UP), item.offset)
                    self._pool = self._start(codec, Block(head, line, item.offset), source)
                else:
                    self._pool = self._start(codec, item, source)
            if self._pool is None:
                assert isinstance(item, Block)
                result = codec.process(
                    item.data, epoch + item.line, item.offset, source, self.transform
                )
                line += result.lines
                yield len(item.data), result
                continue
            slot = seq % (limit + 1) if self._slots is not None else -1
            seq += 1
            if isinstance(item, Span):
                assert path is not None
                size = item.length
                fut = self._pool.submit(_work_span, codec, path, item.offset, size, 1, source, slot)
            else:
                size = len(item.data)
                first = epoch + item.line
                if path is not None:
                    fut = self._pool.submit(
                        _work_span, codec, path, item.offset, size, first, source, slot
                    )
                elif self._slots is not None and self._slots.put_input(slot, item.data):
                    fut = self._pool.submit(
                        _work, codec, None, size, first, item.offset, source, slot
                    )
                else:
                    fut = self._pool.submit(
                        _work, codec, item.data, size, first, item.offset, source, slot
                    )
            pending.append((size, fut, slot, isinstance(item, Span)))
            if len(pending) >= limit:
                yield collect()
        while pending:
            yield collect()


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
    items: Iterator[Block | Piece | Span | Sync]
    if path is not None and executor.parallel and not isinstance(codec, CsvCodec):
        # Records end at line breaks: spans the workers read themselves.
        reading = src if on_read is None else _Reported(src, on_read)
        items = iter_spans(reading, path, codec, source, block_size, long_line)  # type: ignore[arg-type]
    else:
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
    for size, result in executor.map(codec, items, source, path, start_line):
        dst.write(result.data)
        stats.add_block(size, result)
    return stats


class _Reported:
    """``stream`` with ``on_read`` told of every read."""

    def __init__(self, stream: BinaryIO, on_read: Callable[[int], None] | None) -> None:
        self._stream = stream
        self._on_read = on_read

    def read(self, n: int = -1) -> bytes:
        data = self._stream.read(n)
        if self._on_read is not None and data:
            self._on_read(len(data))
        return data


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
