"""Token writers: text, JSON lines and CoNLL-U for blocks of lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import arabnorm
from arabnorm.io.tokens import conllu_writer, jsonl_writer, text_writer
from arabnorm.pipeline import Pipeline
from arabnorm.tokenizer import TOKEN, tokenize_block

LINES = st.lists(
    st.lists(
        st.sampled_from([*'كتب قال:«»"!.3,ـ%#@', "  ", "\t", "\r", "\u00a0", "\u064e", "ﷺ"]),
        max_size=15,
    ).map("".join),
    max_size=6,
).map("\n".join)


@given(LINES)
@settings(max_examples=300, deadline=None)
def test_jsonl_fast_path_matches_the_pattern(block: str) -> None:
    out = jsonl_writer(Pipeline())(block)
    rows = [json.loads(line) for line in out.splitlines()]
    lines = block.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        body = line[:-1] if line.endswith("\r") else line
        assert row["tokens"] == [m[0] for m in TOKEN.finditer(body)]
        assert row["spans"] == [list(m.span()) for m in TOKEN.finditer(body)]


@given(LINES)
@example("ل»\xa0")  # mojibake: the three characters are one damaged letter, Ỡ
@settings(max_examples=200, deadline=None)
def test_spans_through_the_standard_preset(block: str) -> None:
    pipeline = arabnorm.build_pipeline("standard")
    tokens = tokenize_block(pipeline, block)
    for k, orig in enumerate(tokens.lines):
        toks, spans = tokens.line_tokens(k), tokens.spans(k)
        assert toks == arabnorm.tokenize(orig)
        for tok, (s, e) in zip(toks, spans, strict=True):
            source = pipeline.apply(orig[s:e])
            if tok == source or tok in source.split():
                continue
            # A span leaves out whitespace at its ends, even whitespace a
            # repair read as part of the token (a damaged no-break space):
            # with that whitespace back, the source gives the token.
            start, end = s, e
            while start > 0 and orig[start - 1].isspace():
                start -= 1
            while end < len(orig) and orig[end].isspace():
                end += 1
            wider = pipeline.apply(orig[start:end])
            assert (start, end) != (s, e) and (tok == wider or tok in wider.split()), (tok, s, e)


def test_text_writer_keeps_terminators() -> None:
    assert text_writer(Pipeline())("قال:نعم\r\n\nلا") == "قال : نعم\r\n\nلا"
    assert text_writer(Pipeline.from_spec("tatweel"))("كتـاب!\n") == "كتاب !\n"


def test_jsonl_one_object_per_line_even_empty() -> None:
    out = jsonl_writer(Pipeline())("أ\n\n  \nب")
    assert [json.loads(x)["tokens"] for x in out.splitlines()] == [["أ"], [], [], ["ب"]]


def test_conllu_skips_empty_lines_and_numbers_sentences() -> None:
    write = conllu_writer(Pipeline())
    first = write("أ\n\n")
    second = write("ب.\n")
    assert first == "# sent_id = 1\n# text = أ\n1\tأ\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
    assert second.startswith("# sent_id = 2\n# text = ب.\n1\tب\t")
    assert "SpaceAfter=No" in second.splitlines()[2]


def test_conllu_rows_for_split_and_whole_words() -> None:
    pytest.importorskip("wordfreq")
    out = conllu_writer(Pipeline(), clitics="split")("وبكتابه، وزارة\n")
    rows = [r.split("\t") for r in out.splitlines()[2:] if r]
    assert [r[:2] for r in rows] == [
        ["1-4", "وبكتابه"],
        ["1", "و"],
        ["2", "ب"],
        ["3", "كتاب"],
        ["4", "ه"],
        ["5", "،"],
        ["6", "وزارة"],
    ]
    assert all(len(r) == 10 for r in rows)
    assert [r[9] for r in rows] == ["SpaceAfter=No", "_", "_", "_", "_", "_", "_"]


# --- very long lines, piece by piece -------------------------------------------------

_LONG_WORDS = ["كتـــاب", "قال:", '"نعم"', "3.14", "  ", "\t", "ﷺ", "وبكتابه", "a.b@x.org"]
_LONG_WORDS += ["!!", "\r", "جمييييل", "ی"]


@pytest.mark.parametrize("preset", ["none", "standard", "search"])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "", "  \r\n"])
def test_text_streamer_equals_whole_line(preset: str, ending: str) -> None:
    import random

    from arabnorm import build_pipeline
    from arabnorm.io.tokens import TokenWriter

    rng = random.Random(f"{preset}{ending!r}")
    line = " ".join(rng.choice(_LONG_WORDS) for _ in range(3000)) + ending
    writer = TokenWriter("text", build_pipeline(preset))
    streamer = writer.line_streamer(256)
    out = []
    pos = 0
    while pos < len(line):
        step = rng.randint(1, 400)
        piece = line[pos : pos + step]
        pos += step
        out.append(streamer.feed(piece, final=pos >= len(line)))
    assert "".join(out) == writer(line)


def test_cli_tokenizes_a_long_line_in_pieces(tmp_path: Path) -> None:
    import subprocess
    import sys

    src = tmp_path / "long.txt"
    words = ["كتـــاب", "قال:", '"نعم"', "3.14", "مدرسة"]
    line = " ".join(words[i % len(words)] for i in range(1_200_000))
    src.write_text(line + "\r\nsecond line\n", encoding="utf-8")
    res = subprocess.run(
        [sys.executable, "-m", "arabnorm", "tokenize", str(src)], capture_output=True, check=True
    )
    from arabnorm import build_pipeline
    from arabnorm.io.tokens import TokenWriter

    expected = TokenWriter("text", build_pipeline("standard"))(line + "\r\nsecond line\n")
    assert res.stdout.decode() == expected


BIG_PIECES = [
    *'كتب قال:«»"!.3,ـ%#@',
    "  ",
    "\t",
    "\r",
    "\u00a0",
    "\u064e\u0651",
    "ﷺ",
    "أإآ",
    "ی",
    "\u200c",
    "ا\u0654",
    "😀",
    "ﻛﺘﺎﺏ",
    "\n",
    "\r\n",
    " \n",
]


@pytest.mark.parametrize("preset", ["standard", "search", "camel"])
@pytest.mark.parametrize("seed", range(4))
def test_vectorized_spans_equal_the_plain_path(
    preset: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks long enough for the vectorized edits and mapping, against ARABNORM_PURE=1."""
    import random

    rng = random.Random(seed)
    block = "".join(rng.choice(BIG_PIECES) for _ in range(6000)) + "\n"
    fast = arabnorm.build_pipeline(preset)
    expected_fast = [jsonl_writer(fast)(block), conllu_writer(fast)(block)]
    monkeypatch.setenv("ARABNORM_PURE", "1")
    pure = arabnorm.build_pipeline(preset)
    assert [jsonl_writer(pure)(block), conllu_writer(pure)(block)] == expected_fast
    for row, line in zip(expected_fast[0].splitlines(), block.split("\n"), strict=False):
        body = line.removesuffix("\r")
        spans = json.loads(row)["spans"]
        assert all(not body[s].isspace() and not body[e - 1].isspace() for s, e in spans)


# UTF-8 Arabic and Latin read as windows-1256 or Latin-1, a weak run alone, and real text beside
_DAMAGED_WORDS = ["ظ…ط±ط­ط¨ط§", "ط§ظ„ط¹ط§ظ„ظ…", "Ù…Ø±Ø­Ø¨Ø§", "ط§", "cafÃ©", "الحظ…", "ظ„"]
_SPOOL_WORDS = [*_LONG_WORDS, "\u064e", "ا\u0654", "\u200c", "ﻛﺘﺎﺏ", "😀", "x" * 300, " ", "ﷲ"]


def _feed_in_pieces(streamer: object, line: str, rng: object) -> str:
    out: list[str] = []
    pos = 0
    while pos < len(line):
        step = rng.randint(1, 700)  # type: ignore[attr-defined]
        piece = line[pos : pos + step]
        pos += step
        got = streamer.feed(piece, final=pos >= len(line))  # type: ignore[attr-defined]
        out.append(got if isinstance(got, str) else "".join(got))
    return "".join(out)


@pytest.mark.parametrize("preset", ["none", "standard", "search", "camel"])
@pytest.mark.parametrize("fmt", ["jsonl", "conllu"])
@pytest.mark.parametrize("ending", ["\n", "\r\n", "", "  \r\n"])
def test_spooled_streamer_equals_whole_line(
    preset: str, fmt: str, ending: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut at spaces, a long line gives the tokens and spans of the whole line."""
    import random

    from arabnorm.io import longline
    from arabnorm.io.tokens import SpooledTokenStreamer, TokenWriter

    monkeypatch.setattr(SpooledTokenStreamer, "PIECE", 200)
    monkeypatch.setattr(SpooledTokenStreamer, "CHUNK", 100)
    monkeypatch.setattr(longline, "MARGIN", 1500)
    rng = random.Random(f"{preset}{fmt}{ending!r}")
    line = " ".join(rng.choice(_SPOOL_WORDS + _DAMAGED_WORDS) for _ in range(3000)) + ending
    # mojibake, first in standard and search, reads beyond the words around
    # a space: the cuts keep away from its matches
    writer = TokenWriter(fmt, Pipeline.from_preset(preset))
    streamer = writer.line_streamer()
    assert isinstance(streamer, SpooledTokenStreamer)
    whole = TokenWriter(fmt, Pipeline.from_preset(preset))
    assert _feed_in_pieces(streamer, line, rng) == whole(line)


@pytest.mark.parametrize("fmt", ["jsonl", "conllu"])
def test_spooled_streamer_numbers_on_from_the_blocks_before(fmt: str) -> None:
    import random

    from arabnorm import build_pipeline
    from arabnorm.io.tokens import TokenWriter

    rng = random.Random(fmt)
    writer = TokenWriter(fmt, build_pipeline("standard"), clitics="split")
    whole = TokenWriter(fmt, build_pipeline("standard"), clitics="split")
    first, long_line = "قال: نعم\n\nوبالكتاب\n", "للمدرسة " * 2000 + "\n"
    streamed = writer(first) + _feed_in_pieces(writer.line_streamer(), long_line, rng)
    streamed += writer("آخر سطر\n")
    assert streamed == whole(first) + whole(long_line) + whole("آخر سطر\n")


def test_spooled_streamer_line_without_tokens() -> None:
    from arabnorm import build_pipeline
    from arabnorm.io.tokens import TokenWriter

    for fmt in ("jsonl", "conllu"):
        writer = TokenWriter(fmt, build_pipeline("standard"))
        streamer = writer.line_streamer()
        got = streamer.feed(" " * 5000, final=False)
        rest = streamer.feed(" \n", final=True)
        out = (got if isinstance(got, str) else "".join(got)) + "".join(rest)
        assert out == TokenWriter(fmt, build_pipeline("standard"))(" " * 5001 + "\n")


def test_plugin_stages_and_sentences_gather_the_long_line() -> None:
    from arabnorm import build_pipeline
    from arabnorm.io.longline import GatherStreamer
    from arabnorm.io.tokens import TokenWriter

    writer = TokenWriter("jsonl", build_pipeline("standard"), sentences=True)
    assert isinstance(writer.line_streamer(), GatherStreamer)
    streamer = writer.line_streamer()
    line = "جملة أولى. جملة ثانية!\n"
    assert streamer.feed(line[:7], False) + streamer.feed(line[7:], True) == TokenWriter(
        "jsonl", build_pipeline("standard"), sentences=True
    )(line)


def test_cli_long_line_as_json_lines(tmp_path: Path) -> None:
    """The runner hands the long line over in pieces and writes the spooled spans in chunks."""
    import subprocess
    import sys

    from arabnorm import build_pipeline
    from arabnorm.io.runner import LONG_LINE
    from arabnorm.io.tokens import TokenWriter

    src = tmp_path / "long.txt"
    words = ["كتـــاب", "قال:", '"نعم"', "3.14", "مدرسة"]
    line = " ".join(words[i % len(words)] for i in range(600_000))  # over LONG_LINE bytes
    assert len(line.encode()) > LONG_LINE
    text = line + "\r\nsecond line\n"
    src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "arabnorm", "tokenize", "--format", "jsonl", str(src), "-o", out]
    res = subprocess.run(cmd, capture_output=True)
    assert res.returncode == 0, res.stderr
    assert out.read_text(encoding="utf-8") == TokenWriter("jsonl", build_pipeline("standard"))(text)
