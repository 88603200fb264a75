"""Pipelines: parse a spec, compile its stages into fast steps, run them.

A spec names stages in order, separated by commas, each with optional
``:key=value`` parameters::

    "invisible,forms,diacritics:keep=shadda+sukun,alef"

A parameter that takes a list may also be written with commas
(``diacritics:keep=shadda,sukun``): after such a parameter, an item that is
not a stage name and has no ``:`` continues its list.

The compiler (``arabnorm.compiler``) fuses every run of ``Table`` steps,
across stage borders, into one table, so ``"tatweel,alef,yaa"`` is one pass
over the text, and picks a fast runner for every step from what it declares.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from arabnorm import compiler
from arabnorm.compiler import Layer, Runner, Tracer
from arabnorm.errors import SpecError
from arabnorm.stages import get_stage
from arabnorm.stages.base import Stage, Step


def parse_spec(spec: str | Iterable[str]) -> list[tuple[str, dict[str, str]]]:
    """Split a spec into ``(stage name, {param: value})`` pairs, in order.

    >>> parse_spec("alef,tatweel")
    [('alef', {}), ('tatweel', {})]
    """
    if not isinstance(spec, str):
        spec = ",".join(spec)
    items: list[tuple[str, dict[str, str]]] = []
    last_key: str | None = None
    for raw in spec.split(","):
        item = raw.strip()
        if not item:
            continue
        name, *params = item.split(":")
        name = name.strip()
        if not params and "=" not in name and last_key is not None:
            prev_name, prev = items[-1]
            if _takes_list(prev_name, last_key) and not _is_stage_name(name):
                prev[last_key] = f"{prev[last_key]},{name}"
                continue
        if "=" in name:
            raise SpecError(f"spec item {item!r} has a parameter but no stage name")
        options: dict[str, str] = {}
        last_key = None
        for param in params:
            key, sep, value = param.partition("=")
            key = key.strip()
            if not sep or not key:
                raise SpecError(f"stage {name!r}: parameter {param!r} must be written key=value")
            options[key] = value.strip()
            last_key = key
        items.append((name, options))
    return items


def _takes_list(stage: str, key: str) -> bool:
    try:
        params = get_stage(stage).params
    except SpecError:
        return False
    return any(p.name == key and p.multi for p in params)


def _is_stage_name(name: str) -> bool:
    try:
        get_stage(name)
    except SpecError:
        return False
    return True


_CHUNK = 1 << 19
"""Texts longer than twice this run as blocks of whole lines of about this size."""

_VECTOR_SPANS = 256
"""From this many slices on, ``Alignment.spans`` maps them with numpy."""


class Alignment:
    """Where each slice of a pipeline's output came from in its input.

    Holds the edits of every step; ``span(start, end)`` maps an output slice
    back to the input. A deleted character (a diacritic, a tatweel) right
    after the slice counts as part of it; one right before it does not.
    """

    __slots__ = ("_arrays", "_layers", "_raw")

    def __init__(self, layers: Sequence[Layer]) -> None:
        self._arrays: list[Any] | None = None
        self._layers: list[tuple[list[int], ...]] | None = None
        # a layer: a non-empty list of Edit tuples, or a tuple of four arrays
        self._raw = [layer for layer in layers if layer is not None and len(layer)]

    def _lists(self) -> list[tuple[list[int], ...]]:
        """Each layer as four lists: input starts, input ends, output starts, output ends."""
        if self._layers is None:
            self._layers = [
                tuple(a.tolist() for a in layer)
                if isinstance(layer, tuple)
                else tuple([e[k] for e in layer] for k in range(4))
                for layer in self._raw
            ]
        return self._layers

    @staticmethod
    def _start(layer: tuple[list[int], ...], p: int) -> int:
        in_s, in_e, out_s, out_e = layer
        j = bisect_right(out_e, p)  # first edit ending after p
        if j < len(out_s) and out_s[j] <= p:
            return in_s[j]  # p lies inside that edit's output
        if j == 0:
            return p
        return in_e[j - 1] + (p - out_e[j - 1])

    @staticmethod
    def _end(layer: tuple[list[int], ...], p: int) -> int:
        _, in_e, out_s, out_e = layer
        j = bisect_left(out_s, p)  # first edit starting at or after p
        if j == 0:
            base = p
        elif out_e[j - 1] >= p:
            base = in_e[j - 1]  # p lies inside or at the end of that edit's output
        else:
            base = in_e[j - 1] + (p - out_e[j - 1])
        while j < len(out_s) and out_s[j] == p and out_e[j] == p:
            base = in_e[j]  # a deletion right after the slice belongs to it
            j += 1
        return base

    @property
    def is_identity(self) -> bool:
        """True when no step changed anything, so every span maps to itself."""
        return not self._raw

    def spans(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """``span`` for many slices at once (the same results, in one pass per step).

        >>> p = Pipeline.from_spec("tatweel")
        >>> p.align("كتـــاب جديد")[1].spans([(0, 4), (5, 9)])
        [(0, 7), (8, 12)]
        """
        if len(pairs) >= _VECTOR_SPANS and self._raw and compiler.vectorized():
            return self._spans_vectorized(pairs)
        starts = [p[0] for p in pairs]
        ends = [p[1] for p in pairs]
        for in_s, in_e, out_s, out_e in reversed(self._lists()):
            n = len(out_s)
            new_starts: list[int] = []
            new_ends: list[int] = []
            for a, b in zip(starts, ends, strict=True):
                j = bisect_right(out_e, a)
                if j < n and out_s[j] <= a:
                    sa = in_s[j]
                elif j == 0:
                    sa = a
                else:
                    sa = in_e[j - 1] + (a - out_e[j - 1])
                if b <= a:
                    new_starts.append(sa)
                    new_ends.append(sa)
                    continue
                k = bisect_left(out_s, b)
                if k == 0:
                    sb = b
                elif out_e[k - 1] >= b:
                    sb = in_e[k - 1]
                else:
                    sb = in_e[k - 1] + (b - out_e[k - 1])
                while k < n and out_s[k] == b and out_e[k] == b:
                    sb = in_e[k]
                    k += 1
                new_starts.append(sa)
                new_ends.append(sb)
            starts, ends = new_starts, new_ends
        return list(zip(starts, ends, strict=True))

    def _spans_vectorized(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """``spans`` with numpy: the same rules, one array operation per step."""
        import numpy as np

        both = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        a, b = self.map_arrays(both[:, 0], both[:, 1])
        return list(zip(a.tolist(), b.tolist(), strict=True))

    def map_arrays(self, a: Any, b: Any) -> tuple[Any, Any]:
        """``spans`` for slices given as two numpy arrays, starts and ends; arrays back."""
        import numpy as np

        if self._arrays is None:
            arrays = []
            for layer in self._raw:
                if isinstance(layer, tuple):
                    in_s, in_e, os_, oe = layer
                else:
                    in_s, in_e, os_, oe = (
                        np.asarray([e[k] for e in layer], dtype=np.int64) for k in range(4)
                    )
                pure = np.concatenate(([0], np.cumsum(os_ == oe)))
                arrays.append((in_s, in_e, os_, oe, pure))
            self._arrays = arrays
        for in_s, in_e, out_s, out_e, pure in reversed(self._arrays):
            n = len(out_s)
            # start: inside an edit's output -> the edit's input start, else the gap
            j = np.searchsorted(out_e, a, side="right")
            jc = np.minimum(j, n - 1)
            jm = np.maximum(j - 1, 0)
            gap = np.where(j == 0, a, in_e[jm] + (a - out_e[jm]))
            sa = np.where((j < n) & (out_s[jc] <= a), in_s[jc], gap)
            # end: the edit ending at or around it, then the deletions right after
            k = np.searchsorted(out_s, b, side="left")
            km = np.maximum(k - 1, 0)
            inside = (k > 0) & (out_e[km] >= b)
            base = np.where(k == 0, b, np.where(inside, in_e[km], in_e[km] + (b - out_e[km])))
            # Edits whose output starts at b: pure deletions first (at most one
            # non-empty replacement can follow), so they are a prefix.
            r = np.searchsorted(out_s, b, side="right")
            deletions = pure[r] - pure[k]
            last = np.clip(k + deletions - 1, 0, n - 1)
            sb = np.where(deletions > 0, in_e[last], base)
            a, b = sa, np.where(b <= a, sa, sb)
        return a, b

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input slice that produced ``output[start:end]``."""
        for layer in reversed(self._lists()):
            if end > start:
                start, end = self._start(layer, start), self._end(layer, end)
            else:
                start = end = self._start(layer, start)
        return start, end


class Pipeline:
    """An ordered, immutable list of stages, compiled to run fast.

    >>> Pipeline.from_spec("tatweel").apply("كتـــاب")
    'كتاب'
    """

    __slots__ = ("_run", "_steps", "_tracers", "stages")

    def __init__(self, stages: Iterable[Stage] = ()) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self._steps = compiler.flatten(self.stages, fuse=not compiler.pure())
        self._run: tuple[Runner, ...] = compiler.runners(self._steps)
        self._tracers: tuple[Tracer | None, ...] | None = None

    @classmethod
    def from_spec(cls, spec: str | Iterable[str]) -> Pipeline:
        """Build a pipeline from a spec string (or a list of spec items)."""
        return cls(get_stage(name)(**options) for name, options in parse_spec(spec))

    @classmethod
    def from_preset(cls, name: str) -> Pipeline:
        """Build the pipeline of a named preset."""
        from arabnorm.presets import preset_spec

        return cls.from_spec(preset_spec(name))

    @property
    def spec(self) -> str:
        """The spec that rebuilds this pipeline: ``from_spec(p.spec) == p``."""
        return ",".join(stage.spec for stage in self.stages)

    @property
    def full_spec(self) -> str:
        """The spec with every parameter of every stage spelled out."""
        return ",".join(stage.full_spec for stage in self.stages)

    def then(self, other: Pipeline | Stage) -> Pipeline:
        """This pipeline followed by another pipeline or stage."""
        more = other.stages if isinstance(other, Pipeline) else (other,)
        return Pipeline((*self.stages, *more))

    def apply(self, text: str) -> str:
        """Normalize ``text`` (one line or a block of lines)."""
        if len(text) > _CHUNK * 2:
            return self._apply_chunked(text)
        for run in self._run:
            text = run(text)
        return text

    def _apply_chunked(self, text: str) -> str:
        # Steps give the same result on a block as on its lines, so a long text
        # runs as blocks of whole lines of about _CHUNK characters: each step's
        # data then stays in the processor's cache, several times faster.
        pieces: list[str] = []
        start = 0
        n = len(text)
        while start < n:
            cut = text.find("\n", min(start + _CHUNK, n)) + 1 if start + _CHUNK < n else n
            if cut == 0:
                cut = n
            piece = text[start:cut]
            for run in self._run:
                piece = run(piece)
            pieces.append(piece)
            start = cut
        return "".join(pieces)

    __call__ = apply

    def map_batch(self, texts: Any) -> Any:
        """Normalize each string of a batch, in one pass over all of them.

        The same as ``[p.apply(t) for t in texts]``, but much faster on many
        short strings: the strings are joined by line breaks, normalized as
        one block and split again (every step keeps line breaks and never
        matches across them). Strings with a ``\\r`` are done one by one.
        Meant for ``datasets.map(batched=True)``, Dask or Spark partitions::

            ds = ds.map(lambda b: {"text": p.map_batch(b["text"])}, batched=True)

        A list (or tuple) gives a list. A pandas Series gives a Series (same
        index and dtype) and a pyarrow string array or chunked array gives
        the same type, missing values kept; Arrow data is joined and split
        inside Arrow, without a Python string per value (``arabnorm.batch``).

        >>> Pipeline.from_spec("tatweel").map_batch(["كتـاب", "a\\nبـ", ""])
        ['كتاب', 'a\\nب', '']
        """
        if not isinstance(texts, list | tuple):
            from arabnorm.batch import map_any

            return map_any(self._map_list, self.apply, texts)
        return self._map_list(texts)

    def _map_list(self, texts: Sequence[str]) -> list[str]:
        if not self._steps:
            return list(texts)
        simple = [i for i, t in enumerate(texts) if "\r" not in t]
        out = list(texts)
        if simple:
            joined = "\n".join([texts[i] for i in simple])
            lines = self.apply(joined).split("\n")
            pos = 0
            for i in simple:
                n = texts[i].count("\n") + 1
                out[i] = lines[pos] if n == 1 else "\n".join(lines[pos : pos + n])
                pos += n
        for i, t in enumerate(texts):
            if "\r" in t:
                out[i] = self.apply(t)
        return out

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps in the order they run (tables fused unless ``ARABNORM_PURE``)."""
        return self._steps

    def line_streamer(self, margin: int | None = None) -> Any:
        """A streamer that transforms one very long line piece by piece.

        See ``arabnorm.io.longline``: the result equals ``apply`` on the whole
        line while memory stays bounded.
        """
        from arabnorm.io.longline import MARGIN, StepStreamer

        runs = [compiler.runner(step) for step in self._steps]
        return StepStreamer(self._steps, runs, MARGIN if margin is None else margin)

    def align(self, text: str) -> tuple[str, Alignment]:
        """Normalize ``text`` and say where each part of the result came from."""
        if self._tracers is None:
            self._tracers = compiler.tracers(self._steps)
        layers: list[Layer] = []
        for step, trace in zip(self._steps, self._tracers, strict=True):
            if trace is not None:
                got = trace(text)
                if got is not None:
                    text, layer = got
                    if layer is not None:
                        layers.append(layer)
                    continue
            text, edits = step.apply_with_edits(text)
            layers.append(edits)
        return text, Alignment(layers)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pipeline) and self.stages == other.stages

    def __hash__(self) -> int:
        return hash(self.stages)

    def __repr__(self) -> str:
        return f"Pipeline.from_spec({self.spec!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Pipeline, (self.stages,))
