"""The diacritics stage."""

from __future__ import annotations

import pytest

from arabnorm import chars
from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


def test_diacritics_removes_harakat_tanwin_shadda_sukun() -> None:
    assert run("diacritics", "مُحَمَّدٌ كَتَبَ كِتَابًا قُلْ") == "محمد كتب كتابا قل"


def test_diacritics_removes_dagger_alef_and_quranic_marks() -> None:
    assert run("diacritics", "هَٰذَا") == "هذا"
    assert run("diacritics", "الرَّحِيمِ ۝ ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ ۛ فِيهِ ۛ") == (
        "الرحيم ۝ ذلك ٱلكتب لا ريب  فيه "
    )


@pytest.mark.parametrize("mark", sorted(chars.DIACRITICS - chars.COMBINING_HAMZA_MADDA))
def test_diacritics_removes_each_promised_mark(mark: str) -> None:
    assert run("diacritics", f"ب{mark}ت") == "بت"


def test_diacritics_composes_hamza_instead_of_removing_it() -> None:
    assert run("diacritics", "ا\u0654حمد") == "أحمد"
    assert run("diacritics", "اَ\u0654") == "أ"
    assert run("diacritics", "ا\u0653") == "آ"
    assert run("diacritics", "ي\u0654") == "ئ"
    # a hamza mark on a letter it cannot compose with is a mark like any other
    assert run("diacritics", "ك\u0654") == "ك"


def test_diacritics_leaves_latin_accents_and_other_scripts() -> None:
    text = "café naïve e\u0301 \u05b0 \u0915\u093f"
    assert run("diacritics", text) == text


@pytest.mark.parametrize(
    ("keep", "text", "expected"),
    [
        ("shadda", "مُّحَمَّدِْ", "مّحمّد"),
        ("shadda,sukun", "مُّحَمَّدِْ", "مّحمّدْ"),
        ("shadda+sukun", "مُّحَمَّدِْ", "مّحمّدْ"),
        ("harakat", "مُّحَمَّدِْ", "مُحَمَدِ"),
        ("fatha", "مُّحَمَّدِْ", "محَمَد"),
        ("tanwin", "مُحَمَّدٌ", "محمدٌ"),
        ("dagger-alef", "هَٰذَا", "هٰذا"),
        ("quranic", "فِيهِ ۛ", "فيه ۛ"),
    ],
)
def test_diacritics_keep(keep: str, text: str, expected: str) -> None:
    assert run(f"diacritics:keep={keep}", text) == expected


def test_diacritics_keep_in_a_spec_with_more_stages() -> None:
    p = Pipeline.from_spec("diacritics:keep=shadda,sukun,alef")
    assert [s.name for s in p.stages] == ["diacritics", "alef"]
    assert p.apply("أَمْرّ") == "امْرّ"


def test_diacritics_keep_rejects_unknown_mark_names() -> None:
    with pytest.raises(SpecError) as err:
        Pipeline.from_spec("diacritics:keep=shada")
    message = str(err.value)
    assert "'shada'" in message
    assert "shadda" in message and "sukun" in message and "tanwin" in message
