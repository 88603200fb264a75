"""The cleanup stages: invisible, tatweel, whitespace."""

from __future__ import annotations

import pytest

from arabnorm.pipeline import Pipeline


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


# --- invisible ---------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    [
        "\u200b",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2060",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u061c",
        "\ufeff",
        "\u00ad",
    ],
)
def test_invisible_removes_each_listed_character_anywhere(mark: str) -> None:
    assert run("invisible", f"{mark}كت{mark}اب{mark} abc{mark}d{mark}") == "كتاب abcd"


def test_invisible_removes_joiners_inside_arabic_words() -> None:
    assert run("invisible", "كتاب\u200cها") == "كتابها"
    assert run("invisible", "كتاب\u200dها") == "كتابها"
    assert run("invisible", "مُ\u200cحَمَّد") == "مُحَمَّد"  # between marks counts as inside


def test_invisible_treats_presentation_forms_as_letters() -> None:
    # the forms stage turns ﷼ into letters later; the joiner must go now
    assert run("invisible", "ﶈ\u200c﷼") == "ﶈ﷼"
    assert run("invisible,forms", "ﶈ\u200c﷼") == run("forms", "ﶈ﷼")


def test_invisible_keeps_joiners_outside_arabic_words() -> None:
    emoji = "👩\u200d💻 👨\u200d👩\u200d👧"
    assert run("invisible", emoji) == emoji
    assert run("invisible", "a\u200cb") == "a\u200cb"
    assert run("invisible", "كتاب\u200c ها") == "كتاب\u200c ها"  # at the end of a word
    assert run("invisible", "\u200cكتاب") == "\u200cكتاب"


def test_invisible_zwnj_keep_leaves_persian_text_alone() -> None:
    persian = "می\u200cخواهم کتاب\u200cها را بخوانم"
    assert run("invisible:zwnj=keep", persian) == persian
    assert run("invisible", persian) == "میخواهم کتابها را بخوانم"


def test_invisible_zwnj_keep_still_removes_zwj_inside_words() -> None:
    assert run("invisible:zwnj=keep", "کتاب\u200dها") == "کتابها"


def test_invisible_leaves_a_long_joiner_run_outside_words_in_linear_time() -> None:
    text = "ب" + "\u200c" * 50_000 + " "
    assert run("invisible", text) == text


# --- tatweel -----------------------------------------------------------------


def test_tatweel_removes_every_tatweel() -> None:
    assert run("tatweel", "كتـــاب بـ”التهديدات”") == "كتاب ب”التهديدات”"
    assert run("tatweel", "ـــ") == ""


# --- whitespace --------------------------------------------------------------


@pytest.mark.parametrize(
    "space",
    [
        "\t",
        "\u00a0",
        "\u1680",
        "\u2000",
        "\u2005",
        "\u200a",
        "\u202f",
        "\u205f",
        "\u3000",
    ],
)
def test_whitespace_turns_every_space_separator_and_tab_into_a_space(space: str) -> None:
    assert run("whitespace", f"كتب{space}الطالب") == "كتب الطالب"


def test_whitespace_collapses_runs_and_trims_each_line() -> None:
    assert run("whitespace", "  كتب \u00a0\t الطالب  ") == "كتب الطالب"
    assert run("whitespace", " a  b \n  c\td \n") == "a b\nc d\n"


def test_whitespace_never_touches_line_breaks() -> None:
    assert run("whitespace", "a \r\n b\r\n\r\n  \r\nc") == "a\r\nb\r\n\r\n\r\nc"
    assert run("whitespace", "\n\n\n") == "\n\n\n"
    assert run("whitespace", "a  \r") == "a\r"  # "\r" at the end stays with its line end


def test_whitespace_leaves_a_lone_carriage_return_inside_a_line() -> None:
    assert run("whitespace", "a \rb") == "a \rb"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0 \r ", "0 \r "), ("a\r  \nb", "a\r \nb"), ("x \r  \r\n", "x \r \r\n"), ("a \r", "a\r")],
)
def test_whitespace_keeps_spaces_after_a_lone_carriage_return_at_a_line_end(
    text: str, expected: str
) -> None:
    # trimming them would make the lone \r the \r of a CRLF ending
    assert run("whitespace", text) == expected
    assert run("whitespace", expected) == expected


def test_whitespace_keeps_other_controls_and_zero_width_characters() -> None:
    assert run("whitespace", "a\u200bb\x0bc\u2028d") == "a\u200bb\x0bc\u2028d"


def test_whitespace_on_hostile_runs_is_linear() -> None:
    # would take minutes with a backtracking trailing-space pattern
    text = "a" + " " * 200_000 + "b" + " " * 200_000 + "\u00a0c"
    assert run("whitespace", text) == "a b c"
