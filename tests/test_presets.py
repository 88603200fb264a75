"""Properties every preset keeps, whatever the text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from arabnorm import normalize
from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.presets import DEFAULT_PRESET, PRESETS, preset_spec

PRESET_NAMES = ["standard", "search", "camel", "lucene", "arabert", "none"]

# The one character on which CAMeL Tools' chain is not idempotent: arclean
# maps REVERSED PILCROW SIGN to PILCROW SIGN, which arclean itself deletes.
# The camel preset reproduces that, since it must match byte for byte.
CAMEL_NOT_IDEMPOTENT = "\u204b"

# AraBERT's preprocessor shortens repeated letters after it masks URLs, so
# "htttp" comes out as "http", which a second run masks. The arabert preset
# reproduces that; lines without Latin letters are not touched by it.
ARABERT_NOT_IDEMPOTENT = "htttp"

# Text that gives every stage work: Arabic letters, marks and presentation
# forms, Persian letters, joiners, bidi marks, quotes, spaces, digits, emoji,
# Latin with accents, and line breaks.
noisy_chars = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(min_codepoint=0x08A0, max_codepoint=0x08FF),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
    st.sampled_from(
        list(" \t\u00a0\u3000\u200b\u200c\u200d\u200e\u200f\u202b\u2066\u00ad\ufeff")
        + list("“”„«»‘’‹›\"'″٫٬،؛؟٪0123456789")
        + ["ا\u0654", "ي\u0654", "ﷺ", "﷽", "👩\u200d💻", "é", "e\u0301", "ﬁ", "²", "①", "\r"]
        + ["ببب", "ييييي", "یـ", "ـــ", "\u204b"]
    ),
    st.characters(max_codepoint=0x2FFF, exclude_categories=["Cs"]),
)
noisy_line = st.lists(noisy_chars, max_size=30).map("".join).map(lambda s: s.replace("\n", ""))
any_text = st.one_of(st.text(max_size=60), noisy_line)


def apply(preset: str, text: str) -> str:
    return Pipeline.from_preset(preset).apply(text)


def test_the_presets_are_the_contracted_ones() -> None:
    assert set(PRESETS) == set(PRESET_NAMES)
    assert DEFAULT_PRESET == "standard"
    assert (
        preset_spec("standard") == "mojibake,invisible,forms,tatweel,diacritics,quotes,whitespace"
    )
    assert preset_spec("search") == (
        "mojibake,invisible,forms,variants,tatweel,diacritics,alef,yaa,teh-marbuta,hamza,"
        "digits,punctuation,quotes,elongation,whitespace"
    )
    assert preset_spec("camel") == "camel"
    assert preset_spec("lucene") == "lucene"
    assert preset_spec("arabert") == (
        "html:tags=keep,diacritics:marks=tashkeel,tatweel,mask:rules=arabert,"
        "html:entities=keep:tags=arabert,repeats,digits:from=arabic,tokens:style=arabert"
    )
    assert preset_spec("none") == ""


def test_unknown_preset_lists_the_presets() -> None:
    with pytest.raises(
        SpecError, match=r"'searching'.*standard, search, camel, lucene, arabert, none"
    ):
        preset_spec("searching")


def test_standard_keeps_letters_as_written() -> None:
    text = "  «أَهْلًا» يا علی، ﻛﺘـــﺎﺏ\u200f ٢٠٢٤؟ "
    assert normalize(text) == '"أهلا" يا علی، كتاب ٢٠٢٤؟'


def test_search_folds_spelling() -> None:
    text = "  «أَهْلًا» يا علی، ﻛﺘـــﺎﺏ\u200f ٢٠٢٤؟ مسؤول مدرسة جمييييل"
    assert normalize(text, preset="search") == '"اهلا" يا علي, كتاب 2024? مسوول مدرسه جميل'


def test_none_changes_nothing() -> None:
    text = " «أَهْلًا»\u200f \r\n"
    assert normalize(text, preset="none") == text


@pytest.mark.parametrize("preset", PRESET_NAMES)
@settings(max_examples=250, deadline=None)
@given(text=any_text)
@example(text="ب\u200cـ\u200cب")
@example(text="(ﷺ)  ﷽")
@example(text="یـ ی ﹰ")
def test_presets_are_idempotent(preset: str, text: str) -> None:
    if preset == "camel":
        text = text.replace(CAMEL_NOT_IDEMPOTENT, "")
    if preset == "arabert":
        text = "".join(c for c in text if not ("a" <= c <= "z" or "A" <= c <= "Z"))
    once = apply(preset, text)
    assert apply(preset, once) == once


def test_arabert_reproduces_its_non_idempotent_case() -> None:
    assert apply("arabert", ARABERT_NOT_IDEMPOTENT) == "http"
    assert apply("arabert", "http") == "[رابط]"


def test_camel_reproduces_the_one_non_idempotent_case() -> None:
    assert apply("camel", CAMEL_NOT_IDEMPOTENT) == "\u00b6"
    assert apply("camel", "\u00b6") == ""


@pytest.mark.parametrize("preset", PRESET_NAMES)
@settings(max_examples=250, deadline=None)
@given(lines=st.lists(noisy_line, max_size=6), crlf=st.booleans())
def test_presets_keep_the_line_count_and_terminators(
    preset: str, lines: list[str], crlf: bool
) -> None:
    lines = [line.replace("\r", "") for line in lines]
    sep = "\r\n" if crlf else "\n"
    out = apply(preset, sep.join(lines))
    assert out.count("\n") == max(len(lines) - 1, 0)
    assert out.count("\r\n") == (out.count("\n") if crlf else 0)
    assert out.count("\r") == out.count("\r\n")


@pytest.mark.parametrize("preset", PRESET_NAMES)
@settings(max_examples=250, deadline=None)
@given(lines=st.lists(noisy_line, max_size=6))
def test_a_block_gives_the_same_result_as_its_lines(preset: str, lines: list[str]) -> None:
    assert apply(preset, "\n".join(lines)) == "\n".join(apply(preset, line) for line in lines)


@pytest.mark.parametrize("preset", PRESET_NAMES)
@settings(max_examples=250, deadline=None)
@given(text=st.text(alphabet=st.characters(codec=None), max_size=80))
def test_presets_never_raise(preset: str, text: str) -> None:
    assert isinstance(apply(preset, text), str)


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_presets_pass_lone_surrogates_from_undecodable_bytes(preset: str) -> None:
    text = b"\xd8\xa3\xff\xfe x\n".decode("utf-8", "surrogateescape")
    out = apply(preset, text)
    assert out.endswith("\n")
    if preset not in ("camel", "arabert"):  # both drop what is outside their vocabulary
        assert "\udcff\udcfe" in out


@pytest.mark.parametrize("preset", PRESET_NAMES)
def test_presets_on_hostile_input_finish(preset: str) -> None:
    text = (
        "ب" * 100_000
        + " " * 100_000
        + "\u064e" * 100_000
        + "." * 100_000
        + "@" * 100_000
        + "\u200c" * 100_000
        + "ی" * 10
        + "\u064e" * 100_000
    )
    out = apply(preset, text)
    assert "\n" not in out
