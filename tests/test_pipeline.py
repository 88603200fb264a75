"""The pipeline: spec parsing, table fusion, spans, pickling."""

from __future__ import annotations

import pickle

import pytest

from arabnorm import build_pipeline, normalize
from arabnorm.errors import SpecError
from arabnorm.pipeline import Alignment, Pipeline, parse_spec
from arabnorm.stages.base import Rule, Stage, Table


class Swap(Stage):
    """Test-only rule stage: 'ab' becomes 'X' (a two-to-one replacement)."""

    name = "test-swap"
    kind = "rule"

    def build_steps(self) -> list[Rule]:
        return [Rule("ab", "X")]


def test_parse_spec_items_and_params() -> None:
    assert parse_spec("tatweel, tatweel") == [("tatweel", {}), ("tatweel", {})]
    assert parse_spec(["a:x=1:y=2", "b"]) == [("a", {"x": "1", "y": "2"}), ("b", {})]
    assert parse_spec("") == []


@pytest.mark.parametrize("spec", ["tatweel:=1", "tatweel:x", "x=1"])
def test_parse_spec_rejects_malformed_params(spec: str) -> None:
    with pytest.raises(SpecError):
        parse_spec(spec)


def test_unknown_stage_names_it_and_lists_valid_ones() -> None:
    with pytest.raises(SpecError) as info:
        Pipeline.from_spec("tatweel,nosuchstage")
    assert "nosuchstage" in str(info.value)
    assert "tatweel" in str(info.value)


def test_unknown_parameter_is_rejected() -> None:
    with pytest.raises(SpecError) as info:
        Pipeline.from_spec("tatweel:foo=1")
    assert "foo" in str(info.value)


def test_tables_fuse_into_one_step_in_order() -> None:
    first = Table({ord("a"): "b"})
    second = Table({ord("b"): "c", ord("x"): ""})
    fused = first.then(second)
    assert fused.apply("abx") == "cc"
    assert first.apply(second.apply("abx")) == "bc"  # order matters


def test_spec_round_trips_and_pipeline_pickles() -> None:
    p = Pipeline.from_spec("tatweel")
    assert Pipeline.from_spec(p.spec) == p
    assert p.full_spec == "tatweel"
    clone = pickle.loads(pickle.dumps(p))
    assert clone == p
    assert clone.apply("كتـــاب") == "كتاب"


def test_normalize_and_build_pipeline() -> None:
    assert normalize("كتـــاب", stages="tatweel") == "كتاب"
    assert build_pipeline(None, "tatweel") is build_pipeline(None, "tatweel")
    assert build_pipeline("none", None).apply("كتـــاب") == "كتـــاب"
    with pytest.raises(SpecError):
        build_pipeline("no-such-preset", None)


def test_map_batch() -> None:
    p = Pipeline.from_spec("tatweel")
    assert p.map_batch(["كـتاب", "", "x"]) == ["كتاب", "", "x"]


def test_align_maps_output_slices_back_to_the_input() -> None:
    p = Pipeline((*Pipeline.from_spec("tatweel").stages, Swap()))
    text = "ـكتـــابـ abـc"
    out, alignment = p.align(text)
    assert out == "كتاب Xc"
    # a deletion right after a slice belongs to it, one right before does not
    assert alignment.span(0, 4) == (1, 9)
    # a replaced pair maps to both source characters (and the tatweel after them)
    assert alignment.span(5, 6) == (10, 13)
    assert alignment.span(5, 7) == (10, 14)
    assert alignment.span(6, 7) == (13, 14)
    # an empty slice maps to a point
    assert alignment.span(4, 4) == (9, 9)


def test_alignment_without_edits_is_identity() -> None:
    assert Alignment([]).span(3, 7) == (3, 7)


def test_alignment_spans_batch_equals_span_one_by_one() -> None:
    import itertools

    from arabnorm import build_pipeline

    text = "  بـ”التهديدات” السَّلامُ ﷺ كتـــاب\u200b ﻷن  \n x"
    for preset in ("standard", "search", "camel"):
        _, alignment = build_pipeline(preset).align(text)
        pairs = [(a, b) for a, b in itertools.combinations_with_replacement(range(30), 2)]
        assert alignment.spans(pairs) == [alignment.span(a, b) for a, b in pairs]


def test_vectorized_spans_equal_one_by_one() -> None:
    pytest.importorskip("numpy")
    import random

    from arabnorm import build_pipeline

    rng = random.Random(7)
    pieces = ["كتـــاب", "مُحَمَّدٌ", "ﷺ", "ﻷ", "  ", "“نص”", "x\u200by", "جمييييل", "\t", "ab"]
    text = " ".join(rng.choice(pieces) for _ in range(400))
    p = Pipeline((*build_pipeline("search").stages, Swap()))
    out, alignment = p.align(text)
    pairs = [(a, b) for a in range(0, len(out), 3) for b in (a, a + 1, a + 5) if b <= len(out)]
    assert len(pairs) > 256  # large enough for the vectorized path
    assert alignment.spans(pairs) == [alignment.span(a, b) for a, b in pairs]
