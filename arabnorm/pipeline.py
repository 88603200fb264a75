"""Pipelines: parse a spec, compile its stages into fast steps, run them.

A spec names stages in order, separated by commas, each with optional
``:key=value`` parameters::

    "invisible,forms,diacritics:keep=shadda+sukun,alef"

A parameter that takes a list may also be written with commas
(``diacritics:keep=shadda,sukun``): after such a parameter, an item that is
not a stage name and has no ``:`` continues its list.

Compilation fuses every run of ``Table`` steps, across stage borders, into
one table, so ``"tatweel,alef,yaa"`` is one pass over the text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from arabnorm.errors import SpecError
from arabnorm.stages import get_stage
from arabnorm.stages.base import Edit, Stage, Step, Table


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


def _compile(stages: Sequence[Stage]) -> tuple[Step, ...]:
    """Flatten the stages into steps, fusing each run of tables into one."""
    steps: list[Step] = []
    for stage in stages:
        for step in stage.steps:
            if isinstance(step, Table) and steps and isinstance(steps[-1], Table):
                steps[-1] = steps[-1].then(step)
            else:
                steps.append(step)
    return tuple(s for s in steps if not (isinstance(s, Table) and not s.mapping))


class Alignment:
    """Where each slice of a pipeline's output came from in its input.

    Holds the edits of every step; ``span(start, end)`` maps an output slice
    back to the input. A deleted character (a diacritic, a tatweel) right
    after the slice counts as part of it; one right before it does not.
    """

    __slots__ = ("_layers",)

    def __init__(self, layers: Sequence[list[Edit]]) -> None:
        self._layers = [
            (
                [e[0] for e in edits],
                [e[1] for e in edits],
                [e[2] for e in edits],
                [e[3] for e in edits],
            )
            for edits in layers
            if edits
        ]

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
        return not self._layers

    def spans(self, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """``span`` for many slices at once (the same results, in one pass per step).

        >>> p = Pipeline.from_spec("tatweel")
        >>> p.align("كتـــاب جديد")[1].spans([(0, 4), (5, 9)])
        [(0, 7), (8, 12)]
        """
        starts = [p[0] for p in pairs]
        ends = [p[1] for p in pairs]
        for in_s, in_e, out_s, out_e in reversed(self._layers):
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

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The input slice that produced ``output[start:end]``."""
        for layer in reversed(self._layers):
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

    __slots__ = ("_steps", "stages")

    def __init__(self, stages: Iterable[Stage] = ()) -> None:
        self.stages: tuple[Stage, ...] = tuple(stages)
        self._steps = _compile(self.stages)

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
        for step in self._steps:
            text = step.apply(text)
        return text

    __call__ = apply

    def map_batch(self, texts: Sequence[str]) -> list[str]:
        """Normalize each string of a batch, e.g. from ``datasets.map(batched=True)``."""
        return [self.apply(t) for t in texts]

    def align(self, text: str) -> tuple[str, Alignment]:
        """Normalize ``text`` and say where each part of the result came from."""
        layers: list[list[Edit]] = []
        for step in self._steps:
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
