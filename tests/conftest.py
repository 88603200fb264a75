"""Test-wide settings: hypothesis checks what happens, never how long it takes.

The default profile draws the same examples on every run (``derandomize``),
so a run on a fresh clone passes or fails as it did here. ``HYPOTHESIS_PROFILE=
explore`` draws new ones each run, to look for cases no run has tried yet.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("arabnorm", deadline=None, derandomize=True)
settings.register_profile("explore", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "arabnorm"))


@pytest.fixture
def executor_jobs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ``jobs`` that each ``Executor`` made during the test was asked for, in order."""
    from arabnorm.io import runner

    asked: list[int] = []
    real_init = runner.Executor.__init__

    def spy(self: runner.Executor, transform: object, jobs: int = 1) -> None:
        asked.append(jobs)
        real_init(self, transform, jobs)  # type: ignore[arg-type]

    monkeypatch.setattr(runner.Executor, "__init__", spy)
    return asked
