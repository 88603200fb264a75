"""Conformance with the real CAMeL Tools 1.6.0.

The ``camel`` preset must give byte-identical output to CAMeL Tools' chain,
and the stages that share a purpose with a CAMeL Tools function must agree
with it on the characters that function handles. Skipped when camel_tools
is not installed (``pip install --no-deps camel-tools==1.6.0 emoji six``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.pipeline import Pipeline

charmap = pytest.importorskip(
    "camel_tools.utils.charmap", reason="camel_tools is not installed (a test-time reference)"
)
from camel_tools.utils.charsets import AR_CHARSET  # noqa: E402
from camel_tools.utils.dediac import dediac_ar  # noqa: E402
from camel_tools.utils.normalize import (  # noqa: E402
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
ARCLEAN = charmap.CharMapper.builtin_mapper("arclean")
CAMEL = Pipeline.from_preset("camel")


def camel_tools_chain(text: str) -> str:
    text = ARCLEAN(text)
    text = dediac_ar(text)
    text = normalize_alef_ar(text)
    text = normalize_alef_maksura_ar(text)
    return str(normalize_teh_marbuta_ar(text))


def _shared_dir() -> Path | None:
    """The shared folder beside the repository (as CI lays it out), or $ARABNORM_SHARED."""
    for candidate in (os.environ.get("ARABNORM_SHARED"), ROOT.parent / "shared"):
        if candidate and (Path(candidate) / "bench" / "make_corpus.py").is_file():
            return Path(candidate)
    return None


# --- the camel preset ---------------------------------------------------------


def test_there_are_seeds() -> None:
    assert len(SEEDS) >= 2


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_camel_preset_is_identical_on_the_seeds(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    expected = camel_tools_chain(text)
    assert CAMEL.apply(text) == expected
    assert CAMEL.apply(text).encode("utf-8") == expected.encode("utf-8")


@pytest.fixture(scope="module")
def noisy_corpus(tmp_path_factory: pytest.TempPathFactory) -> str:
    shared = _shared_dir()
    if shared is None:
        pytest.skip("../shared/bench/make_corpus.py not found beside the repository")
    out = tmp_path_factory.mktemp("corpus") / "noisy.txt"
    script = shared / "bench" / "make_corpus.py"
    args = ["--mb", "1", "--profile", "noisy", "-o", str(out)]
    subprocess.run([sys.executable, str(script), *args], check=True)
    return out.read_text(encoding="utf-8")


def test_camel_preset_is_identical_on_a_noisy_corpus(noisy_corpus: str) -> None:
    assert len(noisy_corpus) > 300_000
    expected = camel_tools_chain(noisy_corpus)
    got = CAMEL.apply(noisy_corpus)
    if got != expected:  # say where, not just that
        lines = zip(got.split("\n"), expected.split("\n"), strict=False)
        first = next(i for i, (a, b) in enumerate(lines) if a != b)
        pytest.fail(f"line {first + 1} differs")
    assert got == expected


BMP = [chr(cp) for cp in range(0x0001, 0x10000) if not 0xD800 <= cp <= 0xDFFF]


def test_camel_preset_is_identical_on_every_bmp_code_point() -> None:
    for c in BMP:
        assert CAMEL.apply(c) == camel_tools_chain(c), f"U+{ord(c):04X}"
    sweep = "".join(BMP)
    assert CAMEL.apply(sweep) == camel_tools_chain(sweep)


def test_camel_preset_is_identical_beyond_the_bmp() -> None:
    sweep = "".join(chr(cp) for cp in range(0x10000, 0x110000, 7))
    assert CAMEL.apply(sweep) == camel_tools_chain(sweep)


bmp_text = st.text(
    alphabet=st.characters(min_codepoint=0x0001, max_codepoint=0xFFFF, exclude_categories=["Cs"]),
    max_size=80,
)
arabic_heavy = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.sampled_from(" \n\r\t\u00a0\u200c\u200d«»“”"),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(bmp_text, arabic_heavy))
def test_camel_preset_is_identical_on_generated_strings(text: str) -> None:
    assert CAMEL.apply(text) == camel_tools_chain(text)


# --- stages that share a purpose with a CAMeL Tools function --------------------

AGREEING: list[tuple[str, Callable[[str], str]]] = [
    ("diacritics", dediac_ar),
    ("alef", normalize_alef_ar),
    ("yaa", normalize_alef_maksura_ar),
    ("teh-marbuta", normalize_teh_marbuta_ar),
]
camel_arabic = st.text(
    alphabet=st.sampled_from(sorted(AR_CHARSET | set(" .،0١\n"))),
    max_size=60,
)


@pytest.mark.parametrize(("stage", "function"), AGREEING, ids=[a[0] for a in AGREEING])
def test_stage_agrees_with_camel_on_every_character_camel_changes(
    stage: str, function: Callable[[str], str]
) -> None:
    ours = Pipeline.from_spec(stage)
    changed = [c for c in BMP if function(c) != c]
    assert changed, "the function changes something"
    for c in changed:
        assert ours.apply(c) == function(c), f"U+{ord(c):04X}"


@pytest.mark.parametrize(("stage", "function"), AGREEING, ids=[a[0] for a in AGREEING])
@settings(max_examples=200, deadline=None)
@given(text=camel_arabic)
def test_stage_agrees_with_camel_on_arabic_text(
    stage: str, function: Callable[[str], str], text: str
) -> None:
    assert Pipeline.from_spec(stage).apply(text) == function(text)


# --- the shipped data ---------------------------------------------------------


def test_shipped_arclean_map_expands_to_camel_tools_own_map() -> None:
    from arabnorm.stages.camel import arclean_map

    mapping, default = arclean_map()
    theirs = ARCLEAN._charmap
    assert default == ARCLEAN._default
    assert set(mapping) == {ord(k) for k in theirs}
    for key, value in theirs.items():
        assert mapping[ord(key)] == (key if value is None else value), f"U+{ord(key):04X}"


def test_camel_preset_is_identical_on_undecodable_bytes_passed_through() -> None:
    text = b"\xd8\xa3\xff\xfe x \xed\xa0\x80\n".decode("utf-8", "surrogateescape")
    assert CAMEL.apply(text) == camel_tools_chain(text)
