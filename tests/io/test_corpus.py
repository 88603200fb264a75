"""process_corpus with workers: plain files read by offset, other inputs by block."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from arabnorm.errors import DecodeError, InputError
from arabnorm.io.corpus import CorpusOptions, _plain_file, process_corpus
from arabnorm.pipeline import Pipeline

SEARCH = Pipeline.from_preset("search")


def _text(lines: int) -> bytes:
    words = ["كـتـاب", "أَهْلًا", "  ", "إلى", "hello", "٣", "\r"]
    return "".join(
        " ".join(words[(i * 7 + k) % len(words)] for k in range(i % 13)) + "\n"
        for i in range(lines)
    ).encode()


def _clean(src: Path, out: Path, jobs: int, **kw: object) -> bytes:
    opts = CorpusOptions(output=str(out), jobs=jobs, block_size=4096, **kw)  # type: ignore[arg-type]
    result = process_corpus(SEARCH, [str(src)], opts)
    raw = src.read_bytes()
    assert result.total.bytes_in == len(gzip.decompress(raw) if src.suffix == ".gz" else raw)
    return out.read_bytes()


def test_plain_file_is_read_by_offset_and_others_are_not(tmp_path: Path) -> None:
    plain = tmp_path / "a.txt"
    plain.write_bytes(b"x\n")
    packed = tmp_path / "a.txt.gz"
    packed.write_bytes(gzip.compress(b"x\n"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert _plain_file(str(plain)) == str(plain)
    assert _plain_file(str(packed)) is None
    assert _plain_file(str(fifo)) is None
    assert _plain_file("-") is None
    assert _plain_file(str(tmp_path / "missing.txt")) is None


@pytest.mark.parametrize("name", ["big.txt", "big.txt.gz"])
def test_jobs_identical_over_many_blocks(tmp_path: Path, name: str) -> None:
    data = _text(3000)
    src = tmp_path / name
    src.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    one = _clean(src, tmp_path / "one.txt", 1)
    two = _clean(src, tmp_path / "two.txt", 2)
    assert len(data) > 20 * 4096
    assert one == two == SEARCH.apply(data.decode()).encode()


@pytest.mark.parametrize("at_line", [3, 2500])
def test_decode_error_names_line_and_offset_under_jobs(tmp_path: Path, at_line: int) -> None:
    lines = _text(3000).split(b"\n")
    lines[at_line - 1] = b"ab\xffcd"
    data = b"\n".join(lines)
    src = tmp_path / "bad.txt"
    src.write_bytes(data)
    offset = data.index(b"\xff")
    for jobs in (1, 2):
        with pytest.raises(DecodeError) as err:
            _clean(src, tmp_path / "out.txt", jobs)
        assert (err.value.line, err.value.offset, err.value.source) == (at_line, offset, str(src))
        assert not (tmp_path / "out.txt").exists()


def test_jsonl_invalid_line_reported_under_jobs(tmp_path: Path) -> None:
    rows = [b'{"text": "\xd9\x83\xd9\x80\xd8\xaa\xd8\xa7\xd8\xa8"}\n'] * 2000
    rows[1500] = b"{not json\n"
    src = tmp_path / "a.jsonl"
    src.write_bytes(b"".join(rows))
    for jobs in (1, 2):
        with pytest.raises(InputError) as err:
            _clean(src, tmp_path / "out.jsonl", jobs, fields=("text",))
        assert err.value.line == 1501


def test_stdin_with_jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _text(3000)

    class _Stdin(io.StringIO):
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    out = tmp_path / "out.txt"
    process_corpus(SEARCH, ["-"], CorpusOptions(output=str(out), jobs=2, block_size=4096))
    assert out.read_bytes() == SEARCH.apply(data.decode()).encode()


def test_default_jobs_use_every_core_only_for_large_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, executor_jobs: list[int]
) -> None:
    from arabnorm.io import runner

    src = tmp_path / "in.txt"
    src.write_bytes("أَحمد كـتب\n".encode() * 200_000)
    outs = []
    for limit in (runner.AUTO_PARALLEL, 1 << 20):
        monkeypatch.setattr(runner, "AUTO_PARALLEL", limit)
        out = tmp_path / f"out{limit}.txt"
        process_corpus(
            Pipeline.from_preset("search"), [str(src)], CorpusOptions(output=str(out), jobs=None)
        )
        outs.append(out.read_bytes())
    assert executor_jobs == [1, 0]  # 3.4 MB: one process under 16 MiB, every core over 1 MiB
    assert outs[0] == outs[1] == "احمد كتب\n".encode() * 200_000
    assert runner.auto_jobs(None) == 1  # standard input: size unknown
