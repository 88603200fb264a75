"""Blocks in order, -j identical to -j 1, long lines cut safely."""

from __future__ import annotations

import io
import os
import random

import pytest

from arabnorm.io.formats import JsonlCodec, TextCodec, make_codec
from arabnorm.io.runner import Block, Executor, Piece, iter_blocks, resolve_jobs, run_stream
from arabnorm.pipeline import Pipeline
from arabnorm.stages.base import Stage, Step
from tests.io.context_steps import apply_all, context_steps

TATWEEL = Pipeline.from_spec("tatweel")


class _Context(Stage):
    """All the context rules of the tests as one (unregistered) stage."""

    name = "test-context"

    def build_steps(self) -> list[Step]:
        return context_steps()


CONTEXT = Pipeline([_Context()])


def _run(data: bytes, codec: object, pipeline: Pipeline, jobs: int = 1, **kw: int) -> bytes:
    out = io.BytesIO()
    with Executor(pipeline, jobs) as ex:
        run_stream(io.BytesIO(data), out, codec, ex, "in", **kw)  # type: ignore[arg-type]
    return out.getvalue()


def _corpus(lines: int) -> bytes:
    rng = random.Random(3)
    words = ["كتـاب", "سـلام", "ـ", "a", "  ", "\r"]
    return "".join(
        "".join(rng.choice(words) for _ in range(rng.randint(0, 12))) + "\n" for _ in range(lines)
    ).encode()


def test_blocks_hold_whole_lines_and_cover_the_input() -> None:
    data = _corpus(500)
    items = list(iter_blocks(io.BytesIO(data), TextCodec(), "in", block_size=100))
    assert all(isinstance(b, Block) and b.data.endswith(b"\n") for b in items)
    assert b"".join(b.data for b in items) == data
    assert items[1].line == 1 + items[0].data.count(b"\n")


def test_long_line_pieces_cut_between_characters() -> None:
    data = ("ب" * 1000 + "\n" + "ج\n").encode()
    items = list(iter_blocks(io.BytesIO(data), TextCodec(), "in", block_size=64, long_line=128))
    pieces = [i for i in items if isinstance(i, Piece)]
    assert len(pieces) > 5 and pieces[-1].final and not pieces[0].final
    for p in pieces:
        p.data.decode("utf-8")
    assert b"".join(i.data for i in items) == data


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_output_is_identical(jobs: int) -> None:
    data = _corpus(3000)
    one = _run(data, TextCodec(), TATWEEL, 1, block_size=256)
    assert _run(data, TextCodec(), TATWEEL, jobs, block_size=256) == one
    assert one == TATWEEL.apply(data.decode()).encode()


def test_parallel_jsonl_and_csv_identical() -> None:
    jsonl = "".join(f'{{"i": {i}, "text": "ـ{i}ـ"}}\n' for i in range(2000)).encode()
    assert _run(jsonl, JsonlCodec(), TATWEEL, 2, block_size=200) == _run(
        jsonl, JsonlCodec(), TATWEEL, 1, block_size=200
    )
    csv = ("text,i\n" + "".join(f'"ـ\n{i}",{i}\n' for i in range(2000))).encode()
    codec = make_codec("csv")
    assert _run(csv, codec, TATWEEL, 2, block_size=200) == _run(csv, codec, TATWEEL, 1)


def test_long_line_with_context_rules_equals_whole_line() -> None:
    rng = random.Random(11)
    words = ["كتـاب ", "ســلام  ", "پیی ", '"قـال" ', "ممممم ", "\t", "  "]
    line = "  " + "".join(rng.choice(words) for _ in range(4000)) + "  "
    data = (line + "\r\nسطـر  ثانٍ\n" + line).encode()
    expected = apply_all(data.decode()).encode()
    assert _run(data, TextCodec(), CONTEXT, block_size=512, long_line=1024) == expected


def test_jobs_zero_means_every_core() -> None:
    assert resolve_jobs(0) >= 1 and resolve_jobs(3) == 3


@pytest.mark.parametrize("preset", ["standard", "search", "camel"])
def test_long_line_through_real_presets_equals_whole_line(preset: str) -> None:
    from arabnorm import build_pipeline
    from tests.cli.helpers import SEEDS

    text = b"  ".join(s.read_bytes().replace(b"\n", b"   ") for s in SEEDS) * 3
    data = text + b" \r\n" + SEEDS[0].read_bytes()
    pipeline = build_pipeline(preset)
    expected = data.decode()
    for step in pipeline.steps:
        expected = step.apply(expected)
    assert _run(data, TextCodec(), pipeline, block_size=1024, long_line=2048) == expected.encode()


def test_guillemet_pairing_across_pieces() -> None:
    pipeline = Pipeline.from_spec("quotes:style=guillemets")
    data = ("بـ”التهديدات المتزايدة” و“قال” " * 400 + "\n").encode()
    expected = pipeline.apply(data.decode()).encode()
    assert _run(data, TextCodec(), pipeline, block_size=512, long_line=1024) == expected


class _DiesInWorker:
    """A transform whose worker process dies (as if killed for memory)."""

    def apply(self, text: str) -> str:
        os._exit(3)

    def map_batch(self, texts: list[str]) -> list[str]:
        os._exit(3)


def test_a_dead_worker_stops_the_run_with_an_error() -> None:
    from arabnorm.io.runner import WorkerError

    with pytest.raises(WorkerError, match="worker process stopped"):
        _run(_corpus(2000), TextCodec(), _DiesInWorker(), 2, block_size=256)  # type: ignore[arg-type]


def test_worker_reads_its_block_by_offset_and_notices_a_shrunk_file(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from arabnorm.errors import InputError
    from arabnorm.io import runner

    src = os.path.join(tmp_path, "a.txt")
    with open(src, "wb") as f:
        f.write("سطر\nكتـاب\n".encode())
    monkeypatch.setattr(runner, "_WORKER_TRANSFORM", TATWEEL)
    got = runner._work_at(TextCodec(), src, 7, 11, 2, "a.txt")
    assert (got.data, got.lines) == ("كتاب\n".encode(), 1)
    with pytest.raises(InputError, match="changed while"):
        runner._work_at(TextCodec(), src, 7, 40, 2, "a.txt")


def _run_file(
    tmp_path: os.PathLike[str], data: bytes, codec: object, jobs: int, **kw: int
) -> bytes:
    """``run_stream`` over a plain file, as ``process_corpus`` runs it (workers read spans)."""
    src = os.path.join(tmp_path, "in.txt")
    with open(src, "wb") as f:
        f.write(data)
    out = io.BytesIO()
    with Executor(TATWEEL, jobs) as ex, open(src, "rb") as f:
        run_stream(f, out, codec, ex, "in", path=src, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_spans_cover_the_file_and_end_after_line_breaks() -> None:
    from arabnorm.io.runner import Span, iter_spans

    data = _corpus(500)
    spans = list(iter_spans(io.BytesIO(data), "unused", TextCodec(), "in", block_size=100))
    assert all(isinstance(s, Span) for s in spans)
    assert sum(s.length for s in spans) == len(data)  # type: ignore[union-attr]
    for s in spans:
        assert data[s.offset + s.length - 1 : s.offset + s.length] == b"\n"  # type: ignore[union-attr]


class _Skipping(io.BytesIO):
    """A reader that can skip, as the corpus reader can; counts what it skipped."""

    skipped = 0

    def skip(self, n: int) -> None:
        self.seek(n, os.SEEK_CUR)
        self.skipped += n


def test_spans_found_from_chunk_tails_are_the_spans_found_by_reading(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from arabnorm.io import runner

    monkeypatch.setattr(runner, "TAIL", 16)
    # short lines (a break in every tail), lines longer than a tail, and one
    # longer than long_line (the hand-over to blocks)
    data = _corpus(300) + (("ب" * 40 + "\n") * 20 + "بـ" * 700 + "\n").encode() + _corpus(200)
    src = os.path.join(tmp_path, "in.txt")
    with open(src, "wb") as f:
        f.write(data)
    read = list(runner.iter_spans(io.BytesIO(data), src, TextCodec(), "in", 100, 1024))
    stream = _Skipping(data)
    tails = list(runner.iter_spans(stream, src, TextCodec(), "in", 100, 1024))
    assert tails == read
    assert 0 < stream.skipped < len(data)  # both ways were taken
    assert any(isinstance(i, runner.Sync) for i in tails)


def test_spans_hand_over_to_blocks_at_a_long_line(tmp_path: os.PathLike[str]) -> None:
    from arabnorm.io.runner import Span, Sync, iter_spans

    data = _corpus(300) + ("بـ" * 2000).encode() + b"\n" + _corpus(300)
    src = os.path.join(tmp_path, "in.txt")
    with open(src, "wb") as f:
        f.write(data)
    items = list(iter_spans(io.BytesIO(data), src, TextCodec(), "in", 256, 1024))
    kinds = [type(i) for i in items]
    assert Sync in kinds and Piece in kinds and kinds[0] is Span
    sync = kinds.index(Sync)
    assert all(k is Span for k in kinds[:sync])
    assert all(k in (Block, Piece) for k in kinds[sync + 1 :])
    covered = sum(i.length for i in items[:sync])  # type: ignore[union-attr]
    assert covered + sum(len(i.data) for i in items[sync + 1 :]) == len(data)  # type: ignore[union-attr]
    one = _run_file(tmp_path, data, TextCodec(), 1, block_size=256, long_line=1024)
    assert _run_file(tmp_path, data, TextCodec(), 2, block_size=256, long_line=1024) == one
    assert one == TATWEEL.apply(data.decode()).encode()


@pytest.mark.parametrize("long_line", [1 << 20, 1024])
def test_span_errors_name_the_line_of_the_file(tmp_path: os.PathLike[str], long_line: int) -> None:
    """Workers count lines from their span's start; the message names the file's line."""
    from arabnorm.errors import DecodeError

    head = _corpus(400)
    if long_line == 1024:  # a long line before the bad one: counted across the hand-over
        head += ("بـ" * 2000).encode() + b"\n" + _corpus(50)
    data = head + b"ok \xff\n" + _corpus(100)
    bad_line = head.count(b"\n") + 1
    for jobs in (1, 2):
        with pytest.raises(DecodeError) as err:
            _run_file(tmp_path, data, TextCodec(), jobs, block_size=256, long_line=long_line)
        assert err.value.line == bad_line
        assert err.value.offset == len(head) + 3
        assert str(err.value).startswith(f"in:{bad_line}: invalid UTF-8 byte 0xff")


def test_jsonl_invalid_lines_counted_in_the_file_under_spans(tmp_path: os.PathLike[str]) -> None:
    from arabnorm.io.runner import RunStats

    lines = [f'{{"text": "ـ{i}"}}\n' if i % 97 else "{oops\n" for i in range(1, 2000)]
    data = "".join(lines).encode()
    codec = JsonlCodec(on_error="skip")
    for jobs in (1, 2):
        src = os.path.join(tmp_path, "in.jsonl")
        with open(src, "wb") as f:
            f.write(data)
        out = io.BytesIO()
        with Executor(TATWEEL, jobs) as ex, open(src, "rb") as f:
            stats: RunStats = run_stream(f, out, codec, ex, "in", block_size=300, path=src)
        assert stats.invalid == [i for i in range(1, 2000) if i % 97 == 0]
        assert stats.lines == 1999


def test_output_too_large_for_shared_memory_goes_through_the_pipe(
    tmp_path: os.PathLike[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks whose input or output exceeds a slot still arrive, in order."""
    from arabnorm.io import runner

    monkeypatch.setattr(runner, "SLOT", 600)
    data = _corpus(3000)
    expected = TATWEEL.apply(data.decode()).encode()
    assert _run_file(tmp_path, data, TextCodec(), 2, block_size=512) == expected
    assert _run(data, TextCodec(), TATWEEL, 2, block_size=512) == expected  # by block
