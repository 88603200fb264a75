"""The stage registry: built-ins by name, plugins from entry points only when needed."""

from __future__ import annotations

import importlib.metadata
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

import arabnorm.stages as registry
from arabnorm.errors import SpecError
from arabnorm.stages.base import Stage, Step, Table


class _PluginStage(Stage):
    name = "test-plugin-stage"
    summary = "a stage from a fake plugin"
    kind = "table"

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord("x"): "y"})]


class _EntryPoint:
    def load(self) -> Any:
        return _PluginStage


@pytest.fixture
def fake_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Entry points that record each scan; the registry forgets earlier plugin loads."""
    scans: list[str] = []

    def entry_points(group: str) -> list[_EntryPoint]:
        scans.append(group)
        return [_EntryPoint()]

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
    monkeypatch.setattr(registry, "_plugins_loaded", False)
    monkeypatch.delitem(registry._REGISTRY, _PluginStage.name, raising=False)
    yield scans
    registry._REGISTRY.pop(_PluginStage.name, None)


def test_builtin_stage_does_not_scan_entry_points(fake_plugins: list[str]) -> None:
    assert registry.get_stage("alef").name == "alef"
    assert fake_plugins == []


def test_unknown_name_loads_plugins(fake_plugins: list[str]) -> None:
    assert registry.get_stage("test-plugin-stage") is _PluginStage
    assert fake_plugins == [registry.ENTRY_POINT_GROUP]
    assert registry.make_stage("test-plugin-stage").apply("xx") == "yy"


def test_listing_all_stages_includes_plugins(fake_plugins: list[str]) -> None:
    names = registry.all_stages()
    assert "test-plugin-stage" in names and "alef" in names
    registry.all_stages()
    assert fake_plugins == [registry.ENTRY_POINT_GROUP]  # scanned once


def test_unknown_everywhere_is_a_spec_error(fake_plugins: list[str]) -> None:
    with pytest.raises(SpecError, match="no-such-stage"):
        registry.get_stage("no-such-stage")


def test_homes_name_the_module_of_every_builtin_stage() -> None:
    builtins = {
        name: cls.__module__.rpartition(".")[2]
        for name, cls in registry.all_stages().items()
        if cls.__module__ in registry.builtin_modules()
    }
    assert registry.HOMES == builtins


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (nothing imported yet); its standard output."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def test_a_stage_asked_for_by_name_imports_only_its_module() -> None:
    loaded = _fresh(
        "import sys\n"
        "from arabnorm.stages import get_stage\n"
        "assert get_stage('alef').name == 'alef'\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('arabnorm.stages.'))))"
    )
    assert "arabnorm.stages.letters" in loaded.split()
    assert not {"arabnorm.stages.lucene", "arabnorm.stages.translit"} & set(loaded.split())


def test_a_stage_missing_from_homes_is_still_found() -> None:
    found = _fresh(
        "import arabnorm.stages as registry\n"
        "del registry.HOMES['yaa']\n"
        "print(registry.get_stage('yaa').__module__, list(registry.all_stages())[:2])"
    )
    assert found == "arabnorm.stages.letters ['camel', 'invisible']"
