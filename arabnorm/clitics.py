"""Clitic segmentation: split Arabic words into proclitics, stem and enclitic.

An Arabic orthographic word often packs several syntactic words: وبكتابه is
و + ب + كتاب + ه. UD Arabic treebanks (and most parsers, taggers and search
indexes trained on them) work on the split form. This module splits

* proclitics: the conjunctions و ف, the prepositions ب ل ك and the future
  marker س (in that order, at most one of each group);
* one pronoun enclitic: ه ها هما هم هن ك كما كم كن ي ني نا;

and leaves the article ال on its word. Pieces keep the surface characters
(للسلطة becomes ل + لسلطة, حكومته becomes حكومت + ه), so they always join back
to the word and character spans stay valid.

Why evidence and not prefixes: وزارة and وصل begin with و but are single
words. Each candidate analysis (proclitics + stem + enclitic) is scored with
word frequencies, and a split is taken only when

* the stem (read as a free word: حكومت -> حكومة, مستوا -> مستوى, علي -> على,
  لسلطة -> السلطة) is a known word that would not itself be split, and
* the whole word is not much commoner than the split explains:
  ``freq(word) <= ratio * freq(stem) * rate(clitics)``, where ``rate`` is how
  often each clitic attaches to a typical word (وزارة is 400 times commoner
  than زارة, so it stays whole; وقال is a fifth as common as قال, so it
  splits).

Three pieces of grammar add evidence: a proclitic before the article (وال,
بال, لل) is weighted up; no pronoun follows the article (الهاتفي stays whole);
a final ي/ني is an adjective ending, not "my"/"me", when the word's definite
or feminine form is common (عربي: العربي, عربية), and a final نا is an
accusative ending when the word without its ا is common (تحسنا). An unknown
word after a proclitic and the article is split (والمستشفيات).

The frequencies are wordfreq's Arabic list (code Apache-2.0, data CC BY-SA
4.0), a dependency of the optional extra ``arabnorm[clitics]``; nothing of it
is copied into arabnorm. Without it, building a segmenter raises
MissingResourceError naming the install command.

Example::

    >>> from arabnorm.clitics import segment
    >>> segment("وبكتابه")
    ['و', 'ب', 'كتاب', 'ه']
    >>> segment("وزارة")
    ['وزارة']

Decisions are cached per word type, so running text costs about one dict
lookup per token once the common words have been seen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from arabnorm import chars as c
from arabnorm.errors import MissingResourceError

__all__ = [
    "ENCLITICS",
    "Segmentation",
    "Segmenter",
    "default_segmenter",
    "fold_table",
    "load_wordfreq",
    "segment",
    "segment_spans",
    "segment_tokens",
    "split_token",
]

CONJUNCTIONS = (c.WAW, c.FEH)
PREPOSITIONS = (c.BEH, c.LAM, c.KAF)
FUTURE = c.SEEN
#: Pronoun enclitics, longest first.
ENCLITICS = (
    c.HEH + c.MEEM + c.ALEF,  # هما
    c.KAF + c.MEEM + c.ALEF,  # كما
    c.HEH + c.ALEF,  # ها
    c.HEH + c.MEEM,  # هم
    c.HEH + c.NOON,  # هن
    c.KAF + c.MEEM,  # كم
    c.KAF + c.NOON,  # كن
    c.NOON + c.YEH,  # ني
    c.NOON + c.ALEF,  # نا
    c.HEH,  # ه
    c.KAF,  # ك
    c.YEH,  # ي
)

# How often each clitic attaches to a word, relative to the bare word: for a
# typical word w, freq(clitic+w) ~ rate * freq(w). Medians of that ratio over
# the 5,000 commonest words of wordfreq's Arabic list (over the words where
# the combination occurs), rounded; scripts/clitic_rates.py recomputes them.
# ف is raised from its median (0.001) to 0.004: the median is taken over all
# words, but ف attaches mostly to particles and verbs (فإن, فقد, فقال); the
# value was chosen on the hand-labelled development set in benchmarks/data.
PROCLITIC_RATES: dict[str, float] = {
    c.WAW: 0.037,
    c.FEH: 0.004,
    c.BEH: 0.017,
    c.LAM: 0.016,
    c.KAF: 0.001,
    c.SEEN: 0.014,
    # ل before a word that starts with the article: للسلطة = ل + (ا)لسلطة.
    c.LAM + c.LAM: 0.035,
}
_LAM_ARTICLE = c.LAM + c.LAM
ENCLITIC_RATES: dict[str, float] = {
    c.HEH: 0.019,
    c.HEH + c.ALEF: 0.013,
    c.HEH + c.MEEM: 0.004,
    c.HEH + c.MEEM + c.ALEF: 0.0006,
    c.HEH + c.NOON: 0.0005,
    c.KAF: 0.003,
    c.KAF + c.MEEM: 0.001,
    c.KAF + c.MEEM + c.ALEF: 0.0002,
    c.KAF + c.NOON: 0.0003,
    c.YEH: 0.0055,
    c.NOON + c.YEH: 0.0016,
    c.NOON + c.ALEF: 0.003,
}
#: Default slack on the frequency test (see the module docstring).
DEFAULT_RATIO = 100.0
#: Extra weight of a proclitic before the article (بالسلطة, وال, لل): a
#: lexical word that begins with ب/و/ف/ك + ال is rare.
DEFAULT_ARTICLE_BOOST = 50.0
#: Extra weight of an enclitic split whose stem has three letters or more: a
#: long host that is a known word is rarely a coincidence (بلادنا, ساعدني),
#: while two-letter hosts are (بنك is not بن + ك).
DEFAULT_LONG_STEM_BOOST = 2.0
#: A two-letter stem counts only when it is at least this frequent: the
#: two-letter words that take clitics are particles (لم, في, قد, هو, أن, with
#: frequencies of 1e-4 and up), while rarer two-letter entries of the list
#: (عد, حر, طن) turn وعد, بحر, وطن into false splits.
SHORT_STEM_MIN_FREQ = 1e-4
#: ي/ني is an adjective ending, not "my"/"me", when the definite or feminine
#: form of the word (العربي, عربية) has at least this share of its frequency.
NISBA_SHARE = 0.5

# The future marker only comes before an imperfect verb: ي ت ن أ.
_IMPERFECT_INITIALS = frozenset((c.YEH, c.TEH, c.NOON, c.ALEF_HAMZA_ABOVE))
# ل + كن is almost always the word "but", never "to you (f. pl.)".
_LAKIN = c.LAM + c.KAF + c.NOON
_ARTICLE = c.ALEF + c.LAM
# Prepositions and particles that take pronoun enclitics, in the written form
# they have before one (على -> علي+ه). Exempt from the adjective checks below.
_PARTICLES = frozenset(
    (
        c.MEEM + c.NOON,  # من
        c.AIN + c.NOON,  # عن
        c.FEH + c.YEH,  # في
        c.AIN + c.LAM + c.YEH,  # على
        c.ALEF_HAMZA_BELOW + c.LAM + c.YEH,  # إلى
        c.LAM + c.DAL + c.YEH,  # لدى
        c.MEEM + c.AIN,  # مع
        c.AIN + c.NOON + c.DAL,  # عند
        c.ALEF_HAMZA_ABOVE + c.NOON,  # أن
        c.ALEF_HAMZA_BELOW + c.NOON,  # إن
        c.LAM + c.KAF + c.NOON,  # لكن
    )
)
_NISBA_ENCLITICS = (c.YEH, c.NOON + c.YEH)
_NA = c.NOON + c.ALEF
# Stem-final letters that the written form changes before an enclitic, and
# what the free-standing word has instead: حكومت(ه) -> حكومة, مستوا(ه) -> مستوى,
# علي(ه) -> على, أبناؤ(ه) -> أبناء, قالو(ه) -> قالوا.
_BEFORE_ENCLITIC = {
    c.TEH: (c.TEH_MARBUTA,),
    c.ALEF: (c.ALEF_MAKSURA,),
    c.YEH: (c.ALEF_MAKSURA,),
    c.WAW_HAMZA: (c.HAMZA,),
    c.YEH_HAMZA: (c.HAMZA,),
    c.ALEF_HAMZA_ABOVE: (c.HAMZA,),
}

FrequencyLookup = Callable[[str], float]


@dataclass(frozen=True, slots=True)
class Segmentation:
    """One word split into proclitics, stem and enclitics (surface pieces).

    >>> s = Segmentation(("و", "ب"), "كتاب", ("ه",))
    >>> s.pieces
    ('و', 'ب', 'كتاب', 'ه')
    >>> s.marked()
    'و+ ب+ كتاب +ه'
    """

    prefixes: tuple[str, ...]
    stem: str
    suffixes: tuple[str, ...]

    @property
    def pieces(self) -> tuple[str, ...]:
        """All non-empty pieces in order; they concatenate to the word."""
        if not self.stem:  # preposition + pronoun: ب + ه
            return (*self.prefixes, *self.suffixes)
        return (*self.prefixes, self.stem, *self.suffixes)

    @property
    def word(self) -> str:
        """The original word."""
        return "".join(self.pieces)

    def offsets(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of each piece inside the word, in code points."""
        out = []
        pos = 0
        for piece in self.pieces:
            out.append((pos, pos + len(piece)))
            pos += len(piece)
        return tuple(out)

    def marked(self, mark: str = "+") -> str:
        """Pieces joined by spaces, clitics flagged: ``و+ ب+ كتاب +ه``."""
        stem = [self.stem] if self.stem else []
        return " ".join(
            [p + mark for p in self.prefixes] + stem + [mark + s for s in self.suffixes]
        )


# A bare analysis: lengths of the proclitics, of the enclitic (0 if none).
_Bare = tuple[tuple[int, ...], int]
_WHOLE: _Bare = ((), 0)


class Segmenter:
    """A clitic segmenter over a word-frequency table.

    ``freq`` maps an undiacritized word to its relative frequency (0 when
    unknown). Without it, wordfreq's Arabic list is loaded (needs
    ``pip install 'arabnorm[clitics]'``). The other parameters are the
    weights described in the module docstring; ``max_cache`` bounds the
    per-word cache (it is emptied when full, so memory stays flat on corpora
    with millions of word types). ``folded=True`` is for text whose spelling
    variants were folded (أ إ آ -> ا, ى -> ي, ة -> ه, as the ``search`` preset
    does): words are then looked up in a table folded the same way.

    >>> seg = Segmenter({"كتاب": 1e-4, "كتابه": 1e-5, "وزارة": 3e-4, "زارة": 1e-6})
    >>> seg.segment("وكتابه")
    ['و', 'كتاب', 'ه']
    >>> seg.segment("وزارة")
    ['وزارة']
    """

    def __init__(
        self,
        freq: Mapping[str, float] | None = None,
        *,
        ratio: float = DEFAULT_RATIO,
        article_boost: float = DEFAULT_ARTICLE_BOOST,
        long_stem_boost: float = DEFAULT_LONG_STEM_BOOST,
        proclitic_rates: Mapping[str, float] | None = None,
        enclitic_rates: Mapping[str, float] | None = None,
        max_cache: int = 1_000_000,
        short_stem_min_freq: float = SHORT_STEM_MIN_FREQ,
        folded: bool = False,
    ) -> None:
        table = load_wordfreq() if freq is None else freq
        self.folded = folded
        self._teh_marbuta_freq: FrequencyLookup | None = None
        if folded:
            get = fold_table(table, _FOLD).get
            # Folded text writes ة as ه: this table keeps them apart, so a
            # final ه can be told to be ة (عسكريه = عسكرية) or a pronoun.
            get_tm = fold_table(table, _FOLD_KEEP_TEH_MARBUTA).get

            def lookup(word: str) -> float:
                return get(word.translate(_FOLD)) or 0.0

            def lookup_tm(word: str) -> float:
                return get_tm(word.translate(_FOLD_KEEP_TEH_MARBUTA)) or 0.0

            self._freq = lookup
            self._teh_marbuta_freq = lookup_tm
        else:
            self._freq = table.get  # type: ignore[assignment]
        self.ratio = ratio
        self.article_boost = article_boost
        self.max_cache = max_cache
        self.short_stem_min_freq = short_stem_min_freq
        self.long_stem_boost = long_stem_boost
        self.proclitic_rates = {**PROCLITIC_RATES, **(proclitic_rates or {})}
        self.enclitic_rates = {**ENCLITIC_RATES, **(enclitic_rates or {})}
        self._bare_cache: dict[str, _Bare] = {}
        self._cache: dict[str, tuple[str, ...]] = {}

    # -- public API ----------------------------------------------------

    def analyze(self, word: str) -> Segmentation:
        """The segmentation of one word (a word with no clitic is its own stem)."""
        pieces = self.pieces(word)
        if len(pieces) == 1:
            return Segmentation((), word, ())
        pre, suf = self._analyze_bare(_strip(word))
        if suf:
            body, tail = pieces[:-1], pieces[-1:]
        else:
            body, tail = pieces, ()
        if len(body) == len(pre):  # preposition + pronoun: no stem
            return Segmentation(body, "", tail)
        return Segmentation(body[:-1], body[-1], tail)

    def pieces(self, word: str) -> tuple[str, ...]:
        """Surface pieces of ``word`` as a tuple (cached per word)."""
        got = self._cache.get(word)
        if got is None:
            got = self._miss(word)
        return got

    def _miss(self, word: str) -> tuple[str, ...]:
        """Segment a word not in the cache, and cache it (bounded memory)."""
        if len(self._cache) >= self.max_cache or len(self._bare_cache) >= 4 * self.max_cache:
            self._cache.clear()
            self._bare_cache.clear()
        got = self._cache[word] = self._split(word)
        return got

    def written(self, word: str, mark: bool = False) -> tuple[str, ...]:
        """The pieces of ``word`` as a tokenizer writes them.

        Without ``mark`` the surface pieces; with it, each clitic carries a
        ``+`` on the side that faced the stem: ``و+``, ``ب+``, ``كتاب``, ``+ه``.
        """
        pieces = self.pieces(word)
        if not mark or len(pieces) == 1:
            return pieces
        a = self.analyze(word)
        stem = (a.stem,) if a.stem else ()
        return (*(p + "+" for p in a.prefixes), *stem, *("+" + p for p in a.suffixes))

    def segment(self, word: str) -> list[str]:
        """Surface pieces of ``word``; ``"".join(result) == word`` always."""
        return list(self.pieces(word))

    def segment_tokens(self, tokens: Iterable[str]) -> list[str]:
        """Split every token of a tokenized text and flatten the result."""
        cache = self._cache
        out: list[str] = []
        extend = out.extend
        for tok in tokens:
            got = cache.get(tok)
            if got is None:
                got = self._miss(tok)
            extend(got)
        return out

    # -- internals -----------------------------------------------------

    def _split(self, word: str) -> tuple[str, ...]:
        bare = word.translate(_DROP_MARKS)
        if len(bare) < 2:
            return (word,)
        pre, suf = self._analyze_bare(bare)
        if not pre and not suf:
            return (word,)
        # Offsets of the cuts in the bare word, then in the word itself.
        cuts: list[int] = []
        at = 0
        for n in pre:
            at += n
            cuts.append(at)
        if suf:
            cuts.append(len(bare) - suf)
        if len(bare) != len(word):
            positions = _letter_positions(word)
            cuts = [positions[i] for i in cuts]
        pieces = []
        start = 0
        for cut in cuts:
            if cut > start:
                pieces.append(word[start:cut])
            start = cut
        pieces.append(word[start:])
        return tuple(pieces)

    def _known(self, stem: str) -> float:
        """Frequency of ``stem`` if it is a word that stays whole, else 0."""
        f = self._freq(stem) or 0.0
        if f and self._analyze_bare(stem) != _WHOLE:
            return 0.0
        return f

    def _analyze_bare(self, b: str) -> _Bare:
        got = self._bare_cache.get(b)
        if got is not None:
            return got
        # Provisional answer guards against any cycle through _known().
        self._bare_cache[b] = _WHOLE
        got = self._decide(b)
        self._bare_cache[b] = got
        return got

    def _decide(self, b: str) -> _Bare:
        n = len(b)
        if n < 2 or any(ch not in c.BASIC_LETTERS for ch in b):
            return _WHOLE
        whole = self._freq(b) or 0.0
        best = 0.0
        best_bare = _WHOLE
        fallback = _WHOLE
        for pre, start, pre_rate, lam_article in _proclitic_chains(b, self.proclitic_rates):
            for suf in _enclitic_options(b, start):
                if not pre and not suf:
                    continue
                stem = b[start : n - suf]
                rate = pre_rate * (self.enclitic_rates[b[n - suf :]] if suf else 1.0)
                if not stem:
                    # preposition + pronoun: له بها لنا (never لكن)
                    if pre and b[start - 1] in (c.BEH, c.LAM) and b[start - 1 :] != _LAKIN:
                        return pre, suf
                    continue
                if len(stem) < 2:
                    continue
                article = lam_article or (len(stem) >= 4 and stem.startswith(_ARTICLE))
                if suf:
                    if article:
                        # No pronoun enclitic after the article: الهاتفي is one word.
                        continue
                    if stem not in _PARTICLES and self._adjective_ending(b[start:], suf):
                        continue
                    if suf == 1 and self._is_folded_teh_marbuta(b[start:]):
                        continue
                elif article:
                    rate *= self.article_boost
                if suf and len(stem) > 2:
                    rate *= self.long_stem_boost
                f = self._known(stem)
                if lam_article:
                    f = max(f, self._known(c.ALEF + stem))
                if suf:
                    for alt in _BEFORE_ENCLITIC.get(stem[-1], ()):
                        f = max(f, self._known(stem[:-1] + alt))
                    if stem[-1] == c.WAW:
                        f = max(f, self._known(stem + c.ALEF))
                if len(stem) == 2 and f < self.short_stem_min_freq:
                    # عد, طن, حر are "words" of the list, but a two-letter
                    # stem is a real one only when it is a common particle.
                    f = 0.0
                score = f * rate
                if score > best:
                    best = score
                    best_bare = (pre, suf)
                if (
                    not suf
                    and fallback == _WHOLE
                    and pre
                    and len(stem) >= 4
                    and (stem.startswith(_ARTICLE) or (lam_article and stem[1] != c.LAM))
                ):
                    fallback = (pre, 0)
        if best and best * self.ratio >= whole:
            return best_bare
        if not whole and fallback != _WHOLE:
            # Unknown word after a proclitic + article: والمستشفيات, للمستشفيات.
            return fallback
        return _WHOLE

    def _is_folded_teh_marbuta(self, host: str) -> bool:
        """In folded text, True when the final ه of ``host`` is mostly a ة."""
        tm = self._teh_marbuta_freq
        if tm is None or host[-1] != c.HEH:
            return False
        return tm(host[:-1] + c.TEH_MARBUTA) > tm(host)

    def _adjective_ending(self, host: str, suf: int) -> bool:
        """True when the ending of ``host`` is an adjective/adverb ending.

        عربي is "Arab(ic)", not عرب + "my": العربي and عربية are common.
        تحسنا is an accusative (تحسن + ا), not تحس + "us".
        """
        enclitic = host[-suf:]
        freq = self._freq
        own = freq(host) or 0.0
        if enclitic in _NISBA_ENCLITICS:
            other = (freq(_ARTICLE + host) or 0.0) + (freq(host + c.TEH_MARBUTA) or 0.0)
            return other > 0 and other >= NISBA_SHARE * own
        if enclitic == _NA:
            other = freq(host[:-1]) or 0.0
            return other > 0 and other >= NISBA_SHARE * own
        return False


_DROP_MARKS = {ord(ch): None for ch in c.CLITIC_IGNORED_MARKS}
# Spelling variants that normalizers commonly fold, and what they become.
# As the search preset's alef, yaa and hamza stages: alef variants -> ا,
# ى -> ي, ؤ -> و, ئ -> ي (and its teh-marbuta stage: ة -> ه).
_FOLD_KEEP_TEH_MARBUTA = {
    **{ord(ch): c.ALEF for ch in c.ALEF_VARIANTS},
    ord(c.ALEF_MAKSURA): c.YEH,
    ord(c.WAW_HAMZA): c.WAW,
    ord(c.YEH_HAMZA): c.YEH,
}
_FOLD = {**_FOLD_KEEP_TEH_MARBUTA, ord(c.TEH_MARBUTA): c.HEH}


def fold_table(freq: Mapping[str, float], fold: Mapping[int, str] = _FOLD) -> dict[str, float]:
    """``freq`` with its words folded (أ إ آ -> ا, ى -> ي, ئ -> ي, ة -> ه), summed."""
    out: dict[str, float] = {}
    for word, f in freq.items():
        key = word.translate(fold)
        out[key] = out.get(key, 0.0) + f
    return out


def _strip(word: str) -> str:
    """The word without marks and tatweel, as it is looked up."""
    return word.translate(_DROP_MARKS)


def _letter_positions(word: str) -> list[int]:
    """Index in ``word`` of each letter that _strip keeps, then len(word).

    A cut before the i-th kept letter falls at ``positions[i]``, so marks and
    tatweel stay with the letter before them (بـ + السلطة).
    """
    ignored = c.CLITIC_IGNORED_MARKS
    positions = [i for i, ch in enumerate(word) if ch not in ignored]
    positions.append(len(word))
    return positions


_Chain = tuple[tuple[int, ...], int, float, bool]


def _proclitic_chains(b: str, rates: Mapping[str, float]) -> list[_Chain]:
    """(piece lengths, stem start, rate, ل before article) for each proclitic chain."""
    chains: list[_Chain] = [((), 0, 1.0, False)]
    first: list[tuple[tuple[int, ...], int, float]] = [((), 0, 1.0)]
    if b[0] in CONJUNCTIONS:
        first.append(((1,), 1, rates[b[0]]))
    for pre, start, rate in first:
        if pre:
            chains.append((pre, start, rate, False))
        if start + 1 >= len(b):
            continue
        ch = b[start]
        nxt = b[start + 1]
        if ch in PREPOSITIONS:
            if ch == c.LAM and nxt == c.LAM:
                chains.append(((*pre, 1), start + 1, rate * rates[_LAM_ARTICLE], True))
            else:
                chains.append(((*pre, 1), start + 1, rate * rates[ch], False))
        elif ch == FUTURE and nxt in _IMPERFECT_INITIALS:
            chains.append(((*pre, 1), start + 1, rate * rates[ch], False))
    return chains


def _enclitic_options(b: str, start: int) -> list[int]:
    """0 (no enclitic) and the length of every enclitic ``b`` ends with."""
    out = [0]
    room = len(b) - start
    for e in ENCLITICS:
        if len(e) <= room and b.endswith(e):
            out.append(len(e))
    return out


@lru_cache(maxsize=1)
def load_wordfreq() -> dict[str, float]:
    """wordfreq's large Arabic frequency list (word -> relative frequency).

    Raises MissingResourceError naming the install command when wordfreq is
    not installed.
    """
    try:
        import wordfreq
    except ImportError as exc:
        raise MissingResourceError(
            "clitic segmentation needs the word frequencies of the 'wordfreq' "
            "package: install them with: pip install 'arabnorm[clitics]'"
        ) from exc
    table: dict[str, float] = wordfreq.get_frequency_dict("ar", "large")
    return table


@lru_cache(maxsize=2)
def default_segmenter(folded: bool = False) -> Segmenter:
    """The shared segmenter over wordfreq's Arabic list (built on first use).

    ``folded=True``: the one for text whose spelling variants were folded.
    """
    return Segmenter(folded=folded)


def segment(word: str, *, folded: bool = False) -> list[str]:
    """Split one word into surface pieces (see the module docstring).

    ``folded=True`` for text whose spelling variants were folded (the
    ``search`` preset: أ إ آ -> ا, ى -> ي, ة -> ه); the same keyword works for
    segment_tokens and segment_spans.

    >>> segment("للسلطة")
    ['ل', 'لسلطة']
    """
    return default_segmenter(folded).segment(word)


def segment_tokens(tokens: Iterable[str], *, folded: bool = False) -> list[str]:
    """Split every token and flatten: ``["وقال", "إنه"]`` -> و قال إن ه."""
    return default_segmenter(folded).segment_tokens(tokens)


def segment_spans(word: str, start: int = 0, *, folded: bool = False) -> list[tuple[str, int, int]]:
    """Pieces of ``word`` with their spans, for a token that starts at ``start``.

    A tokenizer that knows where each token came from passes the token's
    start; each piece gets ``(piece, start, end)`` in the same coordinates.

    >>> segment_spans("وقال", 10)
    [('و', 10, 11), ('قال', 11, 14)]
    """
    out = []
    for piece in default_segmenter(folded).pieces(word):
        out.append((piece, start, start + len(piece)))
        start += len(piece)
    return out


def split_token(
    token: str,
    start: int,
    end: int,
    original: str,
    *,
    mark: bool = False,
    folded: bool = False,
) -> list[tuple[str, int, int]]:
    """Split one (normalized) token whose span in ``original`` is ``start:end``.

    Returns ``(piece, start, end)`` for every piece, spans in ``original``.
    When normalization changed the token (a diacritic or tatweel removed, a
    letter folded), each cut is placed before the same letter of the
    original slice; should the letters not correspond one to one (a ligature
    expanded), every piece keeps the whole token's span. With ``mark``,
    pieces are written ``و+``, ``كتاب``, ``+ه``.

    >>> split_token("وكتابه", 10, 16, " " * 10 + "وكتابه")
    [('و', 10, 11), ('كتاب', 11, 15), ('ه', 15, 16)]
    >>> split_token("وكتابه", 0, 7, "وَكتابه", mark=True)
    [('و+', 0, 2), ('كتاب', 2, 6), ('+ه', 6, 7)]
    """
    seg = default_segmenter(folded)
    pieces = seg.pieces(token)
    if len(pieces) == 1:
        return [(token, start, end)]
    texts = seg.written(token, mark)
    offsets = []
    pos = 0
    for piece in pieces:
        offsets.append(pos)
        pos += len(piece)
    if end - start == len(token):
        bounds = [start + o for o in offsets] + [end]
    else:
        ignored = c.CLITIC_IGNORED_MARKS
        own = _letter_positions(token)
        theirs = [i for i, ch in enumerate(original[start:end]) if ch not in ignored]
        if len(own) - 1 != len(theirs):
            return [(t, start, end) for t in texts]
        letter_index = {p: i for i, p in enumerate(own)}
        bounds = [start] + [start + theirs[letter_index[o]] for o in offsets[1:]] + [end]
    return [(t, bounds[i], bounds[i + 1]) for i, t in enumerate(texts)]
