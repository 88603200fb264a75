"""Say what each stage changes: counts per stage and the edits of a whole pipeline.

Normalization is lossy, so a run should be able to say what it did. The
fused pipeline is fast but cannot tell stages apart; the helpers here run each
stage's own steps one after the other (the same result, a little slower) and
count the characters each stage changed::

    >>> counter = ChangeCounter(Pipeline.from_spec("tatweel"))
    >>> counter.apply("كتـــاب")
    'كتاب'
    >>> counter.counts()
    [('tatweel', 3)]

A *changed character* is an input character a stage replaced or deleted; a
pure insertion counts the characters it inserted. Where an edit keeps some of
its input (``ااا`` becoming ``ا``), only the difference counts (two).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from arabnorm import chars
from arabnorm.pipeline import Alignment, Pipeline
from arabnorm.stages.base import Edit, Stage, Step, Table

if TYPE_CHECKING:
    from arabnorm.io.longline import WordCutter

__all__ = [
    "ChangeCounter",
    "LineChange",
    "alone_changes",
    "changed_chars",
    "changed_lines",
    "compose",
    "format_counts",
    "line_edits",
    "step_changes",
    "trace",
    "trim_edit",
]

# Tables with at most this many code points are counted with ``str.count``
# per code point (fast C loops); larger ones with one scan of a class of
# ranges, which the standard ``re`` engine matches fastest.
_COUNT_BY_CHAR_LIMIT = 24


@lru_cache(maxsize=256)
def _class_pattern(keys: frozenset[int]) -> re.Pattern[str]:
    return re.compile(chars.char_class({chr(k) for k in keys}))


def trim_edit(old: str, new: str) -> tuple[int, int, int, int]:
    """Drop the common prefix and suffix of an edit: ``(old_s, old_e, new_s, new_e)``.

    >>> trim_edit("ااا", "ا")
    (1, 3, 1, 1)
    """
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return head, len(old) - tail, head, len(new) - tail


def changed_chars(old: str, new: str) -> int:
    """How many characters an edit of ``old`` into ``new`` changes.

    >>> changed_chars("ﻷ", "لأ"), changed_chars("   ", " "), changed_chars("", "  ")
    (1, 2, 2)
    """
    os_, oe, ns, ne = trim_edit(old, new)
    return oe - os_ if oe > os_ else ne - ns


def _count_table(table: Table, text: str) -> int:
    mapping = table.mapping
    if len(mapping) <= _COUNT_BY_CHAR_LIMIT:
        return sum(text.count(chr(cp)) for cp in mapping)
    return len(_class_pattern(frozenset(mapping)).findall(text))


def _table_is_simple(table: Table) -> bool:
    """True when every change of the table counts as exactly one character."""
    return all(not v or (v[0] != chr(k) and v[-1] != chr(k)) for k, v in table.mapping.items())


# Compiled runners per step, built once and kept with their step.
_RUNNERS: dict[int, tuple[Step, Callable[[str], str]]] = {}


def _runner(step: Step) -> Callable[[str], str]:
    hit = _RUNNERS.get(id(step))
    if hit is not None and hit[0] is step:
        return hit[1]
    from arabnorm.compiler import runner

    run = runner(step)
    if len(_RUNNERS) >= 4096:
        _RUNNERS.clear()
    _RUNNERS[id(step)] = (step, run)
    return run


def _edit_changes(step: Step, text: str) -> int:
    new, edits = step.apply_with_edits(text)
    return sum(changed_chars(text[a:b], new[c:d]) for a, b, c, d in edits)


def step_changes(step: Step, text: str) -> tuple[str, int]:
    """Apply one step; return its output and the number of characters it changed.

    The step runs at full speed; only the lines it changed are traced to
    count their edits (a step treats every line alike, whatever the block).

    >>> step_changes(Table({ord("ـ"): ""}), "كتـــاب")
    ('كتاب', 3)
    """
    new = _runner(step)(text)
    if isinstance(step, Table) and _table_is_simple(step):
        return new, _count_table(step, text)
    if new == text:
        return new, 0
    old_lines = text.split("\n")
    new_lines = new.split("\n")
    if len(old_lines) != len(new_lines):
        return new, _edit_changes(step, text)
    total = 0
    for old, changed in zip(old_lines, new_lines, strict=True):
        if old != changed:
            total += _edit_changes(step, old)
    return new, total


def _stage_changes(stage: Stage, text: str, output: bool = True) -> tuple[str, int]:
    """Run a stage's steps, counting; without ``output`` the last table only counts."""
    total = 0
    last = len(stage.steps) - 1
    for i, step in enumerate(stage.steps):
        if i == last and not output and isinstance(step, Table) and _table_is_simple(step):
            return text, total + _count_table(step, text)
        text, n = step_changes(step, text)
        total += n
    return text, total


def alone_changes(stages: Iterable[Stage], text: str) -> list[int]:
    """For each stage, how many characters of ``text`` it alone would change.

    Every stage sees the original text, not the output of the others.
    """
    return [_stage_changes(stage, text, output=False)[1] for stage in stages]


class ChangeCounter:
    """Run a pipeline stage by stage, counting what each stage changes.

    Gives the same output as ``pipeline.apply`` (and ``align``, ``map_batch``,
    ``stages``), so it stands in for the pipeline wherever the counts are
    wanted (``--explain``); it skips table fusion, so it is slower.
    """

    __slots__ = ("_counts", "chars_in", "pipeline")

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._counts = [0] * len(pipeline.stages)
        self.chars_in = 0

    def apply(self, text: str) -> str:
        """Normalize ``text`` and add what each stage changed to the counts."""
        self.chars_in += len(text)
        for i, stage in enumerate(self.pipeline.stages):
            text, n = _stage_changes(stage, text)
            self._counts[i] += n
        return text

    __call__ = apply

    def map_batch(self, texts: Sequence[str]) -> list[str]:
        """Normalize each string of a batch, counting as ``apply`` does."""
        return [self.apply(t) for t in texts]

    def align(self, text: str) -> tuple[str, Alignment]:
        """Like ``Pipeline.align``, counting as ``apply`` does."""
        self.chars_in += len(text)
        layers: list[list[Edit]] = []
        for i, stage in enumerate(self.pipeline.stages):
            for step in stage.steps:
                new, edits = step.apply_with_edits(text)
                self._counts[i] += sum(changed_chars(text[a:b], new[c:d]) for a, b, c, d in edits)
                layers.append(edits)
                text = new
        return text, Alignment(layers)

    @property
    def stages(self) -> tuple[Stage, ...]:
        """The pipeline's stages."""
        return self.pipeline.stages

    def line_streamer(self, margin: int | None = None) -> Any:
        """A very long line, counted segment by segment when the pipeline allows.

        The line is cut at spaces between words (``longline.segment_cutter``);
        each segment is normalized and counted on its own, which gives the
        output and counts of the whole line. Otherwise the line is gathered.
        """
        from arabnorm.io.longline import GatherStreamer, segment_cutter

        cutter = segment_cutter(self.pipeline.stages)
        if cutter is not None:
            return _CountedSegments(self, cutter)
        return GatherStreamer(self.apply)

    def counts(self) -> list[tuple[str, int]]:
        """``(stage spec, characters changed)`` in pipeline order."""
        return [(s.spec, n) for s, n in zip(self.pipeline.stages, self._counts, strict=True)]

    def merge(self, other: ChangeCounter) -> None:
        """Add the counts of another counter of the same pipeline (e.g. from a worker)."""
        if other.pipeline != self.pipeline:
            raise ValueError("cannot merge the counts of different pipelines")
        self._counts = [a + b for a, b in zip(self._counts, other._counts, strict=True)]
        self.chars_in += other.chars_in


class _CountedSegments:
    """A long line through a ``ChangeCounter``, segment by segment."""

    def __init__(self, counter: ChangeCounter, cutter: WordCutter) -> None:
        self._counter = counter
        self._cutter = cutter
        self._started = False

    def feed(self, text: str, final: bool) -> str:
        out: list[str] = []
        for segment in self._cutter.feed(text, final):
            if self._started:
                out.append(" ")
                self._counter.chars_in += 1
            self._started = True
            out.append(self._counter.apply(segment))
        return "".join(out)


def format_counts(counts: Sequence[tuple[str, int]], chars_in: int) -> str:
    """The ``--explain`` report: one line per stage, then the total.

    >>> print(format_counts([("tatweel", 3), ("alef", 0)], 10))
    changes by stage (characters changed, of 10 read):
      tatweel  3  30.00%
      alef     0
    """
    width = max((len(name) for name, _ in counts), default=5)
    digits = max((len(f"{n:,}") for _, n in counts), default=1)
    lines = [f"changes by stage (characters changed, of {chars_in:,} read):"]
    for name, n in counts:
        share = f"  {100 * n / chars_in:.2f}%" if n and chars_in else ""
        lines.append(f"  {name:<{width}}  {n:>{digits},}{share}")
    return "\n".join(lines)


def compose(first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """The edits of ``first`` then ``second``, as one list over the original text.

    ``first`` turns text0 into text1, ``second`` text1 into text2. Edits that
    touch or overlap in text1 merge into one, so every result covers whole
    edits of both and maps each changed slice of text0 to its slice of text2.

    >>> compose([(1, 2, 1, 1)], [(0, 1, 0, 2)])  # delete x at 1, then a -> bb
    [(0, 2, 0, 2)]
    """
    spans = sorted([(e[2], e[3]) for e in first] + [(e[0], e[1]) for e in second])
    clusters: list[list[int]] = []
    for s, e in spans:
        if clusters and s <= clusters[-1][1]:
            if e > clusters[-1][1]:
                clusters[-1][1] = e
        else:
            clusters.append([s, e])
    a_out_s = [e[2] for e in first]
    a_out_e = [e[3] for e in first]
    b_in_s = [e[0] for e in second]
    b_in_e = [e[1] for e in second]
    result: list[Edit] = []
    for x, y in clusters:
        # Text1 -> text0: the last edit of ``first`` wholly before x, and the
        # last one starting at or before y (inside the cluster, or before it).
        i = bisect_left(a_out_e, x) - 1
        x0 = x if i < 0 else first[i][1] + (x - first[i][3])
        i = bisect_right(a_out_s, y) - 1
        y0 = y if i < 0 else first[i][1] + (y - first[i][3])
        j = bisect_left(b_in_e, x) - 1
        x2 = x if j < 0 else second[j][3] + (x - second[j][1])
        j = bisect_right(b_in_s, y) - 1
        y2 = y if j < 0 else second[j][3] + (y - second[j][1])
        result.append((x0, y0, x2, y2))
    return result


def trace(stages: Iterable[Stage], text: str) -> tuple[str, list[Edit]]:
    """Run ``stages`` over ``text``; return the output and its edits over the input.

    >>> trace(Pipeline.from_spec("tatweel").stages, "كتـــاب")
    ('كتاب', [(2, 5, 2, 2)])
    """
    edits: list[Edit] = []
    for stage in stages:
        for step in stage.steps:
            text, step_edits = step.apply_with_edits(text)
            edits = compose(edits, step_edits)
    return text, edits


@dataclass(frozen=True)
class LineChange:
    """A line a pipeline changes: its number, old and new text, changed slices.

    ``edits`` are ``(old_start, old_end, new_start, new_end)`` with common
    prefixes and suffixes trimmed, so they cover only what really differs.
    The texts carry no line terminator.
    """

    line: int
    old: str
    new: str
    edits: tuple[Edit, ...]


def line_edits(stages: Iterable[Stage], old: str) -> tuple[str, tuple[Edit, ...]]:
    """``old`` through ``stages``, and the edits that changed it, with common ends trimmed.

    >>> line_edits(Pipeline.from_spec("tatweel").stages, "كتـــاب")
    ('كتاب', ((2, 5, 2, 2),))
    """
    new, edits = trace(stages, old)
    trimmed = []
    for os_, oe, ns, ne in edits:
        a, b, c, d = trim_edit(old[os_:oe], new[ns:ne])
        if b > a or d > c:
            trimmed.append((os_ + a, os_ + b, ns + c, ns + d))
    return new, tuple(trimmed)


def changed_lines(
    pipeline: Pipeline, blocks: Iterable[str], first_line: int = 1
) -> Iterator[LineChange]:
    """Every line of ``blocks`` (text of whole lines) that ``pipeline`` changes.

    Each block runs through the fused pipeline once; only the lines that
    differ are traced stage by stage to find their edits, so a clean corpus
    costs no more than cleaning it.

    >>> [c.edits for c in changed_lines(Pipeline.from_spec("tatweel"), ["ok\\nكتـــاب\\n"])]
    [((2, 5, 2, 2),)]
    """
    line = first_line
    for block in blocks:
        new_block = pipeline.apply(block)
        if new_block == block:
            line += block.count("\n")
            continue
        old_lines = block.split("\n")
        new_lines = new_block.split("\n")
        if len(old_lines) != len(new_lines):
            raise ValueError("a stage changed the number of lines")
        for i, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
            if old == new:
                continue
            if old.endswith("\r"):
                old = old[:-1]
            new, edits = line_edits(pipeline.stages, old)
            yield LineChange(line + i, old, new, edits)
        line += len(old_lines) - 1
