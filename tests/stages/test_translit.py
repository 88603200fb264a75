"""The translit stage on its own (conformance with CAMeL Tools is in tests/conformance)."""

from __future__ import annotations

import pickle
import random
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import arabnorm
from arabnorm import chars
from arabnorm.charmaps import char_map
from arabnorm.errors import SpecError
from arabnorm.pipeline import Pipeline
from arabnorm.stages import make_stage
from arabnorm.stages.base import Rule, Table
from arabnorm.tokenizer import tokenize_block
from arabnorm.translit import SCHEMES, MarkedTranslation, translation
from tests import registry

CAMEL_SCHEMES = ["bw", "safebw", "xmlbw", "hsb"]
ARABIC = sorted(chars.ARABIC_WORD_CHARS)
BMP = [chr(cp) for cp in range(1, 0x10000) if not 0xD800 <= cp <= 0xDFFF]


def run(spec: str, text: str) -> str:
    return Pipeline.from_spec(spec).apply(text)


def alphabet(scheme: str) -> frozenset[str]:
    """Every character the way back reads: what a text must not hold to come back."""
    return frozenset("".join(translation(scheme, back=True)))


# --- the data ------------------------------------------------------------------


@pytest.mark.parametrize("scheme", CAMEL_SCHEMES)
def test_camel_maps_carry_their_attribution_and_go_back_exactly(scheme: str) -> None:
    found = SCHEMES[scheme]
    assert found.backward is not None
    for name in (found.forward, found.backward):
        header = char_map(name).mapping and open_data(name)[:2500]
        assert "CAMeL Tools" in header and "New York University Abu Dhabi" in header
        assert "MIT License" in header and "Source file sha256" in header
    forward, back = translation(scheme), translation(scheme, back=True)
    assert len(forward) == 51
    assert back == {v: k for k, v in forward.items()}


def open_data(name: str) -> str:
    from arabnorm.datafiles import read_data

    return read_data(name)


def test_iso_map_writes_the_standard_letters() -> None:
    iso = translation("iso233-2")
    letters = {
        "ء": "ʾ",  # U+02BE MODIFIER LETTER RIGHT HALF RING
        "ع": "ʿ",  # U+02BF MODIFIER LETTER LEFT HALF RING
        "ث": "ṯ",
        "ج": "ǧ",
        "ح": "ḥ",
        "خ": "ẖ",
        "ذ": "ḏ",
        "ش": "š",
        "ص": "ṣ",
        "ض": "ḍ",
        "ط": "ṭ",
        "ظ": "ẓ",
        "غ": "ġ",
        "ة": "ẗ",
        "ى": "ỳ",
        "ا": "ā",
    }
    for arabic, latin in letters.items():
        assert iso[arabic] == latin, arabic
    assert "ISO 233-2" in open_data("iso233_2.tsv")[:600]


def test_iso_map_is_one_to_one_lowercase_latin() -> None:
    iso = translation("iso233-2")
    assert len(set(iso.values())) == len(iso)
    for key, value in iso.items():
        assert key in chars.ARABIC_WORD_CHARS
        assert value == value.lower() == unicodedata.normalize("NFC", value)
        assert not set(value) & chars.ARABIC_BLOCK_CHARS


def test_iso_way_back_reads_tanwin_before_the_vowel() -> None:
    steps = make_stage("translit", {"from": "iso233-2"}).steps
    assert [type(s) for s in steps] == [Rule, Table]
    assert run("translit:from=iso233-2", "ktābāaⁿ a ⁿ") == "كتاباً َ ⁿ"


@pytest.mark.parametrize("scheme", CAMEL_SCHEMES)
def test_camel_schemes_are_one_table(scheme: str) -> None:
    for options in ({"to": scheme}, {"from": scheme}):
        (step,) = make_stage("translit", options).steps
        assert isinstance(step, Table)


# --- what each direction does ------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "before", "after"),
    [
        ("translit", "كتب", "ktb"),
        ("translit:to=bw", "قَالَ: «نَعَمْ» ١٢ ok", "qaAla: «naEamo» ١٢ ok"),
        ("translit:from=bw", "qaAla: naEamo 12", "قَالَ: نَعَمْ 12"),
        ("translit:to=hsb", "مَدْرَسَةٌ.", "mad.rasaħũ."),
        ("translit:from=hsb", "mad.rasaħũ.", "مَدْرَسَةٌْ"),
        ("translit:to=iso233-2", "جُزْءاً", "ǧuz˚ʾāaⁿ"),
        ("translit:to=safebw", "شيء", "cyC"),
        ("translit:to=xmlbw", "أإؤ", "OIW"),
        ("translit:to=bw", "ﻣﻦ کی", "ﻣﻦ کی"),  # presentation forms, Persian: not named
    ],
)
def test_examples(spec: str, before: str, after: str) -> None:
    assert run(spec, before) == after


def test_line_breaks_and_carriage_returns_are_kept() -> None:
    text = "كتب\r\nقرأ\n\nx\r"
    assert run("translit:to=bw", text) == "ktb\r\nqr>\n\nx\r"
    assert run("translit:from=bw", "ktb\r\nqr>\n") == "كتب\r\nقرأ\n"


def test_to_and_from_together_are_refused() -> None:
    with pytest.raises(SpecError, match="not both"):
        Pipeline.from_spec("translit:to=bw:from=bw")
    with pytest.raises(SpecError, match="choose from"):
        Pipeline.from_spec("translit:to=buckwalter")


@pytest.mark.parametrize("marker", ["a b", "a,b", "a:b", "x\u3000y", "x\u0085y"])
def test_markers_that_cannot_be_written_in_a_spec_are_refused(marker: str) -> None:
    with pytest.raises(SpecError, match="marker"):
        make_stage("translit", {"to": "bw", "marker": marker})


@pytest.mark.parametrize(
    "spec", ["translit:from=bw:marker=@@IGNORE@@:marked=strip", "translit:to=iso233-2"]
)
def test_spec_round_trips_and_pickles(spec: str) -> None:
    p = Pipeline.from_spec(spec)
    assert Pipeline.from_spec(p.spec) == p
    assert Pipeline.from_spec(p.full_spec) == p
    clone = pickle.loads(pickle.dumps(p))
    text = "ktb @@IGNORE@@ktb كِتابٌ"
    assert clone.apply(text) == p.apply(text)


# --- round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_every_arabic_letter_and_mark_comes_back(scheme: str) -> None:
    text = "".join(ARABIC)
    written = run(f"translit:to={scheme}", text)
    assert not set(written) & set(translation(scheme))
    assert run(f"translit:from={scheme}", written) == text


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_exactly_the_scheme_alphabet_does_not_come_back(scheme: str) -> None:
    """The README lists, for each scheme, the characters that do not come back."""
    to, back = (
        Pipeline.from_spec(f"translit:to={scheme}"),
        Pipeline.from_spec(f"translit:from={scheme}"),
    )
    letters = alphabet(scheme)
    for c in BMP:
        if c == "\u207f":  # SUPERSCRIPT LATIN SMALL LETTER N: only after a, i or u
            assert back.apply(to.apply(c)) == c
            assert back.apply(to.apply("a" + c)) != "a" + c
            continue
        assert (back.apply(to.apply(c)) == c) == (c not in letters), f"U+{ord(c):04X}"


_arabic_runs = st.text(alphabet=st.sampled_from(ARABIC), min_size=1, max_size=40)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(_arabic_runs, max_size=8),
    seps=st.lists(st.sampled_from(" \n\t،.0٣"), min_size=8),
)
def test_runs_of_arabic_letters_and_marks_come_back(
    scheme: str, words: list[str], seps: list[str]
) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    if scheme == "hsb":
        text = text.replace(".", "")  # the full stop is hsb's sukun
    assert run(f"translit:from={scheme}", run(f"translit:to={scheme}", text)) == text


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_text_without_the_alphabet_comes_back_whole(scheme: str) -> None:
    pool = [c for c in BMP if c not in alphabet(scheme)]
    rng = random.Random(scheme)
    for _ in range(200):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 60)))
        text += "".join(rng.choice(ARABIC) for _ in range(10))
        assert run(f"translit:from={scheme}", run(f"translit:to={scheme}", text)) == text


# --- marked tokens -------------------------------------------------------------------

M = "translit:from=bw:marker=@@IGNORE@@"
S = M + ":marked=strip"


@pytest.mark.parametrize(
    ("spec", "before", "after"),
    [
        (M, "ktb @@IGNORE@@ktb", "كتب @@IGNORE@@ktb"),
        (M, "ktb@@IGNORE@@ktb ktb", "كتب@@IGNORE@@ktb كتب"),  # from the marker on
        (M, "@@IGNORE@@a@@IGNORE@@b b", "@@IGNORE@@a@@IGNORE@@b ب"),
        (S, "@@IGNORE@@a@@IGNORE@@b b", "a@@IGNORE@@b ب"),  # only the leading marker goes
        (S, "x @@IGNORE@@ktb\ty", "خ ktb\tي"),
        # a marker alone is a marked token too (CAMeL Tools differs here)
        (M, "@@IGNORE@@ ktb", "@@IGNORE@@ كتب"),
        (S, "ktb @@IGNORE@@ ktb", "كتب  كتب"),
        (M, "ktb @@IGNORE@@", "كتب @@IGNORE@@"),
        (S, "@@IGNORE@@", ""),
        # a marked token ends at whitespace as Python's str.isspace() knows it...
        (
            M,
            "@@IGNORE@@a\u00a0b @@IGNORE@@a\u2028b @@IGNORE@@a\x1cb",
            "@@IGNORE@@a\u00a0ب @@IGNORE@@a\u2028ب @@IGNORE@@a\x1cب",
        ),
        (M, "@@IGNORE@@a\nb\r\n@@IGNORE@@a", "@@IGNORE@@a\nب\r\n@@IGNORE@@a"),
        # ... which a zero-width space is not
        (M, "@@IGNORE@@a\u200bb b", "@@IGNORE@@a\u200bb ب"),
    ],
)
def test_marked_tokens(spec: str, before: str, after: str) -> None:
    assert run(spec, before) == after


def test_markers_are_read_literally() -> None:
    assert run("translit:from=bw:marker=.*", ".*ktb ktb") == ".*ktb كتب"
    assert run("translit:to=bw:marker=$", "$كتب كتب") == "$كتب ktb"


def test_without_a_marker_in_the_text_a_marked_step_is_the_table() -> None:
    step = MarkedTranslation(translation("bw", back=True), "@@", strip=False)
    text = "ktb qr> " * 2000
    assert step.apply(text) == run("translit:from=bw", text) == step.apply_with_edits(text)[0]


def test_long_runs_of_markers_take_linear_time() -> None:
    text = "@" * 200_000 + " ktb " + "@@x" * 50_000
    out = run("translit:from=bw:marker=@@", text)
    assert out == "@" * 200_000 + " كتب " + "@@x" * 50_000
    assert run("translit:from=bw:marker=@@:marked=strip", "@@@@@ ktb") == "@@@ كتب"


@pytest.mark.parametrize(
    "spec",
    [S, "translit:to=bw:marker=@:marked=strip", "translit:from=iso233-2:marker=@:marked=strip"],
)
def test_every_path_gives_the_reference_with_markers_stripped(spec: str) -> None:
    """The registry-wide tests try one parameter at a time; markers stripped need two."""
    stage = make_stage("translit", dict(kv.split("=") for kv in spec.split(":")[1:]))
    (step,) = stage.steps
    pipeline = Pipeline.from_spec(spec)
    lines = [*registry.lines(spec), "aⁿ @uⁿ @ @@ x@y iⁿ", "@" * 50]
    block = "\r\n".join(lines)
    want = step.apply_with_edits(block)[0]
    assert pipeline.apply(block) == step.apply(block) == want
    assert pipeline.align(block)[0] == want
    assert pipeline.map_batch(lines) == [step.apply_with_edits(x)[0] for x in lines]
    line = registry.long_line(spec)
    streamer = pipeline.line_streamer(margin=300)
    rng = random.Random(spec)
    out, pos = [], 0
    while pos < len(line):
        size = rng.choice([1, 7, 50, 400, 3000])
        out.append(streamer.feed(line[pos : pos + size], final=pos + size >= len(line)))
        pos += size
    assert "".join(out) == step.apply_with_edits(line)[0]


# --- spans ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "line"),
    [
        ("translit:to=bw", "قال: مرحبا بكم"),
        ("translit:to=iso233-2", "كتابٌ جديدٌ، وقلمٌ"),
        ("translit:from=iso233-2", "ktābuⁿ ǧdyduⁿ, wqlmuⁿ"),
        ("diacritics,translit:to=hsb", "مَدْرَسَةٌ كَبِيرَةٌ"),
    ],
)
def test_token_spans_point_into_the_original_line(spec: str, line: str) -> None:
    pipeline = Pipeline.from_spec(spec)
    block = tokenize_block(pipeline, line)
    tokens = block.tokens_with_spans()
    assert [t.text for t in tokens] == arabnorm.tokenize(pipeline.apply(line), preset="none")
    for token in tokens:
        assert pipeline.apply(line[token.start : token.end]).strip() == token.text, token


def test_token_spans_with_markers_stripped_point_into_the_original_line() -> None:
    line = "ktb @@IGNORE@@x-y ktAbN"
    tokens = tokenize_block(Pipeline.from_spec(S), line).tokens_with_spans()
    got = [(t.text, line[t.start : t.end]) for t in tokens]
    assert got == [("كتب", "ktb"), ("x", "x"), ("-", "-"), ("y", "y"), ("كتابٌ", "ktAbN")]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_readme_lists_what_does_not_come_back(scheme: str) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    (line,) = [x for x in readme.splitlines() if x.startswith(f"- `{scheme}`: ")]
    letters = alphabet(scheme)
    ascii_letters = "".join(sorted(c for c in letters if c.isascii() and c.isalpha()))
    symbols = "".join(sorted(c for c in letters if c.isascii() and not c.isalpha()))
    others = " ".join(sorted(c for c in letters if not c.isascii() and c != "\u207f"))
    assert f"`{ascii_letters}`" in line
    assert not symbols or f"`{symbols}`" in line or f"`` {symbols} ``" in line
    assert not others or f"`{others}`" in line
    assert ("`ⁿ` after a, i or u" in line) == ("\u207f" in letters)
