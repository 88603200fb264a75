"""The token filters of Lucene's Arabic and Persian analyzers, one function or table each.

- ``LOWER_DIGITS``: ``LowerCaseFilter`` then ``DecimalDigitFilter`` as one
  ``str.translate`` table. Both use the JVM's Unicode data (Java 17: Unicode
  13.0), shipped as ``arabnorm/data/java_lowercase.tsv`` and
  ``java_digits.tsv``, not Python's: ``İ`` lowercases to ``i``, a final sigma
  stays ``σ``, and digits added after Unicode 13 stay as they are.
- ``ARABIC_NORMALIZER``, ``PERSIAN_NORMALIZER``: ``ArabicNormalizer`` and
  ``PersianNormalizer``, each a table of single characters.
- ``stop_words``: the lists ``ArabicAnalyzer`` and ``PersianAnalyzer`` ship
  (Jacques Savoy, BSD licence; the files keep their notice), or a file.
- ``stem`` / ``stem_cuts``: ``ArabicStemmer``, the light10 stemmer of
  Larkey, Ballesteros and Connell (2002): at most one article or conjunction
  off the front, then the suffixes off the end, in order.

>>> stem("والكتابان"), stem("زوجها"), stem("الو")
('كتاب', 'زوج', 'الو')
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from arabnorm import chars
from arabnorm.datafiles import read_data
from arabnorm.errors import FileAccessError

STOP_LISTS = {"arabic": "lucene_stopwords_ar.txt", "persian": "lucene_stopwords_fa.txt"}
"""The shipped stop lists by name."""


def _hex_rows(name: str) -> list[list[int]]:
    rows = []
    for line in read_data(name).splitlines():
        if line and not line.startswith("#"):
            rows.append([int(field, 16) for field in line.split("\t")])
    return rows


@lru_cache(maxsize=1)
def java_lowercase() -> dict[int, str]:
    """Java 17's ``Character.toLowerCase(int)`` where it changes the code point."""
    return {cp: chr(lower) for cp, lower in _hex_rows("java_lowercase.tsv")}


@lru_cache(maxsize=1)
def java_digits() -> dict[int, str]:
    """Every Java 17 decimal digit above U+007F, to the ASCII digit of its value."""
    out: dict[int, str] = {}
    for (zero,) in _hex_rows("java_digits.tsv"):
        for value in range(10):
            if zero + value > 0x7F:
                out[zero + value] = chr(0x30 + value)
    return out


@lru_cache(maxsize=1)
def lower_digits() -> dict[int, str]:
    """``LowerCaseFilter`` then ``DecimalDigitFilter``, as one translate table.

    The two never meet: no lowercase letter is a digit and no digit has a
    lowercase, so one pass does both.
    """
    lower, digits = java_lowercase(), java_digits()
    assert lower.keys().isdisjoint(digits)
    return {**lower, **digits}


def _table(pairs: dict[str, str]) -> dict[int, str]:
    return {ord(k): v for k, v in pairs.items()}


ARABIC_NORMALIZER: dict[int, str] = _table(
    {
        **dict.fromkeys(chars.LUCENE_ALEFS, chars.ALEF),
        chars.ALEF_MAKSURA: chars.YEH,
        chars.TEH_MARBUTA: chars.HEH,
        **dict.fromkeys(chars.LUCENE_DELETED, ""),
    }
)
"""Lucene's ``ArabicNormalizer``: آ أ إ to ا, ى to ي, ة to ه; tatweel and U+064B..U+0652 go."""

PERSIAN_NORMALIZER: dict[int, str] = _table(
    {
        **dict.fromkeys(chars.PERSIAN_YEHS, chars.YEH),
        chars.KEHEH: chars.KAF,
        **dict.fromkeys(chars.PERSIAN_HEHS, chars.HEH),
        chars.HAMZA_ABOVE: "",
    }
)
"""Lucene's ``PersianNormalizer``: ی ے to ي, ک to ك, ۀ ہ to ه; the combining hamza goes."""


def translate_table(mapping: dict[int, str]) -> dict[int, str | None]:
    """``mapping`` for ``str.translate`` (deletions as ``None``)."""
    return {k: (v or None) for k, v in mapping.items()}


# --- stop words ----------------------------------------------------------------------

_TRIM = "".join(map(chr, range(0x21)))  # Java's String.trim(): every char <= U+0020


def parse_word_list(text: str, keep_blank: bool = False) -> frozenset[str]:
    """The words of a list: one per line, lines starting with ``#`` skipped.

    Each line is trimmed of control characters and spaces at both ends, as
    Lucene's ``WordlistLoader`` does; a blank line is skipped unless
    ``keep_blank`` (Lucene would add the empty word).

    >>> sorted(parse_word_list("# comment\\nفي\\r\\n من \\n\\n"))
    ['في', 'من']
    """
    words = set()
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        word = line.strip(_TRIM)
        if word or keep_blank:
            words.add(word)
    return frozenset(words)


@lru_cache(maxsize=8)
def stop_words(name_or_path: str) -> frozenset[str]:
    """The stop list ``arabic`` or ``persian`` (Lucene's own), or the words of a file.

    A file is UTF-8 text in the same format as the shipped lists. One that
    cannot be read raises ``FileAccessError`` naming it.
    """
    shipped = STOP_LISTS.get(name_or_path)
    if shipped is not None:
        return parse_word_list(read_data(shipped))
    try:
        with open(name_or_path, encoding="utf-8") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        raise FileAccessError(
            f"{name_or_path}: the stop word list is not UTF-8 text (byte offset {exc.start})"
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FileAccessError(f"{name_or_path}: cannot read the stop word list: {reason}") from None
    return parse_word_list(text)


# --- the stemmer ---------------------------------------------------------------------

_A, _L, _W = chars.ALEF, chars.LAM, chars.WAW
PREFIXES = (
    _A + _L,
    _W + _A + _L,
    chars.BEH + _A + _L,
    chars.KAF + _A + _L,
    chars.FEH + _A + _L,
    _L + _L,
    _W,
)
"""Tried in this order; the first that applies is the only one removed."""
SUFFIXES = (
    chars.HEH + _A,
    _A + chars.NOON,
    _A + chars.TEH,
    _W + chars.NOON,
    chars.YEH + chars.NOON,
    chars.YEH + chars.HEH,
    chars.YEH + chars.TEH_MARBUTA,
    chars.HEH,
    chars.TEH_MARBUTA,
    chars.YEH,
)
"""Each tried once, in this order, on what is left: several may go."""
AFFIX_LETTERS = frozenset("".join(PREFIXES + SUFFIXES))
assert max(map(len, SUFFIXES)) <= 2  # stem_cuts_many reads the last two letters
"""Every letter the stemmer can remove."""


def _by_first(prefixes: tuple[str, ...]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Prefixes by their first letter, in order, with the length a word needs for each.

    Only ``و`` starts two of them, and ``وال`` comes first, so trying a
    word's first letter's prefixes in order is trying all of them in order.
    """
    out: dict[str, list[tuple[str, int]]] = {}
    for prefix in prefixes:
        out.setdefault(prefix[0], []).append((prefix, 4 if len(prefix) == 1 else len(prefix) + 2))
    return {k: tuple(v) for k, v in out.items()}


def _by_last(suffixes: tuple[str, ...]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Suffixes by their last letter, with their place in the order."""
    out: dict[str, list[tuple[int, str]]] = {}
    for i, suffix in enumerate(suffixes):
        out.setdefault(suffix[-1], []).append((i, suffix))
    return {k: tuple(v) for k, v in out.items()}


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each
_PREFIXES_BY_FIRST = _by_first(PREFIXES)
_SUFFIXES_BY_LAST = _by_last(SUFFIXES)


def stem_cuts(word: str) -> tuple[int, int]:
    """How many code points ``ArabicStemmer`` removes from the front and from the back.

    Lengths are counted in UTF-16 code units, as Lucene counts them: a
    prefix goes when at least two units remain after it (``و``: when the
    word has at least four), a suffix when at least two remain before it.
    Each suffix is tried once, in the order of ``SUFFIXES``, on what is left.

    >>> stem_cuts("وللمدرسة"), stem_cuts("ساهدهات")
    ((1, 1), (0, 3))
    """
    n = len(word)
    if _ASTRAL.search(word) is not None:
        n += len(_ASTRAL.findall(word))
    front = 0
    for prefix, need in _PREFIXES_BY_FIRST.get(word[:1], ()):
        if n >= need and word.startswith(prefix):
            front = len(prefix)
            n -= front
            break
    end = len(word)
    tried = -1  # suffixes up to this place in the order have had their turn
    while end > front:
        found = False
        for i, suffix in _SUFFIXES_BY_LAST.get(word[end - 1], ()):
            if i > tried and n >= len(suffix) + 2 and word.endswith(suffix, front, end):
                end -= len(suffix)
                n -= len(suffix)
                tried = i
                found = True
                break
        if not found:
            break
    return front, len(word) - end


def stem(word: str) -> str:
    """The stem ``ArabicStemmer`` gives for one word (a slice of it)."""
    front, back = stem_cuts(word)
    return word[front : len(word) - back]


def stem_cuts_many(units: Any, starts: Any, ends: Any) -> tuple[Any, Any]:
    """``stem_cuts`` for many words at once: ``units[starts[i]:ends[i]]`` (numpy arrays).

    The words' code units must all be in the BMP (one unit per code point).
    Returns the code points removed at the front and at the back of each.
    """
    import numpy as np

    padded = np.append(units, np.zeros(8, dtype=units.dtype))  # reads past the end stay inside
    # (a read before a word's start only matters for words too short to lose that affix)
    n = ends - starts
    heads = [padded.take(starts + j) for j in range(3)]
    front = np.zeros_like(n)
    open_ = np.ones(len(n), dtype=np.bool_)  # no prefix removed yet
    for prefix in PREFIXES:
        k = len(prefix)
        hit = open_ & (n >= (4 if k == 1 else k + 2))
        for j, ch in enumerate(prefix):
            hit &= heads[j] == ord(ch)
        front = np.where(hit, k, front)
        open_ &= ~hit
    n = n - front
    end = ends.copy()
    last = padded.take(end - 1)
    before = padded.take(end - 2)
    for suffix in SUFFIXES:
        k = len(suffix)
        hit = (n >= k + 2) & (last == ord(suffix[-1]))
        if k == 2:
            hit &= before == ord(suffix[0])
        if not hit.any():
            continue
        end = np.where(hit, end - k, end)
        n = np.where(hit, n - k, n)
        last = padded.take(end - 1)
        before = padded.take(end - 2)
    return front, ends - end
