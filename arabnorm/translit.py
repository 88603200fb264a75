"""Transliteration schemes and the steps that write them: what the ``translit`` stage runs.

Five schemes, each one character map per direction:

- ``bw``, ``safebw``, ``xmlbw``, ``hsb``: Buckwalter, Safe Buckwalter, XML
  Buckwalter and Habash-Soudi-Buckwalter, the character maps of CAMeL Tools
  1.6.0 (``ar2bw`` ... ``hsb2ar``), shipped as ``arabnorm/data/camel_*.tsv``
  (MIT, with their attribution). Output is byte-identical to CAMeL Tools'
  ``Transliterator``: each character is looked up on its own, and characters
  a map does not name are kept.
- ``iso233-2``: the letters of ISO 233-2:1993 (simplified transliteration),
  one Arabic character to one fixed Latin string, lowercase
  (``arabnorm/data/iso233_2.tsv``). Where the standard writes several Arabic
  characters alike or not at all (hamza seats, alef forms, shadda, sukun,
  tanwin), a distinct letter stands in, so the map can be undone. The way
  back is the exact inverse; it reads the tanwin (``aⁿ uⁿ iⁿ``) before the
  single letters, and only precomposed letters (``ḥ``, not ``h`` + U+0323),
  like CAMeL Tools' ``hsb``. The standard's word rules (supplied vowels, the
  article ``al-``, initial alef) are not applied.

Every scheme gives back any run of Arabic letters and marks: reading back
what was written gives the original text. Text already in Latin letters does
not always survive the way back (``bw`` reads Latin letters as Arabic ones).

Marked tokens (``MarkedTranslation``): a token that starts with a marker
(from the marker to the next whitespace) is left as it is, as CAMeL Tools'
``-m`` does, or loses only its marker. A marker alone (followed by
whitespace or the end of the line) is such a token too. CAMeL Tools instead
transliterates a lone marker and, when one starts a line, leaves the whole
line as it is; that is the only difference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from arabnorm import chars
from arabnorm.charmaps import char_map
from arabnorm.stages.base import Edit, Rule, Step, Table


@dataclass(frozen=True)
class Scheme:
    """A transliteration scheme: its name for people and its data files."""

    title: str
    forward: str
    """The data file of the map from Arabic script to the scheme."""
    backward: str | None
    """The data file of the map back; ``None``: the forward map inverted."""


SCHEMES: dict[str, Scheme] = {
    "bw": Scheme("Buckwalter", "camel_ar2bw.tsv", "camel_bw2ar.tsv"),
    "safebw": Scheme("Safe Buckwalter", "camel_ar2safebw.tsv", "camel_safebw2ar.tsv"),
    "xmlbw": Scheme("XML Buckwalter", "camel_ar2xmlbw.tsv", "camel_xmlbw2ar.tsv"),
    "hsb": Scheme("Habash-Soudi-Buckwalter", "camel_ar2hsb.tsv", "camel_hsb2ar.tsv"),
    "iso233-2": Scheme("ISO 233-2 letters", "iso233_2.tsv", None),
}
DEFAULT_SCHEME = "bw"


@lru_cache(maxsize=16)
def translation(scheme: str, back: bool = False) -> Mapping[str, str]:
    """What each key (one character, or a few read as one) becomes, for one direction.

    The way back of a scheme without a map of its own is its forward map
    inverted; where that has keys of several characters (the ISO tanwin
    ``aⁿ``), they are read first.

    >>> translation("bw")["\u0634"], translation("iso233-2", back=True)["a\u207f"]
    ('$', 'ً')
    """
    found = SCHEMES[scheme]
    name = found.backward if back else found.forward
    if name is not None:
        table = char_map(name)
        if table.default is not None:
            raise ValueError(f"{name}: a transliteration map keeps unnamed characters")
        return {chr(cp): v for cp, v in table.changes().items()}
    inverse: dict[str, str] = {}
    for key, value in translation(scheme).items():
        if value in inverse or not value:
            raise ValueError(f"{found.forward}: {value!r} is written for two characters")
        inverse[value] = key
    return inverse


class _Lookup:
    """Replacement for a match: its value in a mapping (picklable, unlike a lambda)."""

    __slots__ = ("mapping",)

    def __init__(self, mapping: Mapping[str, str]) -> None:
        self.mapping = mapping

    def __call__(self, m: Any) -> str:
        return self.mapping[m.group()]


def _alternation(keys: Sequence[str]) -> str:
    """A pattern matching any of ``keys``, the longest first where one begins another."""
    ordered = sorted(keys, key=lambda k: (-len(k), k))
    return "|".join(regex.escape(k) for k in ordered)


def translation_steps(mapping: Mapping[str, str]) -> list[Step]:
    """The steps that apply ``mapping`` in one left-to-right reading, longest key first.

    Keys of one character make a table (which fuses with its neighbours);
    longer keys, read first, make a rule. The rule's output is never a key
    of the table (a translation writes the other script), so running them
    one after the other is one reading of the text.
    """
    single = {ord(k): v for k, v in mapping.items() if len(k) == 1}
    longer = {k: v for k, v in mapping.items() if len(k) > 1}
    steps: list[Step] = []
    if longer:
        if any(set(v) & set(mapping) for v in mapping.values()):
            raise ValueError("a translation's output must not hold any of its keys")
        steps.append(
            Rule(
                _alternation(list(longer)),
                _Lookup(longer),
                # every match holds its last character
                triggers={k[-1] for k in longer},
                context=0,
            )
        )
    steps.append(Table(single))
    return steps


_NOT_SPACE = chars.char_class(chars.STR_WHITESPACE, negate=True)
_LAST_SPACE = regex.compile("(?r)" + chars.char_class(chars.STR_WHITESPACE))


class _AfterLastSpace:
    """Feeds a long line to a step up to its last whitespace; the rest waits."""

    __slots__ = ("pending", "run")

    def __init__(self, run: Callable[[str], str]) -> None:
        self.run = run
        self.pending = ""

    def feed(self, text: str, final: bool) -> str:
        buf = self.pending + text if self.pending else text
        if final:
            self.pending = ""
            return self.run(buf)
        m = _LAST_SPACE.search(buf, len(self.pending))  # the pending text holds none
        if m is None:
            self.pending = buf
            return ""
        self.pending = buf[m.end() :]
        return self.run(buf[: m.end()])


class MarkedTranslation(Step):
    """A translation that leaves marked tokens alone.

    A marked token is ``marker`` followed by everything up to the next
    whitespace (``chars.STR_WHITESPACE``), found left to right wherever the
    marker occurs. It is copied as it is, or without its leading marker
    with ``strip``; the text between marked tokens is translated.

    >>> step = MarkedTranslation(translation("bw", back=True), "@@", strip=False)
    >>> step.apply("ktb @@ktb k@@tb")
    'كتب @@ktb ك@@tb'
    """

    __slots__ = ("_inner", "_keys", "_runs", "_spans", "mapping", "marker", "strip")

    def __init__(self, mapping: Mapping[str, str], marker: str, strip: bool) -> None:
        if not marker or any(c in chars.STR_WHITESPACE for c in marker):
            raise ValueError("a marker is one or more characters, none of them whitespace")
        self.mapping = mapping
        self.marker = marker
        self.strip = strip
        self._spans = regex.compile(regex.escape(marker) + _NOT_SPACE + "*+")
        self._keys = regex.compile(_alternation(list(mapping)))
        self._inner = translation_steps(mapping)
        self._runs: list[Callable[[str], str]] | None = None

    def _translate(self, text: str) -> str:
        if self._runs is None:
            from arabnorm.compiler import runner

            self._runs = [runner(step) for step in self._inner]
        for run in self._runs:
            text = run(text)
        return text

    def apply(self, text: str) -> str:
        if self.marker not in text:
            return self._translate(text)
        pieces: list[str] = []
        last = 0
        cut = len(self.marker) if self.strip else 0
        for m in self._spans.finditer(text):
            start, end = m.span()
            pieces.append(self._translate(text[last:start]))
            pieces.append(text[start + cut : end])
            last = end
        pieces.append(self._translate(text[last:]))
        return "".join(pieces)

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        pieces: list[str] = []
        edits: list[Edit] = []
        shift = 0  # output position minus input position so far
        last = 0
        mapping = self.mapping
        for span in [*self._spans.finditer(text), None]:
            stop = len(text) if span is None else span.start()
            for m in self._keys.finditer(text, last, stop):
                start, end = m.span()
                new = mapping[m.group()]
                pieces.append(text[last:start])
                pieces.append(new)
                edits.append((start, end, start + shift, start + shift + len(new)))
                shift += len(new) - (end - start)
                last = end
            pieces.append(text[last:stop])
            if span is None:
                break
            start, end = span.span()
            if self.strip:
                cut = start + len(self.marker)
                edits.append((start, cut, start + shift, start + shift))
                shift -= len(self.marker)
                start = cut
            pieces.append(text[start:end])
            last = end
        return "".join(pieces), edits

    def stream_feeder(self) -> _AfterLastSpace:
        """A long line is cut after a whitespace character: no token crosses one."""
        return _AfterLastSpace(self.apply)

    def __repr__(self) -> str:
        return f"MarkedTranslation({len(self.mapping)} keys, marker={self.marker!r})"
