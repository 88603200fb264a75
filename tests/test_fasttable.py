"""The vectorized table gives exactly what str.translate gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.fasttable import MIN_VECTOR, VectorTable, table_runner
from arabnorm.stages.base import Table

np = pytest.importorskip("numpy")

KEYS = st.sampled_from(
    [0x41, 0x640, 0x623, 0x64B, 0x649, 0xFDF2, 0xFEFB, 0x1F600, 0xFFFF, 0xFFFE, 0xE9]
)
VALUES = st.sampled_from(["", "ا", "ي", "لا", "الله", "\U0001f600", "x", "\ufffe", "ـ"])
TEXT = st.text(
    alphabet=st.sampled_from(
        ["a", "ـ", "أ", "\u064b", "ى", "ﷲ", "ﻻ", "😀", "\ufffe", " ", "\n", "é", "\udc80"]
    ),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=8), TEXT)
def test_vector_equals_translate(mapping: dict[int, str], text: str) -> None:
    table = Table(mapping)
    big = text * (MIN_VECTOR // max(1, len(text)) + 1)
    vector = table_runner(table, vector=True)
    assert vector(big) == table.apply(big)
    assert vector(text) == table.apply(text)


def test_vector_path_is_used_for_ordinary_tables() -> None:
    table = Table({0x640: "", 0x623: "ا", 0xFDF2: "الله"})
    run = table_runner(table, vector=True)
    assert isinstance(run, VectorTable)
    text = "أحـمد ﷲ\n" * 1000
    assert run(text) == "احمد الله\n" * 1000


def test_pure_python_path_when_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARABNORM_PURE", "1")
    table = Table({0x640: ""})
    assert table_runner(table) == table.apply


def test_a_value_that_is_an_expansion_key_falls_back() -> None:
    table = Table({0x41: "B", 0x42: "CC"})
    run = table_runner(table, vector=True)
    assert run("AB" * 2000) == ("BCC" * 2000)


# --- rules: re engine and line filters --------------------------------------

from arabnorm.fasttable import (  # noqa: E402
    LineFilter,
    PairFilter,
    ReRule,
    required_chars,
    required_pairs,
    rule_runner,
)
from arabnorm.stages.base import Rule  # noqa: E402

RULES = [
    Rule(
        r"(?m)(?P<trim>^ ++|(?<! ) ++(?=\r?$))|(?<! ) {2,}+",
        lambda m: "" if m.group("trim") is not None else " ",
    ),
    Rule(r"[\u200c-\u200d]++", ""),
    Rule(
        r"(?r)(?P<base>[اوي])(?P<h>[\u064b-\u0652]*+)(?P<mark>[\u0653-\u0655])",
        lambda m: "أ" + m.group("h"),
    ),
    Rule(r"([\u0620-\u064a])\1{2,}+", lambda m: m.group(1)),
    Rule(r"ی(?![\u0620-\u064a])", "ى"),
    Rule(r"\p{Arabic}{3}", lambda m: m.captures(0)[0][::-1]),  # regex-only pattern and method
    Rule(r"[^\n\r a-zب]++", ""),  # a negated class: only its rare characters are looked at
]
LINE_TEXT = st.lists(
    st.sampled_from(
        [" ", "\n", "\r", "ا", "ب", "\u064e", "\u0654", "\u200c", "ی", "x", "ببب", "😀"]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(LINE_TEXT, min_size=1, max_size=60))
def test_fast_rule_runners_equal_the_rule(parts: list[str]) -> None:
    dense = "".join(parts) * 40
    # sparse: the lines that can match are far apart, so the filters pick lines
    filler = "x" * 300
    sparse = "\n".join(f"{filler}\n{p}\n{filler}" for p in parts) * 3
    for text in (dense, sparse, sparse.replace("\n", "\r\n")):
        for rule in RULES:
            assert rule_runner(rule)(text) == rule.apply(text), rule


def test_rule_runners_choose_engines_and_filters() -> None:
    assert isinstance(rule_runner(RULES[1]), LineFilter)
    assert isinstance(rule_runner(RULES[3]), LineFilter)  # doubled letters
    assert isinstance(rule_runner(RULES[-1]), LineFilter)  # negated class
    assert isinstance(rule_runner(RULES[0]), PairFilter)
    assert isinstance(ReRule(RULES[3]), ReRule)
    assert required_chars(r"(?r)a|[bc]d*") == frozenset({97, 98, 99})
    assert required_pairs(r"[^a]") is None


def test_re_engine_falls_back_when_the_replacement_needs_regex() -> None:
    rule = Rule(r"[ب]{3}", lambda m: str(len(m.captures(0))))
    run = ReRule(rule)
    assert run("ببب ا") == "1 ا" == rule.apply("ببب ا")


def test_engine_choice_on_large_blocks_keeps_the_output() -> None:
    rule = RULES[0]
    run = ReRule(rule)
    text = ("  كتاب   قلم  \r\n" * 9000) + "x  "
    outs = [run(text) for _ in range(4)]  # timed with re, with regex, then the faster
    assert all(o == rule.apply(text) for o in outs)
    assert run._choice is not None


def test_word_classes_stay_with_regex_where_the_engines_differ() -> None:
    rule = Rule(r"\w+", "W")  # regex counts harakat as word characters, re does not
    text = "بَيْتٌ كَبِيرٌ\n" * 400
    assert rule_runner(rule)(text) == rule.apply(text) == "W W\n" * 400
    with pytest.raises(ValueError):
        ReRule(rule)
