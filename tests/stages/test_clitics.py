"""Tests for the ``clitics`` stage: separators only, spans back to the input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.stages import all_stages


def test_registered_with_a_mode_parameter() -> None:
    assert "clitics" in all_stages()
    with pytest.raises(SpecError):
        Pipeline.from_spec("clitics:mode=bold")


def test_split_mode() -> None:
    p = Pipeline.from_spec("clitics")
    assert p.apply("وقال إنه وبكتابه وزارة") == "و قال إن ه و ب كتاب ه وزارة"


def test_mark_mode() -> None:
    p = Pipeline.from_spec("clitics:mode=mark")
    assert p.apply("وبكتابه ستكون للسلطة") == "و+ ب+ كتاب +ه س+ تكون ل+ لسلطة"
    assert p.apply("به وله") == "ب+ +ه و+ ل+ +ه"


def test_only_whole_arabic_tokens_are_split() -> None:
    p = Pipeline.from_spec("clitics")
    text = "#وقال @وقال http://x.com/وقال وقال2 xوقال"
    assert p.apply(text) == text


def test_lines_are_independent() -> None:
    p = Pipeline.from_spec("clitics")
    lines = ["وقال إنه", "", "فيها وزارة", "وبكتابه"]
    assert p.apply("\n".join(lines)) == "\n".join(p.apply(line) for line in lines)
    assert p.apply("وقال\r\nإنه") == "و قال\r\nإن ه"


def test_spans_of_pieces_point_into_the_input() -> None:
    p = Pipeline.from_spec("clitics")
    text = "ثم وبكتابه، وقال إنه"
    out, alignment = p.align(text)
    pos = 0
    for piece in out.split(" "):
        start = out.index(piece, pos)
        end = start + len(piece)
        pos = end
        s, e = alignment.span(start, end)
        assert text[s:e] == piece


@given(st.text(alphabet=st.sampled_from("وفبلكسهانميتةىأ ـَ\nx"), max_size=30))
def test_removing_the_separators_gives_the_input_back(text: str) -> None:
    out = Pipeline.from_spec("clitics").apply(text)
    assert out.replace(" ", "") == text.replace(" ", "")
    mark = Pipeline.from_spec("clitics:mode=mark").apply(text)
    assert mark.replace("+ +", "").replace("+ ", "").replace(" +", "") == text


def test_folded_spelling() -> None:
    # After alef/yaa/teh-marbuta folding a final ه may be a folded ة.
    p = Pipeline.from_spec("clitics:spelling=folded")
    assert p.apply("العسكريه وحكومته عليه") == "العسكريه و حكومت ه علي ه"
    assert p.apply("عسكريه") == "عسكريه"
