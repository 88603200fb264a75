"""The bidirectional algorithm for one right-to-left line, and its inverse."""

from __future__ import annotations

from arabnorm.damage.bidi import display, levels, restore


def test_arabic_reverses_and_numbers_and_latin_keep_their_order() -> None:
    assert display("قال 10 كتب") == "بتك 10 لاق"
    assert display("في عام 2020-2021") == "2021-2020 ماع يف"
    assert display("شركة Boeing 737") == "Boeing 737 ةكرش"


def test_full_stop_and_brackets() -> None:
    assert display("نعم.") == ".معن"
    # drawn from the left: the closing bracket first, as it is (an extractor
    # returning characters) or as its mirror image (one mapping glyph shapes)
    assert display("(نعم)") == ")معن("
    assert display("(نعم)", mirror=True) == "(معن)"


def test_levels_of_a_right_to_left_paragraph() -> None:
    assert levels("اب cd") == [1, 1, 1, 2, 2]
    assert levels("ab ") == [2, 2, 1]  # trailing whitespace at the paragraph level


def test_restore_inverts_display() -> None:
    for line in [
        "قال 10 كتب",
        "افتتحت المدرسة في عام 2020-2021 بنسبة 10%",
        "(في مؤتمر صحفي) قال «نعم»",
        "الموقع example.com يعمل",
        "",
    ]:
        assert restore(display(line)) == line
        assert restore(display(line, mirror=True)) == line
