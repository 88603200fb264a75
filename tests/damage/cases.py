"""Test material for damaged text: our own sentences, damaged by code.

Nothing here is copied from elsewhere: the sentences come from the seed
articles (``seeds/``), from ``tests/data/real_text.txt`` (written for these
tests) and from ``scripts/data/arabic_text.txt``; the damage is done by the
functions below, as the programs that damage text do it.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REAL_TEXT = ROOT / "tests" / "data" / "real_text.txt"
OWN_TEXT = ROOT / "scripts" / "data" / "arabic_text.txt"

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def seed_lines() -> list[str]:
    """The non-empty lines of the seed articles."""
    lines: list[str] = []
    for path in SEEDS:
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def seed_sentences() -> list[str]:
    """The sentences of the seed articles."""
    found: list[str] = []
    for line in seed_lines():
        found += [s for s in _SENTENCE_END.split(line) if s.strip()]
    return found


def own_sentences() -> list[str]:
    """The sentences written for the project's letter model."""
    text = OWN_TEXT.read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("%")]


def real_text() -> dict[str, list[str]]:
    """Undamaged lines by language (``# lang=xx`` headers)."""
    groups: dict[str, list[str]] = {}
    current = "?"
    for line in REAL_TEXT.read_text(encoding="utf-8").splitlines():
        if line.startswith("%") or not line.strip():
            continue
        if line.startswith("# lang="):
            current = line[len("# lang=") :]
            continue
        groups.setdefault(current, []).append(line)
    return groups


def sloppy_cp1252(data: bytes) -> str:
    """``data`` decoded as windows-1252, its five holes as the C1 controls (as browsers do)."""
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def damage(text: str, how: str) -> str:
    """``text`` in UTF-8 read as ``how``: cp1256, cp1252 or latin-1, or two of them (a+b)."""
    for page in how.split("+"):
        data = text.encode("utf-8")
        text = sloppy_cp1252(data) if page == "cp1252" else data.decode(page)
    return text


KINDS = ("cp1256", "cp1252", "latin-1", "cp1256+cp1256", "cp1252+cp1252", "cp1256+cp1252")
