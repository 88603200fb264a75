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
