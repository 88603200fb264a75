"""Input encodings: any Python codec or ``auto``, read as UTF-8 for everything after.

arabnorm writes UTF-8, always. It reads UTF-8 unless told otherwise with
``--encoding NAME`` (any Python text codec: ``cp1256``, ``windows-1256``,
``iso-8859-6``, ``mac-arabic``, ``cp720``, ``utf-16``, ...) or
``--encoding auto``. A ``DecodingReader`` stands between the file and the
record readers: it turns the file's bytes into UTF-8 bytes as they are read,
so every format, long line, count and error path downstream is the one UTF-8
already has. UTF-16 and UTF-32 are decoded by an incremental decoder, never
cut at the byte ``\\n`` (which occurs inside their code units); line breaks
and ``\\r\\n`` come out as they went in.

``auto`` decides once per file, from at most ``DETECT_BYTES`` bytes:

1. a byte order mark: UTF-32, UTF-16 or UTF-8 (the mark itself is dropped);
2. bytes that are valid UTF-8 are UTF-8, always (so are empty and pure-ASCII
   files). While the file is ASCII the decision waits: ASCII reads the same
   in every candidate, and the window is taken from the first byte >= 0x80;
3. otherwise the code pages windows-1256, ISO-8859-6, MacArabic and CP720
   (then windows-1252, for Latin-only files) are tried: a page that leaves
   a byte of the window undefined is out, each other one decodes it and is
   scored by how Arabic the result reads (``score``); the best wins.

If a file that started as valid UTF-8 turns out not to be later on, the run
stops with the usual error, which says what the bad bytes look like (the
fallback: ``auto`` never re-reads what it already wrote).

>>> detect("مرحبا بالعالم".encode("cp1256"), final=True).encoding
'cp1256'
>>> detect("مرحبا".encode("utf-8"), final=True).encoding
'utf-8'
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import BinaryIO

from arabnorm.errors import DecodeError, UsageError

AUTO = "auto"
DEFAULT = "utf-8"
DETECT_BYTES = 1 << 16
"""Bytes ``auto`` looks at, from the first byte >= 0x80 on."""
SCORE_BYTES = 1 << 14
"""Of those, bytes decoded and scored in each candidate code page (the others rule pages out)."""

ARABIC_CANDIDATES = ("cp1256", "iso8859-6", "mac-arabic", "cp720")
CANDIDATES = (*ARABIC_CANDIDATES, "cp1252")
"""What ``auto`` chooses among when the bytes are not UTF-8, in order of preference."""

ALIASES = {"macarabic": "mac_arabic", "x-mac-arabic": "mac_arabic", "dos-720": "cp720"}
"""Names Python's codec registry does not know under these spellings."""

NAMES = {
    "cp1256": "windows-1256",
    "iso8859-6": "ISO-8859-6",
    "mac-arabic": "MacArabic",
    "cp720": "DOS Arabic (cp720)",
    "cp1252": "windows-1252",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "utf-8-sig": "UTF-8 with a byte order mark",
}

DOUBTFUL_HIGH_BYTES = 24
"""With fewer non-ASCII bytes than this, two different readings that score close are reported."""


def resolve_encoding(name: str | None) -> str:
    """The canonical codec name for ``name`` (``auto`` stays ``auto``; None is UTF-8).

    Raises ``UsageError`` (exit 2) for a name that is not a text codec.

    >>> resolve_encoding("windows-1256"), resolve_encoding("MacArabic"), resolve_encoding(None)
    ('cp1256', 'mac-arabic', 'utf-8')
    """
    if name is None:
        return DEFAULT
    key = name.strip().lower()
    if key == AUTO:
        return AUTO
    try:
        info = codecs.lookup(ALIASES.get(key, key))
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise UsageError(
            f"unknown encoding {name!r}; use auto or a Python text codec name "
            "such as cp1256, iso8859-6, mac-arabic, cp720, utf-16"
        )
    return info.name


def describe(encoding: str) -> str:
    """``cp1256 (windows-1256)``: the codec name, and what people call it."""
    other = NAMES.get(encoding)
    return f"{encoding} ({other})" if other else encoding


# --- deciding ------------------------------------------------------------------------


@dataclass(frozen=True)
class Detection:
    """What ``auto`` decided for a file, and why.

    ``codec`` decodes the bytes after a byte order mark of ``bom`` bytes
    (``utf-8``: passed through as they are); ``name`` is what people are
    told (``utf-16`` for a marked UTF-16 LE file); ``doubt`` names a
    different reading that scored nearly as well on a short sample.
    """

    codec: str
    reason: str
    name: str = ""
    bom: int = 0
    doubt: str | None = None

    @property
    def encoding(self) -> str:
        """The encoding's name as reported (``audit --json``: ``files[].encoding``)."""
        return self.name or self.codec


_BOMS = (
    # UTF-32 LE first: its mark starts with the mark of UTF-16 LE
    Detection("utf-32-le", "byte order mark", "utf-32", bom=4),
    Detection("utf-32-be", "byte order mark", "utf-32", bom=4),
    Detection("utf-16-le", "byte order mark", "utf-16", bom=2),
    Detection("utf-16-be", "byte order mark", "utf-16", bom=2),
    Detection("utf-8-sig", "byte order mark"),  # the codec drops the mark itself
)
_MARKS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF8,
)


def _valid_utf8(sample: bytes, final: bool) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a sequence cut by the end of the window is not an error
        return not final and exc.reason == "unexpected end of data" and exc.end == len(sample)
    return True


def detect(sample: bytes, final: bool, at_start: bool = True) -> Detection | None:
    """Decide an encoding from ``sample``; None while it is only ASCII (and not ``final``).

    ``at_start``: the sample is the beginning of the file (a byte order mark
    counts only there); ``final``: the file ends with it.
    """
    if at_start:
        for mark, found in zip(_MARKS, _BOMS, strict=True):
            if sample.startswith(mark):
                return found
    if sample.isascii():
        unmarked = _unmarked_utf16(sample)
        if unmarked is not None:
            # valid UTF-8 is read as UTF-8, but the user is told what it also reads as
            return Detection(DEFAULT, "ASCII", doubt=unmarked.codec)
        return Detection(DEFAULT, "ASCII") if final else None
    if _valid_utf8(sample, final):
        return Detection(DEFAULT, "valid UTF-8")
    return _unmarked_utf16(sample) or _score_candidates(sample)


def _unmarked_utf16(sample: bytes) -> Detection | None:
    """UTF-16 without a byte order mark, when every other byte is that of ASCII or Arabic.

    Text of the Arabic block and of ASCII in UTF-16 has 0x06 or 0x00 as the
    high byte of every code unit; no single-byte text has those controls at
    every other position.
    """
    n = len(sample) // 2 * 2
    if n < 8:
        return None
    for codec, high in (("utf-16-le", sample[1:n:2]), ("utf-16-be", sample[0:n:2])):
        if high.count(0) + high.count(6) >= 0.95 * len(high):
            try:
                sample[:n].decode(codec)
            except UnicodeDecodeError:
                continue
            return Detection(codec, "UTF-16 code units without a byte order mark")
    return None


def _score_candidates(sample: bytes, candidates: Iterable[str] = CANDIDATES) -> Detection:
    present = frozenset(sample)
    scores: dict[str, float] = {}
    readings: dict[str, str] = {}
    order = list(candidates)
    scored = sample[:SCORE_BYTES]
    for enc in order:
        if present & undefined_bytes(enc):
            continue
        text = scored.decode(enc, "replace")
        readings[enc] = text
        scores[enc] = score(text, scored)
    if not scores:
        # windows-1256 defines every byte: it is only out through its C1 controls
        return Detection("cp1256", "no code page reads every byte; windows-1256 reads most")
    ranked = sorted(scores, key=lambda e: (-scores[e], order.index(e)))
    # identical readings do not depend on tiny score differences: the first one
    best = next(e for e in order if readings.get(e) == readings[ranked[0]])
    doubt = None
    high = sum(1 for b in scored if b >= 0x80)
    if high < DOUBTFUL_HIGH_BYTES:
        others = [e for e in ranked if readings[e] != readings[best]]
        if others and scores[best] - scores[others[0]] < 2.0:
            doubt = others[0]
    return Detection(best, "scored", doubt=doubt)


@lru_cache(maxsize=16)
def undefined_bytes(encoding: str) -> frozenset[int]:
    """Bytes ``encoding`` leaves undefined or passes through as C1 controls.

    Python's cp720 and iso8859-6 decode some holes of their tables to the C1
    control of the same number; no text holds those, so ``auto`` treats them
    as undefined.
    """
    bad: set[int] = set()
    for b in range(0x80, 0x100):
        try:
            c = bytes([b]).decode(encoding)
        except UnicodeDecodeError:
            bad.add(b)
            continue
        if 0x80 <= ord(c) <= 0x9F:
            bad.add(b)
    return frozenset(bad)


# --- scoring ---------------------------------------------------------------------------

_LETTER, _MARK, _LATIN, _DIGIT, _SPACE, _PUNCT, _BOX, _SYMBOL, _NBSP = "AHLN pBSn"
_BAD_NEXT_TO_LETTER = frozenset("[\\]^_{|}#$&*+<=>/")


@lru_cache(maxsize=4096)
def _kind(c: str) -> str:
    import unicodedata

    from arabnorm import chars
    from arabnorm.damage.model import LETTERS

    if c in LETTERS or c in chars.ARABIC_LETTERS:
        return _LETTER
    if c in chars.HARAKAT_TANWIN_SHADDA_SUKUN or c == chars.TATWEEL:
        return _MARK
    if c == "\u00a0":
        return _NBSP
    if c.isascii():
        if c.isalpha():
            return _LATIN
        if c.isdigit():
            return _DIGIT
        return _SPACE if c.isspace() else _PUNCT
    if c in chars.ARABIC_INDIC_DIGITS or c in chars.EXTENDED_ARABIC_INDIC_DIGITS:
        return _DIGIT
    if c in chars.BOX_DRAWING_AND_BLOCKS:
        return _BOX
    cat = unicodedata.category(c)
    if c in chars.ARABIC_TEXT_PUNCTUATION or cat in ("Pd", "Pi", "Pf", "Cf"):
        return _PUNCT
    if cat.startswith("L"):
        return _LATIN
    return _SYMBOL


def score(text: str, raw: bytes | None = None) -> float:
    """How much ``text`` reads like Arabic (or Latin) prose, per byte >= 0x80.

    Arabic letters earn the log probability of each letter pair against a
    uniform guess; a wrong code page shows as Arabic letters glued to Latin
    ones, harakat on nothing, runs of accented capitals (ÇáÚÑÈíÉ), box
    drawing and symbols between letters, and (MacArabic's copies of ASCII
    punctuation in the upper half) brackets inside words. ``raw``, when
    given, holds one byte per character of ``text``.
    """
    import math

    from arabnorm.damage.model import BOUNDARY, letter_model

    model = letter_model()
    uniform = math.log(1 / 40)
    s = 0.0
    high = 0
    prev = " "
    pk = _SPACE
    n = len(text)
    # A byte A0 is a no-break space in most pages and a space in MacArabic:
    # where the file also spaces with 0x20, it is the rarer no-break space.
    a0_is_space = raw is None or raw.count(b"\xa0") > raw.count(b" ")
    for i, c in enumerate(text):
        k = _kind(c)
        if raw is not None:
            if raw[i] >= 0x80:
                high += 1
                if c == " " and not a0_is_space:
                    s -= 0.5
                if k == _PUNCT and c.isascii():
                    nk = _kind(text[i + 1]) if i + 1 < n else _SPACE
                    touching = pk in (_LETTER, _LATIN, _MARK), nk in (_LETTER, _LATIN, _MARK)
                    if all(touching) or (c in _BAD_NEXT_TO_LETTER and any(touching)):
                        s -= 6
        elif ord(c) >= 0x80:
            high += 1
        if k == _LETTER:
            s += model.pair(prev if pk == _LETTER else BOUNDARY, c) - uniform
            if pk == _LATIN:
                s -= 8
        elif k == _MARK:
            if pk not in (_LETTER, _MARK):
                s -= 8
        elif k == _LATIN:
            if pk == _LETTER:
                s -= 8
            if ord(c) >= 0x80:
                if pk == _LATIN and prev.isascii():
                    s += 0.5
                elif pk == _LATIN:
                    s -= 3
                else:
                    s -= 1
        elif k == _BOX:
            s -= 6
        elif k == _NBSP and a0_is_space:
            s -= 0.5
        elif k == _SYMBOL:
            s -= 4 if pk in (_LETTER, _LATIN, _MARK) else 2
        if pk == _LETTER and k != _LETTER and k != _MARK:
            s += model.pair(prev, BOUNDARY) - uniform
        if pk == _SYMBOL and k in (_LETTER, _LATIN, _MARK):
            s -= 2
        if k != _MARK:
            prev, pk = c, k
    if pk == _LETTER:
        s += model.pair(prev, BOUNDARY) - uniform
    return s / max(high, 1)


def looks_like(raw: bytes, at_start: bool = False) -> str | None:
    """What undecodable UTF-8 bytes look like, for the error message; None if unsure.

    A block that is mostly valid UTF-8 with a few bad bytes is damaged
    UTF-8, not another code page: None then.
    """
    sample = raw[:DETECT_BYTES]
    if at_start and any(sample.startswith(mark) for mark in _MARKS):
        found = detect(sample, final=True)
        return found.encoding if found is not None else None
    text = sample.decode("utf-8", "surrogateescape")
    bad = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    good = sum(1 for c in text if ord(c) >= 0x80) - bad
    if good >= bad:
        return None
    found = detect(sample, final=True, at_start=False)
    return found.encoding if found is not None else None


def utf8_error(
    source: str, line: int, offset: int, raw: bytes, start: int, end: int
) -> DecodeError:
    """The error for undecodable UTF-8 at ``raw[start:end]``, naming what the bytes look like."""
    at_start = offset == 0 and start < 4
    guess = looks_like(raw if at_start else raw[max(0, start - 1024) :], at_start)
    if guess is not None:
        hint = f"the bytes look like {NAMES.get(guess, guess)}: pass --encoding {guess} (or auto)"
    else:
        hint = "use --errors surrogateescape to pass such bytes through, or --errors replace"
    return DecodeError(source, line, offset + start, raw[start:end], hint=hint)


# --- reading -------------------------------------------------------------------------------

_HIGH = re.compile(rb"[\x80-\xff]")


class DecodingReader:
    """A binary stream of UTF-8 read from another stream in ``encoding`` (or ``auto``).

    ``encoding`` is decided (for ``auto``) on the first reads; until then it
    is None. A file decided as UTF-8 is passed through untouched (the
    readers behind check it). Undecodable bytes follow ``errors`` as
    everywhere else; with ``strict`` they raise a ``DecodeError`` naming the
    source, line and byte offset in the original file.
    """

    def __init__(self, raw: BinaryIO, encoding: str | Detection, errors: str, source: str) -> None:
        self._raw = raw
        self._errors = errors
        self._source = source
        self._pending = b""
        self._eof = False
        self._decoder: codecs.IncrementalDecoder | None = None
        self._passthrough = False
        self._offset = 0  # original bytes consumed
        self._lines = 1  # line of the next character decoded
        self._skip = 0  # bytes of a byte order mark still to drop
        self.detection: Detection | None = None
        self.encoding: str | None = None
        if isinstance(encoding, Detection):
            self._decide(encoding)
        elif encoding != AUTO:
            self._decide(Detection(resolve_encoding(encoding), "given"))

    # BinaryIO, as far as the readers use it
    def readable(self) -> bool:
        return True

    def close(self) -> None:
        pass

    @property
    def closed(self) -> bool:
        return False

    @property
    def transcodes(self) -> bool:
        """True when bytes are decoded here (not passed through as UTF-8)."""
        return self._decoder is not None

    def _decide(self, found: Detection) -> None:
        self.detection = found
        self.encoding = found.encoding
        self._skip = found.bom  # the byte order mark, read now or on the first read
        if found.codec == DEFAULT:
            self._passthrough = True
            return
        self._decoder = codecs.getincrementaldecoder(found.codec)(self._errors)

    def decide(self, ascii_limit: int = 1 << 20) -> Detection | None:
        """Decide ``auto`` now, reading ahead (kept for ``read``); None if only ASCII so far.

        Reads at most ``ascii_limit`` bytes of a file that is ASCII so far.
        """
        if self.encoding is None:
            self._fill_for_detection(ascii_limit)
            m = _HIGH.search(self._pending)
            first = m.start() if m else len(self._pending)
            found = detect(
                self._pending[: first + DETECT_BYTES],
                final=self._eof,
                at_start=self._offset == 0,
            )
            if found is not None:
                self._decide(found)
        return self.detection

    def _fill_for_detection(self, ascii_limit: int = DETECT_BYTES) -> None:
        """Read until the window from the first non-ASCII byte is full, or the file ends."""
        first = -1
        while not self._eof:
            if first < 0:
                m = _HIGH.search(self._pending)
                first = m.start() if m else -1
            need = (first + DETECT_BYTES) if first >= 0 else ascii_limit
            if len(self._pending) >= need:
                break
            chunk = self._raw.read(max(need - len(self._pending), 1 << 14))
            if not chunk:
                self._eof = True
                break
            self._pending += chunk

    def read(self, size: int = -1) -> bytes:
        size = size if size and size > 0 else 1 << 20
        while True:
            if self.encoding is None and self.decide(DETECT_BYTES) is None:
                # only ASCII so far: it reads the same in every candidate
                out, self._pending = self._pending, b""
                self._count(out)
                return out
            if self._pending:
                data, self._pending = self._pending, b""
            elif self._eof:
                data = b""
            else:
                data = self._raw.read(size)
                self._eof = not data
            if self._skip:
                dropped = min(self._skip, len(data))
                data = data[dropped:]
                self._skip -= dropped
                self._offset += dropped
                if not data and not self._eof:
                    continue
            if self._passthrough:
                self._offset += len(data)
                return data
            text = self._decode(data, final=self._eof)
            if text or self._eof:
                # bytes kept by surrogateescape go on as the bytes they were
                return text.encode("utf-8", "surrogateescape")

    def _count(self, ascii_bytes: bytes) -> None:
        self._offset += len(ascii_bytes)
        self._lines += ascii_bytes.count(b"\n")

    def _decode(self, data: bytes, final: bool) -> str:
        decoder = self._decoder
        assert decoder is not None
        state = decoder.getstate()
        try:
            text = decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            held = len(exc.object) - len(data)  # bytes the decoder kept from before
            at = exc.start - held
            decoder.setstate(state)
            before = decoder.decode(data[: max(at, 0)], False) if at > 0 else ""
            raise DecodeError(
                self._source,
                self._lines + before.count("\n"),
                self._offset + at,
                bytes(exc.object[exc.start : exc.end]),
                encoding=self.encoding or "",
            ) from None
        self._offset += len(data)
        self._lines += text.count("\n")
        return text


def sniff(path: str) -> Detection | None:
    """``auto``'s decision for the plain file ``path`` from its first bytes (None: ASCII so far)."""
    with open(path, "rb") as f:
        return DecodingReader(f, AUTO, "strict", path).decide()


def decoded(
    raw: BinaryIO, encoding: str | Detection, errors: str, source: str
) -> tuple[BinaryIO, DecodingReader | None]:
    """``raw`` as a UTF-8 stream: itself when it is read as UTF-8, else through a reader."""
    if encoding == DEFAULT:
        return raw, None
    reader = DecodingReader(raw, encoding, errors, source)
    return reader, reader  # type: ignore[return-value]


def doubt_warning(source: str, encoding: str, other: str) -> str:
    """The warning for a file that ``auto`` could also have read as ``other``."""
    return (
        f"{source}: read as {describe(encoding)}, but the bytes also read as "
        f"{describe(other)}: pass --encoding {other} if that is right"
    )
