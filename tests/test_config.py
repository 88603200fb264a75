"""Config files: where they are found, what they define, how mistakes are named."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import arabnorm
import arabnorm.config
from arabnorm.config import Config, activate, find_config, load_config, use_config
from arabnorm.errors import ConfigError, SpecError
from arabnorm.presets import all_presets, default_preset, preset_spec


@pytest.fixture(autouse=True)
def _no_config_after() -> Iterator[None]:
    yield
    activate(None)


def test_arabnorm_toml_defines_presets_and_default(tmp_path: Path) -> None:
    (tmp_path / "arabnorm.toml").write_text(
        'preset = "mine"\n'
        "[presets]\n"
        'mine = ["tatweel"]\n'
        'again = "mine"\n'
        "[presets.long]\n"
        'stages = ["none", "tatweel"]\n'
        'description = "the long form"\n',
        encoding="utf-8",
    )
    config = use_config(directory=tmp_path)
    assert config is not None and config.preset == "mine"
    assert preset_spec("mine") == "tatweel"
    assert preset_spec("again") == "tatweel"
    assert all_presets()["long"] == ("tatweel", "the long form")
    assert all_presets()["mine"][1] == f"from {tmp_path / 'arabnorm.toml'}"
    assert default_preset() == "mine"
    # The default preset now applies to the one-call API too.
    assert arabnorm.normalize("كتـــاب") == "كتاب"
    assert arabnorm.normalize("كتـــاب", preset="none") == "كتـــاب"
    activate(None)
    assert default_preset() == "standard"
    with pytest.raises(SpecError, match="unknown preset 'mine'"):
        preset_spec("mine")


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "corpus"\n\n[tool.arabnorm]\npreset = "p"\n\n'
        '[tool.arabnorm.presets]\np = "tatweel"\n',
        encoding="utf-8",
    )
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    config = use_config(directory=tmp_path)
    assert config is not None and config.presets["p"][0] == "tatweel"
    assert default_preset() == "p"


def test_pyproject_without_tool_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "arabnorm-corpus"\n')
    assert find_config(tmp_path) is None
    assert use_config(directory=tmp_path) is None


def test_arabnorm_toml_wins_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.arabnorm]\npreset = "none"\n')
    (tmp_path / "arabnorm.toml").write_text('preset = "standard"\n')
    assert find_config(tmp_path) == tmp_path / "arabnorm.toml"


def test_explicit_file_and_no_config(tmp_path: Path) -> None:
    path = tmp_path / "elsewhere.toml"
    path.write_text('[presets]\nx = ["tatweel"]\n')
    config = use_config(path)
    assert config is not None and config.source == str(path)
    assert preset_spec("x") == "tatweel"
    assert use_config(directory=tmp_path) is None
    assert "x" not in all_presets()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('presett = "standard"\n', "unknown key 'presett'"),
        ("preset = 3\n", "preset: must be a string"),
        ('preset = "nope"\n', "preset: unknown preset 'nope'"),
        ('[presets]\nx = ["tatweel", "nostage"]\n', "presets.x: unknown stage 'nostage'"),
        ('[presets]\nx = ["tatweel:bad=1"]\n', "presets.x: stage 'tatweel' has no parameter 'bad'"),
        ("[presets]\nx = 5\n", "presets.x: must be a spec string or a list"),
        ('[presets]\nstandard = "tatweel"\n', "presets.standard: 'standard' is a built-in"),
        ('[presets]\n"a b" = "tatweel"\n', "presets.a b: a preset name uses only"),
        ('[presets.x]\nstage = "tatweel"\n', "presets.x.stage: unknown key"),
        ('[presets.x]\ndescription = "no stages"\n', "presets.x: a preset table needs"),
        ('presets = "tatweel"\n', "presets: must be a table"),
        ("preset = \n", "invalid TOML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "arabnorm.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)


def test_bad_pyproject_names_the_tool_key(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.arabnorm]\npreset = "nope"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.arabnorm.preset: unknown preset"):
        load_config(path)


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        use_config(tmp_path / "missing.toml")


def test_from_mapping_keeps_order_and_earlier_references() -> None:
    config = Config.from_mapping({"presets": {"a": "tatweel", "b": ["a", "none"]}}, "m")
    assert config.presets["b"][0] == "tatweel"
    with pytest.raises(ConfigError, match="unknown stage 'c'"):
        Config.from_mapping({"presets": {"b": ["c"], "c": "tatweel"}}, "m")


def test_broken_pyproject_counts_only_if_it_configures_arabnorm(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\ndependencies = ["arabnorm"\n')
    assert find_config(tmp_path) is None
    pyproject.write_text("[tool.arabnorm]\npreset = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        find_config(tmp_path)
