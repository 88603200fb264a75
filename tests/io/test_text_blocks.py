"""Text blocks: whole lines, terminators kept, decode errors located."""

from __future__ import annotations

import io

import pytest

from arabnorm.errors import DecodeError
from arabnorm.io.text import iter_byte_blocks, iter_text_blocks


def test_blocks_end_after_line_breaks_and_rejoin_exactly() -> None:
    data = "سطر أول\r\nline two\n\nآخر".encode() * 50
    blocks = list(iter_byte_blocks(io.BytesIO(data), block_size=7))
    assert b"".join(blocks) == data
    assert all(b.endswith(b"\n") for b in blocks[:-1])


def test_a_line_longer_than_a_block_stays_whole() -> None:
    data = b"x" * 100 + b"\n" + b"y" * 3
    assert list(iter_byte_blocks(io.BytesIO(data), block_size=8)) == [b"x" * 100 + b"\n", b"yyy"]


def test_decode_error_names_source_line_and_offset() -> None:
    data = "صباح\nالخير\n".encode() + b"ok \xff\n"
    with pytest.raises(DecodeError) as info:
        list(iter_text_blocks(io.BytesIO(data), "in.txt", block_size=4))
    err = info.value
    assert (err.source, err.line) == ("in.txt", 3)
    assert err.offset == len("صباح\nالخير\n".encode()) + 3
    assert str(err).startswith("in.txt:3: invalid UTF-8 byte 0xff at byte offset")


def test_surrogateescape_and_replace_policies() -> None:
    data = b"a\xffb\nc\xc3\n"
    blocks = list(iter_text_blocks(io.BytesIO(data), "x", "surrogateescape"))
    text = "".join(t for t, _ in blocks)
    assert text.encode("utf-8", "surrogateescape") == data
    replaced = "".join(t for t, _ in iter_text_blocks(io.BytesIO(data), "x", "replace"))
    assert replaced == "a\ufffdb\nc\ufffd\n"


def test_byte_blocks_end_after_line_breaks_for_any_read_size() -> None:
    import io
    import random

    from arabnorm.io.text import iter_byte_blocks

    rng = random.Random(1)
    for _ in range(2000):
        data = bytes(rng.choice(b"ab\n") for _ in range(rng.randint(0, 60)))
        blocks = list(iter_byte_blocks(io.BytesIO(data), rng.randint(1, 9)))
        assert b"".join(blocks) == data
        assert all(blocks) and all(b.endswith(b"\n") for b in blocks[:-1])


def test_count_newlines_equals_bytes_count_small_and_large() -> None:
    from arabnorm.io.text import count_newlines

    for data in (b"", b"a\nb", b"\n" * 3, "سطر\r\n".encode() * 40_000, b"x" * 200_000):
        assert count_newlines(data) == data.count(b"\n")
