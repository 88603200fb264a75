"""The analyzers and the writer behind ``arabnorm analyze``: terms, positions, offsets, I/O."""

from __future__ import annotations

import io
import json
import pickle
import random

import pytest

from arabnorm.io.formats import TextCodec
from arabnorm.io.runner import Executor, run_stream
from arabnorm.lucene.analyzer import Analyzer, AnalyzeWriter, Term

ARABIC = Analyzer("arabic")
PERSIAN = Analyzer("persian")


def test_stop_words_leave_gaps_in_positions() -> None:
    got = ARABIC.analyze("الكتاب في المدرسة")
    assert [(t.token, t.position) for t in got] == [("كتاب", 0), ("مدرس", 2)]


def test_arabic_stop_words_match_before_normalization() -> None:
    assert ARABIC.terms("أو او اؤ") == ["اؤ"]  # both spellings are listed; اؤ is not


def test_persian_stop_words_match_after_normalization() -> None:
    assert PERSIAN.terms("کتاب را خواند") == ["كتاب", "خواند"]


def test_a_token_the_filters_empty_stays_as_an_empty_term() -> None:
    assert ARABIC.analyze("ـــ") == [Term("", 0, 3, "<ALPHANUM>", 0)]
    assert AnalyzeWriter("arabic").apply("كتاب ـــ قلم\n") == "كتاب  قلم\n"


def test_zwnj_stays_in_arabic_and_splits_in_persian() -> None:
    assert ARABIC.terms("کتاب\u200cها") == ["کتاب\u200c"]
    assert PERSIAN.terms("کتاب\u200cها") == ["كتاب"]


def test_offsets_in_code_points_or_utf16() -> None:
    line = "😀 كتاب"
    assert ARABIC.analyze(line)[1] == Term("كتاب", 2, 6, "<ALPHANUM>", 1)
    assert ARABIC.analyze(line, offsets="utf16")[1] == Term("كتاب", 3, 7, "<ALPHANUM>", 1)
    with pytest.raises(ValueError, match="offsets"):
        ARABIC.analyze(line, offsets="bytes")


def test_text_output_keeps_lines_and_terminators() -> None:
    w = AnalyzeWriter("arabic")
    assert w.apply("الكتاب في المدرسة\r\n\nفي\nوالبيت") == "كتاب مدرس\r\n\n\nبيت"
    assert w.apply("") == ""
    assert w.apply("a\u202fb c\r\n") == "a\u202fb c\r\n"


def test_jsonl_output_is_elasticsearchs_shape() -> None:
    out = AnalyzeWriter("arabic", "jsonl").apply("في البيت\r\n\n% \u200f!")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {
            "tokens": [
                {
                    "token": "بيت",
                    "start_offset": 3,
                    "end_offset": 8,
                    "type": "<ALPHANUM>",
                    "position": 1,
                }
            ]
        },
        {"tokens": []},
        {"tokens": []},
    ]


def test_irregular_whitespace_gives_the_same_offsets() -> None:
    w = AnalyzeWriter("arabic", "jsonl", "utf16")
    regular = json.loads(w.apply("😀 كتاب قلم"))
    spaced = json.loads(w.apply("😀 \t كتاب\u00a0قلم "))
    assert [t["start_offset"] for t in regular["tokens"]] == [0, 3, 8]
    assert [t["start_offset"] for t in spaced["tokens"]] == [0, 5, 10]


def test_values_are_analyzed_whole() -> None:
    w = AnalyzeWriter("arabic")
    assert w.map_batch(["الكتاب\nفي المدرسة", ""]) == ["كتاب مدرس", ""]


LINE_PIECES = [
    "الكتاب",
    "في",
    "المدرسة،",
    "😀",
    "𝐀𝐁",
    "  ",
    "\t",
    "ـــ",
    "3.14",
    "x" * 300,
    "ک\u200cها",
]


@pytest.mark.parametrize(("name", "fmt", "offsets"), [
    ("arabic", "text", "codepoints"),
    ("arabic", "jsonl", "utf16"),
    ("persian", "jsonl", "codepoints"),
])  # fmt: skip
def test_a_long_line_in_pieces_gives_the_whole_line(name: str, fmt: str, offsets: str) -> None:
    rng = random.Random(name + fmt)
    writer = AnalyzeWriter(name, fmt, offsets)
    for _ in range(20):
        line = " ".join(rng.choice(LINE_PIECES) for _ in range(rng.randint(0, 200)))
        line += rng.choice(["", "\n", "\r\n"])
        streamer = writer.line_streamer()
        out, pos = [], 0
        while True:
            size = rng.choice([1, 5, 40, 700])
            final = pos + size >= len(line)
            out.append(streamer.feed(line[pos : pos + size], final))
            pos += size
            if final:
                break
        want = writer.apply(line if line.endswith("\n") else line + "\n")
        got = "".join(out)
        if fmt == "text" and not line.endswith("\n"):
            want = want[:-1]
        assert got == want, line


def test_the_runner_streams_a_long_line_and_workers_agree() -> None:
    rng = random.Random(5)
    long_line = " ".join(rng.choice(LINE_PIECES) for _ in range(30_000))
    data = ("الكتاب في المدرسة\n" * 50 + long_line + "\nفي البيت\n").encode()
    results = []
    for jobs, long in [(1, 1 << 30), (1, 4096), (2, 4096)]:
        out = io.BytesIO()
        with Executor(AnalyzeWriter("arabic", "jsonl"), jobs) as ex:
            run_stream(io.BytesIO(data), out, TextCodec(), ex, "x", block_size=2048, long_line=long)
        results.append(out.getvalue())
    assert results[0] == results[1] == results[2]
    assert results[0].count(b"\n") == 52


def test_writers_pickle() -> None:
    w = AnalyzeWriter("persian", "jsonl", "utf16")
    w.apply("کتاب")
    back = pickle.loads(pickle.dumps(w))
    assert (back.analyzer_name, back.fmt, back.offsets) == ("persian", "jsonl", "utf16")
    assert back.apply("کتاب\n") == w.apply("کتاب\n")


def test_bad_choices() -> None:
    with pytest.raises(ValueError, match="analyzer"):
        Analyzer("english")
    with pytest.raises(ValueError, match="format"):
        AnalyzeWriter("arabic", "xml")


def test_the_vector_and_the_pure_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(9)
    chunks = [
        "".join(rng.choice("الكتابفيوةأإى٣3aA.,'ـ\u064e\u200c") for _ in range(8))
        for _ in range(3000)
    ]
    fast = Analyzer("arabic").chunks(chunks)
    monkeypatch.setenv("ARABNORM_PURE", "1")
    assert Analyzer("arabic").chunks(chunks) == fast


@pytest.mark.parametrize("name", ["arabic", "persian"])
def test_blocks_with_emoji_and_undecodable_bytes_give_each_lines_terms(name: str) -> None:
    rng = random.Random(name)
    pieces = [*LINE_PIECES, "😀", "👍🏽x", "ab\udc80", "\udcff", "في", "𝐀كتاب", "(في)"]
    lines = [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    analyzer = Analyzer(name)
    want = "".join(" ".join(analyzer.terms(line)) + "\n" for line in lines)
    assert AnalyzeWriter(name).apply("".join(line + "\n" for line in lines)) == want
