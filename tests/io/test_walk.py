"""Inputs from directories, and output paths that never leave --output-dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from arabnorm.errors import FileAccessError, UsageError
from arabnorm.io.walk import InputFile, check_unique, expand_inputs, output_path, safe_relative


def _tree(root: Path) -> None:
    for rel in ["a.txt", "sub/b.jsonl", "sub/deep/c.txt", ".hidden/d.txt", "sub/.e.txt"]:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(rel)


def test_recursive_walk_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    _tree(tmp_path)
    files = expand_inputs([str(tmp_path)], recursive=True)
    assert [f.relative for f in files] == ["a.txt", "sub/b.jsonl", "sub/deep/c.txt"]
    assert files[1].path == os.path.join(tmp_path, "sub", "b.jsonl")


def test_glob_filters_by_name_or_path(tmp_path: Path) -> None:
    _tree(tmp_path)
    rels = [f.relative for f in expand_inputs([str(tmp_path)], True, ["*.txt"])]
    assert rels == ["a.txt", "sub/deep/c.txt"]
    rels = [f.relative for f in expand_inputs([str(tmp_path)], True, ["sub/*/*.txt"])]
    assert rels == ["sub/deep/c.txt"]


def test_directory_needs_recursive(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="-r"):
        expand_inputs([str(tmp_path)])


def test_files_keep_their_base_name_and_stdin_stays() -> None:
    assert expand_inputs(["../x/y.txt", "-"]) == [
        InputFile("../x/y.txt", "y.txt"),
        InputFile("-", "-"),
    ]


@pytest.mark.parametrize("bad", ["../a", "a/../../b", "/etc/passwd", "", ".", "C:/x"])
def test_unsafe_relative_names_are_refused(bad: str) -> None:
    assert safe_relative(bad) is None


def test_output_path_creates_parents_inside(tmp_path: Path) -> None:
    target = output_path(tmp_path / "out", "x/y/z.txt")
    assert target == tmp_path / "out" / "x" / "y" / "z.txt"
    assert target.parent.is_dir()
    with pytest.raises(FileAccessError, match="outside"):
        output_path(tmp_path / "out", "../evil.txt")


def test_symlink_inside_output_dir_cannot_lead_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(FileAccessError, match="outside"):
        output_path(out, "link/a.txt")
    assert list(elsewhere.iterdir()) == []


def test_two_inputs_to_one_output_name_are_refused() -> None:
    with pytest.raises(UsageError, match="both"):
        check_unique([InputFile("a/x.txt", "x.txt"), InputFile("b/x.txt", "x.txt")])
