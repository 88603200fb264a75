"""map_batch on what engines hand over: lists, pandas Series, Arrow arrays; datasets.map."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from arabnorm.batch import map_any
from arabnorm.pipeline import Pipeline
from tests.cli.helpers import SEEDS

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

SEARCH = Pipeline.from_preset("search")
VALUES = ["كتـاب", None, "أَهْلًا\nبِكُمْ\nـ", "", "a\r\nبـ", "\n", "قال: «نعم»"]


def _want(values: list[Any]) -> list[Any]:
    return [SEARCH.apply(v) if isinstance(v, str) else v for v in values]


def test_list_and_tuple_give_a_list() -> None:
    texts = ["كتـاب", "أهلا\nبك", ""]
    assert SEARCH.map_batch(texts) == SEARCH.map_batch(tuple(texts)) == _want(texts)


@pytest.mark.parametrize("kind", ["string", "large_string"])
def test_arrow_array_keeps_type_nulls_and_lines(kind: str) -> None:
    arr = pa.array(VALUES, type=getattr(pa, kind)())
    out = SEARCH.map_batch(arr)
    assert isinstance(out, pa.Array) and out.type == arr.type
    assert out.to_pylist() == _want(VALUES)
    assert SEARCH.map_batch(arr.slice(2, 3)).to_pylist() == _want(VALUES[2:5])
    assert SEARCH.map_batch(pa.array([], type=arr.type)).to_pylist() == []
    assert SEARCH.map_batch(pa.array([None, None], type=arr.type)).to_pylist() == [None, None]


def test_chunked_array_keeps_its_chunks() -> None:
    chunked = pa.chunked_array([pa.array(VALUES[:3]), pa.array(VALUES[3:])])
    out = SEARCH.map_batch(chunked)
    assert isinstance(out, pa.ChunkedArray) and out.num_chunks == 2
    assert out.to_pylist() == _want(VALUES)


def test_arrow_values_never_become_python_strings_one_by_one() -> None:
    """Without a carriage return, the batch is one text through ``apply``."""
    calls: list[str] = []

    def apply(text: str) -> str:
        calls.append(text)
        return SEARCH.apply(text)

    def by_value(texts: Any) -> list[str]:
        raise AssertionError("values were handed over one by one")

    values = [v for v in VALUES if v is None or "\r" not in v] * 50
    out = map_any(by_value, apply, pa.array(values))
    assert out.to_pylist() == _want(values)
    assert len(calls) == 1


def test_non_string_arrow_array_is_refused() -> None:
    with pytest.raises(TypeError, match="needs strings"):
        SEARCH.map_batch(pa.array([1, 2]))


@pytest.mark.parametrize("dtype", ["object", "string", "str"])
def test_pandas_series_keeps_index_name_dtype_and_missing(dtype: str) -> None:
    series = pd.Series(VALUES, index=range(10, 17), name="body", dtype=dtype)
    out = SEARCH.map_batch(series)
    assert isinstance(out, pd.Series)
    assert out.dtype == series.dtype and out.name == "body"
    assert list(out.index) == list(series.index)
    assert out.isna().tolist() == series.isna().tolist()
    assert [v for v in out.tolist() if isinstance(v, str)] == [
        SEARCH.apply(v) for v in VALUES if isinstance(v, str)
    ]
    if dtype != "object":
        assert type(out.array) is type(series.array)  # still stored in Arrow


def test_other_iterables_give_a_list() -> None:
    assert SEARCH.map_batch(iter(["كتـاب", None])) == ["كتاب", None]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(alphabet="اأـ \n\r\u064eab.«"))))
def test_arrow_equals_list_on_any_batch(values: list[str | None]) -> None:
    arr = pa.array(values, type=pa.string())
    assert SEARCH.map_batch(arr).to_pylist() == _want(values)


def test_huggingface_datasets_map_batched_with_two_processes() -> None:
    datasets = pytest.importorskip("datasets")
    lines = [ln for s in SEEDS for ln in s.read_text(encoding="utf-8").splitlines()] * 3
    ds = datasets.Dataset.from_dict({"text": lines, "n": list(range(len(lines)))})
    out = ds.map(
        lambda b: {"text": SEARCH.map_batch(b["text"])},
        batched=True,
        batch_size=64,
        num_proc=2,
    )
    assert out["text"] == _want(lines)
    assert out["n"] == list(range(len(lines)))
    # Arrow-formatted batches: the column stays an Arrow array throughout
    arrow = ds.with_format("arrow").map(
        lambda t: t.set_column(0, "text", SEARCH.map_batch(t["text"])),
        batched=True,
        num_proc=2,
    )
    assert arrow.with_format(None)["text"] == _want(lines)
