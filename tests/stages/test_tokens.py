"""The ``tokens`` stage: registered, one space between tokens, spans that map back."""

from __future__ import annotations

import pickle

from arabnorm.pipeline import Pipeline
from arabnorm.stages import all_stages, get_stage
from arabnorm.tokenizer import token_spans


def test_registered_as_a_tokenizer() -> None:
    cls = get_stage("tokens")
    assert cls().kind == "tokenizer"
    assert "tokens" in all_stages()
    assert cls().spec == "tokens"


def test_joins_tokens_by_one_space_per_line() -> None:
    p = Pipeline.from_spec("tokens")
    assert p.apply('قال:"نعم"  \r\n\n  لا!! 3.14%\n') == 'قال : " نعم "\r\n\nلا !! 3.14 %\n'


def test_block_equals_lines() -> None:
    p = Pipeline.from_spec("tokens")
    lines = ["  بـ”التهديدات”", "", "x\t\ty", "@user #وسم!"]
    assert p.apply("\n".join(lines)) == "\n".join(p.apply(line) for line in lines)


def test_after_a_table_stage_and_pickles() -> None:
    p = Pipeline.from_spec("tatweel,tokens")
    assert p.apply("كتـــاب:جديد") == "كتاب : جديد"
    assert pickle.loads(pickle.dumps(p)) == p


def test_edits_map_every_output_token_to_its_source() -> None:
    p = Pipeline.from_spec("tatweel,tokens")
    text = "  كتـــاب:جديد  ،ـلا\r\n  x!!y \n"
    out, alignment = p.align(text)
    assert out == "كتاب : جديد ، لا\r\nx !! y\n"
    got = [text[slice(*alignment.span(s, e))].strip() for s, e in token_spans(out)]
    assert got == ["كتـــاب", ":", "جديد", "،ـ", "لا", "x", "!!", "y"]
