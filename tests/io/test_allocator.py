"""The allocator tuning: applied on glibc Linux, left alone when the user chose."""

from __future__ import annotations

import os
import sys

import pytest

from arabnorm.io.allocator import tune_allocator


def test_user_malloc_settings_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_ARENA_MAX", "2")
    assert tune_allocator() is False


@pytest.mark.skipif(sys.platform != "linux", reason="glibc tuning is Linux only")
def test_glibc_accepts_the_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    import platform

    if platform.libc_ver()[0] != "glibc":
        pytest.skip("not glibc")
    for key in [k for k in os.environ if k.startswith("MALLOC_")]:
        monkeypatch.delenv(key)
    assert tune_allocator() is True


def test_other_systems_are_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert tune_allocator() is False
