"""Mojibake: UTF-8 that was decoded as windows-1256, windows-1252 or Latin-1.

Arabic in UTF-8 is two bytes a letter, a lead byte D8-DB and a continuation
byte 80-BF. Read as windows-1256, each letter becomes two characters: the
leads are ط ظ ع غ and the continuations punctuation, symbols and Persian
letters, so العالم arrives as ``ط§ظ„ط¹ط§ظ„ظ…``; read as windows-1252 or
Latin-1 it arrives as ``Ø§Ù„Ø¹Ø§Ù„Ù…``. The same can happen twice.

How a line is repaired (``repair`` is the whole of it, and what the
``mojibake`` stage runs):

1. **Units.** Every character of those three code pages stands for one
   byte (``chars.MOJIBAKE_BYTES``; no character stands for two different
   bytes, so the pages need not be told apart). A *unit* is a lead character
   followed by the continuation characters of one well-formed UTF-8
   sequence. Two units stand for sequences whose last byte a later clean-up
   removed: ط or Ø alone (ح, whose soft hyphen went) and ``â€`` alone (”,
   whose ZWNJ or C1 control went).
2. **Runs.** A run is a chain of adjacent units holding at least one whole
   one; runs of more than ``MAX_UNITS`` units are left alone.
3. **Decoding.** A run's bytes are decoded as UTF-8, and decoded again while
   the result is itself a run (damage done twice).
4. **Checks.** A run is repaired only if every decoded character belongs to
   a script it was plausibly written in (``chars.PLAUSIBLE_*``); Arabic
   letters do not mix with Latin, Greek or Cyrillic ones in it; a decoding
   that is not Latin touches no letter outside the run (mojibake damages
   every letter of a word, so in ``الحظ…`` the pair ``ظ…`` is the tail of a
   real word) and a Latin one touches no letter of another script.
5. **Weak runs.** A run that decodes to one two-byte character (``ظ…``,
   ``ط§``, ``Ã©``) is *weak*: it is repaired only when a repaired strong run
   lies within ``GAP`` characters on the same line, or, for a Latin letter
   or symbol, when it is glued to an ASCII letter or digit (``cafÃ©``).

What decides a run lies within ``CONTEXT`` characters of it on its line, so
a very long line streams through the repair in bounded memory.

Real text is left as it is: Persian, Urdu, French, Danish, Turkish or
Vietnamese lines, and Arabic with ظ or ط beside ``…`` or ``„``.

>>> repair("ظ…ط±ط­ط¨ط§ ط¨ط§ظ„ط¹ط§ظ„ظ…")
'مرحبا بالعالم'
>>> repair("Ù…Ø±Ø­Ø¨Ø§"), repair("cafÃ© â€œokâ€\x9d")
('مرحبا', 'café “ok”')
>>> repair("انظر الحظ… والمادة ط§")
'انظر الحظ… والمادة ط§'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from arabnorm import chars

MAX_UNITS = 64
"""Longer runs are left alone (no word of real text is this long without a space)."""
GAP = 32
"""A weak run is repaired only with a repaired strong run at most this many characters away."""
MAX_DEPTH = 3
"""Times a run is decoded at most (damage done twice needs two)."""

_BYTE = chars.MOJIBAKE_BYTES


def _chars_of(*byte_ranges: Iterable[int]) -> frozenset[str]:
    wanted = {b for r in byte_ranges for b in r}
    return frozenset(c for c, b in _BYTE.items() if b in wanted)


def _cls(*byte_ranges: Iterable[int]) -> str:
    return chars.char_class(_chars_of(*byte_ranges))


CONTINUATIONS = _chars_of(chars.UTF8_CONTINUATION_BYTES)
LEADS = _chars_of(chars.UTF8_LEAD_BYTES_2, chars.UTF8_LEAD_BYTES_3, chars.UTF8_LEAD_BYTES_4)
"""Characters that start a UTF-8 sequence: every repair involves one (the stage's triggers)."""
_SHORT_HAH = _chars_of(chars.MOJIBAKE_SHORT_HAH)

_C = _cls(chars.UTF8_CONTINUATION_BYTES)
_FULL = "|".join(
    (
        f"{_cls(chars.UTF8_LEAD_BYTES_2)}{_C}",
        f"{_cls([0xE0])}{_cls(range(0xA0, 0xC0))}{_C}",
        f"{_cls([*range(0xE1, 0xED), 0xEE, 0xEF])}{_C}{{2}}",
        f"{_cls([0xED])}{_cls(range(0x80, 0xA0))}{_C}",  # not a surrogate
        f"{_cls([0xF0])}{_cls(range(0x90, 0xC0))}{_C}{{2}}",
        f"{_cls(range(0xF1, 0xF4))}{_C}{{3}}",
        f"{_cls([0xF4])}{_cls(range(0x80, 0x90))}{_C}{{2}}",
    )
)
_SHORT = (
    f"{chars.char_class(_SHORT_HAH)}(?!{_C})"
    f"|{_cls([chars.MOJIBAKE_SHORT_QUOTE[0]])}{_cls([chars.MOJIBAKE_SHORT_QUOTE[1]])}(?!{_C})"
)


class _Lazy:
    """A ``regex`` pattern compiled on first use: clean text never needs these."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled: Any = None

    def get(self) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Lazy, (self.pattern,))


UNIT = _Lazy(f"(?:{_FULL}|{_SHORT})")
RUN = _Lazy(f"(?:{_SHORT}){{0,{MAX_UNITS}}}+(?:{_FULL})(?:{_FULL}|{_SHORT}){{0,{MAX_UNITS}}}+")
"""A chain of units holding a whole one (at most about ``MAX_UNITS`` units a match)."""
WHOLE_RUN = _Lazy(f"(?:{_FULL})++")
MAX_RUN_CHARS = 6 * MAX_UNITS + 4
_CONTINUATION = _Lazy(_C)
_OUTSIDE = chars.char_class(frozenset(_BYTE), negate=True)
_NEXT_OUTSIDE = _Lazy(_OUTSIDE)
_LAST_OUTSIDE = _Lazy(f"(?r){_OUTSIDE}")
_FIRST_BREAK = _Lazy("\\n")
_LAST_BREAK = _Lazy("(?r)\\n")
CONTEXT = GAP + MAX_RUN_CHARS + 16
"""How far beyond a run its repair may look: neighbours, and runs within ``GAP``."""

_TO_LATIN1 = {ord(c): chr(b) for c, b in _BYTE.items()}
_RESTORE_SHORT = re.compile(rb"\xd8(?![\x80-\xbf])|\xe2\x80(?![\x80-\xbf])")
_SHORT_BYTES = {b"\xd8": b"\xd8\xad", b"\xe2\x80": b"\xe2\x80\x9d"}


def run_bytes(run: str) -> bytes:
    """The bytes a run of units stands for, with the bytes of its short units put back.

    >>> run_bytes("ط§ط")
    b'\\xd8\\xa7\\xd8\\xad'
    """
    raw = run.translate(_TO_LATIN1).encode("latin-1")
    return _RESTORE_SHORT.sub(lambda m: _SHORT_BYTES[m.group()], raw)


def decode_run(run: str) -> str | None:
    """The text behind ``run``, decoded once or again while it is a run; None if not UTF-8."""
    text = run
    for _ in range(MAX_DEPTH):
        try:
            text = run_bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            return None
        if not WHOLE_RUN.fullmatch(text):
            break
    return text


# --- what the decoded text may be ------------------------------------------------------

_ARABIC, _ARABIC_OTHER, _LATIN, _OTHER, _SYMBOL = "AaLOs"


@lru_cache(maxsize=8192)
def _script(c: str) -> str | None:
    """The class of a decoded character; None when no damaged text plausibly held it."""
    if c in chars.PLAUSIBLE_ARABIC:
        return _ARABIC if unicodedata.category(c).startswith("L") else _ARABIC_OTHER
    if c in chars.PLAUSIBLE_LATIN or c in chars.RARE_LATIN:
        return _LATIN
    if c in chars.PLAUSIBLE_OTHER_LETTERS:
        return _OTHER
    if c in chars.PLAUSIBLE_SYMBOLS:
        return _SYMBOL
    return None


def _foreign_letter(c: str) -> bool:
    return c.isalpha() and not c.isascii()


@dataclass(frozen=True)
class Repair:
    """One repaired run: where it was, what it was and became, and whether it is strong."""

    start: int
    end: int
    old: str
    new: str
    strong: bool

    @property
    def code_page(self) -> str:
        """``windows-1256`` if the run has a character only that page has, else ``windows-1252``."""
        return "windows-1256" if any(c in chars.CP1256_ONLY for c in self.old) else "windows-1252"


def judge(text: str, start: int, end: int) -> Repair | None:
    """The repair of the run ``text[start:end]`` on its own, weak or strong; None if rejected.

    Looks at the run and at the characters touching it (``Repair.strong``
    says whether it needs a strong neighbour).
    """
    old = text[start:end]
    if not _whole(text, start, end):
        return None
    new = decode_run(old)
    if new is None:
        return None
    scripts = set()
    for c in new:
        s = _script(c)
        if s is None:
            return None
        scripts.add(s)
    if any(c in chars.RARE_LATIN for c in new) and any(c in chars.CP1256_ONLY for c in old):
        return None  # Urdu بڑا with a quotation mark would read as Romanian Țǔ
    if _ARABIC in scripts and (_LATIN in scripts or _OTHER in scripts):
        return None
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    size = len(new.encode("utf-8", "surrogatepass"))
    latin = _LATIN in scripts
    if scripts & {_ARABIC, _OTHER} or (not latin and size < 3):
        if _foreign_letter(before) or _foreign_letter(after):
            return None  # the head or tail of a real word
    if latin and any(_foreign_letter(x) and _script(x) != _LATIN for x in (before, after)):
        return None
    strong = len(new) >= 2 or size >= 3
    if not strong and 0xA0 <= ord(new) <= 0x17F:
        strong = _ascii_alnum(before) or _ascii_alnum(after)  # cafÃ©, 25Â°C
    return Repair(start, end, old, new, strong)


def _ascii_alnum(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _whole(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole run: no unit ends right before or starts after it."""
    if UNIT.match(text, end):
        return False
    if start > 0 and text[start - 1] in _SHORT_HAH:
        return False
    return not any(start >= k and UNIT.fullmatch(text, start - k, start) for k in (2, 3, 4))


def _strong_near(text: str, start: int, end: int) -> bool:
    """Whether a strong run that would be repaired lies within ``GAP`` of ``text[start:end]``."""
    lo = max(0, start - GAP - MAX_RUN_CHARS - 8)
    hi = min(len(text), end + GAP + MAX_RUN_CHARS + 8)
    before = _LAST_BREAK.search(text, lo, start)  # the line only
    after = _FIRST_BREAK.search(text, end, hi)
    lo = before.end() if before else lo
    hi = after.start() if after else hi
    for m in RUN.finditer(text, lo, hi):
        s, e = m.span()
        if s > end + GAP:
            break
        if e < start - GAP or s == start:
            continue
        found = judge(text, s, e)
        if found is not None and found.strong:
            return True
    return False


def run_matches(text: str, pos: int = 0) -> Iterator[Any]:
    """The matches of ``RUN`` in ``text`` from ``pos``: those ``RUN.finditer`` gives.

    Every run holds a continuation character and only characters of the
    damage, so the pattern is run only over the stretches of such characters
    that hold a continuation, from a character outside them to the next (it
    looks neither behind a match nor past one of those). Arabic text is
    mostly letters that may start a unit: searched everywhere, the pattern
    would try at each of them.
    """
    run = RUN.get()
    at = pos
    while True:
        found = _CONTINUATION.search(text, at)
        if found is None:
            return
        inside = found.start()
        before = _LAST_OUTSIDE.search(text, at, inside)
        after = _NEXT_OUTSIDE.search(text, inside)
        start = before.end() if before is not None else at
        end = after.start() if after is not None else len(text)
        yield from run.finditer(text, start, end)
        at = end


def replace_run(m: Any) -> str:
    """Replacement of one run: its repair, or the run as it was."""
    text: str = m.string
    start, end = m.span()
    found = judge(text, start, end)
    if found is None or not (found.strong or _strong_near(text, start, end)):
        return str(m.group())
    return found.new


def repairs(text: str) -> list[Repair]:
    """Every repair ``repair`` makes in ``text``, in order.

    The same decisions as ``replace_run`` makes match by match, in one sweep:
    each run is judged once, and a weak run looks among the judged runs
    beside it for a strong one (at most ``GAP`` away, with no line break or
    space between two words in between).
    """
    runs = [m.span() for m in run_matches(text)]
    judged = [judge(text, s, e) for s, e in runs]
    out: list[Repair] = []
    for i, found in enumerate(judged):
        if found is None:
            continue
        if found.strong or _strong_beside(text, runs, judged, i):
            out.append(found)
    return out


def _strong_beside(
    text: str, runs: list[tuple[int, int]], judged: list[Repair | None], i: int
) -> bool:
    start, end = runs[i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(runs):
            s, e = runs[j]
            if (step < 0 and e < start - GAP) or (step > 0 and s > end + GAP):
                break
            between = (e, start) if step < 0 else (end, s)
            if "\n" in text[between[0] : between[1]]:
                break
            found = judged[j]
            if found is not None and found.strong:
                return True
            j += step
    return False


def repair(text: str) -> str:
    """``text`` with every damaged run repaired (one pass; lines are independent)."""
    pieces: list[str] = []
    last = 0
    for found in repairs(text):
        pieces.append(text[last : found.start])
        pieces.append(found.new)
        last = found.end
    pieces.append(text[last:])
    return "".join(pieces)


# --- finding candidate lines fast -------------------------------------------------------

_LEAD, _CONT, _HAH, _ALNUM, _ARABIC_LETTER = 1, 2, 4, 8, 16
_COMMON_FIRST = ord(chars.HAMZA)  # the Arabic letters and harakat, U+0621-U+0652:
_COMMON_SPAN = ord(chars.SUKUN) - ord(chars.HAMZA)  # none is a continuation


@lru_cache(maxsize=1)
def _tables() -> tuple[Any, Any, Any, Any]:
    """Role bits and byte value per UTF-16 code unit, and which decoded code points may pass.

    A code point may pass when it is plausible or is itself a character of
    the damage (so that a run of them may be decoded again).
    """
    import numpy as np

    roles = np.zeros(65536, dtype=np.uint8)
    values = np.zeros(65536, dtype=np.uint8)
    for c, byte in _BYTE.items():
        cp = ord(c)
        if cp >= 0x10000:
            continue
        values[cp] = byte
        if 0xC2 <= byte <= 0xF4:
            roles[cp] |= _LEAD
        elif 0x80 <= byte <= 0xBF:
            roles[cp] |= _CONT
    for c in _SHORT_HAH:
        roles[ord(c)] |= _HAH
    for c in chars.ASCII_LETTERS | frozenset(chars.ASCII_DIGITS):
        roles[ord(c)] |= _ALNUM
    for c in chars.ARABIC_LETTERS:
        roles[ord(c)] |= _ARABIC_LETTER
    passes = np.zeros(65536, dtype=bool)
    plausible = (
        chars.PLAUSIBLE_ARABIC
        | chars.PLAUSIBLE_LATIN
        | chars.RARE_LATIN
        | chars.PLAUSIBLE_OTHER_LETTERS
        | chars.PLAUSIBLE_SYMBOLS
        | frozenset(_BYTE)
    )
    passes[np.array([ord(c) for c in plausible if ord(c) < 0x10000], dtype=np.int64)] = True
    # letters a run decodes to for good (not damage to decode again): beside an
    # Arabic letter, a run holding one is the tail of a real word (check 4)
    letters = (
        chars.PLAUSIBLE_LATIN
        | chars.RARE_LATIN
        | chars.PLAUSIBLE_OTHER_LETTERS
        | (chars.PLAUSIBLE_ARABIC & chars.ARABIC_LETTERS)
    ) - frozenset(_BYTE)
    passes = passes.astype(np.uint8)
    passes[np.array([ord(c) for c in letters if ord(c) < 0x10000], dtype=np.int64)] |= 2
    arabic = (chars.PLAUSIBLE_ARABIC & chars.ARABIC_LETTERS) - frozenset(_BYTE)
    passes[np.array([ord(c) for c in arabic if ord(c) < 0x10000], dtype=np.int64)] |= 4
    return roles, values, passes, (roles & _CONT) != 0


def strong_candidates(text: str) -> list[int]:
    """Positions (in ``text``) of units that may belong to a strong repaired run.

    Every line that ``repair`` changes holds a strong run, and every strong
    run holds a unit ``u`` whose first decoding is plausible or damaged
    again (otherwise the run is rejected) and that: is three or four bytes
    long; or is next to another such unit or to a short unit; or is the two
    bytes of U+00A0-U+017F glued to an ASCII letter or digit. Two
    vectorized passes find every continuation character (a few in a hundred
    characters of clean Arabic) and keep those after a lead; the rest is
    checked at those few places only.
    """
    import numpy as np

    from arabnorm.fasttable import code_units

    pairs_in_units = False
    try:
        units = code_units(text)  # shared with the table that runs next
        if units.dtype.itemsize == 4:  # beyond the BMP: no role there
            units = np.minimum(units, 0xFFFF).astype(np.uint16)
    except UnicodeEncodeError:  # lone surrogates (from --errors surrogateescape)
        units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype=np.uint16)
        pairs_in_units = len(units) != len(text)
    found = candidates_at(units, continuations(units))
    if found and pairs_in_units:
        # a character beyond the BMP is two code units: count the pairs back out
        pairs = np.flatnonzero(((units[:-1] & 0xFC00) == 0xD800) & ((units[1:] & 0xFC00) == 0xDC00))
        return (np.array(found) - np.searchsorted(pairs, found)).tolist()  # type: ignore[no-any-return]
    return found


def continuations(units: Any) -> Any:
    """Positions of the units that may continue a UTF-8 sequence (``CONTINUATIONS``)."""
    import numpy as np

    _roles, _values, _passes, is_cont = _tables()
    # Continuations lie outside the Arabic letters and harakat (U+0621-U+0652)
    # and ASCII, where nearly all of an Arabic text does: two comparisons
    # narrow the places to look up (cheaper than a lookup of every unit).
    rare = np.flatnonzero(((units - np.uint16(_COMMON_FIRST)) > _COMMON_SPAN) & (units >= 0x80))
    return rare[is_cont.take(units.take(rare))]


@lru_cache(maxsize=1)
def continuation_chars() -> frozenset[str]:
    """The characters (of the BMP) that stand for a UTF-8 continuation byte in some code
    page: every repaired run holds one."""
    return frozenset(c for c, byte in _BYTE.items() if ord(c) < 0x10000 and 0x80 <= byte <= 0xBF)


def candidates_at(units: Any, conts: Any) -> list[int]:
    """``strong_candidates`` in code units, from the UTF-16 ``units`` of a text and the
    positions ``conts`` of every continuation character in them (in order)."""
    import numpy as np

    roles, values, passes, _is_cont = _tables()
    n = len(units)
    conts = conts[conts > 0]
    if conts.size == 0:
        return []
    idx = conts[(roles.take(units.take(conts - 1)) & _LEAD) != 0] - 1
    if idx.size == 0:
        return []

    def role(pos: Any) -> Any:
        got = roles.take(units.take(np.clip(pos, 0, n - 1)))
        return np.where((pos >= 0) & (pos < n), got, 0)

    b0 = values.take(units.take(idx)).astype(np.int32)
    b1 = values.take(units.take(idx + 1)).astype(np.int32)
    long_lead = b0 >= 0xE0
    kind = passes.take(((b0 & 0x1F) << 6) | (b1 & 0x3F))
    # Most of these are an Arabic letter before a closing quote (ة”, ر» ) in
    # clean text: drop at once what can neither be a hit below nor make one.
    # A long lead needs the continuation after it (or is what is left of ”);
    # a two-byte unit must decode to something plausible and have what makes
    # a short unit a hit, or its neighbour one: a unit that may start right
    # after it or end right before it, glue to an ASCII letter or digit
    # (C2-C5), or a short ح beside it.
    after = role(idx + 2)
    two = ((kind & 1) != 0) & (
        ((after & (_LEAD | _HAH)) != 0)
        | ((b0 >= 0xC2) & (b0 <= 0xC5))
        | ((role(idx - 1) & (_HAH | _CONT)) != 0)
    )
    if long_lead.any():
        cont2 = (after & _CONT) != 0
        viable = np.where(long_lead, cont2 | ((b0 == 0xE2) & (b1 == 0x80)), two)
    else:
        viable = two
    if not viable.all():
        idx, b0, b1, long_lead, kind = (a[viable] for a in (idx, b0, b1, long_lead, kind))
        if idx.size == 0:
            return []
    ok = ~long_lead & ((kind & 1) != 0)
    letter = ~long_lead & ((kind & 2) != 0)
    foreign = letter & ((kind & 4) == 0)  # a letter of another script than Arabic
    if long_lead.any():
        # three or four bytes, or what is left of ” (E2 80) once its last byte went
        cont2 = (role(idx + 2) & _CONT) != 0
        b2 = values.take(units.take(np.clip(idx + 2, 0, n - 1))).astype(np.int32)
        three = long_lead & (b0 < 0xF0) & cont2
        three &= ((b0 != 0xE0) | (b1 >= 0xA0)) & ((b0 != 0xED) | (b1 < 0xA0))
        cp3 = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F)
        four = (b0 >= 0xF0) & cont2 & ((role(idx + 3) & _CONT) != 0)
        short_quote = (b0 == 0xE2) & (b1 == 0x80) & ~cont2
        kind3 = passes.take(cp3 & 0xFFFF)
        ok |= (three & ((kind3 & 1) != 0)) | four | short_quote
        letter |= three & ((kind3 & 2) != 0)
        foreign |= three & ((kind3 & 6) == 2)
        length = np.where(three, 3, np.where(four, 4, 2))
        strong = three | four
    else:
        length = np.full(idx.shape, 2)
        strong = np.zeros(idx.shape, dtype=bool)
    idx, length, strong, b0 = idx[ok], length[ok], strong[ok], b0[ok]
    letter, foreign = letter[ok], foreign[ok]
    if idx.size == 0:
        return []
    end = idx + length

    def starts_after_word(pos: Any) -> Any:
        """An Arabic letter before ``pos`` that no unit ends with: a run starts here, in a word."""
        before = role(pos - 1)
        return ((before & _ARABIC_LETTER) != 0) & ((before & (_CONT | _HAH)) == 0)

    after_word = starts_after_word(idx)
    following = np.minimum(np.searchsorted(idx, end), idx.size - 1)
    hit = strong | (idx.take(following) == end)  # a long unit, or another unit right after
    glue = (b0 >= 0xC2) & (b0 <= 0xC5) & (length == 2)
    hit |= glue & (((role(idx - 1) | role(end)) & _ALNUM) != 0)
    hit &= ~(letter & after_word)
    # a short ح after (the run ends with it, so the repair holds ح) or before
    # (the next unit's letter then comes out beside ح): never beside another script
    short_after = ((role(end) & _HAH) != 0) & ((role(end + 1) & _CONT) == 0)
    hit |= short_after & ~after_word & ~foreign
    hit |= ((role(idx - 1) & _HAH) != 0) & ~starts_after_word(idx - 1) & ~foreign
    return [int(p) for p in idx[hit].tolist()]


def damaged_lines(text: str) -> int:
    """How many lines of ``text`` ``repair`` changes.

    >>> damaged_lines("مرحبا\\nظ…ط±ط­ط¨ط§\\nÙ…Ø±Ø­Ø¨Ø§\\n")
    2
    """
    found = strong_candidates(text) if len(text) >= 256 else None
    if found is None:
        return sum(1 for line in text.split("\n") if repair(line) != line)
    n = 0
    done = -1
    for p in found:
        if p <= done:
            continue
        start = text.rfind("\n", 0, p) + 1
        end = text.find("\n", p)
        end = len(text) if end < 0 else end
        line = text[start:end]
        n += repair(line) != line
        done = end
    return n
