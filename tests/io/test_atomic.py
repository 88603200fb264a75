"""Atomic output: all or nothing, permissions kept, no temporary left."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from arabnorm.io.files import atomic_write


def test_replaces_target_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    target.chmod(0o640)
    with atomic_write(target, like=str(target)) as out:
        out.write(b"new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["f.txt"]


def test_failure_leaves_target_untouched_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_write(target) as out:
        out.write(b"partial")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["f.txt"]


def test_interrupt_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    with pytest.raises(KeyboardInterrupt), atomic_write(target) as out:
        out.write(b"partial")
        raise KeyboardInterrupt
    assert os.listdir(tmp_path) == []
