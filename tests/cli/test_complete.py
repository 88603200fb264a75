"""Shell completion: click's built-in, with preset and stage names."""

from __future__ import annotations

from pathlib import Path

from tests.cli.helpers import run


def _complete(words: str, cwd: Path | None = None) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {"COMP_WORDS": words, "COMP_CWORD": str(cword), "_ARABNORM_COMPLETE": "bash_complete"}
    res = run(cwd=cwd, env=env)
    assert res.returncode == 0, res.stderr
    return [line.split(",", 1)[1] for line in res.stdout.decode().splitlines()]


def test_bash_source_script() -> None:
    res = run(env={"_ARABNORM_COMPLETE": "bash_source"})
    assert res.returncode == 0
    assert b"_arabnorm_completion()" in res.stdout


def test_commands_presets_and_stages(tmp_path: Path) -> None:
    assert "audit" in _complete("arabnorm a")
    assert "diff" in _complete("arabnorm ")
    (tmp_path / "arabnorm.toml").write_text('[presets]\nmine = "tatweel"\n')
    presets = _complete("arabnorm clean -p ", cwd=tmp_path)
    assert {"standard", "search", "camel", "none", "mine"} <= set(presets)
    assert _complete("arabnorm diff -s x,tat") == ["x,tatweel"]
