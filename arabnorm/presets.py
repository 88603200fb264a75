"""Named stage lists. One place for each preset's spec.

The built-in presets are below; a config file (``arabnorm.config``) may add
its own and choose the default. Every preset lookup goes through
``preset_spec``, so config presets work wherever a preset name is accepted.
"""

from __future__ import annotations

from collections.abc import Mapping

from arabnorm.errors import SpecError

PRESETS: dict[str, tuple[str, str]] = {
    # name: (spec, what it is for)
    "standard": (
        "mojibake,invisible,forms,tatweel,diacritics,quotes,whitespace",
        "removes noise and marks, keeps letters as written (the default)",
    ),
    "search": (
        "mojibake,invisible,forms,variants,tatweel,diacritics,alef,yaa,teh-marbuta,hamza,"
        "digits,punctuation,quotes,elongation,whitespace",
        "folds spelling variants for search and matching",
    ),
    "camel": (
        "camel",
        "byte-identical to CAMeL Tools 1.6.0 arclean, dediac_ar and the alef, "
        "alef maksura and teh marbuta normalizers",
    ),
    "lucene": (
        "lucene",
        "byte-identical to Lucene's ArabicNormalizer (Elasticsearch, OpenSearch, Solr)",
    ),
    "arabert": (
        "html:tags=keep,diacritics:marks=tashkeel,tatweel,mask:rules=arabert,"
        "html:entities=keep:tags=arabert,repeats,digits:from=arabic,tokens:style=arabert",
        "byte-identical to AraBERT's ArabertPreprocessor (arabert 1.0.1, "
        "bert-base-arabertv02; also AraELECTRA, AraGPT2)",
    ),
    "none": ("", "changes nothing"),
}

DEFAULT_PRESET = "standard"

# Presets and default preset of the active config file, and its name.
_config_presets: dict[str, tuple[str, str]] = {}
_config_default: str | None = None
_config_source: str | None = None


def set_config_presets(
    presets: Mapping[str, tuple[str, str]], default: str | None, source: str | None
) -> None:
    """Install a config file's presets (``arabnorm.config.activate`` calls this)."""
    global _config_default, _config_source
    _config_presets.clear()
    _config_presets.update(presets)
    _config_default = default
    _config_source = source
    from arabnorm import build_pipeline

    build_pipeline.cache_clear()


def all_presets() -> dict[str, tuple[str, str]]:
    """Every preset: the built-in ones, then those of the active config file."""
    return {**PRESETS, **_config_presets}


def config_source() -> str | None:
    """The config file whose presets are active, if any."""
    return _config_source


def default_preset() -> str:
    """The preset used when none is named: the config's choice, else ``standard``."""
    return _config_default or DEFAULT_PRESET


def preset_spec(name: str) -> str:
    """The spec of preset ``name``; ``SpecError`` listing the presets if unknown."""
    try:
        return all_presets()[name][0]
    except KeyError:
        valid = ", ".join(all_presets())
        raise SpecError(f"unknown preset {name!r}; valid presets: {valid}") from None
