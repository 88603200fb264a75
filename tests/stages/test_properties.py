"""Properties of stages: scope, spans, compiled pipelines (registry-wide: test_compiler)."""

from __future__ import annotations

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from arabnorm import chars
from arabnorm.pipeline import Pipeline
from tests import registry

with registry.plugin_stages():
    # Stages whose output for a slice of the input is the slice of the output
    # (they work within words); the others, such as quotes paired by their
    # position in the line, are not expected to.
    SLICEABLE = [
        spec
        for spec in registry.stage_specs()
        if Pipeline.from_spec(spec).stages[0].word_local and not spec.startswith("toy-")
    ]
LETTER_AND_MARK_STAGES = [
    "forms",
    "variants",
    "diacritics",
    "tatweel",
    "alef",
    "yaa",
    "teh-marbuta",
    "hamza",
    "elongation",
]

SPECIAL = [
    *["ا\u0654", "ﷺ", "﷽", "ببب", "یـ", "\u200c", "\u200d", " ", "  ", "\t", "\u00a0"],
    *["“", "”", "«", "»", "’", "\u204b", "e\u0301", "ﬁ", "²", "①", "👩\u200d💻"],
]
mixed = st.lists(
    st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.characters(min_codepoint=0x08A0, max_codepoint=0x08FF),
        st.sampled_from(SPECIAL),
        st.characters(max_codepoint=0x3000, exclude_categories=["Cs", "Zl", "Zp"]),
    ),
    max_size=25,
).map("".join)
line = mixed.map(lambda s: s.replace("\n", "").replace("\r", ""))


def _arabic(c: str) -> bool:
    return c in chars.ARABIC_BLOCK_CHARS


@settings(max_examples=200, deadline=None)
@given(spec=st.sampled_from(LETTER_AND_MARK_STAGES), text=mixed)
@example(spec="forms", text="xﷺy ﹰ")
def test_letter_and_mark_stages_never_change_a_character_outside_the_arabic_blocks(
    spec: str, text: str
) -> None:
    out = Pipeline.from_spec(spec).apply(text)
    if spec == "forms":  # may add spaces around an expanded multi-word ligature
        assert [c for c in out if not _arabic(c) and c != " "] == [
            c for c in text if not _arabic(c) and c != " "
        ]
    else:
        assert [c for c in out if not _arabic(c)] == [c for c in text if not _arabic(c)]
    assert all(_arabic(c) or c == " " or c in text for c in out)


@settings(max_examples=150, deadline=None)
@given(spec=st.sampled_from(LETTER_AND_MARK_STAGES), text=st.text(max_size=40))
def test_letter_and_mark_stages_leave_text_without_arabic_alone(spec: str, text: str) -> None:
    text = "".join(c for c in text if not _arabic(c))
    assert Pipeline.from_spec(spec).apply(text) == text


TOKEN = regex.compile(r"[^ \t\n\r]+")
JOINERS = "".join(chars.JOINERS)


def _check_spans(p: Pipeline, text: str) -> None:
    out, alignment = p.align(text)
    assert out == p.apply(text)
    last_start = 0
    for m in TOKEN.finditer(out):
        a, b = alignment.span(*m.span())
        assert 0 <= a <= b <= len(text)
        assert a >= last_start  # spans never go backwards
        last_start = a
        # A joiner at the edge of the slice was removed because of a neighbour
        # outside it (ب + ZWNJ + ﷺ), so the slice is also tried without it.
        sources = [p.apply(text[a:b]), p.apply(text[a:b].strip(JOINERS))]
        # a word of a multi-word expansion (ﷺ) maps to the whole ligature
        assert any(m.group() == s or m.group() in TOKEN.findall(s) for s in sources), (
            text[a:b],
            sources,
            m.group(),
        )


@settings(max_examples=200, deadline=None)
@given(spec=st.sampled_from(SLICEABLE), text=line)
@example(spec="whitespace", text=" a  b \u00a0")
@example(spec="diacritics", text="مُحَمَّدٌ ا\u0654")
@example(spec="forms", text="xﷺy ﻷ")
def test_stage_spans_map_output_tokens_to_their_source(spec: str, text: str) -> None:
    _check_spans(Pipeline.from_spec(spec), text)


@settings(max_examples=200, deadline=None)
@given(preset=st.sampled_from(["standard", "search", "camel"]), text=line)
@example(preset="standard", text="ڍ\u200cﷺ ﷺ\u200cڍ")
def test_preset_spans_map_output_tokens_to_their_source(preset: str, text: str) -> None:
    _check_spans(Pipeline.from_preset(preset), text)


def test_spans_on_an_example() -> None:
    p = Pipeline.from_preset("search")
    text = "  أَحْمَدُ  ﻛﺘـــﺎﺏ"
    out, alignment = p.align(text)
    assert out == "احمد كتاب"
    assert text[slice(*alignment.span(0, 4))] == "أَحْمَدُ"
    assert text[slice(*alignment.span(5, 9))] == "ﻛﺘـــﺎﺏ"


# --- compiled pipelines equal their steps run one by one ---------------------

PIPELINE_SPECS = [
    "invisible,forms,variants,tatweel,diacritics,alef,yaa,teh-marbuta,hamza,"
    "digits,punctuation,quotes,elongation,whitespace",
    "elongation,whitespace",
    "elongation:max=2,digits,punctuation,whitespace",
    "alef,elongation,tatweel,elongation:max=3,yaa",
    "quotes,elongation,quotes:style=guillemets,whitespace",
    "standard",
    "camel",
]
RUNS_AND_SPACES = [*SPECIAL, "ب", "ببب", "ــــ", "ی", "  ", "\r\n", "\n", "\u00a0\u00a0", "٣"]
biased = st.lists(
    st.one_of(
        st.sampled_from(RUNS_AND_SPACES),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
    ),
    max_size=40,
).map("".join)


def _step_by_step(spec: str, text: str) -> str:
    from arabnorm.presets import PRESETS

    for stage in Pipeline.from_spec(PRESETS[spec][0] if spec in PRESETS else spec).stages:
        for step in stage.steps:
            text = step.apply(text)
    return text


@settings(max_examples=150, deadline=None)
@given(spec=st.sampled_from(PIPELINE_SPECS), text=biased)
def test_compiled_pipeline_equals_its_steps_one_by_one(spec: str, text: str) -> None:
    """Fusing tables across the steps they commute with changes no result,
    on short texts and on texts long enough for the vectorized paths."""
    from arabnorm.presets import PRESETS

    pipeline = Pipeline.from_spec(PRESETS[spec][0] if spec in PRESETS else spec)
    assert pipeline.apply(text) == _step_by_step(spec, text)
    big = (text + "\n") * (3000 // (len(text) + 1) + 1)
    assert pipeline.apply(big) == _step_by_step(spec, big)


def test_a_spaces_table_moves_past_elongation_to_fuse() -> None:
    steps = Pipeline.from_spec("alef,elongation,whitespace").steps
    assert [type(s).__name__ for s in steps] == ["Table", "RunRule", "TrimRule"]
    # a table that deletes cannot move: deletions make new runs
    steps = Pipeline.from_spec("alef,elongation,tatweel").steps
    assert [type(s).__name__ for s in steps] == ["Table", "RunRule", "Table"]
    assert Pipeline.from_spec("alef,elongation,tatweel").apply("بـبـب") == "ببب"
