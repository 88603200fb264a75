"""Every constant and set in arabnorm.chars agrees with the Unicode database."""

from __future__ import annotations

import inspect
import re
import unicodedata

import pytest
import regex

from arabnorm import chars

SOURCE = inspect.getsource(chars)

# NAME = "\uXXXX"  # UNICODE NAME (optional remark)
CONSTANT_LINE = re.compile(r'^\s*(?:(\w+) = )?"(\\u[0-9a-f]{4}|.)",?\s+# ([A-Z][^#]*)$')
# (0xAAAA, 0xBBBB),  # FIRST NAME .. LAST NAME   (or the comment on the line before)
RANGE_LINE = re.compile(r"\(0x([0-9A-F]{4}), 0x([0-9A-F]{4})\)")
RANGE_NAMES = re.compile(r"# ([A-Z][A-Z0-9 -]+) \.\. ([A-Z][A-Z0-9 -]+)$")


def _named_constants() -> list[tuple[str, str]]:
    found = []
    for line in SOURCE.splitlines():
        m = CONSTANT_LINE.match(line)
        if m:
            literal, comment = m.group(2), m.group(3)
            c = literal.encode().decode("unicode_escape") if literal.startswith("\\") else literal
            found.append((c, comment.split(" (")[0].strip()))
    return found


def _named_ranges() -> list[tuple[int, int, str, str]]:
    found = []
    lines = SOURCE.splitlines()
    for i, line in enumerate(lines):
        m = RANGE_LINE.search(line)
        if not m:
            continue
        names = RANGE_NAMES.search(line) or RANGE_NAMES.search(lines[i - 1])
        if names is None:
            continue
        found.append((int(m.group(1), 16), int(m.group(2), 16), names.group(1), names.group(2)))
    return found


def test_the_source_names_many_constants_and_ranges() -> None:
    # Guards the parsers below: if the layout of chars.py changed so that
    # they found nothing, the name checks would pass vacuously.
    assert len(_named_constants()) >= 75
    assert len(_named_ranges()) >= 10


@pytest.mark.parametrize(("char", "name"), _named_constants())
def test_each_named_constant_has_its_unicode_name(char: str, name: str) -> None:
    assert unicodedata.name(char, "") == name or _control_name(char) == name


def _control_name(c: str) -> str:
    """A control character's name (its alias: the Unicode name of a control is empty)."""
    return {
        "\t": "CHARACTER TABULATION",
        "\n": "LINE FEED",
        "\r": "CARRIAGE RETURN",
        "\x1c": "INFORMATION SEPARATOR FOUR",
        "\x1f": "INFORMATION SEPARATOR ONE",
        "\x85": "NEXT LINE",
    }.get(c, "")


@pytest.mark.parametrize(("first", "last", "first_name", "last_name"), _named_ranges())
def test_each_named_range_starts_and_ends_where_its_comment_says(
    first: int, last: int, first_name: str, last_name: str
) -> None:
    assert unicodedata.name(chr(first), "") == first_name or _control_name(chr(first)) == first_name
    assert unicodedata.name(chr(last), "") == last_name or _control_name(chr(last)) == last_name


def test_digit_strings_are_the_decimal_digits_in_order() -> None:
    for digits, prefix in [
        (chars.ARABIC_INDIC_DIGITS, "ARABIC-INDIC DIGIT"),
        (chars.EXTENDED_ARABIC_INDIC_DIGITS, "EXTENDED ARABIC-INDIC DIGIT"),
        (chars.ASCII_DIGITS, "DIGIT"),
    ]:
        assert [unicodedata.digit(d) for d in digits] == list(range(10))
        assert all(unicodedata.name(d).startswith(prefix) for d in digits)


def test_space_separators_are_exactly_category_zs() -> None:
    zs = {chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Zs"}
    assert zs == chars.SPACE_SEPARATORS


def test_str_whitespace_is_what_python_calls_whitespace() -> None:
    found = {chr(cp) for cp in range(0x110000) if chr(cp).isspace()}
    assert found == chars.STR_WHITESPACE
    assert {c for c in found if re.fullmatch(r"\s", c)} == found


def test_alef_variants_are_alefs_with_a_mark() -> None:
    for c in chars.ALEF_VARIANTS:
        assert unicodedata.name(c).startswith("ARABIC LETTER ALEF W")
        assert unicodedata.category(c) == "Lo"
    assert chars.ALEF not in chars.ALEF_VARIANTS


def test_diacritics_are_all_arabic_nonspacing_marks() -> None:
    for c in chars.DIACRITICS:
        assert unicodedata.category(c) == "Mn", unicodedata.name(c)
        assert "ARABIC" in unicodedata.name(c)
    # U+0670 is named a letter but is a combining mark.
    assert chars.SUPERSCRIPT_ALEF in chars.DIACRITICS


def test_diacritics_cover_the_ranges_the_stage_promises() -> None:
    promised = chars.expand(
        (0x064B, 0x0652),
        (0x0670, 0x0670),
        (0x0610, 0x061A),
        (0x0653, 0x065F),
        (0x06D6, 0x06DC),
        (0x06DF, 0x06E4),
        (0x06E7, 0x06E8),
        (0x06EA, 0x06ED),
        (0x08CA, 0x08E1),
        (0x08E3, 0x08FF),
    )
    assert promised == chars.DIACRITICS


def test_mark_names_name_only_diacritics() -> None:
    for name, marks in chars.MARK_NAMES.items():
        assert marks, name
        assert marks <= chars.DIACRITICS, name


def test_hamza_compositions_are_exactly_unicode_canonical_compositions() -> None:
    for pair, composed in chars.HAMZA_COMPOSITIONS.items():
        assert unicodedata.normalize("NFC", pair) == composed
        assert unicodedata.normalize("NFD", composed) == pair
    # and no other Arabic letter composes with a combining hamza or madda
    for c in chars.ARABIC_LETTERS:
        for mark in chars.COMBINING_HAMZA_MADDA:
            if len(unicodedata.normalize("NFC", c + mark)) == 1:
                assert c + mark in chars.HAMZA_COMPOSITIONS


def test_invisible_characters_are_format_characters() -> None:
    for c in chars.INVISIBLE | chars.JOINERS:
        assert unicodedata.category(c) == "Cf", unicodedata.name(c)


def test_quotation_marks_are_punctuation_and_named_as_quotes_or_primes() -> None:
    for c in chars.DOUBLE_QUOTES | chars.SINGLE_QUOTES:
        assert unicodedata.category(c).startswith("P")
        name = unicodedata.name(c)
        assert "QUOTATION MARK" in name or "PRIME" in name
    assert not chars.DOUBLE_QUOTES & chars.SINGLE_QUOTES


def test_variant_letters_map_arabic_letters_to_arabic_letters() -> None:
    for src, dst in chars.VARIANT_LETTERS.items():
        assert unicodedata.category(src) == unicodedata.category(dst) == "Lo"
        assert src != dst


def test_arabic_punctuation_maps_to_ascii() -> None:
    for src, dst in chars.ARABIC_PUNCTUATION.items():
        assert unicodedata.category(src) == "Po"
        assert dst.isascii()


def test_arabic_blocks_hold_arabic_letters_and_marks() -> None:
    for c in chars.ARABIC_LETTERS | chars.ARABIC_MARKS:
        assert c in chars.ARABIC_BLOCK_CHARS
        assert "ARABIC" in unicodedata.name(c, "ARABIC")
    assert chars.TATWEEL in chars.ARABIC_WORD_CHARS
    assert chars.TATWEEL not in chars.ARABIC_LETTERS


def test_char_class_matches_exactly_its_characters() -> None:
    sample = chars.ALEF_VARIANTS | {"a", "b", "c", "\U0001f600"}
    cls = regex.compile(chars.char_class(sample))
    neg = regex.compile(chars.char_class(sample, negate=True))
    for cp in [*map(ord, sample), 0x61, 0x64, 0x627, 0x1F601, 0x10FFFF]:
        c = chr(cp)
        assert bool(cls.fullmatch(c)) == (c in sample)
        assert bool(neg.fullmatch(c)) == (c not in sample)
    assert regex.compile(chars.char_class(set())).search("anything") is None
