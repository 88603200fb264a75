"""Plain text: blocks of whole lines in, the same lines out.

Input is read in binary chunks and cut after the last line break of each
chunk, so a block always holds whole lines with their own terminators
(``\\n`` or ``\\r\\n``); a UTF-8 sequence never straddles two blocks because
the byte ``\\n`` never occurs inside one. The pipeline transforms the whole
block at once; terminators pass through because no stage touches them.

Encoding policy (``errors``):

- ``strict`` (default): undecodable bytes stop the run with a ``DecodeError``
  naming the source, line and byte offset;
- ``surrogateescape``: undecodable bytes pass through to the output unchanged;
- ``replace``: each undecodable sequence becomes U+FFFD.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from arabnorm.errors import DecodeError

ERROR_POLICIES = ("strict", "surrogateescape", "replace")
BLOCK_SIZE = 1 << 20


@dataclass
class TextStats:
    """What a run read and wrote."""

    lines: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    chars_in: int = 0

    def add(self, other: TextStats) -> None:
        self.lines += other.lines
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.chars_in += other.chars_in


def iter_byte_blocks(stream: BinaryIO, block_size: int = BLOCK_SIZE) -> Iterator[bytes]:
    """Yield chunks of ``stream`` that each end after a line break (but the last)."""
    rest = b""
    while True:
        chunk = stream.read(block_size)
        if not chunk:
            break
        data = rest + chunk if rest else chunk
        cut = data.rfind(b"\n") + 1
        if cut == 0:
            rest = data
            continue
        if cut == len(data):
            rest = b""
            yield data
        else:
            rest = data[cut:]
            yield data[:cut]
    if rest:
        yield rest


def iter_text_blocks(
    stream: BinaryIO,
    source: str,
    errors: str = "strict",
    block_size: int = BLOCK_SIZE,
) -> Iterator[tuple[str, bytes]]:
    """Yield ``(text, raw)`` for each block of whole lines of ``stream``.

    ``DecodeError`` names the first undecodable byte when ``errors`` is strict.
    """
    line = 1
    offset = 0
    for raw in iter_byte_blocks(stream, block_size):
        try:
            text = raw.decode("utf-8", errors)
        except UnicodeDecodeError as exc:
            bad_line = line + raw.count(b"\n", 0, exc.start)
            raise DecodeError(
                source, bad_line, offset + exc.start, raw[exc.start : exc.end]
            ) from None
        yield text, raw
        line += raw.count(b"\n")
        offset += len(raw)


def process_text(
    transform: Callable[[str], str],
    src: BinaryIO,
    dst: BinaryIO,
    source: str,
    errors: str = "strict",
    block_size: int = BLOCK_SIZE,
) -> TextStats:
    """Run ``transform`` over every block of ``src`` and write the result to ``dst``.

    Output is UTF-8 whatever the locale; with ``surrogateescape`` the bytes
    that could not be decoded are written back as they were.
    """
    stats = TextStats()
    out_errors = "surrogateescape" if errors == "surrogateescape" else "strict"
    for text, raw in iter_text_blocks(src, source, errors, block_size):
        out = transform(text).encode("utf-8", out_errors)
        dst.write(out)
        stats.lines += raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
        stats.bytes_in += len(raw)
        stats.bytes_out += len(out)
        stats.chars_in += len(text)
    return stats
