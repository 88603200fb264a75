"""The stage registry: every stage by name, built-in or from a plugin.

Built-in stages live in the modules of this package, one per family: every
module here but ``base`` is imported when every stage is asked for, so a
new stage is one class in one file. Asked for by name, a built-in stage
listed in ``HOMES`` imports only its own module (a run of ``-p search``
needs five of the twelve); any other name loads every module first. Third
party packages add stages through the entry-point group ``arabnorm.stages``;
each entry point names a ``Stage`` subclass (or a module whose import
registers stages with ``register``).
"""

from __future__ import annotations

import importlib
from typing import TypeVar

from arabnorm.errors import SpecError
from arabnorm.stages.base import Example, Param, Rule, Stage, Step, Table

__all__ = [
    "Example",
    "Param",
    "Rule",
    "Stage",
    "Step",
    "Table",
    "all_stages",
    "get_stage",
    "make_stage",
    "register",
]

ENTRY_POINT_GROUP = "arabnorm.stages"

HOMES: dict[str, str] = {
    "alef": "letters",
    "camel": "camel",
    "clitics": "clitics",
    "diacritics": "marks",
    "digits": "symbols",
    "elongation": "letters",
    "emoji": "web",
    "forms": "letters",
    "hamza": "letters",
    "html": "web",
    "invisible": "cleanup",
    "lucene": "lucene",
    "mask": "web",
    "mojibake": "damaged",
    "persian": "lucene",
    "punctuation": "symbols",
    "quotes": "symbols",
    "repeats": "web",
    "stem": "lucene",
    "stopwords": "lucene",
    "tatweel": "cleanup",
    "teh-marbuta": "letters",
    "tokens": "tokens",
    "translit": "translit",
    "variants": "letters",
    "visual": "damaged",
    "whitespace": "cleanup",
    "yaa": "letters",
}
"""The module of this package that holds each built-in stage, so that asking for
a stage by name imports that module alone. Only a shortcut: a stage missing
here is still found (every module is then loaded); tests keep it complete."""

_REGISTRY: dict[str, type[Stage]] = {}
_loaded = False
_plugins_loaded = False

S = TypeVar("S", bound=type[Stage])


def register(cls: S) -> S:
    """Class decorator: make a stage available by its ``name``."""
    if not cls.name:
        raise TypeError(f"{cls.__qualname__} has no stage name")
    existing = _REGISTRY.get(cls.name)
    if existing is not None and existing is not cls:
        raise ValueError(f"stage name {cls.name!r} is already taken by {existing.__qualname__}")
    _REGISTRY[cls.name] = cls
    return cls


def builtin_modules() -> list[str]:
    """The modules of this package that hold stages, in name order."""
    import os

    here = os.path.dirname(os.path.abspath(__file__))
    names = sorted(
        name[:-3]
        for name in os.listdir(here)
        if name.endswith(".py") and not name.startswith("_") and name != "base.py"
    )
    return [f"{__name__}.{name}" for name in names]


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    modules = builtin_modules()
    for module in modules:
        importlib.import_module(module)
    # built-ins in module order, whichever module was imported first
    rank = {module: i for i, module in enumerate(modules)}
    ordered = sorted(_REGISTRY.items(), key=lambda kv: rank.get(kv[1].__module__, len(rank)))
    _REGISTRY.clear()
    _REGISTRY.update(ordered)


def _load_plugins() -> None:
    """Load the stages that installed packages declare as entry points.

    Done only when a name is not a built-in stage, or when every stage is
    listed: scanning the installed packages' metadata costs more than the
    rest of start-up, and most runs use built-in stages only.
    """
    global _plugins_loaded
    _load()
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        if isinstance(obj, type) and issubclass(obj, Stage):
            register(obj)


def all_stages() -> dict[str, type[Stage]]:
    """Every registered stage class by name, built-ins first."""
    _load_plugins()
    return dict(_REGISTRY)


def get_stage(name: str) -> type[Stage]:
    """The stage class called ``name``; ``SpecError`` listing valid names if none.

    >>> get_stage("alef").name
    'alef'
    """
    found = _REGISTRY.get(name)
    if found is not None:
        return found
    home = HOMES.get(name)
    if home is not None:
        importlib.import_module(f"{__name__}.{home}")
        found = _REGISTRY.get(name)
        if found is not None:
            return found
    _load()
    found = _REGISTRY.get(name)
    if found is not None:
        return found
    _load_plugins()
    try:
        return _REGISTRY[name]
    except KeyError:
        valid = ", ".join(sorted(_REGISTRY))
        raise SpecError(f"unknown stage {name!r}; valid stages: {valid}") from None


def make_stage(name: str, options: dict[str, str] | None = None) -> Stage:
    """Build the stage called ``name`` with ``options``."""
    return get_stage(name)(**(options or {}))
