"""Stages that remove noise without touching letters: invisible, tatweel, whitespace."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Example, Param, Rule, Stage, Step, Table, TrimRule


class _InsideArabicWord:
    """Replacement for a run of joiners: nothing between two Arabic word characters.

    The pattern matches whole runs (possessively), and the neighbours are
    checked here rather than with lookarounds, so each run costs its length.
    """

    def __call__(self, m: Any) -> str:
        text: str = m.string
        start, end = m.span()
        # Presentation forms count as letters: the forms stage may run later.
        word = chars.ARABIC_WORD_OR_FORM_CHARS
        if start > 0 and end < len(text) and text[start - 1] in word and text[end] in word:
            return ""
        return str(m.group())


@register
class Invisible(Stage):
    """Remove characters that cannot be seen but break matching.

    Text copied from the web carries bidi marks, zero-width spaces, byte order
    marks and soft hyphens that make two identical-looking words compare
    unequal. They are removed everywhere. The zero-width non-joiner and joiner
    are removed only between two Arabic letters or marks, where they merely
    break the cursive joining (``كتاب\\u200cها`` becomes ``كتابها``); elsewhere
    they are meaningful (a ZWJ inside an emoji sequence such as 👩‍💻 stays).
    Persian spells words such as ``می‌خواهم`` with a ZWNJ; ``zwnj=keep`` keeps
    it there.
    """

    name = "invisible"
    summary = "removes zero-width, bidi, BOM and soft hyphen characters"
    lossy = True
    examples = (
        Example("ك\u200fتاب", "كتاب"),
        Example("كتاب\u200cها", "كتابها"),
        Example("👩\u200d💻", "👩\u200d💻"),
        Example("می\u200cخواهم", "می\u200cخواهم", "zwnj=keep"),
    )
    params = (
        Param(
            "zwnj",
            "remove",
            "remove: drop ZWNJ/ZWJ between Arabic letters; keep: keep ZWNJ (Persian text)",
            choices=("remove", "keep"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        joiners = chars.JOINERS if self.options["zwnj"] == "remove" else {chars.ZWJ}
        runs = f"{chars.char_class(joiners)}++"
        return [
            Table(dict.fromkeys(map(ord, chars.INVISIBLE), "")),
            # a run of joiners, and the character on each side of it
            Rule(runs, _InsideArabicWord(), triggers=joiners, word_local=True, context=1),
        ]


@register
class Tatweel(Stage):
    """Remove the tatweel (kashida) used to stretch words: كتـــاب becomes كتاب.

    Tatweel only lengthens the joining stroke for layout; it carries no
    meaning, and a stretched word must match the plain one.
    """

    name = "tatweel"
    summary = "removes tatweel U+0640"
    lossy = True
    examples = (Example("كتـــاب", "كتاب"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(chars.TATWEEL): ""})]


@register
class Whitespace(Stage):
    """Make spacing uniform: one ordinary space between words, none at line ends.

    Every Unicode space separator (no-break space, thin space, ideographic
    space...) and every tab becomes a space, runs of spaces collapse to one,
    and both ends of every line are trimmed: ``"  كتب\\u00a0\\u00a0الطالب "``
    becomes ``"كتب الطالب"``. Line breaks are never touched, and the ``\\r``
    of a ``\\r\\n`` stays with its ``\\n``; spaces between a lone ``\\r`` and
    the end of a line are shortened to one, not removed, so the line keeps
    its ending.
    """

    name = "whitespace"
    summary = "spaces and tabs to one space, lines trimmed"
    lossy = True
    version = 2  # 2: spaces after a "\r" at a line end are kept (one), not trimmed
    examples = (Example("كتب\u00a0\u00a0الطالب\t", "كتب الطالب"),)

    def build_steps(self) -> Sequence[Step]:
        spaces = chars.SPACE_SEPARATORS | {chars.CHARACTER_TABULATION}
        return [Table(dict.fromkeys(map(ord, spaces), chars.SPACE)), TrimRule(chars.SPACE)]
