"""The ``translit`` stage: Arabic script to a Latin transliteration scheme and back.

The schemes, their data and the marked-token step live in
``arabnorm.translit``; this module declares the stage.
"""

from __future__ import annotations

from collections.abc import Sequence

from arabnorm import chars
from arabnorm.errors import SpecError
from arabnorm.stages import register
from arabnorm.stages.base import Example, Param, Stage, Step
from arabnorm.translit import (
    DEFAULT_SCHEME,
    SCHEMES,
    MarkedTranslation,
    translation,
    translation_steps,
)


def _valid_marker(value: str) -> bool:
    """A marker holds no whitespace, and no ``,`` or ``:`` (it must fit in a spec)."""
    return not any(c in chars.STR_WHITESPACE or c in ",:" for c in value)


_SCHEME_CHOICES = ("", *SCHEMES)


@register
class Translit(Stage):
    """Write Arabic script in a Latin transliteration scheme, or read it back.

    ``to=bw`` writes Buckwalter: ``ذِئْبٌ أَشْهَبُ`` becomes
    ``*i}obN >a$ohabu``; ``from=bw`` reads it back to the same Arabic. The
    CAMeL Tools schemes (``bw``, ``safebw``, ``xmlbw``, ``hsb``) give what
    CAMeL Tools 1.6.0 gives, byte for byte; ``iso233-2`` writes the ISO
    233-2 letters one to one. Characters a scheme does not name are kept.
    Without ``to`` or ``from`` the stage writes Buckwalter.
    """

    name = "translit"
    summary = "Arabic script to a Latin transliteration scheme (to=), or back (from=)"
    lossy = True
    # With marked=strip a second run transliterates the tokens the first unmarked.
    idempotent = False
    params = (
        Param(
            "to",
            "",
            "scheme to write Arabic script in: " + ", ".join(SCHEMES),
            choices=_SCHEME_CHOICES,
        ),
        Param(
            "from",
            "",
            "scheme to read back into Arabic script: " + ", ".join(SCHEMES),
            choices=_SCHEME_CHOICES,
        ),
        Param(
            "marker",
            "",
            "tokens starting with this string are left as they are (no whitespace, ',' or ':')",
            check=_valid_marker,
        ),
        Param(
            "marked",
            "keep",
            "marked tokens: keep the marker, or strip it",
            choices=("keep", "strip"),
        ),
    )
    examples = (
        Example("ذِئْبٌ أَشْهَبُ", "*i}obN >a$ohabu", "to=bw"),
        Example("*i}obN >a$ohabu", "ذِئْبٌ أَشْهَبُ", "from=bw"),
        Example("ذِئْبٌ أَشْهَبُ", "ViQobN Oacohabu", "to=safebw"),
        Example("ViQobN Oacohabu", "ذِئْبٌ أَشْهَبُ", "from=safebw"),
        Example("ذِئْبٌ أَشْهَبُ", "*i}obN Oa$ohabu", "to=xmlbw"),
        Example("*i}obN Oa$ohabu", "ذِئْبٌ أَشْهَبُ", "from=xmlbw"),
        Example("ذِئْبٌ أَشْهَبُ", "ðiŷ.bũ Âaš.habu", "to=hsb"),
        Example("ðiŷ.bũ Âaš.habu", "ذِئْبٌ أَشْهَبُ", "from=hsb"),
        Example("ذِئْبٌ أَشْهَبُ", "ḏiŷ˚buⁿ âaš˚habu", "to=iso233-2"),
        Example("ḏiŷ˚buⁿ âaš˚habu", "ذِئْبٌ أَشْهَبُ", "from=iso233-2"),
        Example("qAl @@IGNORE@@Hello", "قال @@IGNORE@@Hello", "from=bw:marker=@@IGNORE@@"),
        Example("qAl @@IGNORE@@Hello", "قال Hello", "from=bw:marker=@@IGNORE@@:marked=strip"),
    )

    @property
    def direction(self) -> tuple[str, bool]:
        """``(scheme, back)``: the scheme, and whether the stage reads it back."""
        to, back = self.options["to"], self.options["from"]
        if to and back:
            raise SpecError(f"stage {self.name!r}: give to= or from=, not both")
        return (back, True) if back else (to or DEFAULT_SCHEME, False)

    def build_steps(self) -> Sequence[Step]:
        scheme, back = self.direction
        mapping = translation(scheme, back)
        marker = self.options["marker"]
        if marker:
            return [MarkedTranslation(mapping, marker, self.options["marked"] == "strip")]
        return translation_steps(mapping)
