"""Conformance of the translit stage with CAMeL Tools 1.6.0's ``Transliterator``.

Every CAMeL scheme (bw, safebw, xmlbw, hsb), both directions: every code
point U+0001..U+FFFF, the seeds, the UD Arabic-PUD sentences (read from the
shared folder at test time, skipped when absent), a generated noisy corpus
and generated strings, with and without marked tokens. Round trips of every
scheme (iso233-2 included) on the same held-out text. Skipped when
camel_tools is not installed (``scripts/install-references.sh``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from arabnorm import chars
from arabnorm.cli import cli
from arabnorm.pipeline import Pipeline
from arabnorm.translit import SCHEMES, translation

transliterate = pytest.importorskip(
    "camel_tools.utils.transliterate", reason="camel_tools is not installed (a test-time reference)"
)
from camel_tools.utils.charmap import CharMapper  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
CAMEL_SCHEMES = ["bw", "safebw", "xmlbw", "hsb"]
DIRECTIONS = [(s, back) for s in CAMEL_SCHEMES for back in (False, True)]
IDS = [f"{'from' if back else 'to'}={s}" for s, back in DIRECTIONS]
CAMEL_MARKER = "@@IGNORE@@"  # the Transliterator's default


def camel_name(scheme: str, back: bool) -> str:
    return f"{scheme}2ar" if back else f"ar2{scheme}"


def camel(scheme: str, back: bool, marker: str = CAMEL_MARKER) -> object:
    mapper = CharMapper.builtin_mapper(camel_name(scheme, back))
    return transliterate.Transliterator(mapper, marker)


def ours(scheme: str, back: bool, marker: str = "", strip: bool = False) -> Pipeline:
    spec = f"translit:{'from' if back else 'to'}={scheme}"
    if marker:
        spec += f":marker={marker}" + (":marked=strip" if strip else "")
    return Pipeline.from_spec(spec)


def _shared_dir() -> Path | None:
    for candidate in (os.environ.get("ARABNORM_SHARED"), ROOT.parent / "shared"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def _pud() -> tuple[list[str], list[str]]:
    """The PUD sentences, and the vocalized lemmas of their words."""
    shared = _shared_dir()
    gold = shared / "eval" / "ud-arabic-pud" / "ar_pud-ud-test.conllu" if shared else None
    if gold is None or not gold.is_file():
        return [], []
    sentences: list[str] = []
    lemmas: list[str] = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            sentences.append(line[len("# text = ") :])
        elif line and line[0].isdigit():
            cols = line.split("\t")
            if len(cols) > 2:
                lemmas.append(cols[2])
    return sentences, lemmas


PUD_SENTENCES, PUD_LEMMAS = _pud()
needs_pud = pytest.mark.skipif(not PUD_SENTENCES, reason="../shared/eval UD Arabic-PUD not found")


@pytest.fixture(scope="module")
def noisy_corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    shared = _shared_dir()
    script = shared / "bench" / "make_corpus.py" if shared else None
    if script is None or not script.is_file():
        pytest.skip("../shared/bench/make_corpus.py not found beside the repository")
    out = tmp_path_factory.mktemp("corpus") / "noisy.txt"
    args = ["--mb", "2", "--profile", "noisy", "-o", str(out)]
    subprocess.run([sys.executable, str(script), *args], check=True)
    return out.read_text(encoding="utf-8")


def first_difference(got: str, want: str) -> str:
    lines = zip(got.split("\n"), want.split("\n"), strict=False)
    return next((f"line {i + 1}" for i, (a, b) in enumerate(lines) if a != b), "line count")


# --- every code point ------------------------------------------------------------

BMP = [chr(cp) for cp in range(0x0001, 0x10000)]


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
def test_every_bmp_code_point_is_identical(scheme: str, back: bool) -> None:
    theirs = camel(scheme, back)
    p = ours(scheme, back)
    assert [p.apply(c) for c in BMP] == [theirs.transliterate(c) for c in BMP]  # type: ignore[attr-defined]
    sweep = "".join(c for c in BMP if not 0xD800 <= ord(c) <= 0xDFFF)
    assert p.apply(sweep) == theirs.transliterate(sweep)  # type: ignore[attr-defined]
    spaced = " ".join(sweep)
    assert p.apply(spaced) == theirs.transliterate(spaced)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
def test_code_points_beyond_the_bmp_are_identical(scheme: str, back: bool) -> None:
    sweep = "".join(chr(cp) for cp in range(0x10000, 0x110000, 7))
    assert ours(scheme, back).apply(sweep) == camel(scheme, back).transliterate(sweep)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
def test_the_shipped_maps_are_camel_tools_own(scheme: str, back: bool) -> None:
    mapper = CharMapper.builtin_mapper(camel_name(scheme, back))
    theirs = {k: v for k, v in mapper._charmap.items() if v is not None and v != k}
    assert mapper._default is None
    assert dict(translation(scheme, back)) == theirs


# --- held-out text -------------------------------------------------------------------


def held_out() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    if PUD_SENTENCES:
        texts.append("\n".join(PUD_SENTENCES) + "\n")
        texts.append(" ".join(PUD_LEMMAS))
    return texts


def test_there_is_held_out_text() -> None:
    assert len(SEEDS) >= 2


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
def test_held_out_text_is_identical(scheme: str, back: bool) -> None:
    theirs = camel(scheme, back)
    p = ours(scheme, back)
    forward = ours(scheme, False)
    for text in held_out():
        # the way back is tried on the text as written and on its transliteration
        for source in (text, forward.apply(text)) if back else (text,):
            want = "".join(theirs.transliterate(x) for x in source.splitlines(keepends=True))  # type: ignore[attr-defined]
            got = p.apply(source)
            assert got == want, first_difference(got, want)


@needs_pud
def test_the_pud_sentences_are_there() -> None:
    assert len(PUD_SENTENCES) == 1000
    assert sum(any("\u064b" <= c <= "\u0652" for c in w) for w in PUD_LEMMAS) > 5000


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
def test_a_noisy_corpus_is_identical(scheme: str, back: bool, noisy_corpus: str) -> None:
    assert len(noisy_corpus) > 600_000
    source = ours(scheme, False).apply(noisy_corpus) if back else noisy_corpus
    want = camel(scheme, back).transliterate(source)  # type: ignore[attr-defined]
    got = ours(scheme, back).apply(source)
    assert got == want, first_difference(got, want)


def test_the_command_gives_what_camel_transliterate_gives_line_by_line(
    tmp_path: Path, noisy_corpus: str
) -> None:
    path = tmp_path / "in.txt"
    text = "".join(p.read_text(encoding="utf-8") for p in SEEDS) + noisy_corpus[:200_000]
    path.write_text(text, encoding="utf-8", newline="\n")
    for scheme, back in DIRECTIONS:
        source = ours(scheme, False).apply(text) if back else text
        path.write_text(source, encoding="utf-8", newline="\n")
        theirs = camel(scheme, back)
        want = "".join(theirs.transliterate(x) for x in source.splitlines(keepends=True))  # type: ignore[attr-defined]
        flag = "--from" if back else "--to"
        res = CliRunner().invoke(cli, ["translit", flag, scheme, str(path)])
        assert res.exit_code == 0, res.output
        assert res.stdout_bytes == want.encode("utf-8"), (scheme, back)


_noisy_pieces = [
    *"كتب قال محمد الله على مدرسة مسؤول رئيس بيت ٱلرَّحْمَٰنِ جُزْءاً قُرْآن".split(),
    *["ﻛﺘﺎﺏ", "ﷺ", "ی", "ک", "\u200c", "\u200f", "\ufeff", "“", "”", "«", "»", "،", "؟"],
    *[" ", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\r\n", "\n", "\x1c", "\u0085"],
    *["٣", "2024", "3.14", "😀", "café", "e\u0301", "Zürich", "ðiŷ.bũ", "Âaš.habu", "γθς"],
    *["*i}obN", ">a$ohabu", "ViQobN", "Oacohabu", "'&<>|{}~`_$", "@user", "#وسم"],
]
noisy_line = st.lists(st.sampled_from(_noisy_pieces), max_size=30).map("".join)
any_bmp = st.text(
    alphabet=st.characters(min_codepoint=0x0001, max_codepoint=0xFFFF, exclude_categories=["Cs"]),
    max_size=80,
)


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
@settings(max_examples=150, deadline=None)
@given(text=st.one_of(noisy_line, any_bmp))
def test_generated_lines_are_identical(scheme: str, back: bool, text: str) -> None:
    assume(CAMEL_MARKER not in text)
    assert ours(scheme, back).apply(text) == camel(scheme, back).transliterate(text)  # type: ignore[attr-defined]


# --- marked tokens ---------------------------------------------------------------------


def _lone(marker: str) -> re.Pattern[str]:
    """A marker followed by whitespace or the end: where we differ from CAMeL Tools."""
    return re.compile(re.escape(marker) + r"(?!\S)")


@pytest.mark.parametrize(("scheme", "back"), DIRECTIONS, ids=IDS)
@settings(max_examples=120, deadline=None)
@given(
    marker=st.sampled_from([CAMEL_MARKER, "@", "ab", "$"]),
    strip=st.booleans(),
    words=st.lists(st.one_of(noisy_line, st.sampled_from(["@", "@@IGNORE@@", "ab", "$"]))),
)
def test_marked_tokens_are_identical(
    scheme: str, back: bool, marker: str, strip: bool, words: list[str]
) -> None:
    text = "".join(words)
    assume(not _lone(marker).search(text))
    want = camel(scheme, back, marker).transliterate(text, strip_markers=strip)  # type: ignore[attr-defined]
    assert ours(scheme, back, marker, strip).apply(text) == want


def test_a_lone_marker_is_where_camel_tools_differs_on_purpose() -> None:
    theirs = camel("bw", True)
    p, s = ours("bw", True, CAMEL_MARKER), ours("bw", True, CAMEL_MARKER, strip=True)
    # CAMeL Tools leaves a whole line alone when it starts with a lone marker ...
    assert theirs.transliterate("@@IGNORE@@ ktb") == "@@IGNORE@@ ktb"  # type: ignore[attr-defined]
    assert p.apply("@@IGNORE@@ ktb") == "@@IGNORE@@ كتب"
    # ... and transliterates a lone marker elsewhere.
    assert theirs.transliterate("ktb @@IGNORE@@ ktb") == "كتب @@IگٌORع@@ كتب"  # type: ignore[attr-defined]
    assert p.apply("ktb @@IGNORE@@ ktb") == "كتب @@IGNORE@@ كتب"
    assert s.apply("ktb @@IGNORE@@ ktb") == "كتب  كتب"
    # A line that is only a marker is the same either way.
    for strip, ours_ in ((False, p), (True, s)):
        line = "@@IGNORE@@\n"
        assert ours_.apply(line) == theirs.transliterate(line, strip_markers=strip)  # type: ignore[attr-defined]


# --- round trips on held-out text ----------------------------------------------------

ARABIC_RUN = re.compile(f"{chars.char_class(chars.ARABIC_WORD_CHARS)}+")


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_held_out_arabic_comes_back(scheme: str, noisy_corpus: str) -> None:
    to, back = ours(scheme, False), ours(scheme, True)
    runs = [m.group() for text in [*held_out(), noisy_corpus] for m in ARABIC_RUN.finditer(text)]
    assert len(runs) > 50_000
    joined = "\n".join(runs)
    assert back.apply(to.apply(joined)) == joined
    alphabet = set("".join(translation(scheme, back=True)))
    lines = [x for t in held_out() for x in t.splitlines() if not alphabet & set(x)]
    assert len(lines) > 10
    assert back.apply(to.apply("\n".join(lines))) == "\n".join(lines)
