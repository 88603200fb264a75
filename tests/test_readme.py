"""README.md says what the code does: its stage tables come from the registry."""

from __future__ import annotations

from pathlib import Path

from arabnorm import catalog

README = Path(__file__).resolve().parents[1] / "README.md"
BEGIN = "<!-- begin: arabnorm stages --markdown -->\n"
END = "<!-- end: arabnorm stages --markdown -->"


def test_the_stage_tables_are_those_the_registry_prints() -> None:
    text = README.read_text(encoding="utf-8")
    shown = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    assert shown == catalog.markdown(), "regenerate it with: arabnorm stages --markdown"


def test_the_ci_runs_the_readme_test_command() -> None:
    text = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    commands = [block.split("\n")[1] for block in text.split("```sh")[1:3]]
    assert commands[1] in ci.splitlines()
    assert "seeds/" in commands[0]
