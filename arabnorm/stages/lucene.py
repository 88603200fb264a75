"""Lucene's Arabic and Persian analysis as stages: the normalizers, the stemmer, stop words.

What Elasticsearch, OpenSearch and Solr do to Arabic and Persian text, one
filter per stage, for pipelines that must agree with a search index:

- ``lucene``: ``ArabicNormalizer``, byte for byte (a table);
- ``persian``: ``PersianNormalizer`` (a table);
- ``stem``: ``ArabicStemmer`` on every word;
- ``stopwords``: removes the words of a list.

A *word* here is a token of Lucene's ``StandardTokenizer``
(``arabnorm.lucene.tokenizer``): what the stemmer and the stop filter see in
the analyzers. ``arabnorm analyze`` runs the whole analyzers.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import regex

from arabnorm.lucene import filters
from arabnorm.lucene.tokenizer import chunk_cutter, chunk_spans
from arabnorm.stages import register
from arabnorm.stages.base import Edit, Example, Param, Stage, Step, Table

_LAST_SPACE = regex.compile(r"(?r)[^\S\u202f]")
"""The last whitespace before a position that ends a chunk (``chunk_cutter``)."""
_CACHE_LIMIT = 1 << 17
_CACHE_MAX_CHUNK = 200


@register
class Lucene(Stage):
    """Lucene's ``ArabicNormalizer``, byte for byte: what Elasticsearch's ``arabic`` analyzer folds.

    آ أ إ become ا, ى becomes ي, ة becomes ه; tatweel and the harakat,
    tanwin, shadda and sukun (U+064B..U+0652) go. Nothing else changes:
    hamza on waw or yeh, alef wasla, dagger alef and Persian letters stay.
    """

    name = "lucene"
    summary = "Lucene's ArabicNormalizer: alef forms, alef maksura, teh marbuta; tatweel, harakat"
    lossy = True
    folds = True
    examples = (Example("أَحْمَدُ إلى مدرسةٍ", "احمد الي مدرسه"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table(filters.ARABIC_NORMALIZER)]


@register
class Persian(Stage):
    """Lucene's ``PersianNormalizer``: what Elasticsearch's ``persian`` analyzer adds to ``lucene``.

    ی and ے become ي, ک becomes ك, ۀ and ہ become ه, and the combining hamza
    above goes. Lucene's Persian analyzer runs ``lucene`` first, then this.
    """

    name = "persian"
    summary = "Lucene's PersianNormalizer: Farsi yeh, keheh, heh goal; combining hamza removed"
    lossy = True
    folds = True
    examples = (Example("کتاب فارسی", "كتاب فارسي"),)

    def build_steps(self) -> Sequence[Step]:
        return [Table(filters.PERSIAN_NORMALIZER)]


class _Chunks(dict[str, str]):
    """Chunk -> what a word step makes of it (remembered)."""

    def __init__(self, step: _WordStep) -> None:
        super().__init__()
        self.step = step

    def __missing__(self, chunk: str) -> str:
        value = _without(chunk, self.step.cuts(chunk))
        if len(chunk) <= _CACHE_MAX_CHUNK:
            if len(self) >= _CACHE_LIMIT:
                self.clear()
            self[chunk] = value
        return value


def _without(text: str, cuts: list[tuple[int, int]]) -> str:
    """``text`` without the slices ``cuts`` (in order, not overlapping)."""
    if not cuts:
        return text
    pieces = []
    last = 0
    for a, b in cuts:
        pieces.append(text[last:a])
        last = b
    pieces.append(text[last:])
    return "".join(pieces)


def _edits(cuts: list[tuple[int, int]]) -> list[Edit]:
    """Deletions of the slices ``cuts`` as edits."""
    edits: list[Edit] = []
    gone = 0
    for a, b in cuts:
        edits.append((a, b, a - gone, a - gone))
        gone += b - a
    return edits


class _WordStep(Step):
    """A step that deletes parts of Lucene tokens, each token on its own.

    Whitespace never belongs to a token, so text is cut at spaces into
    chunks and the result for each chunk is remembered.
    """

    space_local = True

    def cuts(self, chunk: str) -> list[tuple[int, int]]:
        """The slices of ``chunk`` to delete, in order."""
        raise NotImplementedError

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        cuts: list[tuple[int, int]] = []
        for m in chunk_cutter().finditer(text):
            base = m.start()
            cuts += [(base + a, base + b) for a, b in self.cuts(m.group())]
        return _without(text, cuts), _edits(cuts)

    def apply(self, text: str) -> str:
        memo = self.__dict__.get("_memo")
        if memo is None:
            memo = self.__dict__["_memo"] = _Chunks(self)
        return " ".join(map(memo.__getitem__, text.split(" ")))

    def stream_feeder(self) -> _ChunkFeed:
        """A long line goes through in pieces cut at spaces."""
        return _ChunkFeed(self.apply)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("_memo", None)
        return state


class _ChunkFeed:
    """A word step over a line given in pieces: run up to the last space, keep the rest."""

    __slots__ = ("pending", "run")

    def __init__(self, run: object) -> None:
        self.run = run
        self.pending = ""

    def feed(self, text: str, final: bool) -> str:
        buf = self.pending + text
        if final:
            self.pending = ""
            return self.run(buf)  # type: ignore[operator, no-any-return]
        cut = buf.rfind(" ")
        if cut < 0:
            self.pending = buf
            return ""
        self.pending = buf[cut + 1 :]
        return self.run(buf[:cut]) + " "  # type: ignore[operator, no-any-return]


class StemWords(_WordStep):
    """``ArabicStemmer`` on every token: at most one prefix and the suffixes go.

    >>> StemWords().apply("والكتاب للمدرسة،")
    'كتاب مدرس،'
    """

    triggers = filters.AFFIX_LETTERS

    def cuts(self, chunk: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for s, e, _ in chunk_spans(chunk):
            front, back = filters.stem_cuts(chunk[s:e])
            if front:
                out.append((s, s + front))
            if back:
                out.append((e - back, e))
        return out

    def __repr__(self) -> str:
        return "StemWords()"


@register
class Stem(Stage):
    """Lucene's ``ArabicStemmer`` (light10) on every word, exactly as Lucene stems it.

    At most one of ال وال بال كال فال لل و comes off the front, then each of
    ها ان ات ون ين يه ية ه ة ي in turn off the back, so long as two letters
    stay: ``والكتابان`` becomes ``كتاب``. A word is a token of Lucene's
    ``StandardTokenizer``; its stem is a slice of it, so spans map back.
    Lucene stems after ``lucene`` has normalized the text; run it first to
    get the same stems.
    """

    name = "stem"
    summary = "Lucene's ArabicStemmer (light10): a prefix and suffixes off every word"
    lossy = True
    # A stem can lose more: وللمدرسة gives للمدرس, then مدرس.
    idempotent = False
    examples = (Example("والكتاب للمدرسة", "كتاب مدرس"),)

    def build_steps(self) -> Sequence[Step]:
        return [StemWords()]


class RemoveStopWords(Step):
    """Delete the tokens of a list; a chunk left empty goes with the whitespace beside it.

    A token is removed when its text is in the list, exactly (as Lucene's
    ``StopFilter`` matches). Where a whitespace-separated chunk held nothing
    but such tokens, the chunk goes with the whitespace after it; when nothing
    but such chunks follows on its line, with the whitespace before it. So
    no double spaces are left: ``الكتاب في المدرسة`` becomes ``الكتاب المدرسة``.
    """

    def __init__(self, words: frozenset[str], source: str) -> None:
        self.words = words
        self.source = source
        self.triggers = frozenset("".join(words)) if words else frozenset()
        self._memo: dict[str, list[tuple[int, int]]] = {}

    def _cuts(self, chunk: str) -> list[tuple[int, int]]:
        got = self._memo.get(chunk)
        if got is None:
            words = self.words
            got = [(s, e) for s, e, _ in chunk_spans(chunk) if chunk[s:e] in words]
            if len(chunk) <= _CACHE_MAX_CHUNK:
                if len(self._memo) >= _CACHE_LIMIT:
                    self._memo.clear()
                self._memo[chunk] = got
        return got

    def _line(self, line: str, base: int, cuts: list[tuple[int, int]]) -> None:
        """Append the slices of ``line`` (starting at ``base`` in the text) to delete."""
        held = -1  # where the whitespace before a run of emptied chunks starts
        run_start = run_end = 0
        last_end = 0
        for m in chunk_cutter().finditer(line):
            start, end = m.span()
            inner = self._cuts(m.group())
            if _emptied(inner, end - start):
                if held < 0:
                    held, run_start = last_end, start
                run_end = end
                last_end = end
                continue
            if held >= 0:
                cuts.append((base + run_start, base + start))
                held = -1
            cuts += [(base + start + a, base + start + b) for a, b in inner]
            last_end = end
        if held >= 0:
            cuts.append((base + held, base + run_end))

    checks_cuts = True

    def allows_cut(self, text: str, pos: int) -> bool:
        """A cut between two chunks that keep something is safe.

        An emptied chunk takes whitespace beside it, which depends on its
        neighbours; a chunk that keeps a token ends where it ends either way.
        The chunk after the cut must end before the text does.
        """
        cut = chunk_cutter()
        space = _LAST_SPACE.search(text, 0, pos)
        start = space.end() if space is not None else 0
        before = cut.match(text, start)
        after = cut.match(text, pos + 1)
        if before is None or after is None or before.end() != pos or after.end() == len(text):
            return False  # a chunk that may go on past the text read so far is not judged
        if start and cut.match(text, start - 1) is not None:
            return False  # not where the chunk starts: judge nothing
        return not any(_emptied(self._cuts(m.group()), len(m.group())) for m in (before, after))

    def _all_cuts(self, text: str) -> list[tuple[int, int]]:
        cuts: list[tuple[int, int]] = []
        base = 0
        for line in text.split("\n"):
            body = line[:-1] if line.endswith("\r") else line
            self._line(body, base, cuts)
            base += len(line) + 1
        return cuts

    def apply_with_edits(self, text: str) -> tuple[str, list[Edit]]:
        cuts = self._all_cuts(text)
        return _without(text, cuts), _edits(cuts)

    def apply(self, text: str) -> str:
        if not self.triggers or not any(c in text for c in _first_letters(self)):
            return text
        return _without(text, self._all_cuts(text))

    def stream_feeder(self) -> _StopFeed:
        return _StopFeed(self)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_memo"] = {}
        return state

    def __repr__(self) -> str:
        return f"RemoveStopWords({self.source!r}, {len(self.words)} words)"


def _emptied(cuts: list[tuple[int, int]], length: int) -> bool:
    """Whether deleting the slices ``cuts`` leaves nothing of ``length`` characters."""
    return (
        bool(cuts)
        and cuts[0][0] == 0
        and cuts[-1][1] == length
        and all(a[1] == b[0] for a, b in pairwise(cuts))
    )


def _first_letters(step: RemoveStopWords) -> str:
    found = step.__dict__.get("_firsts")
    if found is None:
        found = step.__dict__["_firsts"] = "".join(sorted({w[0] for w in step.words if w}))
    return found


class _StopFeed:
    """Stop words over a line given in pieces, in bounded memory.

    Everything before a kept chunk that follows whitespace is final once that
    chunk is seen (what follows cannot change it); the rest waits. Only a
    line of nothing but stop words makes the wait long.
    """

    __slots__ = ("pending", "scanned", "step")

    def __init__(self, step: RemoveStopWords) -> None:
        self.step = step
        self.pending = ""
        self.scanned = 0  # no place to cut lies in the pending text before this

    def feed(self, text: str, final: bool) -> str:
        buf = self.pending + text
        if final:
            self.pending = ""
            self.scanned = 0
            return self.step.apply(buf)
        cut, self.scanned = self._last_cut(buf, self.scanned)
        if cut <= 0:
            self.pending = buf
            return ""
        self.pending = buf[cut:]
        self.scanned = max(0, self.scanned - cut)
        # A chunk without tokens stands for the kept chunk the rest begins with.
        head = self.step.apply(buf[:cut] + "\x00")
        return head[:-1]

    def _last_cut(self, buf: str, start: int) -> tuple[int, int]:
        """The last start of a kept chunk after whitespace, and where the next scan may begin."""
        step = self.step
        last = -1
        resume = start
        for m in chunk_cutter().finditer(buf, start):
            a, b = m.span()
            if b == len(buf):
                break  # the chunk may go on in the next piece
            resume = b
            if a > 0 and not _emptied(step._cuts(m.group()), b - a):
                last = a
        return last, resume


@register
class StopWords(Stage):
    """Remove stop words: Lucene's Arabic or Persian list, or a list of your own.

    ``list=arabic`` is the list of Lucene's ``ArabicAnalyzer`` (119 words,
    matched before ``lucene`` normalizes, as it does); ``list=persian`` the
    list of ``PersianAnalyzer`` (308 words, written after ``lucene`` and
    ``persian``). Both are by Jacques Savoy, under the BSD licence. Any
    other value is the path of a UTF-8 file with one word per line (lines
    starting with ``#`` are comments). Words match Lucene tokens exactly:
    ``الكتاب في المدرسة`` becomes ``الكتاب المدرسة``.
    """

    name = "stopwords"
    summary = "removes the words of a stop list: Lucene's Arabic or Persian list, or a file"
    lossy = True
    # Deleting a word can join its neighbours into a new token (カفيカ gives カカ),
    # which a list of one's own may hold.
    idempotent = False
    params = (
        Param(
            "list",
            "arabic",
            "arabic or persian (the lists of Lucene's analyzers), or the path of a word list",
            check=lambda v: bool(v.strip()),
        ),
    )
    examples = (
        Example("ذهب الولد إلى المدرسة في الصباح", "ذهب الولد المدرسة الصباح"),
        Example("او به مدرسه رفت", "مدرسه", "list=persian"),
    )

    def build_steps(self) -> Sequence[Step]:
        source = self.options["list"]
        return [RemoveStopWords(filters.stop_words(source), source)]
