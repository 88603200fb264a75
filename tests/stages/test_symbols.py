"""The symbol stages: digits, punctuation, quotes."""

from __future__ import annotations

import pytest

from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline

SEED_LINE = (
    "قال الرئيس الأمريكي إنه يرغب في تقديم المساعدة لأوكرانيا، خاصة في ظل ما وصفه "
    "بـ”التهديدات المتزايدة” التي تواجهها كييف"
)


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


# --- digits ------------------------------------------------------------------


def test_digits_to_latin_by_default() -> None:
    assert run("digits", "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 42") == "0123456789 0123456789 42"


def test_digits_to_arabic() -> None:
    assert run("digits:to=arabic", "2024 ۲۰۲۴ ٢٠٢٤") == "٢٠٢٤ ٢٠٢٤ ٢٠٢٤"


def test_digits_leave_other_numerals() -> None:
    assert run("digits", "²①Ⅻ१२") == "²①Ⅻ१२"


def test_digits_to_is_validated() -> None:
    with pytest.raises(SpecError, match=r"to='roman'.*choose from: latin, arabic"):
        Pipeline.from_spec("digits:to=roman")


# --- punctuation -------------------------------------------------------------


def test_punctuation_to_ascii() -> None:
    assert run("punctuation", "نعم، لا؛ لماذا؟ ٥٪ ٣٫٥ ١٬٠٠٠") == "نعم, لا; لماذا? ٥% ٣.٥ ١,٠٠٠"


def test_punctuation_leaves_other_marks() -> None:
    assert run("punctuation", "«»۔…!") == "«»۔…!"


# --- quotes ------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["“", "”", "„", "‟", "«", "»", "″", "＂", "〝", "〞"])
def test_quotes_doubles_become_ascii(mark: str) -> None:
    assert run("quotes", f"{mark}نص{mark}") == '"نص"'


@pytest.mark.parametrize("mark", ["‘", "’", "‚", "‛", "‹", "›", "′"])
def test_quotes_singles_become_apostrophes(mark: str) -> None:
    assert run("quotes", f"{mark}x{mark}") == "'x'"


def test_quotes_seed_sentence() -> None:
    assert run("quotes", SEED_LINE) == SEED_LINE.replace("”", '"')


def test_quotes_guillemets_pair_by_position_including_reversed_marks() -> None:
    out = run("quotes:style=guillemets", SEED_LINE)
    assert "بـ«التهديدات المتزايدة» التي" in out
    assert run("quotes:style=guillemets", 'قال “نعم” و"لا" و»ربما«') == "قال «نعم» و«لا» و«ربما»"


def test_quotes_guillemets_restart_on_each_line() -> None:
    text = "”أ” ”ب\n”ج”\r\n“د"
    assert run("quotes:style=guillemets", text) == "«أ» «ب\n«ج»\r\n«د"


def test_quotes_guillemets_turn_singles_into_apostrophes() -> None:
    assert run("quotes:style=guillemets", "‘x’") == "'x'"


def test_quotes_style_is_validated() -> None:
    with pytest.raises(SpecError, match=r"style='french'.*choose from: ascii, guillemets"):
        Pipeline.from_spec("quotes:style=french")
