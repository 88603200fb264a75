"""The letter stages: forms, variants, alef, yaa, teh-marbuta, hamza, elongation."""

from __future__ import annotations

import unicodedata

import pytest

from arabnorm import chars
from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


# --- forms -------------------------------------------------------------------


def test_forms_turns_positional_forms_into_letters() -> None:
    assert run("forms", "ﻛﺘﺎﺏ ﺍﻟﻌﺮﺑﻴﺔ") == "كتاب العربية"


@pytest.mark.parametrize(
    ("ligature", "letters"),
    [("ﻷ", "لأ"), ("ﻸ", "لأ"), ("ﻹ", "لإ"), ("ﻵ", "لآ"), ("ﻻ", "لا"), ("ﻼ", "لا")],
)
def test_forms_lam_alef_keeps_hamza_and_madda(ligature: str, letters: str) -> None:
    assert run("forms", ligature) == letters


def test_forms_multi_word_ligatures_expand_with_spaces_around_them() -> None:
    assert run("forms", "محمدﷺ") == "محمد صلى الله عليه وسلم"
    assert run("forms", "محمد ﷺ قال") == "محمد صلى الله عليه وسلم قال"
    assert run("forms", "﷽الحمد") == "بسم الله الرحمن الرحيم الحمد"
    assert run("forms", "ﷻ") == "جل جلاله"
    assert run("forms", "(ﷺ)") == "( صلى الله عليه وسلم )"


def test_forms_single_word_ligatures() -> None:
    assert run("forms", "ﷲ") == "الله"
    assert run("forms", "ﷰ") == unicodedata.normalize("NFKC", "ﷰ")


@pytest.mark.parametrize(
    ("decomposed", "composed"),
    [
        ("ا\u0654", "أ"),
        ("ا\u0655", "إ"),
        ("ا\u0653", "آ"),
        ("و\u0654", "ؤ"),
        ("ي\u0654", "ئ"),
        ("اَ\u0654", "أَ"),  # a haraka typed before the hamza
    ],
)
def test_forms_composes_decomposed_hamza_and_madda(decomposed: str, composed: str) -> None:
    assert run("forms", f"س{decomposed}ل") == f"س{composed}ل"


def test_forms_leaves_a_hamza_mark_that_composes_with_nothing() -> None:
    assert run("forms", "ك\u0654") == "ك\u0654"


@pytest.mark.parametrize("text", ["ﬁ", "²", "①", "Ａ", "ｶ", "½", "™", "ﹰ٫", "\ufeff", "㍿"])
def test_forms_is_not_nfkc(text: str) -> None:
    # ﹰ is a presentation form and does change; the others must not
    out = run("forms", text)
    if text.startswith("ﹰ"):
        assert out == " \u064b٫"
    else:
        assert out == text


def test_forms_maps_every_presentation_form_with_a_decomposition() -> None:
    stage = Pipeline.from_spec("forms")
    for first, last in chars.PRESENTATION_FORM_RANGES:
        for cp in range(first, last + 1):
            c = chr(cp)
            out = stage.apply(c)
            if unicodedata.decomposition(c) or c == chars.LIGATURE_BISMILLAH:
                assert out != c
                assert not any(first <= ord(x) <= last for x in out), hex(cp)
                if c != chars.LIGATURE_BISMILLAH:
                    # compatibility-equivalent to the form (NFKC may decompose further: ٷ)
                    assert unicodedata.normalize("NFKC", out) == unicodedata.normalize("NFKC", c)
            else:
                assert out == c, hex(cp)


# --- variants ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persian", "arabic"),
    [
        ("کتاب", "كتاب"),
        ("ڪتاب", "كتاب"),
        ("بیت", "بيت"),
        ("علی", "على"),
        ("علیٌّ", "علىٌّ"),  # final even with marks after it
        ("ی", "ى"),
        ("کبیر.", "كبير."),
        ("بےت", "بيت"),
        ("ہذا", "هذا"),
        ("ھذا", "هذا"),
        ("ەذا", "هذا"),
        ("مدرسۃ", "مدرسة"),
    ],
)
def test_variants_folds_look_alike_letters(persian: str, arabic: str) -> None:
    assert run("variants", persian) == arabic


def test_variants_final_yeh_is_judged_per_word() -> None:
    assert run("variants", "فی بیت علی\nعلی") == "فى بيت على\nعلى"


# --- alef, yaa, teh-marbuta, hamza -------------------------------------------


def test_alef_folds_every_variant() -> None:
    assert run("alef", "أإآٱٲٳا") == "ااااااا"
    assert run("alef", "أحمد إحسان") == "احمد احسان"


def test_alef_leaves_other_hamza_letters() -> None:
    assert run("alef", "ءؤئ") == "ءؤئ"


def test_yaa_and_teh_marbuta() -> None:
    assert run("yaa", "على يد") == "علي يد"
    assert run("teh-marbuta", "مدرسة جميلة") == "مدرسه جميله"
    assert run("teh-marbuta", "ۃ") == "ۃ"  # the Urdu form is the variants stage's job


def test_hamza_default_keeps_the_seat_and_bare_hamza() -> None:
    assert run("hamza", "مسؤول مسئول سماء") == "مسوول مسيول سماء"
    assert run("hamza", "ء") == "ء"


def test_hamza_mode_bare() -> None:
    assert run("hamza:mode=bare", "مسؤول مسئول سماء") == "مسءول مسءول سماء"


def test_hamza_mode_is_validated() -> None:
    with pytest.raises(SpecError, match=r"mode='naked'.*choose from: seat, bare"):
        Pipeline.from_spec("hamza:mode=naked")


# --- elongation --------------------------------------------------------------


def test_elongation_collapses_runs_of_three_or_more() -> None:
    assert run("elongation", "جمييييل رااائع") == "جميل رائع"


def test_elongation_leaves_doubled_letters() -> None:
    assert run("elongation", "الله ممتاز") == "الله ممتاز"


def test_elongation_max_keeps_that_many() -> None:
    assert run("elongation:max=2", "جمييييل رااائع الله") == "جمييل راائع الله"
    assert run("elongation:max=3", "جمييييل رااائع") == "جميييل رااائع"


def test_elongation_ignores_non_arabic_runs() -> None:
    assert run("elongation", "sooo 111 ...") == "sooo 111 ..."


def test_elongation_max_is_validated() -> None:
    for bad in ["0", "-1", "two", ""]:
        with pytest.raises(SpecError, match="max="):
            Pipeline.from_spec(f"elongation:max={bad}")


def test_elongation_is_linear_on_long_runs() -> None:
    assert run("elongation", "ي" * 300_000 + "ب" * 2) == "يبب"
