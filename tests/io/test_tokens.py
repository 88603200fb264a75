"""Token writers: text, JSON lines and CoNLL-U for blocks of lines."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

import arabnorm
from arabnorm.io.tokens import conllu_writer, iter_lines, jsonl_writer, text_writer
from arabnorm.pipeline import Pipeline
from arabnorm.tokenizer import TOKEN

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
@settings(max_examples=200, deadline=None)
def test_spans_through_the_standard_preset(block: str) -> None:
    pipeline = arabnorm.build_pipeline("standard")
    for orig, _term, toks, spans in iter_lines(pipeline, block):
        assert toks == arabnorm.tokenize(orig)
        for tok, (s, e) in zip(toks, spans, strict=True):
            source = pipeline.apply(orig[s:e])
            assert tok == source or tok in source.split()


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
