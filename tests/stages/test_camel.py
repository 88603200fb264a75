"""The camel stage on its own (conformance with CAMeL Tools is in tests/conformance)."""

from __future__ import annotations

from importlib.resources import files

from arabnorm.pipeline import Pipeline
from arabnorm.stages.camel import DATA_FILE, arclean_map


def run(text: str) -> str:
    return Pipeline.from_preset("camel").apply(text)


def test_the_data_file_carries_its_attribution() -> None:
    text = files("arabnorm").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    header = text[:2000]
    assert "CAMeL Tools" in header
    assert "MIT License" in header
    assert "New York University Abu Dhabi" in header


def test_the_map_expands_ranges_and_deletes_by_default() -> None:
    mapping, default = arclean_map()
    assert default == ""
    assert mapping[0x0628] == "\u0628"  # ARABIC LETTER BEH keeps itself
    assert mapping[0xFEF7] == "\u0644\u0623"  # a lam-alef ligature becomes two letters
    assert mapping[0x0660] == "0"
    assert 0x1F600 not in mapping


def test_camel_examples() -> None:
    assert run("«مُدرسةٌ» على ١٢") == '"مدرسه" علي 12'
    assert run("أحمد إلى آخر ٱلكتاب") == "احمد الي اخر الكتاب"
    assert run("ﻷن کتاب") == "لان كتاب"


def test_camel_deletes_characters_outside_its_map() -> None:
    assert run("جميل 😀 \u4e2d文 ok") == "جميل   ok"


def test_camel_keeps_line_breaks_and_tabs() -> None:
    assert run("أ\tب\r\nج\n") == "ا\tب\r\nج\n"


def test_camel_is_a_rule_then_one_table() -> None:
    steps = Pipeline.from_preset("camel")._steps
    assert [type(s).__name__ for s in steps] == ["Rule", "Table"]
