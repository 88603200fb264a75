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
