"""Stages that change letters: forms, variants, alef, yaa, teh-marbuta, hamza, elongation."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import (
    Example,
    Param,
    ReverseRule,
    Rule,
    RunRule,
    Stage,
    Step,
    Table,
)

_WORD = chars.char_class(chars.ARABIC_WORD_CHARS)
_MARK = chars.char_class(chars.ARABIC_MARKS)


def _decompose(c: str) -> str:
    """The compatibility decomposition of a presentation form, applied until none is left.

    Only the one-level decomposition is used (not NFKD), so composed letters
    it names stay composed: ﻷ gives لأ, not لا plus a combining hamza.
    """
    fields = unicodedata.decomposition(c).split()
    if not fields:
        return c
    if fields[0].startswith("<"):
        fields = fields[1:]
    out = "".join(chr(int(f, 16)) for f in fields)
    return "".join(_decompose(x) if _in_presentation_blocks(x) else x for x in out)


def _in_presentation_blocks(c: str) -> bool:
    cp = ord(c)
    return any(first <= cp <= last for first, last in chars.PRESENTATION_FORM_RANGES)


@lru_cache(maxsize=1)
def presentation_forms() -> dict[str, str]:
    """Every Arabic presentation form that has a decomposition, and its letters.

    Multi-word ligatures are included as the words they stand for; ﷽, which
    Unicode leaves without a decomposition, reads as the basmala.
    """
    table: dict[str, str] = {}
    for first, last in chars.PRESENTATION_FORM_RANGES:
        for cp in range(first, last + 1):
            c = chr(cp)
            d = _decompose(c)
            if d != c:
                table[c] = d
    table[chars.LIGATURE_BISMILLAH] = chars.BISMILLAH_TEXT
    return table


def _multi_word() -> dict[str, str]:
    return {k: v for k, v in presentation_forms().items() if " " in v.strip()}


class _PadLigature:
    """Replacement for a multi-word ligature: its words, spaced from its neighbours."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words

    def __call__(self, m: Any) -> str:
        text: str = m.string
        start, end = m.span()
        before = " " if start > 0 and not text[start - 1].isspace() else ""
        after = " " if end < len(text) and not text[end].isspace() else ""
        return before + self.words[m.group()] + after


def _hamza_composition() -> tuple[str, Any]:
    """A pattern and replacement composing a letter with a following combining hamza or madda.

    Harakat may stand between the letter and the combining mark (Unicode
    orders them first); they are kept after the composed letter.
    """
    bases = chars.char_class({pair[0] for pair in chars.HAMZA_COMPOSITIONS})
    marks = chars.char_class(chars.COMBINING_HAMZA_MADDA)
    harakat = chars.char_class(chars.HARAKAT_TANWIN_SHADDA_SUKUN)
    pattern = f"(?P<base>{bases})(?P<harakat>{harakat}*+)(?P<mark>{marks})"

    def compose(m: Any) -> str:
        composed = chars.HAMZA_COMPOSITIONS.get(m.group("base") + m.group("mark"))
        return str(m.group()) if composed is None else composed + str(m.group("harakat"))

    return pattern, compose


def hamza_composition_rule() -> Rule:
    """Compose alef, waw or yaa followed by a combining hamza or madda (ا + U+0654 → أ).

    Searched backwards from the rare combining mark; a match reaches back over
    any run of harakat, so it has no bounded context.
    """
    return ReverseRule(*_hamza_composition(), triggers=chars.COMBINING_HAMZA_MADDA, word_local=True)


@register
class Forms(Stage):
    """Turn Arabic presentation forms into the ordinary letters they show.

    Old PDFs and some web pages encode the shape of a letter (isolated,
    initial, medial, final) or a ligature instead of the letter: ﻛﺘﺎﺏ looks
    like كتاب but matches nothing. Each form becomes its letters by its
    Unicode compatibility decomposition; lam-alef ligatures keep their hamza
    or madda (ﻷ becomes لأ); multi-word ligatures (ﷺ, ﷽) become their words
    with spaces around them so they never glue to a neighbour; a combining
    hamza or madda after alef, waw or yaa (or the Urdu ە ہ ے that Unicode
    composes with it) becomes one letter (ا + U+0654 becomes أ).
    Nothing outside the Arabic blocks changes: this is not NFKC, so ﬁ, ²
    and ① stay. Nothing is lost either: each form is compatibility-equivalent
    to the letters it becomes.
    """

    name = "forms"
    summary = "presentation forms to letters; composes decomposed hamza and madda"
    lossy = False
    examples = (
        Example("ﻛﺘﺎﺏ", "كتاب"),
        Example("ﻷ", "لأ"),
        Example("النبيﷺ", "النبي صلى الله عليه وسلم"),
        Example("ا\u0654", "أ"),
        Example("ﬁ ² ①", "ﬁ ² ①"),
    )

    def build_steps(self) -> Sequence[Step]:
        # One table for the forms, then one rule for what needs context: the
        # spacing around multi-word ligatures and the hamza composition.
        words = _multi_word()
        single = {ord(k): v for k, v in presentation_forms().items() if k not in words}
        compose_pattern, compose = _hamza_composition()
        pad = _PadLigature(words)

        def replace(m: Any) -> str:
            return pad(m) if m.group("ligature") is not None else compose(m)

        pattern = f"(?P<ligature>{chars.char_class(set(words))})|{compose_pattern}"
        triggers = set(words) | chars.COMBINING_HAMZA_MADDA
        return [Table(single), ReverseRule(pattern, replace, triggers=triggers, word_local=True)]


@register
class Variants(Stage):
    """Fold Persian and Urdu look-alike letters into the Arabic letters.

    Arabic text typed on Persian or Urdu keyboards mixes in letters that look
    the same but are different code points: ک ڪ become ك, ی becomes ي (ى at
    the end of a word, where Arabic writes alef maksura), ے becomes ي,
    ہ ھ ە become ه, ۃ becomes ة. So ``کتاب`` becomes ``كتاب`` and ``علی``
    becomes ``على``.
    """

    name = "variants"
    summary = "Persian/Urdu look-alikes to Arabic letters"
    lossy = True
    examples = (Example("کتاب", "كتاب"), Example("علی", "على"))

    def build_steps(self) -> Sequence[Step]:
        final_yeh = f"{chars.FARSI_YEH}(?={_MARK}*+(?!{_WORD}))"
        return [
            # looks ahead over any run of marks: no bounded context
            Rule(
                final_yeh,
                chars.ALEF_MAKSURA,
                triggers=chars.FARSI_YEH,
                leads=True,
                word_local=True,
                one_char=True,
            ),
            Table({ord(k): v for k, v in chars.VARIANT_LETTERS.items()}),
        ]


@register
class Alef(Stage):
    """Fold every alef with hamza, madda or wasla to a bare alef.

    Writers often drop or misplace the hamza on alef, so search treats them
    alike: أحمد, إحسان, آمن, ٱلله become احمد, احسان, امن, الله.
    """

    name = "alef"
    summary = "أ إ آ ٱ ٲ ٳ to ا"
    lossy = True
    folds = True
    examples = (Example("أحمد إحسان آمن", "احمد احسان امن"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table(dict.fromkeys(map(ord, chars.ALEF_VARIANTS), chars.ALEF))]


@register
class Yaa(Stage):
    """Fold alef maksura into yaa: على becomes علي.

    Final ى and ي are confused constantly: Egyptian print writes a final ي
    without its dots, and many keyboards and writers pick either one. A
    search for على must find علي and the reverse, so both become ي.
    """

    name = "yaa"
    summary = "ى to ي"
    lossy = True
    folds = True
    examples = (Example("على", "علي"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(chars.ALEF_MAKSURA): chars.YEH})]


@register
class TehMarbuta(Stage):
    """Fold teh marbuta into heh: مدرسة becomes مدرسه.

    Informal writing often drops the two dots of a final ة, leaving ه, so the
    same word appears both ways (مدرسة, مدرسه). For search and matching both
    become ه.
    """

    name = "teh-marbuta"
    summary = "ة to ه"
    lossy = True
    folds = True
    examples = (Example("مدرسة", "مدرسه"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(chars.TEH_MARBUTA): chars.HEH})]


@register
class Hamza(Stage):
    """Fold hamza on waw or yaa into its seat, or into a bare hamza.

    Hamza seats are spelled inconsistently (مسئول and مسؤول), so search
    folds them: by default ؤ becomes و and ئ becomes ي (مسؤول → مسوول);
    ``mode=bare`` writes a bare ء instead (مسؤول → مسءول). A bare ء stays.
    """

    name = "hamza"
    summary = "ؤ ئ to و ي, or to ء with mode=bare"
    lossy = True
    folds = True
    examples = (Example("مسؤول", "مسوول"), Example("مسؤول", "مسءول", "mode=bare"))
    params = (
        Param(
            "mode",
            "seat",
            "seat: keep the letter under the hamza (ؤ → و); bare: write a bare hamza (ؤ → ء)",
            choices=("seat", "bare"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        if self.options["mode"] == "bare":
            return [Table({ord(chars.WAW_HAMZA): chars.HAMZA, ord(chars.YEH_HAMZA): chars.HAMZA})]
        return [Table({ord(chars.WAW_HAMZA): chars.WAW, ord(chars.YEH_HAMZA): chars.YEH})]


def _positive_int(value: str) -> bool:
    return value.isdigit() and int(value) >= 1


@register
class Elongation(Stage):
    """Shorten a letter repeated for emphasis: جمييييل becomes جميل.

    Social media text stretches words by repeating a letter. A run of three
    or more of the same Arabic letter becomes one; ``max=2`` keeps two
    (جمييييل → جمييل). Runs of two are left alone, since Arabic spells some
    words with a doubled letter (الله).
    """

    name = "elongation"
    summary = "a letter repeated 3+ times becomes one"
    lossy = True
    examples = (
        Example("جمييييل", "جميل"),
        Example("جمييييل", "جمييل", "max=2"),
        Example("الله", "الله"),
    )
    params = (
        Param(
            "max",
            "1",
            "how many copies of the letter a run of 3 or more keeps (a positive integer)",
            check=_positive_int,
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        keep = int(self.options["max"])
        return [RunRule(chars.ARABIC_LETTERS, max(2, keep), keep)]
