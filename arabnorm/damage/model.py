"""What Arabic looks like: letter pairs and common words, from text we may ship.

Two small tables in ``arabnorm/data``, built by ``scripts/build_arabic_model.py``
from the sample articles in ``seeds/`` and the sentences the project wrote
itself in ``scripts/data/arabic_text.txt`` (see ``arabnorm/data/README.md``):

- letter pairs: how often each Arabic letter follows another inside a word,
  with ``#`` for the start and end of a word;
- words: each word seen, with its count.

``LetterModel.pair(a, b)`` is a smoothed log probability of ``b`` after
``a``. The encoding detector scores how Arabic a decoding reads, and the
visual-order detector compares a word read forwards and backwards::

    >>> m = letter_model()
    >>> m.word_score("الكتاب") > m.word_score("باتكلا")
    True

Presentation forms and harakat are not in the tables: ``letters_of`` folds a
text to the letters the tables know before it is scored.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from arabnorm import chars
from arabnorm.datafiles import read_data

BOUNDARY = "#"
"""Stands for the start and the end of a word in the letter pairs."""

LETTERS = chars.BASIC_LETTERS | chars.PERSIAN_URDU_LETTERS
"""The letters the model knows: the basic Arabic letters and the Persian/Urdu ones."""

PAIRS_FILE = "arabic_letter_pairs.tsv"
WORDS_FILE = "arabic_words.tsv"
SMOOTHING = 0.5


def _data_lines(name: str) -> list[list[str]]:
    text = read_data(name)
    return [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("%")]


@lru_cache(maxsize=256)
def _fold(c: str) -> str:
    """A presentation form as its letters; other characters as they are."""
    cp = ord(c)
    if any(first <= cp <= last for first, last in chars.PRESENTATION_FORM_RANGES):
        return unicodedata.normalize("NFKC", c)
    return c


def letters_of(text: str) -> list[str]:
    """The Arabic words of ``text`` as the model sees them.

    Presentation forms become their letters, marks and tatweel are skipped,
    and anything else that is not a letter of ``LETTERS`` ends a word.

    >>> letters_of("الكِتَابُ، ﻛﺘﺎﺏ")
    ['الكتاب', 'كتاب']
    """
    words: list[str] = []
    cur: list[str] = []
    for c in text:
        for f in _fold(c) if c not in LETTERS else c:
            if f in LETTERS:
                cur.append(f)
            elif f in chars.ARABIC_MARKS or f == chars.TATWEEL:
                continue
            elif cur:
                words.append("".join(cur))
                cur = []
    if cur:
        words.append("".join(cur))
    return words


@dataclass(frozen=True)
class LetterModel:
    """Smoothed log probabilities of letter pairs, and word counts."""

    logp: dict[tuple[str, str], float]
    floor: dict[str, float]
    words: dict[str, int]

    def pair(self, a: str, b: str) -> float:
        """log P(b | a); ``#`` is a word boundary."""
        got = self.logp.get((a, b))
        return got if got is not None else self.floor.get(a, -10.0)

    def word_score(self, word: str) -> float:
        """log P of ``word`` between two word boundaries."""
        s = self.pair(BOUNDARY, word[0]) if word else 0.0
        for a, b in itertools.pairwise(word):
            s += self.pair(a, b)
        return s + (self.pair(word[-1], BOUNDARY) if word else 0.0)

    def count(self, word: str) -> int:
        """How often ``word`` was seen (0 if never)."""
        return self.words.get(word, 0)


@lru_cache(maxsize=1)
def letter_model() -> LetterModel:
    """The shipped model, loaded once."""
    counts: dict[tuple[str, str], int] = {}
    for a, b, n in _data_lines(PAIRS_FILE):
        counts[(a, b)] = int(n)
    symbols = sorted(LETTERS | {BOUNDARY})
    totals: dict[str, int] = dict.fromkeys(symbols, 0)
    for (a, _), count in counts.items():
        totals[a] = totals.get(a, 0) + count
    v = len(symbols)
    logp = {
        (a, b): math.log((n + SMOOTHING) / (totals[a] + SMOOTHING * v))
        for (a, b), n in counts.items()
    }
    floor = {a: math.log(SMOOTHING / (totals[a] + SMOOTHING * v)) for a in symbols}
    words = {w: int(n) for w, n in _data_lines(WORDS_FILE)}
    return LetterModel(logp, floor, words)
