"""Pipeline.map_batch: one pass over many strings, same result as one by one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from arabnorm.pipeline import Pipeline
from arabnorm.stages.base import Stage, Step
from tests.io.context_steps import context_steps


class _Context(Stage):
    name = "test-context-batch"

    def build_steps(self) -> list[Step]:
        return context_steps()


@given(st.lists(st.text(alphabet='ـاأ \n\r\tبی"م', max_size=10), max_size=12))
def test_map_batch_equals_apply_one_by_one(texts: list[str]) -> None:
    for p in (Pipeline.from_spec("tatweel"), Pipeline([_Context()])):
        assert p.map_batch(texts) == [p.apply(t) for t in texts]


def test_map_batch_of_nothing_and_of_the_empty_pipeline() -> None:
    assert Pipeline.from_spec("tatweel").map_batch([]) == []
    assert Pipeline([]).map_batch(["ـ", ""]) == ["ـ", ""]
    assert Pipeline.from_spec("tatweel").map_batch(["كـ\nـب", "\r\nـ"]) == ["ك\nب", "\r\n"]


def test_long_text_runs_in_chunks_with_the_same_result(monkeypatch: object) -> None:
    import arabnorm.pipeline as pipeline_module
    from tests.io.context_steps import apply_all

    p = Pipeline([_Context()])
    text = ('  "قـال"  یی ممممم \r\n' * 50 + "x" * 300 + "\n") * 20
    old = pipeline_module._CHUNK
    pipeline_module._CHUNK = 64
    try:
        assert p.apply(text) == apply_all(text)
        assert p.apply(text.rstrip("\n")) == apply_all(text.rstrip("\n"))
    finally:
        pipeline_module._CHUNK = old
