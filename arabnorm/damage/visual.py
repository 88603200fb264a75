"""Lines stored in visual order (as PDF extractors write them), found and put back.

A line is judged on its Arabic words (``judge``): read backwards, are they
more Arabic than read as they are? Four kinds of evidence add up:

- letter pairs: for each word, the log probability of the word reversed
  minus that of the word, from the shipped letter-pair model (word
  boundaries included, so a reversed article ``لا...`` at a word's end and a
  ة at a word's start count), per letter;
- words: the share of words the shipped word list knows only reversed,
  minus those it knows only as they are (weight ``WORDS_WEIGHT``);
- punctuation: a line that starts with ``. ، ؟ !`` and does not end with one
  (+0.5), or the other way round (-0.5);
- hard evidence: a word that starts with ة or ى (and does not end with one)
  is reversed; one that ends with it is not.

A line is visual when it has at least ``MIN_LETTERS`` letters, scores more
than ``THRESHOLD`` and its hard evidence is not against it; lines of fewer
than eight letters need positive hard evidence or twice the threshold. Its
logical order is then found with ``arabnorm.damage.bidi.restore``.

>>> from arabnorm.damage.bidi import display
>>> line = "قال الرئيس إن المدرسة الجديدة ستفتح غدا."
>>> judge(display(line)).visual, judge(line).visual
(True, False)
>>> fix_line(display(line)) == line
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import regex

from arabnorm import chars
from arabnorm.damage.bidi import restore
from arabnorm.damage.model import BOUNDARY, LETTERS, letter_model, letters_of

THRESHOLD = 0.75
"""Nats per letter (with the word and punctuation terms) above which a line is visual."""
WORDS_WEIGHT = 2.0
MIN_LETTERS = 4
PUNCTUATION_WEIGHT = 0.5
MAX_EXTRA = WORDS_WEIGHT + PUNCTUATION_WEIGHT
"""The most the word and punctuation terms can add to the letter-pair term."""

_EDGE_MARKS = frozenset(
    {
        chars.QUOTATION_MARK,
        chars.APOSTROPHE,
        *chars.DOUBLE_QUOTES,
        *chars.SINGLE_QUOTES,
        *chars.MIRRORS,
        chars.LRM,
        chars.RLM,
    }
)


@dataclass(frozen=True)
class Verdict:
    """Whether a line is visual, with its score, letters and hard evidence."""

    visual: bool
    score: float
    letters: int
    hard: int


def _pair_score(word: str) -> float:
    """log P(word reversed) - log P(word)."""
    m = letter_model()
    return m.word_score(word[::-1]) - m.word_score(word)


def _word_evidence(words: Sequence[str]) -> float:
    m = letter_model()
    forward = backward = 0
    for w in words:
        if len(w) < 2:
            continue
        known, known_reversed = m.count(w) > 0, m.count(w[::-1]) > 0
        if known and not known_reversed:
            forward += 1
        elif known_reversed and not known:
            backward += 1
    return (backward - forward) / max(len(words), 1)


def _punctuation_evidence(line: str) -> float:
    core = line.strip().strip("".join(_EDGE_MARKS) + " ")
    if not core:
        return 0.0
    first = core[0] in chars.SENTENCE_END_PUNCTUATION
    last = core[-1] in chars.SENTENCE_END_PUNCTUATION
    if first and not last:
        return PUNCTUATION_WEIGHT
    return -PUNCTUATION_WEIGHT if last and not first else 0.0


def _hard_evidence(words: Sequence[str]) -> int:
    found = 0
    for w in words:
        if len(w) < 2:
            continue
        if w[0] in chars.NEVER_WORD_INITIAL and w[-1] not in chars.NEVER_WORD_INITIAL:
            found += 1
        elif w[-1] in chars.NEVER_WORD_INITIAL and w[0] not in chars.NEVER_WORD_INITIAL:
            found -= 1
    return found


def judge(line: str) -> Verdict:
    """Whether ``line`` (one line, no line break) is in visual order."""
    words = letters_of(line)
    n = sum(len(w) for w in words)
    if not n:
        return Verdict(False, 0.0, 0, 0)
    score = sum(_pair_score(w) for w in words) / n
    score += WORDS_WEIGHT * _word_evidence(words) + _punctuation_evidence(line)
    hard = _hard_evidence(words)
    visual = n >= MIN_LETTERS and score > THRESHOLD and hard >= 0
    if visual and n < 8 and hard <= 0:
        visual = score > 2 * THRESHOLD
    return Verdict(visual, score, n, hard)


# --- lam-alef -----------------------------------------------------------------------

_ALEF_LAM = regex.compile(f"{chars.char_class(chars.LAM_ALEF_ALEFS)}{chars.char_class(chars.LAM)}")
_ARABIC_WORD = regex.compile(f"{chars.char_class(chars.ARABIC_WORD_CHARS)}++")
MAX_LAM_ALEFS = 4


def _letters(word: str) -> str:
    return "".join(c for c in word if c in LETTERS)


_PROCLITICS = frozenset("وفبك")
"""One-letter words written onto the next (و ف ب ك): an article may follow them."""
_KEPT_LIGATURE = regex.compile(
    f"(?<!{chars.char_class(chars.ARABIC_WORD_CHARS)})"
    f"(?:{chars.char_class({chars.ALEF})}{_ALEF_LAM.pattern}"
    f"|{_ALEF_LAM.pattern}(?!{chars.char_class(chars.ARABIC_WORD_CHARS)}))"
)
"""A word that starts with alef, then alef and lam (the article, then a ligature: االجتماع),
or the word ال alone (the ligature لا): Arabic has neither, so the extractor kept ligatures."""


def _fix_word(word: str, sure: bool, counts: Any = None) -> str:
    spots = [m.start() for m in _ALEF_LAM.finditer(word)]
    if not spots or len(spots) > MAX_LAM_ALEFS:
        return word
    candidates: list[tuple[str, bool]] = []  # (word, swaps an article)
    for k in range(len(spots) + 1):
        for chosen in itertools.combinations(spots, k):
            c = list(word)
            for i in chosen:
                c[i], c[i + 1] = c[i + 1], c[i]
            article = any(i == 0 or (i == 1 and word[0] in _PROCLITICS) for i in chosen)
            candidates.append(("".join(c), article))
    m = letter_model()
    count = m.count if counts is None else lambda w: counts.get(w, 0.0)
    known = max((count(_letters(c)), -i) for i, (c, _) in enumerate(candidates))
    if known[0] > 0:
        return candidates[-known[1]][0]
    # unknown words: the model decides, and an article at a word's start stays one
    base = m.word_score(_letters(word))
    best = max(
        (m.word_score(_letters(c)), -i)
        for i, (c, article) in enumerate(candidates)
        if not (article and len(word) > 2)
    )
    margin = 0.0 if sure else 1.0
    return candidates[-best[1]][0] if best[0] > base + margin else word


def fix_lam_alef(text: str, counts: Any = None) -> str:
    """Swap back lam-alef pairs an extractor left in logical order inside reversed words.

    A lam-alef ligature is one glyph in a PDF, so an extractor writes its
    two letters in logical order inside a word it otherwise reverses:
    دولار comes back as دوالر. Per word, each alef+lam pair may be swapped;
    a swap the word list knows wins, else the letter-pair model must prefer
    it clearly. When the line shows that its extractor kept ligatures (a word
    starting with اال or األ, or ال alone), the model's preference suffices,
    and an article at the start of a word stays. ``counts`` (word -> count
    or frequency) replaces the shipped word list, e.g. wordfreq's.
    """
    sure = _KEPT_LIGATURE.search(text) is not None
    return str(_ARABIC_WORD.sub(lambda m: _fix_word(m.group(), sure, counts), text))


def word_frequencies() -> dict[str, float]:
    """wordfreq's Arabic list, for ``lam-alef=wordfreq`` (needs ``arabnorm[clitics]``)."""
    from arabnorm.clitics import load_wordfreq

    return load_wordfreq()


MAX_LINE = 1 << 16
"""Longer lines are never judged visual (an extracted PDF line is short); they stream."""


def fix_line(line: str, lam_alef: bool | str = False) -> str:
    """``line`` in logical order if it is visual; otherwise ``line`` itself.

    Spaces at either end stay where they are.
    """
    if len(line) > MAX_LINE or not judge(line).visual:
        return line
    core = line.strip()
    start = line.index(core[0])
    fixed = restore(core)
    if lam_alef:
        fixed = fix_lam_alef(fixed, word_frequencies() if lam_alef == "wordfreq" else None)
    return line[:start] + fixed + line[start + len(core) :]


def _fix_piece(line: str, lam_alef: bool | str) -> str:
    body = line[:-1] if line.endswith("\r") else line
    return fix_line(body, lam_alef) + line[len(body) :]


def fix_text(text: str, lam_alef: bool | str = False) -> str:
    """Every visual line of ``text`` put back in logical order (``\\r`` stays a terminator).

    Long blocks are first narrowed to the lines that can be visual with one
    vectorized pass (``maybe_visual_lines``).
    """
    lines = text.split("\n")
    if len(text) >= 2048:
        from arabnorm.compiler import vectorized

        if vectorized():
            for i in maybe_visual_lines(text):
                lines[i] = _fix_piece(lines[i], lam_alef)
            return "\n".join(lines)
    return "\n".join(_fix_piece(ln, lam_alef) for ln in lines)


class LineFeed:
    """``fix_text`` over one line given in pieces, in bounded memory.

    A line longer than ``MAX_LINE`` is never visual, so once that much has
    been gathered without the line ending, the pieces go through as they
    come.
    """

    def __init__(self, lam_alef: bool | str) -> None:
        self.lam_alef = lam_alef
        self.parts: list[str] = []
        self.size = 0
        self.passing = False

    def feed(self, text: str, final: bool) -> str:
        if self.passing:
            if final:
                self.passing = False
            return text
        self.parts.append(text)
        self.size += len(text)
        if final or self.size > MAX_LINE + 2:
            whole = "".join(self.parts)
            self.parts, self.size = [], 0
            self.passing = not final
            return fix_text(whole, self.lam_alef) if final else whole
        return ""


# --- the letter-pair term for a whole block at once ------------------------------------

_MULTI = 0xFFFE
_DROP = 0xFFFF


@lru_cache(maxsize=1)
def _tables() -> tuple[Any, Any, int]:
    """Code unit -> symbol index (0: word boundary), and the antisymmetric pair matrix."""
    import numpy as np

    from arabnorm.damage.model import _fold

    symbols = [BOUNDARY, *sorted(LETTERS)]
    index = {s: i for i, s in enumerate(symbols)}
    codes = np.zeros(65536, dtype=np.uint16)
    for cp in range(65536):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if c in LETTERS:
            codes[cp] = index[c]
        elif c in chars.ARABIC_MARKS or c == chars.TATWEEL:
            codes[cp] = _DROP
        elif any(first <= cp <= last for first, last in chars.PRESENTATION_FORM_RANGES):
            folded = _fold(c)
            if (folded != c and len(folded) > 1) or any(
                f in chars.ARABIC_MARKS or f == chars.TATWEEL for f in folded
            ):
                codes[cp] = _MULTI
            elif folded in LETTERS:
                codes[cp] = index[folded]
    m = letter_model()
    size = len(symbols)
    pairs = np.zeros((size, size), dtype=np.float64)
    for i, a in enumerate(symbols):
        for j, b in enumerate(symbols):
            pairs[i, j] = m.pair(b, a) - m.pair(a, b)
    return codes, pairs.ravel(), size


def maybe_visual_lines(text: str) -> list[int]:
    """Indices of the lines of ``text`` that ``judge`` might call visual.

    The letter-pair term is summed for every line with a few array
    operations; a line whose term is below ``THRESHOLD - MAX_EXTRA`` per
    letter cannot reach the threshold whatever the other terms say (a small
    margin covers the order of floating-point sums). Lines holding a
    ligature of several letters are always kept.
    """
    import numpy as np

    codes, pairs, size = _tables()
    units = np.frombuffer(("\n" + text + "\n").encode("utf-16-le", "surrogatepass"), np.uint16)
    c = codes.take(units)
    newline = units == 0x0A
    line_of = np.cumsum(newline) - 1  # the line each unit belongs to (the first \n: -1)
    keep = c != _DROP
    c, line_of, newline = c[keep], line_of[keep], newline[keep]
    multi = c == _MULTI
    c = np.where(multi, 0, c).astype(np.int64)
    lines = int(newline.sum()) - 1
    contrib = pairs.take(c[:-1] * size + c[1:])
    owner = line_of[1:]  # a pair belongs to the line of its second symbol...
    owner = np.where(newline[1:], owner - 1, owner)  # ...or of the line a \n closes
    total = np.bincount(owner, weights=contrib, minlength=lines)[:lines]
    letters = np.bincount(line_of[c > 0], minlength=lines)[:lines]
    has_multi = np.bincount(line_of[multi], minlength=lines)[:lines] > 0
    bound = (THRESHOLD - MAX_EXTRA) * letters - 1e-6 * (1 + np.abs(total))
    maybe = has_multi | ((letters >= MIN_LETTERS) & (total > bound))
    return [int(i) for i in np.flatnonzero(maybe).tolist()]


def visual_lines(text: str) -> int:
    """How many lines of ``text`` ``judge`` calls visual (those ``fix_text`` reorders)."""
    lines = text.split("\n")
    if len(text) >= 2048:
        from arabnorm.compiler import vectorized

        if vectorized():
            return sum(_is_visual(lines[i]) for i in maybe_visual_lines(text))
    return sum(_is_visual(line) for line in lines)


def _is_visual(line: str) -> bool:
    body = line[:-1] if line.endswith("\r") else line
    return len(body) <= MAX_LINE and judge(body).visual
