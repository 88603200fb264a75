"""Batches as data engines hand them over: lists, pandas Series, Arrow string arrays.

``Pipeline.map_batch`` takes a list of strings from Hugging Face ``datasets``
or a Dask Bag partition, a pandas Series from a Spark ``pandas_udf`` or a
Dask DataFrame partition, and a pyarrow string array (or chunked array) from
Arrow-based engines, and gives back the same kind of thing, same length, same
index, missing values (None, NaN, Arrow nulls) left where they were.

An Arrow array is never turned into one Python string per value: its values
are joined by line breaks inside Arrow, normalized as one text, and cut again
inside Arrow (values holding several lines are joined back by the count of
their line breaks). A pandas Series stored in Arrow (pandas' ``string``
dtypes with pyarrow) goes the same way.

>>> from arabnorm.pipeline import Pipeline
>>> import pyarrow as pa
>>> Pipeline.from_spec("tatweel").map_batch(pa.array(["كتـاب", None, "a\\nبـ"])).to_pylist()
['كتاب', None, 'a\\nب']
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

Batch = Callable[[Sequence[str]], list[str]]


def map_any(map_list: Batch, apply: Callable[[str], str], texts: Any) -> Any:
    """``map_list`` (list in, list out) on whatever kind of batch ``texts`` is.

    ``apply`` transforms one text; Arrow batches are joined and run through it
    as one text.
    """
    kind = _kind(texts)
    if kind == "arrow":
        return _arrow(map_list, apply, texts)
    if kind == "chunked":
        import pyarrow as pa

        chunks = [_arrow(map_list, apply, c) for c in texts.chunks]
        return pa.chunked_array(chunks, type=texts.type)
    if kind == "pandas":
        return _pandas(map_list, apply, texts)
    return _with_missing(map_list, list(texts))


def _kind(texts: Any) -> str:
    module = type(texts).__module__
    if module.startswith("pyarrow"):
        import pyarrow as pa

        if isinstance(texts, pa.ChunkedArray):
            return "chunked"
        if isinstance(texts, pa.Array):
            return "arrow"
    if module.startswith("pandas"):
        import pandas as pd

        if isinstance(texts, pd.Series):
            return "pandas"
    return "other"


def _with_missing(map_list: Batch, values: list[Any]) -> list[Any]:
    """``map_list`` on the strings among ``values``; anything else is kept as it was."""
    where = [i for i, v in enumerate(values) if isinstance(v, str)]
    if len(where) == len(values):
        return map_list(values)
    out = list(values)
    for i, new in zip(where, map_list([values[i] for i in where]), strict=True):
        out[i] = new
    return out


def _pandas(map_list: Batch, apply: Callable[[str], str], series: Any) -> Any:
    import pandas as pd

    array = series.array
    if hasattr(array, "__arrow_array__") and str(series.dtype) != "object":
        import pyarrow as pa

        chunked = array.__arrow_array__()
        if pa.types.is_string(chunked.type) or pa.types.is_large_string(chunked.type):
            done = pa.chunked_array(
                [_arrow(map_list, apply, c) for c in chunked.chunks], type=chunked.type
            )
            try:
                values = type(array)(done, dtype=series.dtype)
            except TypeError:  # pandas < 3: the class alone says the dtype
                values = type(array)(done)
            return pd.Series(values, index=series.index, name=series.name)
    out = _with_missing(map_list, series.tolist())
    return pd.Series(out, index=series.index, name=series.name, dtype=series.dtype)


def _arrow(map_list: Batch, apply: Callable[[str], str], arr: Any) -> Any:
    """One Arrow string array, normalized as one text joined by line breaks."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type)):
        raise TypeError(f"map_batch needs strings, not an Arrow array of {arr.type}")
    n = len(arr)
    if n == 0:
        return arr
    filled = arr.fill_null("") if arr.null_count else arr
    if pc.any(pc.match_substring(filled, "\r")).as_py():
        # Values with a carriage return are done one by one (see map_batch).
        return pa.array(_with_missing(map_list, arr.to_pylist()), type=arr.type)
    whole = pa.ListArray.from_arrays(pa.array([0, n], pa.int32()), filled)
    joined = pc.binary_join(whole, pa.scalar("\n", arr.type))
    text = apply(joined[0].as_py())
    pieces = pc.split_pattern(pa.array([text], pa.large_string()), "\n").flatten()
    lines = pc.add(pc.count_substring(filled, "\n"), 1).cast(pa.int64())
    if len(pieces) != pc.sum(lines).as_py():
        raise ValueError("the transform changed the number of lines of a batch")
    if len(pieces) == n:
        out = pieces
    else:  # values of several lines: join their lines back
        offsets = pa.concat_arrays([pa.array([0], pa.int64()), pc.cumulative_sum(lines)])
        grouped = pa.LargeListArray.from_arrays(offsets, pieces)
        out = pc.binary_join(grouped, pa.scalar("\n", pa.large_string()))
    out = out.cast(arr.type)
    if arr.null_count:
        out = pc.if_else(arr.is_null(), pa.scalar(None, arr.type), out)
    return out
