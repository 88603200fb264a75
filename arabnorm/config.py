"""Config files: a project's default preset and its own named presets.

A project keeps its normalization choices next to its data instead of in
every command line. arabnorm reads, in the current directory, ``arabnorm.toml``
or else the ``[tool.arabnorm]`` table of ``pyproject.toml`` (or the file given
with ``--config``)::

    # arabnorm.toml
    preset = "mine"                        # the default preset of every command

    [presets]
    mine = ["standard", "alef", "yaa"]     # stages, or presets to expand
    quran = "invisible,diacritics:keep=shadda,tatweel"

    [presets.strict]                       # the long form, with a description
    stages = ["search", "digits:to=arabic"]
    description = "search folding, digits written in Arabic"

A preset is a spec string or a list of spec items (``name:key=value``); an
item naming a built-in preset, or a preset defined above it, expands to that
preset's stages. Built-in presets cannot be redefined. Flags win over the
config: ``-p`` replaces its default preset, ``-s`` alone runs exactly the
stages given. Any mistake raises ``ConfigError`` naming the file and the key.

Presets from a config work wherever a preset name is accepted once the config
is active (``use_config``), e.g.::

    >>> import arabnorm
    >>> from arabnorm.config import Config, activate
    >>> activate(Config.from_mapping({"presets": {"t": ["tatweel"]}}, "x.toml"))
    >>> arabnorm.normalize("كتـــاب", preset="t")
    'كتاب'
    >>> activate(None)
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arabnorm.errors import ConfigError, SpecError

__all__ = [
    "CONFIG_NAME",
    "PYPROJECT_NAME",
    "Config",
    "activate",
    "find_config",
    "load_config",
    "use_config",
]

CONFIG_NAME = "arabnorm.toml"
PYPROJECT_NAME = "pyproject.toml"
_KEYS = ("preset", "presets")
_PRESET_KEYS = ("stages", "description")
_PRESET_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


@dataclass(frozen=True)
class Config:
    """A loaded config: where it came from, its default preset, its presets.

    ``presets`` maps each name to ``(spec, description)`` with every item
    resolved to stages, the same shape as ``arabnorm.presets.PRESETS``.
    """

    source: str
    preset: str | None = None
    presets: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], source: str, prefix: str = "") -> Config:
        """Validate a parsed TOML table; ``prefix`` is its key path (``tool.arabnorm.``)."""
        from arabnorm.presets import PRESETS

        def bad(key: str, problem: str) -> ConfigError:
            return ConfigError(f"{source}: {prefix}{key}: {problem}")

        for key in data:
            if key not in _KEYS:
                raise ConfigError(
                    f"{source}: unknown key {prefix}{key!r}; valid keys: {', '.join(_KEYS)}"
                )
        raw_presets = data.get("presets", {})
        if not isinstance(raw_presets, Mapping):
            raise bad("presets", "must be a table of preset names")
        presets: dict[str, tuple[str, str]] = {}
        for name, value in raw_presets.items():
            key = f"presets.{name}"
            if name in PRESETS:
                raise bad(key, f"{name!r} is a built-in preset and cannot be redefined")
            if not _PRESET_NAME.match(name):
                raise bad(key, "a preset name uses only letters, digits, '_', '.' and '-'")
            items, description = _preset_items(value, key, bad)
            spec = _resolve(items, presets, key, bad)
            presets[name] = (spec, description or f"from {source}")
        default = data.get("preset")
        if default is not None:
            if not isinstance(default, str):
                raise bad("preset", "must be a string naming a preset")
            if default not in PRESETS and default not in presets:
                valid = ", ".join([*PRESETS, *presets])
                raise bad("preset", f"unknown preset {default!r}; valid presets: {valid}")
        return cls(source, default, presets)


def _preset_items(value: Any, key: str, bad: Any) -> tuple[list[str], str]:
    description = ""
    if isinstance(value, Mapping):
        for sub in value:
            if sub not in _PRESET_KEYS:
                raise bad(f"{key}.{sub}", f"unknown key; valid keys: {', '.join(_PRESET_KEYS)}")
        if "stages" not in value:
            raise bad(key, "a preset table needs a 'stages' key")
        description = value.get("description", "")
        if not isinstance(description, str):
            raise bad(f"{key}.description", "must be a string")
        value = value["stages"]
        key = f"{key}.stages"
    if isinstance(value, str):
        return [value], description
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value), description
    raise bad(key, "must be a spec string or a list of spec strings")


def _resolve(items: list[str], earlier: dict[str, tuple[str, str]], key: str, bad: Any) -> str:
    """Expand preset names among ``items``; check every stage; return the spec."""
    from arabnorm.pipeline import Pipeline, parse_spec
    from arabnorm.presets import PRESETS
    from arabnorm.stages import all_stages, make_stage

    stages = all_stages()
    try:
        pairs: list[tuple[str, dict[str, str]]] = []
        for item in items:
            for name, options in parse_spec(item):
                if not options and name not in stages and name in PRESETS:
                    pairs.extend(parse_spec(PRESETS[name][0]))
                elif not options and name not in stages and name in earlier:
                    pairs.extend(parse_spec(earlier[name][0]))
                else:
                    pairs.append((name, options))
        return Pipeline(make_stage(name, options) for name, options in pairs).spec
    except SpecError as exc:
        raise bad(key, str(exc)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # here: most runs find no config file, and the parser costs start-up time

    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: invalid TOML: not UTF-8") from None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Load ``path``: a ``pyproject.toml`` is read from its ``[tool.arabnorm]`` table."""
    p = Path(path)
    data = _read_toml(p)
    source = os.fspath(path)
    if p.name == PYPROJECT_NAME:
        tool = data.get("tool", {})
        section = tool.get("arabnorm", {}) if isinstance(tool, Mapping) else {}
        if not isinstance(section, Mapping):
            raise ConfigError(f"{source}: tool.arabnorm: must be a table")
        return Config.from_mapping(section, source, "tool.arabnorm.")
    return Config.from_mapping(data, source)


def find_config(directory: str | os.PathLike[str] | None = None) -> Path | None:
    """The config of ``directory`` (default: the current one), or ``None``.

    ``arabnorm.toml`` wins; otherwise ``pyproject.toml`` counts only when it
    has a ``[tool.arabnorm]`` table.
    """
    base = Path(directory) if directory is not None else Path()
    own = base / CONFIG_NAME
    if own.is_file():
        return own
    pyproject = base / PYPROJECT_NAME
    if pyproject.is_file():
        try:
            with open(pyproject, "rb") as f:
                raw = f.read()
        except OSError:
            return None
        if b"arabnorm" not in raw:
            return None  # a quick look first: most pyproject files have no such table
        try:
            tool = _read_toml(pyproject).get("tool", {})
        except ConfigError:
            # Broken TOML is this file's problem only if it meant to configure us.
            if b"[tool.arabnorm" in raw:
                raise
            return None
        if isinstance(tool, Mapping) and "arabnorm" in tool:
            return pyproject
    return None


def activate(config: Config | None) -> None:
    """Make ``config``'s presets and default preset the ones every lookup sees."""
    from arabnorm.presets import set_config_presets

    if config is None:
        set_config_presets({}, None, None)
    else:
        set_config_presets(config.presets, config.preset, config.source)


def use_config(
    path: str | os.PathLike[str] | None = None,
    directory: str | os.PathLike[str] | None = None,
) -> Config | None:
    """Load ``path`` (or the config found in ``directory``) and activate it.

    Without a config file the built-in presets alone are active.
    """
    found = Path(path) if path is not None else find_config(directory)
    config = load_config(found) if found is not None else None
    activate(config)
    return config
