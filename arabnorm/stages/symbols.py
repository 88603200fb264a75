"""Stages that change digits and punctuation: digits, punctuation, quotes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import regex

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Edit, Example, Param, Stage, Step, Table, edits_from_matches


@register
class Digits(Stage):
    """Write every digit one way so numbers compare and parse.

    Arabic text uses Arabic-Indic digits (٠-٩), Persian and Urdu text the
    extended ones (۰-۹), and much web text ASCII digits. By default all
    become ASCII: ``٢٠٢٤`` becomes ``2024``. ``to=arabic`` writes
    Arabic-Indic digits instead: ``2024`` and ``۲۰۲۴`` become ``٢٠٢٤``.
    ``from=arabic`` (or ``persian``) changes only Arabic-Indic (or extended
    Arabic-Indic) digits: AraBERT maps ``١٩٩٥`` to ``1995`` and leaves ``۱۹۹۵``.
    """

    name = "digits"
    summary = "Arabic-Indic digits to 0-9, or the other way with to=arabic"
    lossy = True
    examples = (
        Example("٢٠٢٤ و۱۴۰۳", "2024 و1403"),
        Example("2024 و۱۴۰۳", "٢٠٢٤ و١٤٠٣", "to=arabic"),
        Example("٢٠٢٤ و۱۴۰۳", "2024 و۱۴۰۳", "from=arabic"),
    )
    params = (
        Param(
            "to",
            "latin",
            "latin: write 0-9; arabic: write Arabic-Indic ٠-٩",
            choices=("latin", "arabic"),
        ),
        Param(
            "from",
            "all",
            "all: every kind of digit; arabic: only Arabic-Indic ٠-٩; persian: only ۰-۹",
            choices=("all", "arabic", "persian"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        target = chars.ASCII_DIGITS if self.options["to"] == "latin" else chars.ARABIC_INDIC_DIGITS
        sources = {
            "all": (
                chars.ASCII_DIGITS,
                chars.ARABIC_INDIC_DIGITS,
                chars.EXTENDED_ARABIC_INDIC_DIGITS,
            ),
            "arabic": (chars.ARABIC_INDIC_DIGITS,),
            "persian": (chars.EXTENDED_ARABIC_INDIC_DIGITS,),
        }[self.options["from"]]
        mapping: dict[int, str] = {}
        for digits in sources:
            mapping.update({ord(d): t for d, t in zip(digits, target, strict=True)})
        return [Table(mapping)]


@register
class Punctuation(Stage):
    """Write Arabic punctuation with its ASCII counterpart.

    Tokenizers, CSV tools and regular expressions expect ASCII punctuation:
    ``،`` ``؛`` ``؟`` ``٪`` become ``,`` ``;`` ``?`` ``%`` and the Arabic
    decimal and thousands separators ``٫`` ``٬`` become ``.`` ``,``, so
    ``هل حضرت؟`` becomes ``هل حضرت?`` and ``٣٫٥`` becomes ``٣.٥``.
    """

    name = "punctuation"
    summary = "، ؛ ؟ ٪ ٫ ٬ to , ; ? % . ,"
    lossy = True
    examples = (Example("لماذا؟ ٣٫٥٪", "لماذا? ٣.٥%"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(k): v for k, v in chars.ARABIC_PUNCTUATION.items()})]


class PairQuotes(Step):
    """Write double quotation marks as « and », alternating within each line.

    The first double quote of a line opens, the next closes, and so on; what
    the writer typed does not matter, so ``بـ”التهديدات”`` (a closing mark
    typed as the opening one) becomes ``بـ«التهديدات»``. Each line starts
    afresh, so a block gives the same result as its lines one by one.
    """

    triggers = chars.DOUBLE_QUOTES | {chars.QUOTATION_MARK}
    context = None  # a quote's form depends on every quote before it in the line

    def __init__(self) -> None:
        self.pattern: Any = regex.compile(f"{chars.char_class(self.triggers)}|\n")

    def _replacer(self) -> Any:
        opened = False

        def replace(m: Any) -> str:
            nonlocal opened
            if m.group() == "\n":
                opened = False
                return "\n"
            opened = not opened
            return chars.LEFT_GUILLEMET if opened else chars.RIGHT_GUILLEMET

        return replace

    def apply(self, text: str) -> str:
        return str(self.pattern.sub(self._replacer(), text))

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        return edits_from_matches(text, self.pattern.finditer(text), self._replacer())

    def stream_feeder(self) -> _PairFeed:
        """How a long line goes through piece by piece: the open/closed state carries over."""
        return _PairFeed(self)

    def __repr__(self) -> str:
        return "PairQuotes()"


class _PairFeed:
    """``PairQuotes`` over one line given in pieces (see ``arabnorm.io.longline``)."""

    def __init__(self, step: PairQuotes) -> None:
        self._step = step
        self._replace = step._replacer()

    def feed(self, text: str, final: bool) -> str:
        out = str(self._step.pattern.sub(self._replace, text))
        if final:
            self._replace = self._step._replacer()
        return out


@register
class Quotes(Stage):
    """Write every quotation mark one way.

    Arabic web text mixes “ ” „ « » ″ and their single counterparts, often
    typed the wrong way round. By default every double quotation mark
    becomes ``"`` and every single one ``'``: ``«نص»`` becomes ``"نص"``.
    ``style=guillemets`` writes « » instead, pairing them by position within
    the line (first opens, next closes), so ``بـ”التهديدات المتزايدة”``
    becomes ``بـ«التهديدات المتزايدة»``; single marks still become ``'``.
    """

    name = "quotes"
    summary = "every quotation mark to \" or ', or « » paired with style=guillemets"
    lossy = True
    examples = (
        Example("«نص» ‘و’", "\"نص\" 'و'"),
        Example("بـ”التهديدات المتزايدة”", "بـ«التهديدات المتزايدة»", "style=guillemets"),
    )
    params = (
        Param(
            "style",
            "ascii",
            "ascii: write \" and '; guillemets: write « » paired by position in the line",
            choices=("ascii", "guillemets"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        singles = Table(dict.fromkeys(map(ord, chars.SINGLE_QUOTES), chars.APOSTROPHE))
        if self.options["style"] == "guillemets":
            return [singles, PairQuotes()]
        doubles = Table(dict.fromkeys(map(ord, chars.DOUBLE_QUOTES), chars.QUOTATION_MARK))
        return [singles.then(doubles)]
