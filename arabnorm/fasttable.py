"""Running a fused code-point table over a block fast.

``str.translate`` with a dict looks up every character in Python objects and
runs at about 30-40 MB/s on Arabic text. With numpy installed, a table runs as
one vectorized lookup over the UTF-16 code units of the block instead:

1. ``text.encode("utf-16-le", "surrogatepass")`` -> an array of uint16;
2. a 65,536-entry lookup array maps each code unit (identity for the rest);
3. code units mapped to the deletion marker are dropped with a mask;
4. the array is decoded back to text.

Code points outside the Basic Multilingual Plane are surrogate pairs, which
map to themselves, so they pass intact. The few entries that do not map one
BMP code point to one (or none), such as ligatures that expand to several
letters or keys above U+FFFF, are done after the vector pass by one regex
substitution over a class of just those keys. The result is always the same
as ``str.translate`` (a test compares them on random tables and texts); when a
table cannot be split that way, or numpy is missing, or ``ARABNORM_PURE=1``
is set, ``str.translate`` is used.

>>> from arabnorm.stages.base import Table
>>> run = table_runner(Table({ord("أ"): "ا", ord("ـ"): "", ord("ﷲ"): "الله"}))
>>> run("أحـمد ﷲ" * 1000) == ("احمد الله" * 1000)
True
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import regex

from arabnorm.stages.base import Table

MIN_VECTOR = 2048
"""Shorter texts go through ``str.translate``: numpy's fixed cost would dominate."""
_DELETE = 0xFFFF  # a noncharacter: marks code units to drop


def numpy_available() -> bool:
    """Whether the vectorized path can be used (numpy importable, not disabled)."""
    if os.environ.get("ARABNORM_PURE", "") not in ("", "0"):
        return False
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


class VectorTable:
    """A table compiled to a numpy lookup array plus a small expansion pass."""

    __slots__ = ("_delete", "_extra", "_extra_re", "_lut", "_np", "_translate")

    def __init__(self, table: Table, np: Any) -> None:
        self._np = np
        self._translate = table.apply
        lut = np.arange(65536, dtype=np.uint16)
        extra: dict[str, str] = {}
        one_to_one: set[int] = set()
        self._delete = False
        for key, value in table.mapping.items():
            if key > 0xFFFF or 0xD800 <= key <= 0xDFFF or len(value) > 1:
                extra[chr(key)] = value
            elif value == "":
                lut[key] = _DELETE
                self._delete = True
            elif ord(value) > 0xFFFF or 0xD800 <= ord(value) <= 0xDFFF:
                extra[chr(key)] = value
            else:
                lut[key] = ord(value)
                one_to_one.add(ord(value))
        if any(ord(k) in one_to_one for k in extra if len(k) == 1):
            raise ValueError("a mapped value is itself a key of a multi-character entry")
        if _DELETE in table.mapping or _DELETE in one_to_one:
            raise ValueError("U+FFFF is mapped")
        self._lut = lut
        self._extra = extra
        self._extra_re = (
            regex.compile("[" + "".join(regex.escape(k) for k in sorted(extra)) + "]")
            if extra
            else None
        )

    def __call__(self, text: str) -> str:
        if len(text) < MIN_VECTOR or (self._delete and "\uffff" in text):
            return self._translate(text)
        np = self._np
        try:
            data = text.encode("utf-16-le")
            errors = "strict"
        except UnicodeEncodeError:  # lone surrogates (from --errors surrogateescape)
            errors = "surrogatepass"  # slower, so only when needed
            data = text.encode("utf-16-le", errors)
        mapped = self._lut.take(np.frombuffer(data, dtype=np.uint16))
        if self._delete:
            keep = mapped != _DELETE
            if not keep.all():
                mapped = mapped[keep]
        out = mapped.tobytes().decode("utf-16-le", errors)
        if self._extra_re is not None:
            extra = self._extra
            out = self._extra_re.sub(lambda m: extra[m.group()], out)
        return str(out)


def table_runner(table: Table, vector: bool | None = None) -> Callable[[str], str]:
    """The fastest exact way to apply ``table`` here (``vector`` forces a path)."""
    if vector is None:
        vector = numpy_available()
    if not vector:
        return table.apply
    import numpy as np

    try:
        return VectorTable(table, np)
    except ValueError:
        return table.apply
