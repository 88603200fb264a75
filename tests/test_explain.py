"""Per-stage change counts, edit composition and changed lines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from arabnorm.explain import (
    ChangeCounter,
    alone_changes,
    changed_chars,
    changed_lines,
    compose,
    format_counts,
    trace,
)
from arabnorm.pipeline import Pipeline
from tests.toy_stages import toy_stages

TOY_SPEC = "tatweel,toy-amp,toy-squeeze,toy-fence,toy-two-steps"


@pytest.fixture(autouse=True)
def _toys() -> Iterator[None]:
    with toy_stages():
        yield


@pytest.mark.parametrize(
    ("old", "new", "n"),
    [
        ("ـ", "", 1),
        ("xxx", "x", 2),
        ("&", "and", 1),
        ("", "|", 1),
        ("ab", "b", 1),
        ("abc", "abc", 0),
    ],
)
def test_changed_chars(old: str, new: str, n: int) -> None:
    assert changed_chars(old, new) == n


def test_counter_counts_each_stage_in_order() -> None:
    counter = ChangeCounter(Pipeline.from_spec(TOY_SPEC))
    out = counter.apply("كتـــاب & xxxx q 1ab")
    assert out == "كتاب and x |q b"
    assert counter.counts() == [
        ("tatweel", 3),
        ("toy-amp", 1),
        ("toy-squeeze", 3),
        ("toy-fence", 1),
        ("toy-two-steps", 2),
    ]
    assert counter.chars_in == len("كتـــاب & xxxx q 1ab")


def test_counter_sees_the_output_of_earlier_stages() -> None:
    # After tatweel is gone, the squeezed run is shorter: order matters.
    counter = ChangeCounter(Pipeline.from_spec("toy-two-steps,toy-squeeze"))
    assert counter.apply("x1x1x") == "x"
    assert counter.counts() == [("toy-two-steps", 2), ("toy-squeeze", 2)]


def test_alone_changes_each_stage_sees_the_original() -> None:
    stages = Pipeline.from_spec("toy-two-steps,toy-squeeze").stages
    assert alone_changes(stages, "x1x1x") == [2, 0]


def test_counter_align_counts_like_apply() -> None:
    pipeline = Pipeline.from_spec(TOY_SPEC)
    text = "كتـــاب & xxxx q 1ab"
    a, b = ChangeCounter(pipeline), ChangeCounter(pipeline)
    a.apply(text)
    out, _ = b.align(text)
    assert out == pipeline.apply(text)
    assert a.counts() == b.counts() and a.chars_in == b.chars_in
    assert b.stages == pipeline.stages
    assert b.map_batch(["ـ", "&"]) == ["", "and"]


def test_counter_merge_and_refusal() -> None:
    a = ChangeCounter(Pipeline.from_spec("tatweel"))
    b = ChangeCounter(Pipeline.from_spec("tatweel"))
    a.apply("ـ")
    b.apply("ـــ")
    a.merge(b)
    assert a.counts() == [("tatweel", 4)]
    with pytest.raises(ValueError):
        a.merge(ChangeCounter(Pipeline.from_spec("toy-amp")))


def test_format_counts() -> None:
    text = format_counts([("tatweel", 3), ("toy-amp", 0)], 12)
    assert text.splitlines() == [
        "changes by stage (characters changed, of 12 read):",
        "  tatweel  3  25.00%",
        "  toy-amp  0",
    ]


def test_compose_examples() -> None:
    # "axc": delete x -> "ac"; then a -> bb: one edit "ax" -> "bb".
    assert compose([(1, 2, 1, 1)], [(0, 1, 0, 2)]) == [(0, 2, 0, 2)]
    # Separate edits stay separate and shift correctly.
    assert compose([(0, 1, 0, 0)], [(3, 4, 3, 5)]) == [(0, 1, 0, 0), (4, 5, 3, 5)]
    assert compose([], []) == []


def _rebuild(old: str, new: str, edits: list[tuple[int, int, int, int]]) -> str:
    """Check the unchanged parts line up; return ``old`` with the edits applied."""
    pieces = []
    last_in = last_out = 0
    for in_s, in_e, out_s, out_e in edits:
        assert in_s >= last_in and out_s >= last_out
        assert old[last_in:in_s] == new[last_out:out_s]
        pieces.append(old[last_in:in_s])
        pieces.append(new[out_s:out_e])
        last_in, last_out = in_e, out_e
    assert old[last_in:] == new[last_out:]
    pieces.append(old[last_in:])
    return "".join(pieces)


@given(st.text(alphabet="ـxq&1ab\nك ", max_size=60))
def test_trace_edits_explain_the_whole_output(text: str) -> None:
    with toy_stages():
        pipeline = Pipeline.from_spec(TOY_SPEC)
        new, edits = trace(pipeline.stages, text)
        assert new == pipeline.apply(text)
        assert _rebuild(text, new, edits) == new
        counter = ChangeCounter(pipeline)
        assert counter.apply(text) == new


def test_changed_lines_numbers_texts_and_edits() -> None:
    pipeline = Pipeline.from_spec("tatweel,toy-amp")
    blocks = ["ok\nكتـــاب\r\n", "same\n", "a & b\nend"]
    changes = list(changed_lines(pipeline, blocks))
    assert [(c.line, c.old, c.new) for c in changes] == [
        (2, "كتـــاب", "كتاب"),
        (4, "a & b", "a and b"),
    ]
    assert changes[0].edits == ((2, 5, 2, 2),)
    assert changes[1].edits == ((2, 3, 2, 5),)


def test_changed_lines_trims_kept_characters() -> None:
    (change,) = changed_lines(Pipeline.from_spec("toy-squeeze"), ["axxxb\n"])
    assert change.edits == ((2, 4, 2, 2),)


ARABIC_SOUP = st.text(
    alphabet="كتـاب أإآىيةؤئء١٢3 \t\n،؟“”«»\u064e\u0651\u0654\u200f\u200c\ufefb\ufdfa\u06cc",
    max_size=80,
)


@pytest.mark.parametrize("preset", ["standard", "search", "camel"])
@given(text=ARABIC_SOUP)
def test_real_presets_counted_stage_by_stage_give_the_fused_output(preset: str, text: str) -> None:
    pipeline = Pipeline.from_preset(preset)
    expected = pipeline.apply(text)
    counter = ChangeCounter(pipeline)
    assert counter.apply(text) == expected
    aligned, alignment = ChangeCounter(pipeline).align(text)
    assert aligned == expected
    reference = pipeline.align(text)[1]
    for start in range(0, len(expected) + 1, 3):
        end = min(len(expected), start + 4)
        assert alignment.span(start, end) == reference.span(start, end)
    new, edits = trace(pipeline.stages, text)
    assert new == expected
    assert _rebuild(text, new, edits) == new


@given(text=ARABIC_SOUP)
def test_fast_counts_equal_counting_every_edit(text: str) -> None:
    from arabnorm.explain import step_changes

    for preset in ("search", "camel"):
        for stage in Pipeline.from_preset(preset).stages:
            for step in stage.steps:
                new, edits = step.apply_with_edits(text)
                slow = sum(changed_chars(text[a:b], new[c:d]) for a, b, c, d in edits)
                assert step_changes(step, text) == (new, slow)
                text = new


@pytest.mark.parametrize(
    "spec",
    [
        "invisible,forms,tatweel,diacritics,quotes,whitespace",
        "quotes:style=guillemets",
        "mojibake,invisible,quotes,alef",
    ],
)
def test_a_long_line_in_pieces_gives_the_output_and_counts_of_the_whole(
    spec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from arabnorm.io import longline
    from tests import registry

    monkeypatch.setattr(longline, "SEGMENT", 300)
    monkeypatch.setattr(longline, "MARGIN", 2000)
    line = registry.long_line("explain") + " ظ…ط±ط­ط¨ط§ Ù…Ø±Ø­Ø¨Ø§ " * 20 + "\n"
    whole = ChangeCounter(Pipeline.from_spec(spec))
    expected = whole.apply(line)
    counter = ChangeCounter(Pipeline.from_spec(spec))
    streamer = counter.line_streamer()
    assert isinstance(streamer, longline.GatherStreamer) == ("guillemets" in spec)
    out = [streamer.feed(line[i : i + 997], i + 997 >= len(line)) for i in range(0, len(line), 997)]
    assert "".join(out) == expected
    assert counter.counts() == whole.counts() and counter.chars_in == whole.chars_in
