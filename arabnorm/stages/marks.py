"""Stages that remove marks: diacritics."""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm import chars
from arabnorm.stages import register
from arabnorm.stages.base import Example, Param, Stage, Step, Table
from arabnorm.stages.letters import hamza_composition_rule


@register
class Diacritics(Stage):
    """Remove Arabic diacritics so vocalized and plain spellings match.

    Most Arabic is written without short vowels, but religious, educational
    and some news text adds them, so ``مُحَمَّدٌ`` must match ``محمد``. This
    removes harakat, tanwin, shadda, sukun, the dagger alef and the other
    Arabic combining marks (Quranic signs, small high letters). A combining
    hamza or madda that belongs to alef, waw or yaa is composed into the
    letter first instead of vanishing (ا + U+0654 becomes أ). Latin accents
    are untouched (café stays café). ``keep=shadda`` (a comma or ``+`` list
    of mark names) keeps the named marks: ``مُحَمَّد`` becomes ``محمّد``.
    ``marks=tashkeel`` removes only harakat, tanwin, shadda and sukun
    (U+064B-U+0652, what PyArabic's ``strip_tashkeel`` and Lucene remove) and
    composes nothing: ``آ`` written ``ا`` + U+0653 keeps its madda.
    """

    name = "diacritics"
    summary = "removes harakat, tanwin, shadda, sukun and other Arabic marks"
    lossy = True
    examples = (
        Example("مُحَمَّدٌ", "محمد"),
        Example("مُحَمَّد", "محمّد", "keep=shadda"),
        Example("مُحَمَّدٌ ا\u0653\u0670", "محمد ا\u0653\u0670", "marks=tashkeel"),
        Example("ا\u0654", "أ"),
        Example("café", "café"),
    )
    params = (
        Param(
            "keep",
            "",
            "marks to keep: a comma or + list of mark names (default: none)",
            choices=tuple(chars.MARK_NAMES),
            multi=True,
        ),
        Param(
            "marks",
            "all",
            "all: every Arabic mark, combining hamza and madda composed first; "
            "tashkeel: only U+064B-U+0652 (harakat, tanwin, shadda, sukun), nothing composed",
            choices=("all", "tashkeel"),
        ),
    )

    def build_steps(self) -> Sequence[Step]:
        kept: set[str] = set()
        for name in filter(None, self.options["keep"].split("+")):
            kept |= chars.MARK_NAMES[name]
        if self.options["marks"] == "tashkeel":
            removed = chars.HARAKAT_TANWIN_SHADDA_SUKUN - kept
            return [Table(dict.fromkeys(map(ord, removed), ""))]
        removed = chars.DIACRITICS - kept
        return [hamza_composition_rule(), Table(dict.fromkeys(map(ord, removed), ""))]
