"""Lucene's ``StandardTokenizer`` (8.8.1): the words Lucene, Elasticsearch and Solr index.

Unicode word segmentation (UAX #29) as Lucene's JFlex grammar applies it, with
Unicode 9.0 word-break properties and emoji-data 11.0, whatever Python's own
Unicode version. Every code point belongs to one of 30 classes, read from
``arabnorm/data/lucene_word_break.tsv`` (measured on the real tokenizer). A
token is the longest match of one of eight rules at the current position;
on a tie the rule listed first wins:

==================  ==========================================================
``<EMOJI>``         emoji sequences: modifiers, ZWJ chains, flags, keycaps, tags
``<NUM>``           numbers, with separators between digits (``3.14``, ``١٬٠٠٠``)
``<HANGUL>``        runs of Hangul letters
``<KATAKANA>``      runs of Katakana
``<ALPHANUM>``      words: letters and digits, joined by ``_`` or by ``.`` ``'``
                    ``:`` between letters (``example.com``, ``don't``)
``<SOUTHEAST_ASIAN>`` runs of Thai, Lao, Myanmar, Khmer
``<IDEOGRAPHIC>``   one Han character
``<HIRAGANA>``      one Hiragana character
==================  ==========================================================

Combining marks and format characters (harakat, ZWNJ, RLM, soft hyphen)
after a character belong to its token; where nothing matches, one code point
is skipped (spaces, punctuation, symbols, and marks at the start of a would-be
token). A match sees at most 255 UTF-16 code units from its start: a longer
word is cut into pieces, each the longest match inside its window.

The rules are compiled once into a minimal DFA over the classes. Whitespace
never belongs to a token, so text is cut at whitespace into chunks, and a
chunk of letters, digits and their marks between punctuation (nearly every
chunk of real text) is recognized by one pattern without running the DFA.

>>> [(text, kind) for text, _, _, kind in tokens("قال: example.com، 3.14 😀")]
[('قال', '<ALPHANUM>'), ('example.com', '<ALPHANUM>'), ('3.14', '<NUM>'), ('😀', '<EMOJI>')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from arabnorm.datafiles import read_data

DATA_FILE = "lucene_word_break.tsv"
MAX_TOKEN_LENGTH = 255
"""UTF-16 code units a match may span (StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH)."""

# --- classes -----------------------------------------------------------------------

CLASS_NAMES = (
    "Other",
    "ALetter",
    "Hebrew_Letter",
    "Hangul_Letter",
    "ASCII_Digit",
    "Numeric",
    "Katakana",
    "Han",
    "Hiragana",
    "Complex_Context",
    "MidLetter",
    "MidNumLet",
    "MidNum",
    "Single_Quote",
    "Double_Quote",
    "ExtendNumLet",
    "Extend_Format",
    "ZWJ",
    "VS16",
    "VS15",
    "Emoji",
    "Emoji_Modifier_Base",
    "Emoji_Modifier",
    "Regional_Indicator",
    "Keycap_Base",
    "Complex_Context_Extend",
    "Keycap",
    "ALetter_Emoji",
    "Tag",
    "Cancel_Tag",
)
(
    OTHER,
    ALETTER,
    HEBREW,
    HANGUL,
    ASCII_DIGIT,
    NUMERIC,
    KATAKANA,
    HAN,
    HIRAGANA,
    SA,
    MIDLETTER,
    MIDNUMLET,
    MIDNUM,
    SQ,
    DQ,
    ENL,
    EXTEND,
    ZWJ,
    VS16,
    VS15,
    EMOJI,
    EMOJI_BASE,
    EMOJI_MODIFIER,
    RI,
    KEYCAP_BASE,
    SA_EXTEND,
    KEYCAP,
    ALETTER_EMOJI,
    TAG,
    CANCEL_TAG,
) = range(len(CLASS_NAMES))
N_CLASSES = len(CLASS_NAMES)

TYPES = (
    "<EMOJI>",
    "<NUM>",
    "<HANGUL>",
    "<KATAKANA>",
    "<ALPHANUM>",
    "<SOUTHEAST_ASIAN>",
    "<IDEOGRAPHIC>",
    "<HIRAGANA>",
)
"""Token types, in rule order: on a tie between two rules the earlier one wins."""
T_EMOJI, T_NUM, T_HANGUL, T_KATAKANA, T_ALPHANUM, T_SA, T_IDEOGRAPHIC, T_HIRAGANA = range(8)


@lru_cache(maxsize=1)
def class_ranges() -> tuple[tuple[int, int, int], ...]:
    """``(first, last, class)`` for every listed range of the data file, in order."""
    found: list[tuple[int, int, int]] = []
    index = {name: i for i, name in enumerate(CLASS_NAMES)}
    for line in read_data(DATA_FILE).splitlines():
        if not line or line.startswith("#"):
            continue
        first, last, name = line.split("\t")
        found.append((int(first, 16), int(last, 16), index[name]))
    return tuple(found)


@lru_cache(maxsize=1)
def class_table() -> bytearray:
    """The class of every code point, indexed by code point."""
    table = bytearray(0x110000)
    for first, last, cls in class_ranges():
        table[first : last + 1] = bytes((cls,)) * (last - first + 1)
    return table


# --- the grammar -------------------------------------------------------------------
#
# A small regular-expression language over classes: a node is ("sym", classes),
# ("cat", nodes), ("alt", nodes) or ("star", node).

Node = tuple[object, ...]


def _sym(*classes: int) -> Node:
    return ("sym", frozenset(classes))


def _cat(*nodes: Node) -> Node:
    return ("cat", nodes)


def _alt(*nodes: Node) -> Node:
    return ("alt", nodes)


def _star(node: Node) -> Node:
    return ("star", node)


def _plus(node: Node) -> Node:
    return _cat(node, _star(node))


def _opt(node: Node) -> Node:
    return _alt(node, _cat())


EXTENDERS = (EXTEND, ZWJ, VS16, VS15, SA_EXTEND, KEYCAP, TAG, CANCEL_TAG)
"""What follows a character inside its token (word-break Extend, Format and ZWJ)."""
STARTERS = frozenset(
    {
        ALETTER,
        HEBREW,
        HANGUL,
        ASCII_DIGIT,
        NUMERIC,
        KATAKANA,
        HAN,
        HIRAGANA,
        SA,
        ENL,
        ZWJ,
        EMOJI,
        EMOJI_BASE,
        EMOJI_MODIFIER,
        RI,
        KEYCAP_BASE,
        SA_EXTEND,
        ALETTER_EMOJI,
    }
)
"""Classes a token can start with; a character of any other class is skipped."""


def _rules() -> list[Node]:
    """The eight rules, in priority order (see ``TYPES``)."""
    ext = _star(_sym(*EXTENDERS))
    ext_no_vs = _star(_sym(*(c for c in EXTENDERS if c not in (VS16, VS15))))

    def ex(*classes: int) -> Node:  # one character of ``classes`` and its extenders
        return _cat(_sym(*classes), ext)

    letter = ex(ALETTER, ALETTER_EMOJI, HEBREW, HANGUL)
    hebrew = ex(HEBREW)
    number = ex(ASCII_DIGIT, NUMERIC)
    katakana = ex(KATAKANA)
    enl = ex(ENL)
    mid_letter = ex(MIDLETTER, MIDNUMLET, SQ)
    mid_num = ex(MIDNUM, MIDNUMLET, SQ)

    zwjs = _star(_sym(ZWJ))
    emoji_char = _alt(
        _cat(zwjs, _sym(EMOJI, EMOJI_BASE, ALETTER_EMOJI), ext_no_vs, _opt(_sym(VS16))),
        _cat(_opt(_cat(zwjs, _sym(EMOJI_BASE), ext_no_vs)), _sym(EMOJI_MODIFIER), ext_no_vs),
    )
    emoji = _alt(
        _cat(
            emoji_char,
            _alt(_star(_cat(_sym(ZWJ), emoji_char)), _cat(_plus(_sym(TAG)), _sym(CANCEL_TAG))),
        ),
        _cat(_sym(ASCII_DIGIT, KEYCAP_BASE), ext_no_vs, _opt(_sym(VS16)), _sym(KEYCAP), ext_no_vs),
        _cat(ex(RI), ex(RI)),
    )
    numbers = _cat(number, _star(_cat(_alt(_star(enl), mid_num), number)))
    num = _cat(_star(enl), numbers, _star(enl))
    core = _alt(
        _cat(katakana, _star(_cat(_star(enl), katakana))),
        _plus(
            _alt(
                _cat(hebrew, _alt(ex(SQ), _cat(ex(DQ), hebrew))),
                numbers,
                _cat(letter, _star(_cat(_alt(_star(enl), mid_letter), letter))),
            )
        ),
    )
    word = _cat(_star(enl), core, _star(_cat(_plus(enl), core)), _star(enl))
    return [
        emoji,
        num,
        _plus(ex(HANGUL)),
        _plus(katakana),
        word,
        _plus(ex(SA, SA_EXTEND)),
        ex(HAN),
        ex(HIRAGANA),
    ]


class Dfa(NamedTuple):
    """A DFA over classes: ``delta[state * N_CLASSES + cls]`` is the next state or -1.

    ``accept[state]`` is the rule a match ending in ``state`` belongs to (the
    first one, on a tie) or -1; ``start`` is the initial state.
    """

    delta: list[int]
    accept: list[int]
    start: int


def _nfa(
    rules: Sequence[Node],
) -> tuple[list[list[int]], list[dict[int, list[int]]], int, dict[int, int]]:
    """Thompson's construction: epsilon moves, class moves, start, final state -> rule."""
    eps: list[list[int]] = []
    moves: list[dict[int, list[int]]] = []

    def new() -> int:
        eps.append([])
        moves.append({})
        return len(eps) - 1

    def build(node: Node) -> tuple[int, int]:
        kind = node[0]
        if kind == "sym":
            s, e = new(), new()
            for cls in node[1]:  # type: ignore[attr-defined]
                moves[s].setdefault(cls, []).append(e)
            return s, e
        if kind == "cat":
            s = cur = new()
            for child in node[1]:  # type: ignore[attr-defined]
                cs, ce = build(child)
                eps[cur].append(cs)
                cur = ce
            return s, cur
        if kind == "alt":
            s, e = new(), new()
            for child in node[1]:  # type: ignore[attr-defined]
                cs, ce = build(child)
                eps[s].append(cs)
                eps[ce].append(e)
            return s, e
        s, e = new(), new()  # star
        cs, ce = build(node[1])  # type: ignore[arg-type]
        eps[s] += [cs, e]
        eps[ce] += [cs, e]
        return s, e

    start = new()
    finals: dict[int, int] = {}
    for i, rule in enumerate(rules):
        s, e = build(rule)
        eps[start].append(s)
        finals[e] = i
    return eps, moves, start, finals


def _determinize(rules: Sequence[Node]) -> tuple[list[list[int]], list[int]]:
    """Subset construction: transitions per state and class (-1: none), accepting rule."""
    eps, moves, start, finals = _nfa(rules)
    # A DFA state is a set of "important" NFA states: those that read a class
    # or accept. Each state's closure is kept to those.
    closures: list[frozenset[int]] = []
    for state in range(len(eps)):
        seen = {state}
        todo = [state]
        while todo:
            for t in eps[todo.pop()]:
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
        closures.append(frozenset(t for t in seen if moves[t] or t in finals))

    first = closures[start]
    index = {first: 0}
    order = [first]
    delta: list[list[int]] = []
    accept: list[int] = []
    k = 0
    while k < len(order):
        current = order[k]
        k += 1
        by_class: dict[int, set[int]] = {}
        for s in current:
            for cls, targets in moves[s].items():
                by_class.setdefault(cls, set()).update(targets)
        row = [-1] * N_CLASSES
        for cls, reached in by_class.items():
            nxt = frozenset().union(*(closures[t] for t in reached))
            if nxt not in index:
                index[nxt] = len(order)
                order.append(nxt)
            row[cls] = index[nxt]
        delta.append(row)
        accept.append(min((finals[s] for s in current if s in finals), default=-1))
    return delta, accept


def _minimize(delta: list[list[int]], accept: list[int]) -> Dfa:
    """Moore's algorithm: merge states no input can tell apart; state 0 stays the start."""
    block = list(accept)
    while True:
        signatures: dict[tuple[int, ...], int] = {}
        new_block = []
        for state, row in enumerate(delta):
            sig = (block[state], *(block[t] if t >= 0 else -2 for t in row))
            new_block.append(signatures.setdefault(sig, len(signatures)))
        if len(signatures) == len(set(block)):
            break
        block = new_block
    # renumber so the start state's block is 0
    renumber: dict[int, int] = {block[0]: 0}
    for b in block:
        renumber.setdefault(b, len(renumber))
    n = len(renumber)
    flat = [-1] * (n * N_CLASSES)
    accepting = [-1] * n
    for state, row in enumerate(delta):
        b = renumber[block[state]]
        accepting[b] = accept[state]
        for cls, t in enumerate(row):
            flat[b * N_CLASSES + cls] = renumber[block[t]] if t >= 0 else -1
    return Dfa(flat, accepting, 0)


DFA_FILE = "lucene_word_break_dfa.txt"


def build_dfa() -> Dfa:
    """The tokenizer's rules compiled to one minimal DFA (a tenth of a second)."""
    return _minimize(*_determinize(_rules()))


def dfa_text(d: Dfa) -> str:
    """``d`` as the text of ``arabnorm/data/lucene_word_break_dfa.txt``."""
    lines = [
        "# The DFA of arabnorm/lucene/tokenizer.py's rules (build_dfa()), saved so that",
        "# start-up need not compile them. One state per line: the rule it accepts (-1:",
        "# none), then the next state for each class in CLASS_NAMES order (-1: none).",
        "# tests/lucene/test_tokenizer.py checks that it is what build_dfa() gives.",
    ]
    for state, rule in enumerate(d.accept):
        row = d.delta[state * N_CLASSES : (state + 1) * N_CLASSES]
        lines.append(" ".join(map(str, (rule, *row))))
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=1)
def dfa() -> Dfa:
    """The tokenizer's DFA, read from its data file (``build_dfa`` when that is missing)."""
    try:
        text = read_data(DFA_FILE)
    except OSError:
        return build_dfa()
    delta: list[int] = []
    accept: list[int] = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            rule, *row = map(int, line.split())
            accept.append(rule)
            delta += row
    return Dfa(delta, accept, 0)


# --- scanning ------------------------------------------------------------------------

Span = tuple[int, int, int]
"""``(start, end, type)``: code point offsets in the text scanned, index into ``TYPES``."""


def scan(classes: bytes, units: Sequence[int] | None = None) -> list[Span]:
    """The tokens of a text given as its classes (one byte per code point).

    ``units`` holds the UTF-16 offset of every code point and of the end
    (only needed when the text has code points above U+FFFF); a match may
    not span more than ``MAX_TOKEN_LENGTH`` of them.

    Linear time: where a match attempt fails, the next position is tried by
    continuing the failed attempt whenever the DFA cannot tell the two
    starting points apart after one character (runs of ZWJ or ``_`` that
    never become a token), instead of scanning the same run again.
    """
    delta, accept, start = dfa()
    width = N_CLASSES
    n = len(classes)
    out: list[Span] = []
    p = 0
    # the last failed attempt: where it started, the states after each
    # character it read, where it stopped, and whether it stopped on a dead end
    fail_from = -1
    trail: list[int] = []
    fail_stop = 0
    dead = False
    while p < n:
        cls = classes[p]
        if cls not in STARTERS:
            p += 1
            continue
        if units is None:
            limit = min(n, p + MAX_TOKEN_LENGTH)
        else:
            limit = bisect_right(units, units[p] + MAX_TOKEN_LENGTH, p) - 1
            limit = min(limit, n)
        first = delta[start * width + cls]
        best = -1
        rule = -1
        if fail_from >= 0 and 0 < p - fail_from < len(trail) and trail[p - fail_from] == first:
            # From p + 1 on this attempt is the failed one: nothing accepts
            # before where that one stopped; carry on from there if it can.
            if dead or fail_stop >= limit:
                p += 1
                continue
            q = fail_stop
            state = trail[-1]
        else:
            fail_from = p
            trail = [first]
            state = first
            q = p + 1
            if accept[first] >= 0:
                best, rule = q, accept[first]
        dead = False
        while q < limit:
            state = delta[state * width + classes[q]]
            if state < 0:
                dead = True
                break
            q += 1
            trail.append(state)
            if accept[state] >= 0:
                best, rule = q, accept[state]
        if best < 0:
            fail_stop = q
            p += 1
            continue
        out.append((p, best, rule))
        fail_from = -1
        trail = []
        p = best
    return out


SYMBOL_BASE = 0x30
"""A chunk's classes are written as a string, class ``c`` as ``chr(SYMBOL_BASE + c)``."""
_FROM_SYMBOLS = bytes((b - SYMBOL_BASE) % 256 for b in range(256))


def _symbols(classes: Iterable[int]) -> str:
    """A ``re`` class of the symbols of ``classes``."""
    return "[" + "".join(re.escape(chr(SYMBOL_BASE + c)) for c in sorted(set(classes))) + "]"


class _Plain(NamedTuple):
    symbols: list[str]
    plain: re.Pattern[str]
    numeric: re.Pattern[str]
    cut: re.Pattern[str]


@lru_cache(maxsize=1)
def _plain() -> _Plain:
    """What recognizes a plain chunk without the DFA, and the whitespace cut.

    A chunk is written as its classes, one symbol per code point of the BMP
    (``str.translate`` with a list, or one numpy lookup for many chunks);
    code points above it are left as they are and send the chunk to the DFA.
    A chunk is plain when it is characters no token starts with, then at
    most one run of letters, digits and their marks (no longer than a
    window), then again characters no token starts with, the first of which
    does not extend the run.
    """
    table = class_table()
    names = [chr(SYMBOL_BASE + c) for c in range(N_CLASSES)]
    symbols = [names[c] for c in table[:0x10000]]
    skipped = [c for c in range(N_CLASSES) if c not in STARTERS]
    lead = _symbols(skipped)
    after = _symbols(c for c in skipped if c not in EXTENDERS)
    first = _symbols((ALETTER, ASCII_DIGIT, NUMERIC))
    body = _symbols((ALETTER, ASCII_DIGIT, NUMERIC, EXTEND, ZWJ))
    plain = re.compile(
        f"{lead}*+(?:({first}{body}{{0,{MAX_TOKEN_LENGTH - 1}}}+)(?:{after}{lead}*+)?)?"
    )
    numeric = re.compile(_symbols((ASCII_DIGIT, NUMERIC, EXTEND, ZWJ)) + "++")
    spaces = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and table[ord(c)] == OTHER)
    cut = re.compile(f"[^{re.escape(spaces)}]++")
    return _Plain(symbols, plain, numeric, cut)


def symbols(chunk: str) -> str:
    """The classes of a chunk as a string of symbols (code points above the BMP kept)."""
    return chunk.translate(_plain().symbols)


_VECTOR: list[Any] = []


def units_many(chunks: Sequence[str]) -> Any:
    """The UTF-16 code units of the chunks joined by line breaks, as a numpy array.

    None when numpy may not be used (``ARABNORM_PURE``) or some chunk has a
    code point above the BMP (or a lone surrogate): then go one by one.
    """
    from arabnorm.compiler import vectorized

    if not chunks or not vectorized():
        return None
    import numpy as np

    joined = "\n".join(chunks)
    try:
        data = joined.encode("utf-16-le")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(data) != 2 * len(joined):  # pairs of surrogates for code points above the BMP
        return None
    return np.frombuffer(data, dtype=np.uint16)


def symbols_many(units: Any) -> list[str]:
    """``symbols`` of each chunk, from ``units_many``, in one lookup."""
    import numpy as np

    if not _VECTOR:
        table = np.frombuffer(class_table()[:0x10000], dtype=np.uint8) + np.uint8(SYMBOL_BASE)
        table[0x0A] = 0x0A  # the line break that separates the chunks stays
        _VECTOR.append(table)
    found: str = _VECTOR[0].take(units).tobytes().decode("latin-1")
    return found.split("\n")


class PlainMany(NamedTuple):
    """What ``plain_many`` finds: per chunk, whether it is plain and its one token, if any.

    ``start``/``end`` are offsets in the joined units (-1 where no token),
    ``numeric`` says the token is ``<NUM>`` rather than ``<ALPHANUM>``, and
    ``first`` is where each chunk starts in the joined units.
    """

    plain: Any
    start: Any
    end: Any
    numeric: Any
    first: Any


_STARTS, _BODY, _BODY_FIRST, _EXTENDS, _LETTER, _SEPARATOR = (1, 2, 4, 8, 16, 32)


def _flags() -> Any:
    """One byte of flags per BMP code unit, for ``plain_many``.

    Starts a token; belongs to a plain body (letters, digits, their marks);
    may begin one; extends a token without belonging to a plain body; is an
    ALetter; separates chunks (whitespace that splits tokens, so everything
    but NARROW NO-BREAK SPACE).
    """
    import numpy as np

    if len(_VECTOR) < 2:
        symbols_many(np.zeros(0, dtype=np.uint16))  # the class lookup array
        classes = _VECTOR[0] - np.uint8(SYMBOL_BASE)
        classes[0x0A] = OTHER
        body = (ALETTER, ASCII_DIGIT, NUMERIC, EXTEND, ZWJ)
        per_class = np.zeros(N_CLASSES, dtype=np.uint8)
        for c in range(N_CLASSES):
            per_class[c] = (
                (_STARTS if c in STARTERS else 0)
                | (_BODY if c in body else 0)
                | (_BODY_FIRST if c in (ALETTER, ASCII_DIGIT, NUMERIC) else 0)
                | (_EXTENDS if c in EXTENDERS and c not in body else 0)
                | (_LETTER if c == ALETTER else 0)
            )
        flags = per_class.take(classes)
        table = class_table()
        for c in range(0x3001):
            if chr(c).isspace() and table[c] == OTHER:
                flags[c] |= _SEPARATOR
        _VECTOR.append(flags)
    return _VECTOR[1]


_FIELD = 31  # bits per running count in ``plain_many``: more than any block's length
_COUNTS: list[Any] = []


def _counts() -> tuple[Any, Any]:
    """Per code unit: starts a token and is not plain body, packed; is an ALetter."""
    if not _COUNTS:
        import numpy as np

        flags = _flags()
        starts = ((flags & _STARTS) > 0).astype(np.int64)
        other = ((flags & _BODY) == 0).astype(np.int64)
        _COUNTS.append((starts | other << _FIELD, ((flags & _LETTER) > 0).astype(np.int32)))
    return _COUNTS[0]  # type: ignore[no-any-return]


def plain_many(units: Any) -> PlainMany:
    """``plain`` for every chunk at once, with numpy: chunks are what whitespace separates.

    ``units`` are UTF-16 code units of the BMP (``units_many`` joins chunks
    by line breaks; a whole block may be given as it is, every whitespace
    then separates). A chunk is plain when no token starts before its first
    letter or digit, the run of letters, digits and their marks from there
    is its only token (at most a window long), and what follows neither
    extends it nor starts another: the same chunks the plain pattern accepts.

    Running counts of token starts and of characters outside a plain body
    (packed in one cumulative sum) answer every question by differences and
    binary searches.
    """
    import numpy as np

    n = len(units)
    flags = _flags().take(units)
    first = np.concatenate(([0], np.flatnonzero(flags & _SEPARATOR) + 1))
    ends = np.append(first[1:] - 1, n)  # where each chunk ends (its separator)
    packed, letter = _counts()
    before = np.concatenate(([0], np.cumsum(packed.take(units))))
    starts_before = before & ((1 << _FIELD) - 1)
    other_before = before >> _FIELD
    at_first, at_end = starts_before.take(first), starts_before.take(ends)
    has = at_end > at_first
    # the first start of each chunk: where the count of starts goes past the chunk's
    at = np.where(has, np.searchsorted(starts_before, at_first + 1) - 1, first)
    # the run of plain body from there ends at the first character outside it
    end = np.minimum(np.searchsorted(other_before, other_before.take(at) + 1) - 1, n)
    flags = np.append(flags, np.uint8(_SEPARATOR))
    plain = ~has | (
        ((flags.take(at) & _BODY_FIRST) > 0)
        & (starts_before.take(end) == at_end)  # no token starts after the run
        & (end - at <= MAX_TOKEN_LENGTH)
        & ((flags.take(end) & _EXTENDS) == 0)
    )
    letters = np.concatenate(([0], np.cumsum(letter.take(units))))
    numeric = letters.take(end) == letters.take(at)
    start = np.where(has, at, -1)
    return PlainMany(plain, start, np.where(has, end, -1), numeric, first)


def spans_of(chunk: str, sym: str) -> list[Span]:
    """The tokens of a chunk, given its symbols (see ``symbols``)."""
    fast = _plain()
    m = fast.plain.fullmatch(sym)
    if m is not None:
        start, end = m.span(1)
        if start < 0:
            return []
        return [(start, end, T_NUM if fast.numeric.fullmatch(sym, start, end) else T_ALPHANUM)]
    if len(sym) == len(chunk) and sym.isascii():  # every code point in the BMP
        return scan(sym.encode("latin-1").translate(_FROM_SYMBOLS))
    table = class_table()
    return scan(bytes(map(table.__getitem__, map(ord, chunk))), utf16_offsets(chunk))


def chunk_spans(chunk: str) -> list[Span]:
    """The tokens of a chunk of text (usually one without whitespace).

    >>> chunk_spans("«كتابٌ».")
    [(1, 6, 4)]
    """
    return spans_of(chunk, symbols(chunk))


def utf16_offsets(text: str) -> list[int]:
    """The UTF-16 offset of every code point of ``text``, and of its end."""
    offsets = [0]
    at = 0
    for c in text:
        at += 2 if c > "\uffff" else 1
        offsets.append(at)
    return offsets


class Token(NamedTuple):
    """A token of ``StandardTokenizer``: its text, code point span and type."""

    text: str
    start: int
    end: int
    type: str


def tokens(text: str) -> list[Token]:
    """Every token of ``text``, as Lucene's ``StandardTokenizer`` gives them.

    >>> tokens("ال‌كتاب user@example.com")
    [Token(text='ال\u200cكتاب', start=0, end=7, type='<ALPHANUM>'), \
Token(text='user', start=8, end=12, type='<ALPHANUM>'), \
Token(text='example.com', start=13, end=24, type='<ALPHANUM>')]
    """
    out: list[Token] = []
    for m in _plain().cut.finditer(text):
        base = m.start()
        chunk = m.group()
        out += [Token(chunk[s:e], base + s, base + e, TYPES[t]) for s, e, t in chunk_spans(chunk)]
    return out


def chunk_cutter() -> re.Pattern[str]:
    """A pattern matching each maximal run of text without whitespace that splits tokens.

    Every whitespace character but NARROW NO-BREAK SPACE (which joins words,
    as ``_`` does) ends tokens; this matches what lies between them.
    """
    return _plain().cut
