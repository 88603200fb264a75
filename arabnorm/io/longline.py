"""Over-long lines in bounded memory: feed a line through the steps piece by piece.

A file of one 60 MB line cannot be held, transformed and written as one
block without using several times its size in memory. Instead the reader cuts
such a line into pieces and a ``StepStreamer`` carries each piece through the
pipeline's steps, each step in the way its declarations allow (see
``arabnorm.stages.base``):

- a ``Table`` maps each code point on its own, so a piece goes straight
  through;
- a step with a ``stream_feeder()`` method supplies its own piecewise feeder
  (an object with ``feed(text, final) -> str``), e.g. one that keeps its
  position state from piece to piece;
- a ``Rule`` with a bounded ``context`` keeps the text it has not yet
  committed; each time, it scans ``context + pending + piece`` and commits
  only up to a point at least ``margin`` characters before the end that no
  match covers. Scanning resumes there, with the committed tail kept as
  look-behind context, so the matches found are the ones a scan of the whole
  line finds;
- a step that works within words (``word_local``) is run on the text up to
  the last space between two words; the rest waits for the next piece;
- any other step cannot be cut: the streamer gathers the rest of the line
  for it (memory then grows with the line).

>>> from arabnorm.pipeline import Pipeline
>>> s = Pipeline.from_spec("tatweel").line_streamer()
>>> s.feed("كتـ", final=False) + s.feed("ـاب\\n", final=True)
'كتاب\\n'
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol

import regex

from arabnorm import chars
from arabnorm.stages.base import Rule, Step, Table

MARGIN = 1 << 16
"""Characters kept back from the end of what has been read, for a rule's matches."""
LOOKBEHIND = 1 << 10
"""Characters of committed text a rule may look back at."""
SEGMENT = 1 << 17
"""Characters of a long line processed at a time when it is cut between words."""

_EDGE = chars.char_class(chars.WORD_EDGE)
FIRST_WORD_BOUNDARY = regex.compile(f"(?<={_EDGE}) (?={_EDGE})")
"""A space between two words (see ``Step.word_local``), where a long line may be cut."""
LAST_WORD_BOUNDARY = regex.compile(f"(?r)(?<={_EDGE}) (?={_EDGE})")
"""The same, searched from the end backwards."""


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
        self.margin = max(margin, 2 * (rule.context or 0))
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
        replace = self.rule.substitute
        for m in self.rule.matches(buf, base):
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


class _RunFeed:
    """A step that changes each character on its own: every piece goes straight through."""

    __slots__ = ("run",)

    def __init__(self, run: Callable[[str], str]) -> None:
        self.run = run

    def feed(self, text: str, final: bool) -> str:
        return self.run(text)


class _WordFeed:
    """A step that works within words, run up to the last space between two words.

    The step gives ``f(a) + " " + f(b)`` for ``a + " " + b`` at such a space
    (``Step.word_local``), so everything before the last one is final.
    """

    __slots__ = ("pending", "run")

    def __init__(self, run: Callable[[str], str]) -> None:
        self.run = run
        self.pending = ""

    def feed(self, text: str, final: bool) -> str:
        buf = self.pending + text if self.pending else text
        if final:
            self.pending = ""
            return self.run(buf)
        # the pending text holds no boundary: look only where a new one can be
        m = LAST_WORD_BOUNDARY.search(buf, max(0, len(self.pending) - 1))
        if m is None:
            self.pending = buf
            return ""
        cut = m.start()
        self.pending = buf[cut + 1 :]
        return self.run(buf[:cut]) + " "


class _WholeFeed:
    """A step that cannot be cut: gather the line, apply once at the end."""

    __slots__ = ("parts", "run")

    def __init__(self, run: Callable[[str], str]) -> None:
        self.run = run
        self.parts: list[str] = []

    def feed(self, text: str, final: bool) -> str:
        self.parts.append(text)
        if not final:
            return ""
        whole = "".join(self.parts)
        self.parts = []
        return self.run(whole)


def step_feed(step: Step, run: Callable[[str], str], margin: int = MARGIN) -> StepFeed:
    """How ``step`` (run by ``run``) takes a line in pieces, from what it declares."""
    own = getattr(step, "stream_feeder", None)
    if isinstance(step, Table):
        return _RunFeed(run)
    if own is not None:
        return own()  # type: ignore[no-any-return]
    if isinstance(step, Rule) and step.context is not None:
        return _RuleFeed(step, margin)
    if step.word_local:
        return _WordFeed(run)
    return _WholeFeed(run)


class StepStreamer:
    """A line fed piece by piece through steps, with the result of one pass over it."""

    def __init__(
        self,
        steps: Sequence[Step],
        runners: Sequence[Callable[[str], str]] | None = None,
        margin: int = MARGIN,
    ) -> None:
        runs = runners if runners is not None else [step.apply for step in steps]
        self._feeds = [step_feed(s, r, margin) for s, r in zip(steps, runs, strict=True)]

    def feed(self, text: str, final: bool) -> str:
        for f in self._feeds:
            text = f.feed(text, final)
        return text


def cut_guards(steps: Sequence[Step], line_chars: int = 0) -> list[Step] | None:
    """The steps that must approve each cut between words, for ``steps`` run in order.

    Cuts stand on spaces between two words. Steps that work within words
    (``word_local``) allow them and keep such a space between words. Rules
    with a bounded ``context`` that come before every other step (so they
    read the line as it is, e.g. ``mojibake`` first in a preset) allow a cut
    when none of their matches lies within ``context`` characters of it:
    each side then has the same matches alone as in the line, and the
    characters around the space stay. A first step that judges cuts itself
    (``checks_cuts``, e.g. ``stopwords``) is asked for each. Steps that run alike on both sides of
    any space (``space_local``) allow them too, but may change the letters
    beside it, so after one only such steps may follow. A step that leaves
    lines longer than ``max_line`` as they are does nothing on a line of
    ``line_chars`` characters when that is more. Any other step needs the
    whole line (``None``).
    """
    guards: list[Step] = []
    edges = True  # the cuts still stand between two letters or digits
    untouched = True  # the steps so far leave the text as it was read
    for step in steps:
        if step.max_line is not None and line_chars > step.max_line:
            continue
        if step.word_local and edges:
            untouched = False
            continue
        if untouched and isinstance(step, Rule) and step.context is not None:
            guards.append(step)  # the text beside every cut stays as read
            untouched = False
            continue
        if untouched and step.checks_cuts:
            guards.append(step)
            untouched = edges = False
            continue
        untouched = False
        if step.space_local:
            edges = False
            continue
        return None
    return guards


def segment_cutter(
    *chains: Sequence[Any], size: int | None = None, line_chars: int | None = None
) -> WordCutter | None:
    """A cutter for one long line, when every chain of stages may run on its segments.

    Each chain is a sequence of stages run in order on the line as read (a
    pipeline, or one stage audited on its own). ``None`` when some chain
    needs the whole line (see ``cut_guards``). The line is one the reader
    found too long to hold: at least ``line_chars`` characters (by default
    what ``LONG_LINE`` bytes of UTF-8 hold at the least).
    """
    if line_chars is None:
        from arabnorm.io import runner

        line_chars = runner.LONG_LINE // 4
    guards: dict[object, Step] = {}
    for chain in chains:
        found = cut_guards([step for stage in chain for step in stage.steps], line_chars)
        if found is None:
            return None
        for step in found:  # rules that match alike block alike
            key = (step.pattern, step.context) if isinstance(step, Rule) else step
            guards.setdefault(key, step)
    return WordCutter(size, list(guards.values()))


class _Guard:
    """Where one rule's matches forbid a cut, found once over the text a cutter holds."""

    __slots__ = ("blocked", "rule", "scanned")

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.blocked: list[tuple[int, int]] = []  # (first, last) forbidden cut positions
        self.scanned = 0  # matches before this position are in ``blocked``

    def scan(self, data: str, limit: int, final: bool) -> int:
        """Record the matches that start before ``limit``; cuts before the result are judged.

        A match that reaches past ``limit`` in text that is not final may
        still grow: the scan stops there and resumes at it next time.
        """
        reach = (self.rule.context or 0) + 1
        for m in self.rule.matches(data, self.scanned):
            start, end = (int(x) for x in m.span())
            if start >= limit:
                break
            if end > limit and not final:
                self.scanned = start
                return start - reach
            self.blocked.append((start - reach, end + reach - 1))
            self.scanned = max(end, start + 1)
        self.scanned = max(self.scanned, limit)
        return limit if final else limit - reach

    def allows(self, data: str, pos: int, final: bool) -> bool:
        """Whether a cut at ``pos`` keeps away from every match recorded."""
        # matches do not overlap, so the intervals end in the order they start
        i = bisect.bisect_right(self.blocked, (pos, sys.maxsize)) - 1
        return i < 0 or self.blocked[i][1] < pos

    def shift(self, by: int) -> None:
        self.blocked = [(a - by, b - by) for a, b in self.blocked if b - by >= 0]
        self.scanned = max(self.scanned - by, 0)

    def reset(self) -> None:
        self.blocked, self.scanned = [], 0


class _CheckGuard:
    """A step that judges each cut itself (``Step.allows_cut``)."""

    __slots__ = ("step",)

    def __init__(self, step: Step) -> None:
        self.step = step

    def scan(self, data: str, limit: int, final: bool) -> int:
        return limit

    def allows(self, data: str, pos: int, final: bool) -> bool:
        return self.step.allows_cut(data, pos)

    def shift(self, by: int) -> None:
        pass

    def reset(self) -> None:
        pass


class WordCutter:
    """Cuts one long line, given in pieces, into segments at spaces between two words.

    Segments are about ``size`` characters long (longer only where no such
    space is), and the spaces they were cut at are left out: the line is the
    segments joined by single spaces. A pipeline whose steps all work within
    words (``Stage.word_local``) gives, on the line, its outputs on the
    segments joined the same way, so each segment can be processed alone.
    With ``guards`` (see ``cut_guards``) a cut also keeps ``context``
    characters away from every match of each guard rule, which extends the
    same promise to pipelines that start with such rules.

    >>> cutter = WordCutter(size=4)
    >>> cutter.feed("ab cd e", final=False), cutter.feed("f gh", final=True)
    (['ab', 'cd'], ['ef', 'gh'])
    """

    def __init__(self, size: int | None = None, guards: Sequence[Step] = ()) -> None:
        self.size = SEGMENT if size is None else size
        self._pending = ""
        self._scanned = 0  # no allowed cut lies in the pending text before this
        self._guards: list[_Guard | _CheckGuard] = [
            _CheckGuard(step) if step.checks_cuts else _Guard(step)  # type: ignore[arg-type]
            for step in guards
        ]

    def _cut(self, found: Iterable[Any], data: str, final: bool) -> int | None:
        for boundary in found:
            pos = int(boundary.start())
            if all(g.allows(data, pos, final) for g in self._guards):
                return pos
        return None

    def feed(self, text: str, final: bool) -> list[str]:
        data = self._pending + text if self._pending else text
        out: list[str] = []
        start = 0
        limit = len(data)
        if self._guards:
            # a match near the end of what has been read may still change
            read = limit if final else max(limit - MARGIN, 0)
            limit = min(guard.scan(data, read, final) for guard in self._guards)
        while limit - start >= self.size:
            hi = min(start + self.size, limit)
            cut = self._cut(LAST_WORD_BOUNDARY.finditer(data, start + 1, hi), data, final)
            if cut is None:  # a long run without a place to cut: the first one after
                lo = max(start + self.size, self._scanned)
                cut = self._cut(FIRST_WORD_BOUNDARY.finditer(data, lo, limit), data, final)
                if cut is None:
                    self._scanned = max(limit - 1, 0)
                    break
            out.append(data[start:cut])
            start = cut + 1
            self._scanned = 0
        if final:
            out.append(data[start:])
            self._pending = ""
            self._scanned = 0
            for guard in self._guards:
                guard.reset()
        else:
            self._pending = data[start:]
            self._scanned = max(self._scanned - start, 0)
            for guard in self._guards:
                guard.shift(start)
        return out


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
