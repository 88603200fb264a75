"""The word tokenizer and the sentence splitter.

Tokens follow Universal Dependencies conventions for orthographic words:

- a word is a run of letters, digits and the combining marks on them, so
  ``و1,4`` and ``2020م`` stay whole; Arabic and Latin words alike;
- numbers keep their decimal and thousands separators and clock times their
  colon (``3.14``, ``1,000,000``, ``٣٫٥``, ``1,5``, ``6:30``): a separator
  joins only when a digit stands on both sides of it;
- URLs, e-mail addresses, ``@mentions`` and ``#hashtags`` (Arabic letters
  and ``_`` included) are one token each;
- an emoji sequence (skin tone, ZWJ family, flag, keycap, tag sequence) is
  one token;
- every other punctuation mark or symbol is a token of its own, except a run
  of the same mark (``...``, ``!!``, ``؟؟``), which stays together;
- tatweel (kashida) between two letters stretches the word and stays in it;
  after a lone letter or a proclitic (``بـ``, ``الـ``, ``هـ``) it is a joiner
  and stays with that word even before a quote or a digit (``بـ”التهديدات``
  gives ``بـ ” التهديدات``); anywhere else (``ـلا ... فقطـ``) it is a dash
  and a token of its own.

Every non-space character of the input belongs to exactly one token, so
joining the tokens loses nothing but whitespace. Each pattern is linear in
the length of the text: every repetition is possessive or bounded, and a
branch that can scan far and fail is always followed by one that consumes
what it scanned.

    >>> tokens("قال: \\"السعر 3.14$ فقط...\\"")
    ['قال', ':', '"', 'السعر', '3.14', '$', 'فقط', '...', '"']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, chain
from typing import TYPE_CHECKING, Any, NamedTuple

import regex

from arabnorm import chars

if TYPE_CHECKING:
    from arabnorm.pipeline import Pipeline


def _esc(text: str) -> str:
    return str(regex.escape(text))


# Exactly the characters str.isspace() accepts (a test checks).
_SPACE = r"[\p{White_Space}\x1c-\x1f]"
_M = r"\p{M}"
_CF = r"\p{Cf}"
# Tatweel and any other letter whose whole job is to join its neighbours.
_KASHIDA = r"[\p{L}&&\p{Joining_Type=Join_Causing}]"
_LETTER = r"[\p{L}--\p{Joining_Type=Join_Causing}]"
# Letters that join the letter after them, so a kashida after them stretches the word.
_JOINING = r"[[\p{Joining_Type=Dual_Joining}\p{Joining_Type=Left_Joining}]&&\p{L}]"
_NUM_SEP = "[.,:" + _esc(chars.ARABIC_DECIMAL_SEPARATOR + chars.ARABIC_THOUSANDS_SEPARATOR) + "]"
_NUMBER = rf"\p{{Nd}}++(?:{_NUM_SEP}\p{{Nd}}++)*+"

_UNIT = (
    rf"(?:{_JOINING}{_M}*+(?:(?:{_KASHIDA}{_M}*+)++(?={_LETTER}))?+"
    rf"|{_LETTER}{_M}*+"
    rf"|{_NUMBER}"
    rf"|[\p{{No}}\p{{Nl}}]{_M}*+)"
)
_WORD = rf"{_CF}*+{_UNIT}(?:{_UNIT}|{_M}|{_CF}|_++(?=\p{{N}}|{_LETTER}))*+"


def _letter(ch: str) -> str:
    return _esc(ch) + f"{_M}*+"


# A proclitic (bi-, li-, ka-, fa-, al-, wa-al-, ...) or a lone letter, written
# with a tatweel so that it joins a following number, quote or foreign word.
_A, _L = _letter(chars.ALEF), _letter(chars.LAM)
_PROCLITIC = (
    rf"(?:(?:[{_esc(chars.WAW + chars.FEH)}]{_M}*+)?"
    rf"(?:(?:[{_esc(chars.BEH + chars.KAF + chars.LAM)}]{_M}*+)?{_A}{_L}|{_L}{_L})"
    rf"|(?:[{_esc(chars.WAW + chars.FEH)}]{_M}*+)?[{_esc(chars.BEH + chars.KAF + chars.LAM)}]{_M}*+"
    rf"|{_JOINING}{_M}*+)"
)
_JOINER = rf"{_PROCLITIC}(?:{_KASHIDA}{_M}*+)++(?![\p{{L}}\p{{M}}])"
_DASH = rf"(?:{_KASHIDA}{_M}*+)++"

# URLs: a scheme or www., then anything but spaces, quotes and brackets
# (balanced parentheses allowed); trailing punctuation is left out.
_URL_TRAIL = _esc(
    ".,:;!?'"
    + chars.ARABIC_COMMA
    + chars.ARABIC_SEMICOLON
    + chars.ARABIC_QUESTION_MARK
    + chars.ARABIC_FULL_STOP
    + chars.HORIZONTAL_ELLIPSIS
)
_URL_STOP = r"\p{White_Space}\x1c-\x1f<>\"()\[\]{}«»“”‘’"
_URL_BODY = rf"(?:[{_URL_TRAIL}]*+(?:[^{_URL_STOP}{_URL_TRAIL}]|\([^{_URL_STOP}]*+\)))++"
_TLDS = "com|org|net|edu|gov|mil|int|info|biz|io|ai|app|dev|tv|me|news|online"
_URL = (
    rf"(?:(?i:https?://|ftp://|www\.){_URL_BODY}"
    rf"|[a-z0-9](?:[a-z0-9-]{{0,62}})(?:\.[a-z0-9-]{{1,63}}){{0,8}}\.(?:{_TLDS})"
    rf"(?![\p{{L}}\p{{N}}])(?:/(?:{_URL_BODY})?)?)"
)
# E-mail: an ASCII local part (as almost all are) and any-script domain labels.
_LABEL = r"[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?"
_EMAIL = (
    rf"[A-Za-z0-9][A-Za-z0-9._%+-]{{0,63}}@(?:{_LABEL}\.){{1,8}}\p{{L}}{{2,63}}(?![\p{{L}}\p{{N}}])"
)
_MENTION = r"(?<![\p{L}\p{N}_])@[\p{L}\p{M}\p{N}_]++"
_HASHTAG = r"(?<![\p{L}\p{N}_&])#(?=[\p{N}_]*+\p{L})[\p{L}\p{M}\p{N}_]++"

_ZWJ = _esc(chars.ZWJ)
_VS16 = _esc(chars.VARIATION_SELECTOR_16)
_KEYCAP = _esc(chars.COMBINING_ENCLOSING_KEYCAP)
_TAGS = f"[{_esc(chars.TAG_SPACE)}-{_esc(chars.TAG_TILDE)}]++{_esc(chars.CANCEL_TAG)}"
_EMOJI_ONE = rf"\p{{Extended_Pictographic}}(?:\p{{Emoji_Modifier}}|{_VS16}|{_KEYCAP}|{_TAGS})*+"
_EMOJI = (
    rf"(?:\p{{Regional_Indicator}}\p{{Regional_Indicator}}"
    rf"|[0-9#*]{_VS16}?{_KEYCAP}"
    rf"|{_EMOJI_ONE}(?:{_ZWJ}{_EMOJI_ONE})*+)"
)
# A run of one punctuation mark or symbol. A named group is the only group in
# the pattern; callers read whole matches, never groups.
_MARKS = r"(?P<mark>[\p{P}\p{S}])(?P=mark)*+"


def _token_body(kinds: bool = False) -> str:
    """The pattern of one token; with ``kinds``, URLs, e-mails, mentions, hashtags and
    words are named groups (``url``, ``email``, ``mention``, ``hashtag``, ``word``)."""

    def g(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if kinds else pattern

    return (
        rf"(?:{_JOINER}|(?=\p{{Arabic}}){_WORD}|{g('url', _URL)}|{g('email', _EMAIL)}"
        rf"|{g('mention', _MENTION)}|{g('hashtag', _HASHTAG)}"
        rf"|{_EMOJI}|{g('word', _WORD)}|{_DASH}|{_MARKS}|[{_M}{_CF}]++|[^{_SPACE[1:-1]}])"
        rf"[{_M}{_CF}]*+"
    )


_TOKEN_BODY = _token_body()

TOKEN = regex.compile(_TOKEN_BODY, regex.V1)
"""One token; ``TOKEN.finditer(text)`` yields every token of ``text``."""

TOKEN_KINDS = regex.compile(_token_body(kinds=True), regex.V1)
"""``TOKEN`` with the kinds of token the ``mask`` stage replaces as named groups."""

NUMBER = regex.compile(_NUMBER, regex.V1)
"""A number as the tokenizer reads one: digits with separators between digits."""

EMOJI = regex.compile(_EMOJI, regex.V1)
"""One emoji sequence (skin tone, ZWJ sequence, flag, keycap, tag sequence)."""

TOKEN_OR_LINE_BREAK = regex.compile(rf"{_TOKEN_BODY}|\r?\n|\r\Z", regex.V1)
"""A token, or a line break (``\\n``, ``\\r\\n``, or the ``\\r`` that ends the text)."""


def token_spans(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` code point offsets of every token of ``text``.

    >>> list(token_spans("كتب 3.14%"))
    [(0, 3), (4, 8), (8, 9)]
    """
    for m in TOKEN.finditer(text):
        yield m.span()


# --- Fast paths ----------------------------------------------------------------
#
# Tokens never contain whitespace and the pattern looks no further than the
# whitespace around a chunk (a maximal run of non-space characters), so a
# chunk's tokens depend on the chunk alone. Text repeats its chunks (words,
# words with a comma) over and over: the tokens of each chunk are computed once
# and remembered, and whole lines are then assembled by C-level joins and maps.
# ``str.split()`` splits at exactly the characters the pattern treats as space
# (a test checks both sets over every code point).

_CACHE_LIMIT = 1 << 17
_CACHE_MAX_CHUNK = 200  # longer chunks (rare, and hostile ones) are not remembered
_KASHIDAS = chars.KASHIDAS


def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    if chunk.isalnum() and _KASHIDAS.isdisjoint(chunk):
        return (chunk,)  # letters and digits only: always one token
    return tuple([m[0] for m in TOKEN.finditer(chunk)])


class _Memo(dict[str, tuple[str, ...]]):
    """Chunk -> its tokens; cleared when it grows past ``_CACHE_LIMIT``."""

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = _chunk_tokens(chunk)
        if len(chunk) <= _CACHE_MAX_CHUNK:
            self[chunk] = value
        return value


class _JoinedMemo(dict[str, str]):
    """Chunk -> its tokens joined by one space."""

    def __missing__(self, chunk: str) -> str:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        if chunk.isalnum() and _KASHIDAS.isdisjoint(chunk):
            value = chunk
        else:
            value = " ".join(_CHUNKS[chunk])
        if len(chunk) <= _CACHE_MAX_CHUNK:
            self[chunk] = value
        return value


class _SpanMemo(dict[str, tuple[int, ...]]):
    """Chunk -> ``(1, len0, 0, len1, 0, len2, ...)``: the gap before each token, its length.

    Summing these over the chunks of a line separated by single spaces gives
    every token's start and end (see ``_regular_line_spans``).
    """

    def __missing__(self, chunk: str) -> tuple[int, ...]:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        steps: list[int] = []
        for i, tok in enumerate(_CHUNKS[chunk]):
            steps.append(1 if i == 0 else 0)
            steps.append(len(tok))
        value = tuple(steps)
        if len(chunk) <= _CACHE_MAX_CHUNK:
            self[chunk] = value
        return value


_CHUNKS = _Memo()
_JOINED = _JoinedMemo()
_STEPS = _SpanMemo()


def clear_cache() -> None:
    """Forget every remembered chunk (benchmarks start each run cold with it)."""
    _CHUNKS.clear()
    _JOINED.clear()
    _STEPS.clear()


_OTHER_SPACE = regex.compile(rf"[{_SPACE}--[ \n]]", regex.V1)


def tokens(text: str) -> list[str]:
    """The tokens of ``text``, characters unchanged.

    >>> tokens("بـ”التهديدات المتزايدة”")
    ['بـ', '”', 'التهديدات', 'المتزايدة', '”']
    """
    return list(chain.from_iterable(map(_CHUNKS.__getitem__, text.split())))


def join_tokens(text: str) -> str:
    """``text`` with its tokens separated by one space, line by line.

    Line breaks (``\\n`` and ``\\r\\n``) stay where they are; spaces at both
    ends of each line go. A ``\\r`` that does not end a line is a space; one
    at the end of the text stays, as the start of the line's ending.

    >>> join_tokens("قال:\\"نعم\\"  \\r\\nلا!!")
    'قال : " نعم "\\r\\nلا !!'
    """
    get = _JOINED.__getitem__
    lines = text.split("\n")
    if "\r" not in text:
        return "\n".join([" ".join(map(get, line.split())) for line in lines])
    return "\n".join(
        [" ".join(map(get, line.split())) + ("\r" if line[-1:] == "\r" else "") for line in lines]
    )


# The same set as _OTHER_SPACE for the standard library's faster search of a
# plain character class (every str.isspace() character is below U+3001).
_OTHER_SPACE_FAST = re.compile(
    "["
    + re.escape("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n"))
    + "]"
)


def has_only_plain_spaces(text: str) -> bool:
    """True when ``text`` has no whitespace but spaces and ``\\n``."""
    return _OTHER_SPACE_FAST.search(text) is None


def all_lines_regular(text: str) -> bool:
    """True when every line of ``text`` is regular (see ``is_regular_line``)."""
    return (
        "  " not in text
        and " \n" not in text
        and "\n " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and has_only_plain_spaces(text)
    )


def is_regular_line(line: str) -> bool:
    """True for a line of chunks separated by single spaces (no other whitespace).

    Call it on lines from a text for which ``has_only_plain_spaces`` holds.
    """
    return not line or ("  " not in line and line[0] != " " and line[-1] != " ")


def regular_line_bounds(chunks: list[str]) -> tuple[int, ...]:
    """``(-1, start0, end0, start1, end1, ...)`` for a regular line, from its chunks.

    >>> regular_line_bounds("قال: نعم".split(" "))
    (-1, 0, 3, 3, 4, 5, 8)
    """
    return tuple(accumulate(chain.from_iterable(map(_STEPS.__getitem__, chunks)), initial=-1))


def regular_line_tokens(chunks: list[str]) -> list[str]:
    """The tokens of a regular line, from its chunks (``line.split(" ")``)."""
    return list(chain.from_iterable(map(_CHUNKS.__getitem__, chunks)))


def chunk_tokens(chunk: str) -> tuple[str, ...]:
    """The tokens of one whitespace-free chunk, remembered.

    >>> chunk_tokens("قال:")
    ('قال', ':')
    """
    return _CHUNKS[chunk]


def line_tokens_and_spans(
    line: str, plain_spaces: bool | None = None
) -> tuple[list[str], list[tuple[int, int]]]:
    """The tokens of one line (no line break in it) and their ``(start, end)`` spans.

    ``plain_spaces`` says the caller already knows the line has no
    whitespace but spaces (``has_only_plain_spaces``).

    >>> line_tokens_and_spans("قال: نعم")
    (['قال', ':', 'نعم'], [(0, 3), (3, 4), (5, 8)])
    """
    if plain_spaces is None:
        plain_spaces = has_only_plain_spaces(line)
    if plain_spaces and is_regular_line(line):
        chunks = line.split(" ")
        bounds = iter(regular_line_bounds(chunks))
        next(bounds)
        return regular_line_tokens(chunks), list(zip(bounds, bounds, strict=False))
    toks: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in TOKEN.finditer(line):
        toks.append(m[0])
        spans.append(m.span())
    return toks, spans


def line_tokens_and_bounds(
    line: str, plain_spaces: bool | None = None
) -> tuple[list[str], list[int]]:
    """Like ``line_tokens_and_spans``, the spans flat: ``[start0, end0, start1, end1, ...]``.

    >>> line_tokens_and_bounds("قال: نعم")
    (['قال', ':', 'نعم'], [0, 3, 3, 4, 5, 8])
    """
    if plain_spaces is None:
        plain_spaces = has_only_plain_spaces(line)
    if plain_spaces and is_regular_line(line):
        chunks = line.split(" ")
        return regular_line_tokens(chunks), list(regular_line_bounds(chunks)[1:])
    toks: list[str] = []
    bounds: list[int] = []
    for m in TOKEN.finditer(line):
        toks.append(m[0])
        bounds += m.span()
    return toks, bounds


def join_edits(text: str) -> tuple[str, list[tuple[int, int, int, int]]]:
    """``join_tokens(text)`` and the edits that produced it from ``text``.

    Each edit is ``(in_start, in_end, out_start, out_end)``: a run of spaces
    that became one space or nothing, or a space inserted between two tokens
    that touched.
    """
    pieces: list[str] = []
    edits: list[tuple[int, int, int, int]] = []
    last = 0  # end of the previous match in text
    out = 0  # length of the output so far
    line_start = True
    for m in TOKEN_OR_LINE_BREAK.finditer(text):
        start, end = m.span()
        piece = m[0]
        breaks = piece[-1] in "\r\n"  # no token ends with either
        want = "" if line_start or breaks else " "
        if text[last:start] != want:
            edits.append((last, start, out, out + len(want)))
        pieces.append(want)
        pieces.append(piece)
        out += len(want) + end - start
        last = end
        line_start = breaks
    if last < len(text):
        edits.append((last, len(text), out, out))
    return "".join(pieces), edits


class Token(NamedTuple):
    """A token and where it came from: ``original[start:end]`` in code points.

    >>> Token("كتاب", 0, 7)
    Token(text='كتاب', start=0, end=7)
    """

    text: str
    start: int
    end: int


class TokenBlock:
    """The tokens of a block of lines, in columns, with spans in the original lines.

    ``tokens[i]`` came from ``lines[k][starts[i]:ends[i]]`` for the line ``k``
    whose tokens are ``tokens[first[k]:first[k + 1]]``. ``lines`` hold the
    original lines without their terminators (``terms``), and ``offsets``
    where each line starts in the block. Every token writer formats one of
    these; clitic splitting is one transform of it (``split_clitics``), whose
    result says in ``parents`` where the pieces of each word begin: the
    pieces of word ``i`` are ``tokens[parents[i]:parents[i + 1]]``.

    >>> from arabnorm.pipeline import Pipeline
    >>> block = tokenize_block(Pipeline.from_spec("tatweel"), "كتـــاب جديد\\nنعم!")
    >>> block.tokens, block.spans(0), block.spans(1)
    (['كتاب', 'جديد', 'نعم', '!'], [(0, 7), (8, 12)], [(0, 3), (3, 4)])
    """

    __slots__ = ("ends", "first", "lines", "offsets", "parents", "starts", "terms", "tokens")

    def __init__(
        self,
        lines: list[str],
        terms: list[str],
        offsets: list[int],
        tokens: list[str],
        starts: list[int],
        ends: list[int],
        first: list[int],
        parents: list[int] | None = None,
    ) -> None:
        self.lines = lines
        self.terms = terms
        self.offsets = offsets
        self.tokens = tokens
        self.starts = starts
        self.ends = ends
        self.first = first
        self.parents = parents if parents is not None else list(range(len(tokens) + 1))

    def __len__(self) -> int:
        """The number of lines."""
        return len(self.lines)

    def line_tokens(self, k: int) -> list[str]:
        """The tokens of line ``k``."""
        return self.tokens[self.first[k] : self.first[k + 1]]

    def spans(self, k: int) -> list[tuple[int, int]]:
        """The ``(start, end)`` of every token of line ``k``, in that line."""
        a, b = self.first[k], self.first[k + 1]
        return list(zip(self.starts[a:b], self.ends[a:b], strict=True))

    def split_clitics(self, mark: bool, folded: bool) -> TokenBlock:
        """The same block with clitics split off Arabic tokens (see ``arabnorm.clitics``).

        Each piece gets its own span in the original line; ``mark`` writes
        clitics with a ``+`` (``و+``, ``+ه``).
        """
        from arabnorm.clitics import split_token

        tokens: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        first = [0]
        parents = []
        for k, line in enumerate(self.lines):
            a, b = self.first[k], self.first[k + 1]
            for tok, s, e in zip(self.tokens[a:b], self.starts[a:b], self.ends[a:b], strict=True):
                parents.append(len(tokens))
                for piece, ps, pe in split_token(tok, s, e, line, mark=mark, folded=folded):
                    tokens.append(piece)
                    starts.append(ps)
                    ends.append(pe)
            first.append(len(tokens))
        parents.append(len(tokens))
        lines, terms, offsets = self.lines, self.terms, self.offsets
        return TokenBlock(lines, terms, offsets, tokens, starts, ends, first, parents)

    def tokens_with_spans(self) -> list[Token]:
        """Every token with its span in the block (not the line)."""
        out: list[Token] = []
        for k, off in enumerate(self.offsets):
            a, b = self.first[k], self.first[k + 1]
            out += [
                Token(t, s + off, e + off)
                for t, s, e in zip(self.tokens[a:b], self.starts[a:b], self.ends[a:b], strict=True)
            ]
        return out


def tokenize_block(pipeline: Pipeline, block: str) -> TokenBlock:
    """Normalize ``block`` (whole lines) with ``pipeline``, tokenize, and map every span back.

    Spans are in code points of the original line: a character the pipeline
    deleted inside or right after a token (a diacritic, a tatweel) lies
    inside its span, a token that came out of a ligature spans the ligature,
    and whitespace never starts or ends a span. Lines the pipeline left
    unchanged keep the tokens' own offsets; the spans of the others go back
    through the pipeline's alignment in one pass for the whole block.
    """
    if not block:
        return TokenBlock([], [], [], [], [], [], [0])
    originals = block.split("\n")
    ends_with_break = originals[-1] == ""
    if ends_with_break:
        originals.pop()
    last = len(originals) - 1
    if pipeline.stages:
        normalized, alignment = pipeline.align(block)
        changed = not alignment.is_identity
    else:
        normalized, alignment, changed = block, None, False
    norm_lines = normalized.split("\n") if changed else originals
    plain = has_only_plain_spaces(normalized)
    lines: list[str] = []
    terms: list[str] = []
    offsets: list[int] = []
    tokens: list[str] = []
    flat: list[int] = []  # start0, end0, start1, end1, ... in line coordinates
    first = [0]
    pending: list[tuple[int, int, int, int]] = []  # (flat from, flat to, norm off, orig off)
    orig_off = norm_off = 0
    for i, line in enumerate(originals):
        breaks = i < last or ends_with_break
        has_cr = line[-1:] == "\r"  # a \r that ends the block ends its line too
        term = ("\r\n" if breaks else "\r") if has_cr else ("\n" if breaks else "")
        orig = line[:-1] if has_cr else line
        norm = norm_lines[i]
        norm_body = norm[:-1] if has_cr and norm[-1:] == "\r" else norm
        same = not changed or norm_body == orig
        body = orig if same else norm_body
        if plain and not has_cr and is_regular_line(body):
            chunks = body.split(" ")
            tokens += regular_line_tokens(chunks)
            flat += regular_line_bounds(chunks)[1:] if body else ()
        else:
            toks, bounds = line_tokens_and_bounds(body, False)
            tokens += toks
            flat += bounds
        if not same and len(flat) > 2 * first[-1]:
            pending.append((2 * first[-1], len(flat), norm_off, orig_off))
        lines.append(orig)
        terms.append(term)
        offsets.append(orig_off)
        first.append(len(tokens))
        orig_off += len(line) + 1
        norm_off += len(norm) + 1
    if pending:
        assert alignment is not None
        _map_back(alignment, block, flat, pending)
    return TokenBlock(lines, terms, offsets, tokens, flat[0::2], flat[1::2], first)


def _map_back(
    alignment: Any, block: str, flat: list[int], pending: list[tuple[int, int, int, int]]
) -> None:
    """Map the flat spans of changed lines back to their original lines, in place.

    Each ``(a, b, norm_off, orig_off)`` names ``flat[a:b]``, spans of a
    normalized line starting at ``norm_off`` in the normalized block, whose
    original line starts at ``orig_off``. Spans go through the alignment,
    then lose whitespace at either end (``_trim``).
    """
    from arabnorm.compiler import vectorized

    if not vectorized():
        pairs = [
            (off + flat[j], off + flat[j + 1]) for a, b, off, _ in pending for j in range(a, b, 2)
        ]
        mapped = iter(alignment.spans(pairs))
        for lo, hi, _, back in pending:
            for j in range(lo, hi, 2):
                x, y = _trim(block, *next(mapped))
                flat[j], flat[j + 1] = x - back, y - back
        return
    import numpy as np

    index = np.concatenate([np.arange(a, b, dtype=np.int64) for a, b, _, _ in pending])
    counts = np.asarray([b - a for a, b, _, _ in pending], dtype=np.int64)
    norm_offs = np.repeat(np.asarray([n for _, _, n, _ in pending], dtype=np.int64), counts)
    bounds = np.asarray(flat, dtype=np.int64)[index] + norm_offs
    a, b = alignment.map_arrays(bounds[0::2], bounds[1::2])
    # whitespace at either end of a span (rare): trimmed one by one
    ends = np.maximum(b - 1, a)
    check = np.flatnonzero(_is_space(block, np.concatenate((a, ends))).reshape(2, -1).any(axis=0))
    if check.size:
        a, b = a.copy(), b.copy()
        for i in check.tolist():
            a[i], b[i] = _trim(block, int(a[i]), int(b[i]))
    shift = np.repeat(np.asarray([o for _, _, _, o in pending], dtype=np.int64), counts // 2)
    out = np.empty(len(index), dtype=np.int64)
    out[0::2] = a - shift
    out[1::2] = b - shift
    for j, value in zip(index.tolist(), out.tolist(), strict=True):
        flat[j] = value


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` without whitespace at either end, as a slice."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SPACE_LUT: list[Any] = []


def _is_space(text: str, positions: Any) -> Any:
    """Whether ``text[p].isspace()`` for each position (positions past the end: False)."""
    import numpy as np

    from arabnorm.fasttable import code_units

    if not _SPACE_LUT:
        lut = np.zeros(0x110000, dtype=np.bool_)
        lut[[c for c in range(0x3001) if chr(c).isspace()]] = True  # none above U+3000
        _SPACE_LUT.append(lut)
    inside = positions < len(text)
    where = np.minimum(positions, max(len(text) - 1, 0))
    try:
        codes = code_units(text).take(where)
    except UnicodeEncodeError:  # lone surrogates
        codes = np.fromiter((ord(text[p]) for p in where.tolist()), np.int64, len(where))
    return _SPACE_LUT[0].take(codes) & inside


def tokenize_with(pipeline: Pipeline, text: str) -> list[Token]:
    """Normalize ``text`` with ``pipeline``, tokenize, and map each token back.

    Spans are in code points of ``text`` itself (see ``tokenize_block``).

    >>> from arabnorm.pipeline import Pipeline
    >>> tokenize_with(Pipeline.from_spec("tatweel"), "كتـــاب جديد")
    [Token(text='كتاب', start=0, end=7), Token(text='جديد', start=8, end=12)]
    """
    return tokenize_block(pipeline, text).tokens_with_spans()


# --- Sentences ---------------------------------------------------------------

_TERMINAL = frozenset(
    ".!?" + chars.ARABIC_QUESTION_MARK + chars.ARABIC_FULL_STOP + chars.HORIZONTAL_ELLIPSIS
)
_CLOSING = regex.compile(r"[\p{Pe}\p{Pf}\"']++", regex.V1)
# Abbreviations a full stop does not end a sentence after (compared lowercased).
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr vs etc no vol fig pp ed eds inc ltd co corp dept univ "
    "gen col lt sgt capt gov sen rep jan feb mar apr jun jul aug sep sept oct nov dec "
    "approx est".split()
)
_SINGLE_LETTER = regex.compile(rf"{_LETTER}(?:{_M}|{_KASHIDA})*+", regex.V1)


def _is_terminal(token: str) -> bool:
    return token[0] in _TERMINAL and all(c == token[0] for c in token)


def _is_abbreviation(token: str) -> bool:
    return token.lower() in _ABBREVIATIONS or _SINGLE_LETTER.fullmatch(token) is not None


def sentence_bounds(toks: list[str], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split one line's tokens into sentences: ``(first, last + 1)`` token index pairs.

    ``spans`` only tell which tokens touch (no space between them). A
    sentence ends after a run of . ! ? ؟ … together with any closing quotes or
    brackets that touch it. A full stop right after an abbreviation or an
    initial (``Dr.``, ``د.``, ``J.``) ends nothing; numbers and URLs are
    single tokens, so their dots never split.

    >>> toks = ["قال", "د", ".", "أحمد", ":", "نعم", ".", "ثم", "ذهب", "!"]
    >>> sentence_bounds(toks, [(0, 3), (4, 5), (5, 6), (7, 11), (11, 12),
    ...                        (13, 16), (16, 17), (18, 20), (21, 24), (24, 25)])
    [(0, 7), (7, 10)]
    """
    out: list[tuple[int, int]] = []
    first = 0
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if _is_terminal(tok) and not (
            tok == "."
            and i > first
            and spans[i - 1][1] == spans[i][0]
            and _is_abbreviation(toks[i - 1])
        ):
            i += 1
            while i < n and spans[i][0] == spans[i - 1][1]:
                nxt = toks[i]
                if _is_terminal(nxt) or (
                    _CLOSING.fullmatch(nxt) and (i + 1 == n or spans[i + 1][0] > spans[i][1])
                ):
                    i += 1
                else:
                    break
            out.append((first, i))
            first = i
            continue
        i += 1
    if first < n:
        out.append((first, n))
    return out


def sentences(text: str) -> list[list[str]]:
    """The tokens of ``text`` sentence by sentence; a line break always ends one.

    >>> sentences("ذهب. ثم عاد!\\nنعم")
    [['ذهب', '.'], ['ثم', 'عاد', '!'], ['نعم']]
    """
    out: list[list[str]] = []
    for line in text.split("\n"):
        toks, spans = line_tokens_and_spans(line)
        out.extend(toks[a:b] for a, b in sentence_bounds(toks, spans))
    return out
