"""Over-long lines in bounded memory: feed a line through the steps piece by piece.

A file of one 60 MB line cannot be held, transformed and written as one
block without using several times its size in memory. Instead the reader cuts
such a line into pieces and a ``StepStreamer`` carries each piece through the
pipeline's compiled steps:

- a ``Table`` maps each code point on its own, so a piece goes straight
  through;
- a ``Rule`` needs context on both sides. The streamer keeps the text it has
  not yet committed; each time, it scans ``context + pending + piece`` and
  commits only up to a point at least ``margin`` characters before the end
  that no match covers. Scanning resumes there, with the committed tail kept as
  look-behind context, so the matches found are the ones a scan of the whole
  line finds, provided a match (and what the pattern looks at around it) is
  shorter than ``margin``: runs of spaces or letters, a word-final letter,
  a pair of quotes within 64 thousand characters of each other.
- a step with a ``stream_feeder()`` method supplies its own piecewise
  feeder (an object with ``feed(text, final) -> str``), e.g. one that keeps
  its position state from piece to piece;
- any other kind of step cannot be cut: the streamer gathers the rest of the
  line for it (memory then grows with the line).

>>> from arabnorm.pipeline import Pipeline
>>> s = StepStreamer(Pipeline.from_spec("tatweel").steps)
>>> s.feed("كتـ", final=False) + s.feed("ـاب\\n", final=True)
'كتاب\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

import regex

from arabnorm.stages.base import Rule, Step, Table

_REVERSE = regex.REVERSE

MARGIN = 1 << 16
"""Characters kept back from the end of what has been read, for a rule's matches."""
LOOKBEHIND = 1 << 10
"""Characters of committed text a rule may look back at."""


class LineStreamer(Protocol):
    """Transforms one line given in pieces; ``final`` marks the last piece.

    ``feed`` returns the output so far: a string, or an iterator of strings
    for output too large to hold at once.
    """

    def feed(self, text: str, final: bool) -> str | Iterator[str]: ...


class StepFeed(Protocol):
    """Carries one line, given in pieces, through one step."""

    def feed(self, text: str, final: bool) -> str: ...


class _RuleFeed:
    """A rule run over a growing window, committing only what later text cannot change."""

    __slots__ = ("context", "margin", "pending", "rule")

    def __init__(self, rule: Rule, margin: int) -> None:
        self.rule = rule
        self.margin = margin
        self.context = ""
        self.pending = ""

    def feed(self, text: str, final: bool) -> str:
        buf = self.context + self.pending + text
        base = len(self.context)
        limit = len(buf) if final else len(buf) - self.margin
        if limit <= base:
            self.pending += text
            return ""
        pieces: list[str] = []
        last = base
        commit = limit
        replace = self.rule._replace
        pattern = self.rule.pattern
        matches = pattern.finditer(buf, base)
        if getattr(pattern, "flags", 0) & _REVERSE:
            # searched from the end backwards: the same matches, put in text order
            matches = sorted(matches, key=lambda m: m.start())
        for m in matches:
            start, end = m.span()
            if start >= limit:
                break
            if end > limit and not final:
                commit = start
                break
            new = replace(m)
            if new != m.group():
                pieces.append(buf[last:start])
                pieces.append(new)
                last = end
        pieces.append(buf[last:commit])
        if final:
            self.context = self.pending = ""
        else:
            self.context = buf[max(0, commit - LOOKBEHIND) : commit]
            self.pending = buf[commit:]
        return "".join(pieces)


class _TableFeed:
    __slots__ = ("run",)

    def __init__(self, table: Table) -> None:
        from arabnorm.fasttable import table_runner

        self.run = table_runner(table)

    def feed(self, text: str, final: bool) -> str:
        return self.run(text)


class _WholeFeed:
    """A step that cannot be cut: gather the line, apply once at the end."""

    __slots__ = ("parts", "step")

    def __init__(self, step: Step) -> None:
        self.step = step
        self.parts: list[str] = []

    def feed(self, text: str, final: bool) -> str:
        self.parts.append(text)
        if not final:
            return ""
        whole = "".join(self.parts)
        self.parts = []
        return self.step.apply(whole)


class StepStreamer:
    """A line fed piece by piece through compiled steps, with the result of one pass."""

    def __init__(self, steps: Sequence[Step], margin: int = MARGIN) -> None:
        self._feeds: list[StepFeed] = []
        for step in steps:
            own = getattr(step, "stream_feeder", None)
            if own is not None:
                self._feeds.append(own())
            elif isinstance(step, Table):
                self._feeds.append(_TableFeed(step))
            elif isinstance(step, Rule):
                self._feeds.append(_RuleFeed(step, margin))
            else:
                self._feeds.append(_WholeFeed(step))

    def feed(self, text: str, final: bool) -> str:
        for f in self._feeds:
            text = f.feed(text, final)
        return text


class GatherStreamer:
    """For a transform that cannot be cut: the whole line, transformed once."""

    def __init__(self, transform: Callable[[str], str]) -> None:
        self._apply = transform
        self._parts: list[str] = []

    def feed(self, text: str, final: bool) -> str:
        self._parts.append(text)
        if not final:
            return ""
        whole = "".join(self._parts)
        self._parts = []
        return str(self._apply(whole))


def line_streamer(transform: object, margin: int = MARGIN) -> LineStreamer:
    """The streamer for ``transform``: its own ``line_streamer()`` if it has one."""
    make = getattr(transform, "line_streamer", None)
    if make is not None:
        return make() if margin == MARGIN else make(margin)  # type: ignore[no-any-return]
    return GatherStreamer(transform.apply)  # type: ignore[attr-defined]
