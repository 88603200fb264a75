"""Lucene's ``ArabicAnalyzer`` and ``PersianAnalyzer`` (8.8.1): the terms a search index holds.

These are the analyzers behind Elasticsearch's and OpenSearch's ``arabic``
and ``persian`` analyzers and Solr's Arabic and Persian field types:

- ``arabic``: ``StandardTokenizer``, ``LowerCaseFilter``,
  ``DecimalDigitFilter``, ``StopFilter`` (the Arabic list, matched before
  normalization), ``ArabicNormalizationFilter``, ``ArabicStemFilter``;
- ``persian``: ZWNJ read as a space (``PersianCharFilter``), then
  ``StandardTokenizer``, ``LowerCaseFilter``, ``DecimalDigitFilter``,
  ``ArabicNormalizationFilter``, ``PersianNormalizationFilter``,
  ``StopFilter`` (the Persian list, matched after normalization).

A removed stop word leaves a gap in the positions, as in Lucene. A token the
filters empty (``ـــ``: tatweel only) stays, as an empty term.

Text repeats its words: the terms of each whitespace-free chunk are
computed once and remembered, and lines are assembled from the chunks.

>>> Analyzer("arabic").terms("الكتابان في المكتبة")
['كتاب', 'مكتب']
>>> [(t.token, t.position) for t in Analyzer("arabic").analyze("الكتاب في المدرسة")]
[('كتاب', 0), ('مدرس', 2)]
"""

from __future__ import annotations

import gc
import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import chain, compress, repeat
from operator import add, is_, is_not, itemgetter
from typing import Any, NamedTuple

from arabnorm import chars
from arabnorm.lucene import filters
from arabnorm.lucene import tokenizer as tk
from arabnorm.lucene.tokenizer import TYPES, chunk_cutter, utf16_offsets

ANALYZERS = ("arabic", "persian")
OFFSETS = ("codepoints", "utf16")
FORMATS = ("text", "jsonl")

_CACHE_LIMIT = 1 << 18
_CACHE_MAX_CHUNK = 200


_HAS_TERMS = partial(is_not, False)
"""True for a chunk's terms, False for a chunk without any (see ``_terms_from``)."""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a block is analyzed.

    A block creates hundreds of thousands of small objects and no cycles;
    the collector would walk the remembered chunks again and again.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _joined(found: list[tuple[str | None, int, int, int]]) -> str | bool:
    """A chunk's terms joined by spaces, or ``False`` when it has none."""
    kept = [t for t, _, _, _ in found if t is not None]
    return " ".join(kept) if kept else False


_JsonChunk = tuple[str, bytes, bytes]
"""A chunk for JSON output: its kept tokens as JSON with ``%d`` for start, end and
position, joined by commas; those numbers within the chunk (start, end, position
for each); and ``size << 42 | made << 21 | kept``: its length in offset units,
how many tokens it made (kept or not), how many it keeps. The numbers are 64-bit
machine integers (``array("q")``)."""
_BITS = 21
_MASK = (1 << _BITS) - 1
_TAILS = tuple(f'","start_offset":%d,"end_offset":%d,"type":"{t}","position":%d}}' for t in TYPES)


def _int64s(numbers: list[int]) -> bytes:
    """Numbers as machine integers, so that a block's can be joined and read at once."""
    return array("q", numbers).tobytes()


def _unpack(packed: bytes) -> tuple[int, int, int]:
    """``(size, made, kept)`` of a chunk (see ``_JsonChunk``)."""
    (value,) = array("q", packed)
    return value >> 2 * _BITS, (value >> _BITS) & _MASK, value & _MASK


_SPACES: list[Any] = []


def _space_lut() -> Any:
    """Whether each code point up to U+3000 is whitespace for ``str.split`` (none above is).

    Index U+3001 stands for every code point from there on.
    """
    if not _SPACES:
        import numpy as np

        lut = np.zeros(0x3002, dtype=np.bool_)
        lut[[c for c in range(0x3001) if chr(c).isspace()]] = True
        _SPACES.append(lut)
    return _SPACES[0]


def _text_lines(source: Any, starts: Any, ends: Any, line_of: Any, terms: list[str]) -> str:
    """Each line's terms joined by spaces, with its terminator, gathered in one go.

    The terms are ``source[starts[k]:ends[k]]`` (UTF-16 code units), in
    order, term ``k`` on line ``line_of[k]``. Every term is followed by a
    space, or by its line's terminator when it is the line's last; a line
    without terms is its terminator alone (an empty term stands for it).
    """
    import numpy as np

    lines = len(terms)
    kinds = np.asarray([len(t) for t in terms], dtype=np.int64)  # 0, 1 ("\n") or 2 ("\r\n")
    has = np.zeros(lines, dtype=np.bool_)
    has[line_of] = True
    empty = np.flatnonzero(~has)
    pad = len(source)
    source = np.concatenate((source, np.asarray([0x20, 0x0D, 0x0A], dtype=np.uint16)))
    line_all = np.concatenate((line_of, empty))
    starts = np.concatenate((starts, np.full(len(empty), pad)))
    ends = np.concatenate((ends, np.full(len(empty), pad)))
    order = np.argsort(line_all, kind="stable")
    line_all, starts, ends = line_all.take(order), starts.take(order), ends.take(order)
    last = np.ones(len(line_all), dtype=np.bool_)
    last[:-1] = line_all[1:] != line_all[:-1]
    kind = kinds.take(line_all)
    sep_start = np.where(last, np.where(kind == 2, pad + 1, pad + 2), pad)
    sep_len = np.where(last, kind, 1)
    piece_start = np.stack((starts, sep_start), 1).ravel()
    piece_len = np.stack((ends - starts, sep_len), 1).ravel()
    total = int(piece_len.sum())
    before = np.concatenate(([0], np.cumsum(piece_len)))[:-1]
    index = np.repeat(piece_start - before, piece_len) + np.arange(total)
    text: str = source.take(index).tobytes().decode("utf-16-le")
    return text


class BlockPlain(NamedTuple):
    """What ``Analyzer.block_plain`` finds in a block.

    ``units``: the block's code units; ``found``: every chunk (``PlainMany``);
    ``norm_units``: the normalized code units; then for each plain chunk
    with a token: its index among the chunks, the token's start and end in
    ``units``, its term's start and end in ``norm_units``, and whether it is a
    stop word.
    """

    units: Any
    found: Any
    norm_units: Any
    one: Any
    start: Any
    end: Any
    term_start: Any
    term_end: Any
    stopped: Any


class _Memo(dict[str, Any]):
    """Key -> ``make(key)``, computed on first use; cleared when it grows too large.

    A hit is a plain dictionary lookup; only a miss runs Python code.
    """

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> Any:
        value = self.make(key)
        if len(key) <= _CACHE_MAX_CHUNK:
            if len(self) >= _CACHE_LIMIT:
                self.clear()
            self[key] = value
        return value


class Term(NamedTuple):
    """One term, as Elasticsearch's ``_analyze`` API reports it.

    ``start`` and ``end`` are offsets in the text analyzed (code points, or
    UTF-16 code units when asked); ``position`` counts every token the
    tokenizer made, removed stop words included.
    """

    token: str
    start: int
    end: int
    type: str
    position: int


class Analyzer:
    """``ArabicAnalyzer`` (``"arabic"``) or ``PersianAnalyzer`` (``"persian"``) with defaults."""

    def __init__(self, name: str = "arabic") -> None:
        if name not in ANALYZERS:
            raise ValueError(f"unknown analyzer {name!r}; choose from: {', '.join(ANALYZERS)}")
        self.name = name
        self.persian = name == "persian"
        self._stop = filters.stop_words(name)
        self._lower = filters.translate_table(filters.lower_digits())
        norm = dict(filters.ARABIC_NORMALIZER)
        if self.persian:
            # the two tables never meet: neither writes what the other reads
            assert not set(norm.values()) & {chr(k) for k in filters.PERSIAN_NORMALIZER}
            norm.update(filters.PERSIAN_NORMALIZER)
        self._norm = filters.translate_table(norm)
        self._stems = _Memo(filters.stem)
        self._terms = _Memo(self._term_of_lowered)
        self._lower_lut: Any = None

    def term(self, token: str) -> str | None:
        """The term the filters make of one token; ``None`` for a stop word.

        >>> Analyzer("arabic").term("والمدرسة"), Analyzer("arabic").term("في")
        ('مدرس', None)
        """
        return self._terms[token.translate(self._lower)]  # type: ignore[no-any-return]

    def _term_of_lowered(self, text: str) -> str | None:
        """The term of a token already lowercased and with ASCII digits."""
        if self.persian:
            text = text.translate(self._norm)
            return None if text in self._stop else text
        if text in self._stop:
            return None
        return self._stems[text.translate(self._norm)]  # type: ignore[no-any-return]

    def char_filter(self, text: str) -> str:
        """What the tokenizer reads: ZWNJ as a space for Persian (one for one)."""
        return text.replace(chars.ZWNJ, " ") if self.persian else text

    def chunk(self, chunk: str) -> list[tuple[str | None, int, int, int]]:
        """``(term or None, start, end, type)`` for every token of a chunk."""
        term = self.term
        return [(term(chunk[s:e]), s, e, t) for s, e, t in tk.chunk_spans(chunk)]

    def chunk_terms(self, chunks: Sequence[str]) -> list[str | bool]:
        """For each chunk, its terms joined by spaces, or ``False`` when it has none."""
        return self._many(chunks, True)

    def chunks(self, chunks: Sequence[str]) -> list[list[tuple[str | None, int, int, int]]]:
        """``chunk`` for many chunks without line breaks, at once."""
        return self._many(chunks, False)

    def _many(self, chunks: Sequence[str], terms_only: bool) -> list[Any]:
        """``chunks`` (or ``chunk_terms``) for many chunks without line breaks, at once.

        Classes, lowercase, digits, the normalizers, the plain chunks (one
        token between punctuation) and their stems are found for all the
        chunks together with numpy; what is left per token is slicing out
        its term and a stop word lookup. Other chunks go through the DFA.
        """
        units = tk.units_many(chunks)
        if units is None:
            found_each = [self.chunk(c) for c in chunks]
            return [_joined(f) for f in found_each] if terms_only else found_each
        import numpy as np

        lower, norm, keep = self._luts()
        lowered_units = lower.take(units)
        lowered = lowered_units.tobytes().decode("utf-16-le")
        kept = keep.take(lowered_units)
        norm_units = norm.take(lowered_units[kept])
        normalized = norm_units.tobytes().decode("utf-16-le")
        where = np.concatenate(([0], np.cumsum(kept)))  # offset -> normalized offset
        found = tk.plain_many(units)
        out: list[Any] = [False if terms_only else [] for _ in chunks]
        stop = self._stop
        longest = max(map(len, stop), default=0)
        persian = self.persian
        # plain chunks: one token each, stemmed all at once
        one = np.flatnonzero(found.plain & (found.start >= 0))
        s, e = found.start.take(one), found.end.take(one)
        ns, ne = where.take(s), where.take(e)
        if persian:
            front, back = np.zeros_like(ns), np.zeros_like(ne)
        else:
            front, back = filters.stem_cuts_many(norm_units, ns, ne)
        first = found.first.take(one)
        types = np.where(found.numeric.take(one), tk.T_NUM, tk.T_ALPHANUM)
        for i, a, b, ta, tb, base, t in zip(
            one.tolist(),
            s.tolist(),
            e.tolist(),
            (ns + front).tolist(),
            (ne - back).tolist(),
            first.tolist(),
            types.tolist(),
            strict=True,
        ):
            term: str | None = normalized[ta:tb]
            if persian:
                if tb - ta <= longest and term in stop:
                    term = None
            elif b - a <= longest and lowered[a:b] in stop:
                term = None
            if terms_only:
                out[i] = False if term is None else term
            else:
                out[i] = [(term, a - base, b - base, t)]
        # the others, token by token
        starts = found.first.tolist()
        stems = self._stems
        for i in np.flatnonzero(~found.plain).tolist():
            chunk, base = chunks[i], starts[i]
            tokens: list[tuple[str | None, int, int, int]] = []
            for a, b, t in tk.chunk_spans(chunk):
                text = normalized[where[base + a] : where[base + b]]
                if persian:
                    tokens.append((None if text in stop else text, a, b, t))
                elif lowered[base + a : base + b] in stop:
                    tokens.append((None, a, b, t))
                else:
                    tokens.append((stems[text], a, b, t))
            out[i] = _joined(tokens) if terms_only else tokens
        return out

    def block_plain(self, block: str, astral: bool = False) -> BlockPlain | None:
        """The plain chunks of a block of lines, analyzed all at once with numpy.

        ``block`` is already through ``char_filter``. Each run of text
        between whitespace is a chunk; the plain ones (one token between
        punctuation: nearly all) are found, normalized, stemmed and checked
        against the stop list together, their terms slices of the block's
        normalized code units. Offsets are code points of ``block``.

        A code point above the BMP (an emoji) is read as ``©``: a token
        start that no plain chunk holds, so its chunk goes to the memo, which
        reads the real text. Only with ``astral``: callers that need offsets
        in UTF-16 units get None for such blocks (and for lone surrogates).
        """
        import numpy as np

        try:
            data = block.encode("utf-16-le")
        except UnicodeEncodeError:
            data = b""
        if len(data) == 2 * len(block):
            units = np.frombuffer(data, dtype=np.uint16)
        elif not astral:
            return None
        else:
            points = np.frombuffer(block.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
            units = np.where(points > 0xFFFF, 0xA9, points).astype(np.uint16)
        found = tk.plain_many(units)
        lower, norm, keep = self._luts()
        lowered = lower.take(units)
        kept = keep.take(lowered)
        norm_units = norm.take(lowered[kept])
        where = np.concatenate(([0], np.cumsum(kept)))
        one = np.flatnonzero(found.plain & (found.start >= 0))
        s, e = found.start.take(one), found.end.take(one)
        ns, ne = where.take(s), where.take(e)
        if self.persian:
            stopped = self._stopped(norm_units, ns, ne)
            ts, te = ns, ne
        else:
            stopped = self._stopped(lowered, s, e)
            front, back = filters.stem_cuts_many(norm_units, ns, ne)
            ts, te = ns + front, ne - back
        return BlockPlain(units, found, norm_units, one, s, e, ts, te, stopped)

    def block_terms(self, block: str, memo: dict[str, Any]) -> tuple[Any, Any, Any, Any] | None:
        """Every term of a block of lines, in order, as slices of code units.

        The plain chunks come from ``block_plain``, the few others from
        ``memo`` (chunk -> terms joined by spaces, or ``False``). Returns the
        code units, where each term starts and ends in them, and the line of
        each term; None where ``block_plain`` gives none.
        """
        import numpy as np

        got = self.block_plain(block, astral=True)
        if got is None:
            return None
        units, found, norm_units, one, _, _, ts, te, stopped = got
        keep_one = ~stopped
        one, ts, te = one[keep_one], ts[keep_one], te[keep_one]
        # the few other chunks: their terms (joined) from the memo, appended to the source
        source = norm_units
        others = np.flatnonzero(~found.plain)
        if others.size:
            ends = np.append(found.first[1:] - 1, len(units))
            extra_at: list[int] = []
            extra: list[str] = []
            for i, a, b in zip(
                others.tolist(),
                found.first.take(others).tolist(),
                ends.take(others).tolist(),
                strict=True,
            ):
                got = memo[block[a:b]]
                if got is not False:
                    extra_at.append(i)
                    extra.append(got)
            if extra:
                encoded = [x.encode("utf-16-le") for x in extra]  # (emoji: two units)
                added = np.frombuffer(b"".join(encoded), dtype=np.uint16)
                sizes = np.fromiter(map(len, encoded), np.int64, len(extra)) // 2
                at = len(source) + np.concatenate(([0], np.cumsum(sizes)))
                source = np.concatenate((source, added))
                one = np.concatenate((one, np.asarray(extra_at, dtype=one.dtype)))
                ts = np.concatenate((ts, at[:-1]))
                te = np.concatenate((te, at[1:]))
                rank = np.argsort(one, kind="stable")
                one, ts, te = one.take(rank), ts.take(rank), te.take(rank)
        breaks = np.flatnonzero(units == 0x0A)
        line_of = np.searchsorted(breaks, found.first.take(one), side="right")
        return source, ts, te, line_of

    def _stopped(self, source: Any, starts: Any, ends: Any) -> Any:
        """Whether each word ``source[starts[i]:ends[i]]`` is in the stop list, exactly."""
        import numpy as np

        lengths = ends - starts
        out = np.zeros(len(starts), dtype=np.bool_)
        for size, rows in self._stop_rows().items():
            which = np.flatnonzero(lengths == size)
            if not which.size:
                continue
            words = source.take(starts.take(which)[:, None] + np.arange(size))
            # each word as one opaque value of its code units: compared whole, exactly
            whole = np.dtype((np.void, 2 * size))
            hit = np.isin(np.ascontiguousarray(words).view(whole).ravel(), rows.view(whole).ravel())
            out[which] = hit
        return out

    def _stop_rows(self) -> dict[int, Any]:
        """The stop words by length, each length's as rows of UTF-16 code units."""
        found = self.__dict__.get("_rows")
        if found is None:
            import numpy as np

            by_size: dict[int, list[list[int]]] = {}
            for word in self._stop:
                data = word.encode("utf-16-le", "surrogatepass")
                by_size.setdefault(len(data) // 2, []).append(
                    np.frombuffer(data, dtype=np.uint16).tolist()
                )
            found = {k: np.asarray(v, dtype=np.uint16) for k, v in by_size.items() if k}
            self.__dict__["_rows"] = found
        return found

    def _luts(self) -> tuple[Any, Any, Any]:
        """Lookup arrays over the BMP: lowercase and digits; the normalizers; what they keep."""
        if self._lower_lut is None:
            import numpy as np

            lower = np.arange(0x10000, dtype=np.uint16)
            for k, v in filters.lower_digits().items():
                if k < 0x10000:
                    lower[k] = ord(v)
            norm = np.arange(0x10000, dtype=np.uint16)
            keep = np.ones(0x10000, dtype=np.bool_)
            for k, to in self._norm.items():
                if to is None:
                    keep[k] = False
                else:
                    norm[k] = ord(to)
            self._lower_lut = (lower, norm, keep)
        return self._lower_lut  # type: ignore[no-any-return]

    def analyze(self, text: str, offsets: str = "codepoints") -> list[Term]:
        """Every term of ``text`` analyzed as one field value, with offsets and positions.

        >>> Analyzer("persian").analyze("کتاب‌ها را")
        [Term(token='كتاب', start=0, end=4, type='<ALPHANUM>', position=0)]
        """
        if offsets not in OFFSETS:
            raise ValueError(f"unknown offsets {offsets!r}; choose from: {', '.join(OFFSETS)}")
        units = utf16_offsets(text) if offsets == "utf16" else None
        out: list[Term] = []
        position = 0
        for m in chunk_cutter().finditer(self.char_filter(text)):
            base = m.start()
            for term, s, e, t in self.chunk(m.group()):
                if term is not None:
                    a, b = base + s, base + e
                    if units is not None:
                        a, b = units[a], units[b]
                    out.append(Term(term, a, b, TYPES[t], position))
                position += 1
        return out

    def terms(self, text: str) -> list[str]:
        """The terms of ``text`` analyzed as one field value."""
        return [term.token for term in self.analyze(text)]

    def __repr__(self) -> str:
        return f"Analyzer({self.name!r})"


# --- writers ----------------------------------------------------------------------------


def _split_lines(block: str) -> tuple[list[str], list[str]]:
    """The lines of a block without terminators, and each line's terminator."""
    lines = block.split("\n")
    terms = ["\n"] * len(lines)
    terms[-1] = ""
    if lines[-1] == "":
        lines.pop()
        terms.pop()
    if "\r" in block:
        for i, line in enumerate(lines):
            if terms[i] and line[-1:] == "\r":
                lines[i] = line[:-1]
                terms[i] = "\r\n"
    return lines, terms


class AnalyzeWriter:
    """The output of ``arabnorm analyze`` for blocks of lines, values and long lines.

    ``fmt="text"``: each line's terms separated by one space; ``"jsonl"``:
    one ``{"tokens": [...]}`` object per line, as Elasticsearch's
    ``_analyze`` gives it, offsets in ``offsets`` units of the line.
    Picklable, for worker processes.

    >>> AnalyzeWriter("arabic").apply("الكتاب في المدرسة\\r\\nوالبيت")
    'كتاب مدرس\\r\\nبيت'
    >>> AnalyzeWriter("arabic", "jsonl").apply("في البيت\\n")
    '{"tokens":[{"token":"بيت","start_offset":3,"end_offset":8,"type":"<ALPHANUM>","position":1}]}\\n'
    """

    def __init__(self, analyzer: str = "arabic", fmt: str = "text", offsets: str = "codepoints"):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")
        if offsets not in OFFSETS:
            raise ValueError(f"unknown offsets {offsets!r}; choose from: {', '.join(OFFSETS)}")
        self.analyzer_name = analyzer
        self.fmt = fmt
        self.offsets = offsets
        self.analyzer = Analyzer(analyzer)
        self._text = _Memo(self._make_terms)
        self._json = _Memo(self._make_json)
        self._cut = chunk_cutter()

    # -- memos of chunks

    def _make_terms(self, chunk: str) -> str | bool:
        return self._terms_from(self.analyzer.chunk(chunk))

    @staticmethod
    def _terms_from(found: list[tuple[str | None, int, int, int]]) -> str | bool:
        return _joined(found)

    def _make_json(self, chunk: str) -> _JsonChunk:
        return self._json_from(chunk, self.analyzer.chunk(chunk))

    def _json_from(self, chunk: str, found: list[tuple[str | None, int, int, int]]) -> _JsonChunk:
        """What the JSON output needs of a chunk (see ``_JsonChunk``)."""
        units = utf16_offsets(chunk) if self.offsets == "utf16" else None
        parts = []
        numbers: list[int] = []
        for i, (term, s, e, t) in enumerate(found):
            if term is None:
                continue
            if units is not None:
                s, e = units[s], units[e]
            if '"' in term or "%" in term:  # (a Hebrew token may hold a double quote)
                head = json.dumps(term, ensure_ascii=False).replace("%", "%%")[1:-1]
            else:
                head = term
            parts.append('{"token":"' + head + _TAILS[t])
            numbers += (s, e, i)
        size = units[-1] if units is not None else len(chunk)
        packed = size << 2 * _BITS | len(found) << _BITS | len(parts)
        return ",".join(parts), _int64s(numbers), _int64s([packed])

    def _chunks(self, line: str) -> Iterator[tuple[str, int]]:
        """Each chunk of a line and the number of code units of whitespace before it."""
        last = 0
        for m in self._cut.finditer(line):
            yield m.group(), m.start() - last
            last = m.end()

    def _learn(self, chunks: Iterable[str]) -> None:
        """Analyze the chunks not yet remembered, all at once."""
        memo = self._text if self.fmt == "text" else self._json
        missing = list(set(chunks).difference(memo))  # (those given are mostly absent)
        if not missing:
            return
        if len(memo) + len(missing) >= _CACHE_LIMIT:
            memo.clear()
        if self.fmt == "text":
            values = self.analyzer.chunk_terms(missing)
            if max(map(len, missing)) > _CACHE_MAX_CHUNK:
                pairs = [
                    (c, v)
                    for c, v in zip(missing, values, strict=True)
                    if len(c) <= _CACHE_MAX_CHUNK
                ]
                memo.update(pairs)
            else:
                memo.update(zip(missing, values, strict=True))
            return
        found = self.analyzer.chunks(missing)
        for chunk, got in zip(missing, found, strict=True):
            if len(chunk) <= _CACHE_MAX_CHUNK:
                memo[chunk] = self._json_from(chunk, got)

    def _line_text(self, line: str) -> str:
        get = self._text.__getitem__
        if "\u202f" in line:
            return " ".join(filter(_HAS_TERMS, (get(m.group()) for m in self._cut.finditer(line))))
        return " ".join(filter(_HAS_TERMS, map(get, line.split())))

    def _line_json(self, line: str, pieces: list[str], position: int, base: int) -> tuple[int, int]:
        """Append the token objects of a line (or a piece of one); the next position and base.

        ``base`` is where the text starts in the line, in offset units.
        """
        get = self._json.__getitem__
        end = base
        for chunk, gap in self._chunks(line):
            joined, numbers, packed = get(chunk)
            size, made, kept = _unpack(packed)
            start = end + gap  # whitespace is one unit per code point
            if kept:
                shift = (start, start, position) * kept
                pieces.append(joined % tuple(map(add, array("q", numbers), shift)))
            position += made
            end = start + size
        return position, end

    # -- blocks and values

    def apply(self, block: str) -> str:
        """The output for a block of whole lines (terminators kept in text format)."""
        block = self.analyzer.char_filter(block)
        lines, terms = _split_lines(block)
        out: list[str] = []
        if self.fmt == "text" and "\u202f" not in block:
            with _collector_paused():
                from arabnorm.compiler import vectorized

                if vectorized():
                    got = self.analyzer.block_terms(block, self._text)
                    if got is not None:
                        return _text_lines(*got, terms)
                return self._text_block(lines, terms)
        if "\u202f" not in block:
            from arabnorm.compiler import vectorized

            if vectorized():
                with _collector_paused():
                    written = self._json_vector(block, len(lines))
                    if written is not None:
                        return written
                    return self._json_block(block, lines)
            self._learn(block.split())
        if self.fmt == "text":
            for line, term in zip(lines, terms, strict=True):
                out.append(self._line_text(line))
                out.append(term)
            return "".join(out)
        return self._json_lines(lines)

    __call__ = apply

    def _known(self, memo: dict[str, Any], flat: list[str]) -> list[Any]:
        """The remembered value of every chunk, the ones not seen yet analyzed at once."""
        values: list[Any] = list(map(memo.get, flat))  # None: not seen yet
        absent = list(compress(range(len(values)), map(is_, values, repeat(None))))
        if absent:
            self._learn(list(map(flat.__getitem__, absent)))
            for i in absent:
                values[i] = memo[flat[i]]
        return values

    def _json_block(self, block: str, lines: list[str]) -> str:
        """JSON output for a block without NARROW NO-BREAK SPACE, numbers placed with numpy.

        Every chunk starts where a run of whitespace ends, and its positions
        follow the tokens made by the chunks before it on its line: where the
        chunks start comes from one lookup over the block's code points, the
        rest from running sums. The whole block is then one format string
        and one tuple of numbers.
        """
        import numpy as np

        split = [line.split() for line in lines]
        flat = list(chain.from_iterable(split))
        if flat and max(map(len, flat)) > _MASK // 2:
            return self._json_lines(lines)  # a chunk too long for the packed counts
        values = self._known(self._json, flat)
        n = len(flat)
        counts = np.fromiter(map(len, split), np.int64, len(split))
        line_of = np.repeat(np.arange(len(split)), counts)
        first = np.concatenate(([0], np.cumsum(counts)))[:-1]
        packed = np.frombuffer(b"".join(map(itemgetter(2), values)), dtype=np.int64)
        made = (packed >> _BITS) & _MASK
        kept = packed & _MASK
        # where each chunk starts in its line, in offset units
        points = np.frombuffer(block.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        space = _space_lut().take(np.minimum(points, 0x3001))
        starts = np.flatnonzero(~space[1:] & space[:-1]) + 1
        if points.size and not space[0]:
            starts = np.concatenate(([0], starts))
        breaks = np.flatnonzero(points == 0x0A)
        if self.offsets == "utf16":
            units = np.concatenate(([0], np.cumsum(1 + (points > 0xFFFF))))
            starts, line_starts = units.take(starts), units.take(breaks + 1)
        else:
            line_starts = breaks + 1
        line_starts = np.concatenate(([0], line_starts))
        offset = starts - line_starts.take(line_of)
        before = np.concatenate(([0], np.cumsum(made)))
        position = before[:-1] - before.take(first).take(line_of)
        numbers = np.frombuffer(b"".join(map(itemgetter(1), values)), dtype=np.int64).copy()
        owner = np.repeat(np.arange(n), kept)
        shift = np.stack([offset.take(owner), offset.take(owner), position.take(owner)], 1)
        numbers += shift.ravel()
        joined = list(map(itemgetter(0), values))
        out: list[str] = []
        at = 0
        for count in counts.tolist():
            out.append('{"tokens":[' + ",".join(filter(None, joined[at : at + count])) + "]}\n")
            at += count
        return "".join(out) % tuple(numbers.tolist())

    def _json_vector(self, block: str, lines: int) -> str | None:
        """JSON output for a block whose plain chunks ``Analyzer.block_plain`` analyzed.

        The output is gathered from code units in one go: for each kept
        token, ``{"token":"``, its term, then the rest of its object with
        ``%d`` for offsets and position (per type); the other chunks' tokens
        come from the memo. One format then writes every number. None where
        ``block_plain`` gives none.
        """
        import numpy as np

        got = self.analyzer.block_plain(block)
        if got is None:
            return None
        units, found, norm_units, one, start, end, ts, te, stopped = got
        segments = len(found.first)
        breaks = np.flatnonzero(units == 0x0A)
        line_start = np.concatenate(([0], breaks + 1))
        line_of = np.searchsorted(breaks, found.first, side="right")
        made = np.zeros(segments, dtype=np.int64)
        made[one] = 1
        # the other chunks, from the memo: text with %d, numbers within the chunk
        others = np.flatnonzero(~found.plain).tolist()
        extra_at: list[int] = []
        extra_text: list[str] = []
        extra_numbers: list[bytes] = []
        if others:
            ends = np.append(found.first[1:] - 1, len(units))
            firsts = found.first.tolist()
            for i in others:
                joined, numbers, packed = self._json[block[firsts[i] : int(ends[i])]]
                _, count, kept = _unpack(packed)
                made[i] = count
                if kept:
                    extra_at.append(i)
                    extra_text.append(joined)
                    extra_numbers.append(numbers)
        before = np.concatenate(([0], np.cumsum(made)))
        position = before[:-1] - before.take(np.searchsorted(found.first, line_start))[line_of]
        offset = found.first - line_start.take(line_of)  # where each chunk starts in its line
        # the items: kept plain tokens, other chunks with tokens, and empty lines
        keep = ~stopped
        plain_at = one[keep]
        n_plain = len(plain_at)
        types = np.where(found.numeric.take(plain_at), tk.T_NUM, tk.T_ALPHANUM)
        item_seg = np.concatenate((plain_at, np.asarray(extra_at, dtype=np.int64)))
        item_line = line_of.take(item_seg)
        has = np.zeros(lines, dtype=np.bool_)
        has[item_line[item_line < lines]] = True
        empty = np.flatnonzero(~has)
        item_line = np.concatenate((item_line, empty))
        item_key = np.concatenate((item_seg, np.full(len(empty), -1)))
        order = np.lexsort((item_key, item_line))
        # the source of every piece
        constants = ['{"token":"', ",", '{"tokens":[', "]}\n", '{"tokens":[]}\n', *_TAILS]
        texts = [*extra_text, *constants]
        sizes = np.asarray([len(t) for t in texts], dtype=np.int64)
        at = len(norm_units) + np.concatenate(([0], np.cumsum(sizes)))
        source = np.concatenate(
            (norm_units, np.frombuffer("".join(texts).encode("utf-16-le"), dtype=np.uint16))
        )
        k = len(extra_text)
        head, comma, opening, closing, blank = (int(x) for x in at[k : k + 5])
        tail_at = at[k + 5 : k + 5 + len(_TAILS)]
        tail_len = sizes[k + 5 : k + 5 + len(_TAILS)]
        n_items = len(item_line)
        # five pieces per item: separator, head, term, tail, closing (each maybe empty)
        piece_start = np.zeros((n_items, 5), dtype=np.int64)
        piece_len = np.zeros((n_items, 5), dtype=np.int64)
        piece_start[:n_plain, 1] = head
        piece_len[:n_plain, 1] = len(constants[0])
        piece_start[:n_plain, 2] = ts[keep]
        piece_len[:n_plain, 2] = te[keep] - ts[keep]
        piece_start[:n_plain, 3] = tail_at.take(types)
        piece_len[:n_plain, 3] = tail_len.take(types)
        n_extra = len(extra_at)
        piece_start[n_plain : n_plain + n_extra, 2] = at[:k]
        piece_len[n_plain : n_plain + n_extra, 2] = sizes[:k]
        piece_start[n_plain + n_extra :, 0] = blank
        piece_len[n_plain + n_extra :, 0] = len(constants[4])
        piece_start, piece_len = piece_start[order], piece_len[order]
        line_sorted = item_line[order]
        is_empty = np.zeros(n_items, dtype=np.bool_)
        is_empty[n_plain + n_extra :] = True
        is_empty = is_empty[order]
        first_in_line = np.ones(n_items, dtype=np.bool_)
        first_in_line[1:] = line_sorted[1:] != line_sorted[:-1]
        last_in_line = np.ones(n_items, dtype=np.bool_)
        last_in_line[:-1] = line_sorted[1:] != line_sorted[:-1]
        real = ~is_empty
        piece_start[:, 0] = np.where(
            real, np.where(first_in_line, opening, comma), piece_start[:, 0]
        )
        piece_len[:, 0] = np.where(
            real, np.where(first_in_line, len(constants[2]), 1), piece_len[:, 0]
        )
        piece_start[:, 4] = closing
        piece_len[:, 4] = np.where(real & last_in_line, len(constants[3]), 0)
        starts_flat, lengths_flat = piece_start.ravel(), piece_len.ravel()
        total = int(lengths_flat.sum())
        skip = np.concatenate(([0], np.cumsum(lengths_flat)))[:-1]
        index = np.repeat(starts_flat - skip, lengths_flat) + np.arange(total)
        text: str = source.take(index).tobytes().decode("utf-16-le")
        # the numbers, item by item: start, end, position of each token
        rel_s, rel_e = start[keep], end[keep]
        plain_line = line_of.take(plain_at)
        plain_numbers = np.stack(
            (
                rel_s - line_start.take(plain_line),
                rel_e - line_start.take(plain_line),
                position.take(plain_at),
            ),
            1,
        )
        counts = np.zeros(n_items, dtype=np.int64)
        counts[:n_plain] = 3
        if n_extra:
            raw = np.frombuffer(b"".join(extra_numbers), dtype=np.int64).reshape(-1, 3)
            per = np.fromiter((len(b) // 8 for b in extra_numbers), np.int64, n_extra)
            counts[n_plain : n_plain + n_extra] = per
            owner = np.repeat(np.asarray(extra_at, dtype=np.int64), per // 3)
            shift = np.stack((offset.take(owner), offset.take(owner), position.take(owner)), 1)
            extra_flat = (raw + shift).ravel()
        else:
            extra_flat = np.zeros(0, dtype=np.int64)
        flat = np.concatenate((plain_numbers.ravel(), extra_flat))
        item_first = np.concatenate(([0], np.cumsum(counts)))[:-1]
        sorted_counts = counts[order]
        sorted_first = item_first[order]
        gather = np.repeat(
            sorted_first - np.concatenate(([0], np.cumsum(sorted_counts)))[:-1], sorted_counts
        ) + np.arange(int(sorted_counts.sum()))
        return text % tuple(flat.take(gather).tolist())

    def _json_lines(self, lines: list[str]) -> str:
        """JSON output line by line (no numpy, or a chunk too long for a block at once)."""
        out: list[str] = []
        for line in lines:
            pieces: list[str] = []
            self._line_json(line, pieces, 0, 0)
            out.append('{"tokens":[' + ",".join(pieces) + "]}\n")
        return "".join(out)

    def _text_block(self, lines: list[str], terms: list[str]) -> str:
        """Text output for lines whose chunks are what ``str.split`` gives."""
        split = [line.split() for line in lines]
        flat = list(chain.from_iterable(split))
        values = self._known(self._text, flat)
        out: list[str] = []
        at = 0
        for chunks, term in zip(split, terms, strict=True):
            n = len(chunks)
            out.append(" ".join(filter(_HAS_TERMS, values[at : at + n])))
            out.append(term)
            at += n
        return "".join(out)

    def map_batch(self, values: Sequence[str]) -> list[str]:
        """Each value (a JSON or CSV field) analyzed as one field: its terms by spaces.

        A value's line breaks are whitespace like any other, as in a field
        Lucene indexes; its chunks are remembered like those of lines.
        """
        get = self._text.__getitem__
        found = self._cut.findall
        prepare = self.analyzer.char_filter
        return [" ".join(filter(_HAS_TERMS, map(get, found(prepare(v))))) for v in values]

    def line_streamer(self, margin: int | None = None) -> AnalyzeStreamer:
        """Takes one very long line in pieces, in bounded memory."""
        return AnalyzeStreamer(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (AnalyzeWriter, (self.analyzer_name, self.fmt, self.offsets))


class AnalyzeStreamer:
    """One very long line, fed in pieces: cut at whitespace, which no token spans."""

    def __init__(self, writer: AnalyzeWriter) -> None:
        self._writer = writer
        self._pending = ""
        self._position = 0
        self._base = 0
        self._started = False

    def feed(self, text: str, final: bool) -> str:
        w = self._writer
        buf = w.analyzer.char_filter(self._pending + text)
        if final:
            body, term = buf, ""
            if body.endswith("\n"):
                body, term = body[:-1], "\n"
                if body.endswith("\r"):
                    body, term = body[:-1], "\r\n"
            self._pending = ""
        else:
            cut = max(buf.rfind(" "), buf.rfind("\t"))
            if cut < 0:
                self._pending = buf
                return ""
            body, self._pending = buf[: cut + 1], buf[cut + 1 :]
        out = self._text(body) if w.fmt == "text" else self._json(body)
        if final:
            if w.fmt == "jsonl":
                out += ("" if self._started else '{"tokens":[') + "]}\n"
            else:
                out += term
            self._position = self._base = 0
            self._started = False
        return out

    def _text(self, body: str) -> str:
        w = self._writer
        found = list(filter(_HAS_TERMS, (w._text[m.group()] for m in w._cut.finditer(body))))
        if not found:
            return ""
        joined = " ".join(found)
        if self._started:
            return " " + joined
        self._started = True
        return joined

    def _json(self, body: str) -> str:
        w = self._writer
        pieces: list[str] = []
        self._position, _ = w._line_json(body, pieces, self._position, self._base)
        astral = w.offsets == "utf16" and bool(body) and max(body) > "\uffff"
        self._base += utf16_offsets(body)[-1] if astral else len(body)
        if not pieces:
            return ""
        joined = ",".join(pieces)
        if self._started:
            return "," + joined
        self._started = True
        return '{"tokens":[' + joined
