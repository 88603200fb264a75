"""Audit a text before cleaning it: what is in it, and what each stage would change.

People distrust a tool that silently changes their corpus; an audit answers
first how much of the text is vocalized, stretched with tatweel, written in
presentation forms, salted with bidi marks, Persian letters or mixed digits,
or damaged (undecodable bytes, UTF-8 read as cp1256 or Latin-1, lines in visual
order), and how many
characters every stage alone would change. It streams block by block, so it
works on corpora of any size (a very long line goes through in segments, see
``audit_stream``), and invalid bytes are counted, never fatal::

    >>> import io
    >>> report = audit_stream(io.BytesIO("كتـــاب\\n".encode()), "x.txt")
    >>> report.lines, report.counts["tatweel"], report.changes["tatweel"]
    (1, 3, 3)

Every count is linear in the input: character classes are counted in one
scan per block, line checks stop at the first hit of each line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from arabnorm import chars
from arabnorm.explain import ChangeCounter, alone_changes
from arabnorm.io.text import BLOCK_SIZE
from arabnorm.pipeline import Pipeline
from arabnorm.stages.base import Stage

__all__ = [
    "CHAR_CATEGORIES",
    "COUNT_NAMES",
    "LINE_CATEGORIES",
    "Audit",
    "audit_stream",
    "audit_text",
    "count_categories",
    "default_stages",
    "mojibake_lines",
    "visual_order_lines",
]


CHAR_CATEGORIES: dict[str, frozenset[str]] = {
    "diacritics": frozenset(chars.DIACRITICS),
    "tatweel": frozenset(chars.TATWEEL),
    "presentation_forms": chars.PRESENTATION_FORMS,
    "invisible": chars.INVISIBLE | chars.JOINERS,
    "persian_letters": chars.PERSIAN_URDU_LETTERS,
    "arabic_indic_digits": frozenset(
        chars.ARABIC_INDIC_DIGITS + chars.EXTENDED_ARABIC_INDIC_DIGITS
    ),
    "ascii_digits": frozenset(chars.ASCII_DIGITS),
    "latin_letters": chars.LATIN_LETTERS,
}
"""Character categories an audit counts; disjoint, so each character counts once."""

LINE_CATEGORIES = ("invalid_utf8_lines", "mojibake_lines", "visual_order_lines")
"""Line categories: lines with undecodable bytes, lines the ``mojibake`` stage would
repair, lines the ``visual`` stage would put back in logical order."""

COUNT_NAMES = (*CHAR_CATEGORIES, *LINE_CATEGORIES)

_CATEGORY_PATTERN = re.compile(chars.char_class(set().union(*CHAR_CATEGORIES.values())))
# Each counted character becomes the one-letter code of its category.
_CATEGORY_CODES = {
    ord(c): chr(ord("a") + i) for i, members in enumerate(CHAR_CATEGORIES.values()) for c in members
}


def count_categories(text: str) -> dict[str, int]:
    """How many characters of each ``CHAR_CATEGORIES`` category ``text`` holds.

    >>> count_categories("كتـــاب ok")["tatweel"]
    3
    """
    found = "".join(_CATEGORY_PATTERN.findall(text)).translate(_CATEGORY_CODES)
    return {name: found.count(chr(ord("a") + i)) for i, name in enumerate(CHAR_CATEGORIES)}


# Bytes that were not UTF-8, as ``surrogateescape`` decodes them.
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _count_lines(pattern: re.Pattern[str], text: str) -> int:
    """Lines of ``text`` holding a match of ``pattern`` (which never spans lines)."""
    n = 0
    pos = 0
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return n
        n += 1
        nl = text.find("\n", m.end())
        if nl < 0:
            return n
        pos = nl + 1


def mojibake_lines(text: str) -> int:
    """Lines the ``mojibake`` stage would repair (its own test, not a look-alike).

    >>> mojibake_lines("مرحبا\\nظ…ط±ط­ط¨ط§\\nÙ…Ø±Ø­Ø¨Ø§\\n")
    2
    """
    from arabnorm.damage.mojibake import damaged_lines

    return damaged_lines(text)


def visual_order_lines(text: str) -> int:
    """Lines the ``visual`` stage judges to be in visual order (and would restore)."""
    from arabnorm.damage.visual import visual_lines

    return visual_lines(text)


def default_stages() -> list[Stage]:
    """Every registered stage with its default parameters (tokenizers aside)."""
    from arabnorm.stages import all_stages

    built = [cls() for cls in all_stages().values()]
    return [stage for stage in built if stage.kind != "tokenizer"]


@dataclass
class Audit:
    """What one file (or a total of files) holds and what each stage would change."""

    path: str
    lines: int = 0
    chars: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNT_NAMES, 0))
    changes: dict[str, int] = field(default_factory=dict)
    pipeline_changes: int = 0
    encoding: str = "utf-8"

    def add(self, other: Audit) -> None:
        """Add another audit's numbers to this one (for totals)."""
        self.lines += other.lines
        self.chars += other.chars
        self.pipeline_changes += other.pipeline_changes
        for key, n in other.counts.items():
            self.counts[key] = self.counts.get(key, 0) + n
        for key, n in other.changes.items():
            self.changes[key] = self.changes.get(key, 0) + n

    def to_dict(self, with_path: bool = True) -> dict[str, Any]:
        """The JSON form: ``{"path", "encoding", "lines", "chars", "counts", "changes", ...}``."""
        data: dict[str, Any] = {"path": self.path, "encoding": self.encoding} if with_path else {}
        data.update(
            lines=self.lines,
            chars=self.chars,
            counts=dict(self.counts),
            changes=dict(self.changes),
            pipeline_changes=self.pipeline_changes,
        )
        return data


def audit_text(
    text: str,
    path: str = "<text>",
    stages: Sequence[Stage] | None = None,
    pipeline: Pipeline | None = None,
) -> Audit:
    """Audit a string (see ``audit_stream``)."""
    import io

    return audit_stream(io.BytesIO(text.encode("utf-8", "surrogateescape")), path, stages, pipeline)


def audit_stream(
    stream: BinaryIO,
    path: str,
    stages: Sequence[Stage] | None = None,
    pipeline: Pipeline | None = None,
    block_size: int = BLOCK_SIZE,
    long_line: int | None = None,
) -> Audit:
    """Audit a binary stream block by block.

    ``stages`` (default: every registered stage) are each run alone on the
    text to count the characters they would change; ``pipeline``, if given,
    is run as a whole and its changes counted in ``pipeline_changes``.
    Undecodable bytes are counted per line and passed to the stages as
    ``surrogateescape`` characters.

    A line longer than ``long_line`` bytes (default: the corpus runner's
    ``LONG_LINE``) is read in pieces and audited in
    segments cut at spaces between words when every stage and the pipeline
    can run on such segments (``longline.segment_cutter``), so memory stays
    bounded and the numbers are those of the whole line; otherwise it is
    gathered whole.
    """
    from arabnorm.io import runner
    from arabnorm.io.formats import TextCodec
    from arabnorm.io.longline import WordCutter, segment_cutter
    from arabnorm.stages.damaged import Visual

    if stages is None:
        stages = default_stages()
    names = [stage.spec for stage in stages]
    report = Audit(path, changes=dict.fromkeys(names, 0))
    counter = ChangeCounter(pipeline) if pipeline is not None else None
    long_line = runner.LONG_LINE if long_line is None else long_line
    chains = [[stage] for stage in stages] + ([pipeline.stages] if pipeline is not None else [])
    chains.append([Visual()])  # the visual-order count judges each line whole
    # a line read in pieces holds at least this many characters: stages that
    # leave such lines as they are (visual) are not run on its segments
    long_chars = long_line // 4 + 1
    on_long = [s for s in stages if not _leaves_lines_longer(s, long_chars)]
    names_on_long = [s.spec for s in on_long]
    line = _LineFlags()
    cutter: WordCutter | bool | None = None  # False: the line is gathered
    parts: list[str] = []
    codec = TextCodec("surrogateescape")
    for item in runner.iter_blocks(stream, codec, path, block_size, long_line):
        text = item.data.decode("utf-8", "surrogateescape")
        if isinstance(item, runner.Block):
            report.lines += item.data.count(b"\n") + (0 if item.data.endswith(b"\n") else 1)
            _audit_text(report, text, stages, names, counter, None)
            continue
        if cutter is None:
            cutter = segment_cutter(*chains, line_chars=long_chars) or False
        if cutter is False:  # a stage must see the whole line
            parts.append(text)
            if item.final:
                report.lines += 1
                _audit_text(report, "".join(parts), stages, names, counter, None)
                parts = []
            continue
        assert isinstance(cutter, WordCutter)
        segments = cutter.feed(text, item.final)
        for segment in segments:
            if line.segments:
                report.chars += 1  # the space the line was cut at
            line.segments += 1
            _audit_text(report, segment, on_long, names_on_long, counter, line)
        if item.final:
            report.lines += 1
            report.counts["invalid_utf8_lines"] += line.invalid
            report.counts["mojibake_lines"] += line.mojibake
            report.counts["visual_order_lines"] += line.visual
            line = _LineFlags()
            cutter = None
    if counter is not None:
        report.pipeline_changes = sum(n for _, n in counter.counts())
    return report


def _leaves_lines_longer(stage: Stage, chars: int) -> bool:
    """Whether ``stage`` leaves every line of ``chars`` characters or more as it is."""
    return all(step.max_line is not None and step.max_line < chars for step in stage.steps)


@dataclass
class _LineFlags:
    """What the segments of one long line found so far."""

    segments: int = 0
    invalid: int = 0
    mojibake: int = 0
    visual: int = 0


def _audit_text(
    report: Audit,
    text: str,
    stages: Sequence[Stage],
    names: list[str],
    counter: ChangeCounter | None,
    line: _LineFlags | None,
) -> None:
    """Add what ``text`` holds to ``report``: whole lines, or a segment of ``line``."""
    counts = report.counts
    invalid = _count_lines(_ESCAPED_BYTE, text)
    mojibake = mojibake_lines(text)
    # a line read in segments is too long to be judged visual (the cutter
    # makes segments only then)
    visual = visual_order_lines(text) if line is None else 0
    if line is None:
        counts["invalid_utf8_lines"] += invalid
        counts["mojibake_lines"] += mojibake
        counts["visual_order_lines"] += visual
    else:
        line.invalid |= invalid > 0
        line.mojibake |= mojibake > 0
        line.visual |= visual > 0
    report.chars += len(text)
    for key, n in count_categories(text).items():
        counts[key] += n
    for name, n in zip(names, alone_changes(stages, text), strict=True):
        report.changes[name] += n
    if counter is not None:
        counter.apply(text)
