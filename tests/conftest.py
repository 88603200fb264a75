"""Test-wide settings: hypothesis checks what happens, never how long it takes."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("arabnorm", deadline=None)
settings.load_profile("arabnorm")
