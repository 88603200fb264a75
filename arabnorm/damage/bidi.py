"""The Unicode bidirectional algorithm for one right-to-left line, and its inverse.

PDF files draw glyphs left to right; a text extractor that reads them in
that order returns a right-to-left line in *visual* order: Arabic letters
and words reversed, digits and Latin words in their own order. ``display``
is that order: UAX #9 for a paragraph of level 1 without explicit
embeddings (rules W1-W7, N0 with bracket pairs, N1-N2, I2, L1, L2, and L4
mirroring when asked). ``restore`` finds a logical line whose display is a
given visual line.

>>> display("قال 10 كتب")
'بتك 10 لاق'
>>> restore(display("(في عام 2020-2021 ربح 10%)"))
'(في عام 2020-2021 ربح 10%)'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from arabnorm import chars

_NEUTRAL = frozenset({"B", "S", "WS", "ON"})
_EXPLICIT = frozenset({"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI", "BN"})
_CLOSING = {b: a for a, b in chars.BIDI_BRACKETS.items()}
MAX_BRACKET_DEPTH = 63
"""BD16: bracket pairs are looked for with a stack this deep."""


def _strong(t: str) -> str | None:
    """The direction a resolved type counts as in N0-N2 (numbers count as right to left)."""
    if t == "L":
        return "L"
    return "R" if t in ("R", "EN", "AN") else None


def levels(line: str) -> list[int]:
    """The embedding level of each character of ``line`` in a right-to-left paragraph."""
    orig = [unicodedata.bidirectional(c) or "L" for c in line]
    t = ["ON" if c in _EXPLICIT else c for c in orig]
    n = len(t)
    sos = "R"
    prev = sos
    for i in range(n):  # W1
        if t[i] == "NSM":
            t[i] = prev
        prev = t[i]
    last = sos
    for i in range(n):  # W2
        if t[i] in ("L", "R", "AL"):
            last = t[i]
        elif t[i] == "EN" and last == "AL":
            t[i] = "AN"
    t = ["R" if c == "AL" else c for c in t]  # W3
    for i in range(1, n - 1):  # W4
        if t[i] == "ES" and t[i - 1] == "EN" and t[i + 1] == "EN":
            t[i] = "EN"
        elif t[i] == "CS" and t[i - 1] == t[i + 1] and t[i - 1] in ("EN", "AN"):
            t[i] = t[i - 1]
    i = 0
    while i < n:  # W5
        if t[i] != "ET":
            i += 1
            continue
        j = i
        while j < n and t[j] == "ET":
            j += 1
        if (i > 0 and t[i - 1] == "EN") or (j < n and t[j] == "EN"):
            t[i:j] = ["EN"] * (j - i)
        i = j
    t = ["ON" if c in ("ES", "ET", "CS") else c for c in t]  # W6
    last = sos
    for i in range(n):  # W7
        if t[i] in ("L", "R"):
            last = t[i]
        elif t[i] == "EN" and last == "L":
            t[i] = "L"
    _brackets(line, t, orig, sos)
    i = 0
    while i < n:  # N1, N2
        if t[i] not in _NEUTRAL:
            i += 1
            continue
        j = i
        while j < n and t[j] in _NEUTRAL:
            j += 1
        a = _strong(t[i - 1]) if i > 0 else sos
        b = _strong(t[j]) if j < n else sos
        t[i:j] = [a if a == b and a is not None else "R"] * (j - i)
        i = j
    lv = [1 if c == "R" else 2 for c in t]  # I2 at paragraph level 1
    for i in range(n - 1, -1, -1):  # L1: trailing whitespace
        if orig[i] in ("WS", "S", "B") or orig[i] in _EXPLICIT:
            lv[i] = 1
        else:
            break
    for i in range(n):  # L1: separators and the whitespace before them
        if orig[i] in ("S", "B"):
            lv[i] = 1
            k = i - 1
            while k >= 0 and orig[k] == "WS":
                lv[k] = 1
                k -= 1
    return lv


def _brackets(line: str, t: list[str], orig: list[str], sos: str) -> None:
    """N0: a bracket pair takes the direction of what it encloses (BD16 pairs)."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, c in enumerate(line):
        if t[i] != "ON":
            continue
        if c in chars.BIDI_BRACKETS:
            if len(stack) == MAX_BRACKET_DEPTH:
                break
            stack.append((chars.BIDI_BRACKETS[c], i))
        elif c in _CLOSING:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == c:
                    pairs.append((stack[k][1], i))
                    del stack[k:]
                    break
    pairs.sort()
    n = len(t)
    for o, e in pairs:
        inside = {_strong(t[k]) for k in range(o + 1, e)} - {None}
        if "R" in inside:
            d = "R"
        elif "L" in inside:
            before = sos
            for k in range(o - 1, -1, -1):
                s = _strong(t[k])
                if s:
                    before = s
                    break
            d = "L" if before == "L" else "R"
        else:
            continue
        for k in (o, e):
            t[k] = d
            j = k + 1
            while j < n and orig[j] == "NSM":  # marks on a bracket follow it
                t[j] = d
                j += 1


def order(line: str) -> tuple[list[int], list[int]]:
    """``(indices, levels)``: ``indices[k]`` is the character drawn k-th from the left (L2)."""
    lv = levels(line)
    idx = list(range(len(line)))
    i = 0
    n = len(idx)
    while i < n:
        if lv[idx[i]] < 2:
            i += 1
            continue
        j = i
        while j < n and lv[idx[j]] >= 2:
            j += 1
        idx[i:j] = idx[i:j][::-1]
        i = j
    idx.reverse()
    return idx, lv


def display(line: str, mirror: bool = False) -> str:
    """``line`` as drawn from left to right in a right-to-left paragraph.

    ``mirror`` applies rule L4 (a bracket inside right-to-left text is drawn
    as its mirror image). An extractor that returns the characters of a PDF
    does not mirror; one that maps glyphs by their shape does.
    """
    if not line:
        return line
    idx, lv = order(line)
    if not mirror:
        return "".join(line[k] for k in idx)
    return "".join(chars.MIRRORS.get(line[k], line[k]) if lv[k] % 2 else line[k] for k in idx)


_TO_ARABIC_DIGITS = str.maketrans(chars.ASCII_DIGITS, chars.ARABIC_INDIC_DIGITS)
_TO_ASCII_DIGITS = str.maketrans(chars.ARABIC_INDIC_DIGITS, chars.ASCII_DIGITS)


def _candidates(visual: str, mirror: bool) -> Iterator[str]:
    yield display(visual, mirror)
    # After Arabic letters, digits are Arabic numbers (W2) and a range or a
    # percentage keeps them apart (2020-2021 shows as 2021-2020); read as
    # Arabic-Indic digits, the visual line keeps that context.
    if any(c in chars.ASCII_DIGITS for c in visual) and not any(
        c in chars.ARABIC_INDIC_DIGITS for c in visual
    ):
        found = display(visual.translate(_TO_ARABIC_DIGITS), mirror)
        yield found.translate(_TO_ASCII_DIGITS)


def _nested(text: str) -> bool:
    """Brackets and guillemets open before they close."""
    closing = {**_CLOSING, chars.RIGHT_GUILLEMET: chars.LEFT_GUILLEMET}
    depth = dict.fromkeys(closing.values(), 0)
    for c in text:
        if c in depth:
            depth[c] += 1
        elif c in closing:
            depth[closing[c]] -= 1
            if depth[closing[c]] < 0:
                return False
    return True


def restore(visual: str) -> str:
    """A logical line whose display is ``visual``.

    Candidates are tried in order, with and without mirroring: the display
    of ``visual`` itself (the algorithm is its own inverse for most lines),
    then the same with digits read as Arabic numbers. The first that maps
    back to ``visual`` and whose brackets open before they close wins; if
    none maps back, the display of ``visual``.
    """
    found: list[str] = []
    for mirror in (False, True):
        for candidate in _candidates(visual, mirror):
            if display(candidate, mirror) == visual:
                found.append(candidate)
                break
    for candidate in found:
        if _nested(candidate):
            return candidate
    return found[0] if found else display(visual)
