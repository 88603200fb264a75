"""Named stage lists. One place for each preset's spec."""

from __future__ import annotations

from arabnorm.errors import SpecError

PRESETS: dict[str, tuple[str, str]] = {
    # name: (spec, what it is for)
    "standard": (
        "invisible,forms,tatweel,diacritics,quotes,whitespace",
        "removes noise and marks, keeps letters as written (the default)",
    ),
    "search": (
        "invisible,forms,variants,tatweel,diacritics,alef,yaa,teh-marbuta,hamza,"
        "digits,punctuation,quotes,elongation,whitespace",
        "folds spelling variants for search and matching",
    ),
    "camel": (
        "camel",
        "byte-identical to CAMeL Tools 1.6.0 arclean, dediac_ar and the alef, "
        "alef maksura and teh marbuta normalizers",
    ),
    "none": ("", "changes nothing"),
}

DEFAULT_PRESET = "standard"


def preset_spec(name: str) -> str:
    """The spec of preset ``name``; ``SpecError`` listing the presets if unknown."""
    try:
        return PRESETS[name][0]
    except KeyError:
        raise SpecError(f"unknown preset {name!r}; valid presets: {', '.join(PRESETS)}") from None
