"""What the registry knows about every stage and preset, for people to read.

``arabnorm stages`` prints these entries as tables, and ``arabnorm stages
--markdown`` writes the tables of the README (a test keeps the two equal),
so a stage is described in one place: its own class.

>>> entry = next(e for e in entries() if e.name == "tatweel")
>>> entry.kind, entry.example
('table', 'كتـــاب → كتاب')
"""

from __future__ import annotations

from dataclasses import dataclass

from arabnorm.stages.base import Example, Param, visible

__all__ = ["StageEntry", "entries", "markdown"]


@dataclass(frozen=True)
class StageEntry:
    """One stage as the registry serves it: declared and derived properties."""

    name: str
    summary: str
    kind: str
    lossy: bool
    folds: bool
    word_local: bool
    context: int | None
    version: int
    params: tuple[Param, ...]
    examples: tuple[Example, ...]

    @property
    def example(self) -> str:
        """The first example, ``before → after``."""
        return self.examples[0].shown() if self.examples else ""

    @property
    def settings(self) -> tuple[Example, ...]:
        """The first example of each parameter setting the examples show, in order.

        >>> entry = next(e for e in entries() if e.name == "digits")
        >>> [e.options for e in entry.settings]
        ['', 'to=arabic', 'from=arabic']
        """
        first: dict[str, Example] = {}
        for e in self.examples:
            first.setdefault(e.options, e)
        return tuple(first.values())

    def shown_settings(self) -> list[str]:
        """``settings`` as lines, each ``options: before → after`` (options only if any)."""
        return [f"{e.options}: {e.shown()}" if e.options else e.shown() for e in self.settings]


def entries() -> list[StageEntry]:
    """Every registered stage, built-ins first, each built with its default parameters."""
    from arabnorm.stages import all_stages

    found = []
    for name, cls in all_stages().items():
        stage = cls()
        found.append(
            StageEntry(
                name=name,
                summary=cls.summary,
                kind=stage.kind,
                lossy=cls.lossy,
                folds=cls.folds,
                word_local=stage.word_local,
                context=stage.context,
                version=cls.version,
                params=cls.params,
                examples=cls.examples,
            )
        )
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown() -> str:
    """The README's stage and preset tables, from the registry and the presets."""
    from arabnorm.presets import PRESETS

    lines = ["| stage | what it does | example |", "|---|---|---|"]
    for e in entries():
        summary = e.summary
        if e.params:
            summary += "; " + ", ".join(f"`{p.name}={p.default}`" for p in e.params)
        shown = "<br>".join(
            (f"`{x.options}`: " if x.options else "")
            + f"`{visible(x.before)}` → `{visible(x.after)}`"
            for x in e.settings
        )
        lines.append(f"| `{e.name}` | {_cell(summary)} | {_cell(shown)} |")
    lines += ["", "| preset | stages |", "|---|---|"]
    for name, (spec, purpose) in PRESETS.items():
        stages = ", ".join(spec.split(",")) if spec else "nothing"
        lines.append(f"| `{name}` | {_cell(stages)}: {_cell(purpose)} |")
    return "\n".join(lines) + "\n"
