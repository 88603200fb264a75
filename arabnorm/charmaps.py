"""Character maps shipped as data: read once, expanded to one entry per code point.

Several stages reproduce published character maps (CAMeL Tools' ``arclean``
and its transliteration maps, the ISO 233-2 letters). Each ships as a TSV file
in ``arabnorm/data`` with its source and licence in a ``#`` header, and every
one is read by ``char_map`` below. The format, one entry a line::

    default<TAB>keep              # what a character no entry names becomes
    0621-063A<TAB>keep            # FIRST[-LAST] in hex: the character itself
    0640<TAB>delete               # nothing
    064B<TAB>0061 207F            # these code points, in hex

Entries apply in order; a later one overrides an earlier one for the code
points they share.

>>> m = char_map("camel_ar2bw.tsv")
>>> m.default is None, m.mapping[0x0628]
(True, 'b')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from arabnorm.datafiles import read_data

__all__ = ["CharMap", "char_map", "parse_char_map"]


@dataclass(frozen=True)
class CharMap:
    """A character map expanded to single code points.

    ``mapping`` gives every code point the file names its value (itself when
    the file keeps it, ``""`` when it deletes it); ``default`` is what any
    other character becomes (``None``: itself).
    """

    mapping: dict[int, str]
    default: str | None

    def changes(self) -> dict[int, str]:
        """Only the entries whose value differs from the character itself."""
        return {cp: v for cp, v in self.mapping.items() if v != chr(cp)}


def _value(field: str) -> str | None:
    if field == "keep":
        return None
    if field == "delete":
        return ""
    if not field.strip():
        raise ValueError("no value")
    return "".join(chr(int(cp, 16)) for cp in field.split())


@lru_cache(maxsize=32)
def char_map(name: str) -> CharMap:
    """The map in data file ``name``, expanded (cached: the result must not be changed)."""
    return parse_char_map(read_data(name), name)


def parse_char_map(text: str, name: str) -> CharMap:
    """The map written in ``text`` (the file ``name``, for messages), expanded.

    >>> parse_char_map("default\\tdelete\\n0041-0043\\tkeep\\n0042\\t0062 0062", "x").mapping
    {65: 'A', 66: 'bb', 67: 'C'}
    """
    mapping: dict[int, str] = {}
    default: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        try:
            key, field = line.split("\t")
            value = _value(field)
            if key == "default":
                default = value
                continue
            first, _, last = key.partition("-")
            lo = int(first, 16)
            hi = int(last, 16) if last else lo
        except ValueError as exc:
            raise ValueError(f"{name}:{number}: not an entry of a character map") from exc
        for cp in range(lo, hi + 1):
            mapping[cp] = chr(cp) if value is None else value
    return CharMap(mapping, default)
