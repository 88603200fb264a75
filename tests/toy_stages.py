"""Small stages for tests only, registered for the duration of a test."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from arabnorm.stages import _REGISTRY, register
from arabnorm.stages.base import Rule, Stage, Step, Table


class Ampersand(Stage):
    """Expands & to 'and' (a table whose output is longer)."""

    name = "toy-amp"
    summary = "& becomes and"
    kind = "table"

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord("&"): "and"})]


class Squeeze(Stage):
    """Runs of two or more x become one x (a rule keeping part of its match)."""

    name = "toy-squeeze"
    summary = "xx becomes x"

    def build_steps(self) -> Sequence[Step]:
        return [Rule(r"x{2,}", "x")]


class Fence(Stage):
    """Inserts | before every q (a pure insertion)."""

    name = "toy-fence"
    summary = "q becomes |q"

    def build_steps(self) -> Sequence[Step]:
        return [Rule(r"(?=q)", "|")]


class DropDigits(Stage):
    """Deletes ASCII digits, then turns 'ab' into 'b' (two steps)."""

    name = "toy-two-steps"
    summary = "digits removed, then ab becomes b"
    kind = "table"

    def build_steps(self) -> Sequence[Step]:
        return [Table({ord(d): "" for d in "0123456789"}), Rule("ab", "b")]


TOYS = (Ampersand, Squeeze, Fence, DropDigits)


@contextlib.contextmanager
def toy_stages() -> Iterator[None]:
    """Register the toy stages, and remove them again afterwards."""
    from arabnorm.stages import all_stages

    all_stages()  # load the built-ins first
    for cls in TOYS:
        register(cls)
    try:
        yield
    finally:
        for cls in TOYS:
            _REGISTRY.pop(cls.name, None)
