"""Record formats: plain text, JSON Lines, CSV and TSV.

A *codec* knows two things about its format: where complete records end in a
buffer of bytes (``cut``; run by the reader, in one process), and how to turn
one block of complete records into output bytes with a transform applied to
the named values only (``process``; a pure function, run in worker processes
with ``-j``). Everything else (files, compression, order, progress) is the
runner's.

What comes out as it went in, byte for byte:

- text: every line terminator (``\\n`` or ``\\r\\n``), empty lines, the
  absence of a final newline. The transform sees whole blocks of lines.
- JSON Lines: every byte outside the named string values: other fields, key
  order, spacing, numbers as written, nulls, nested objects, blank lines.
  A named value the transform leaves unchanged keeps its exact bytes (its
  escapes included); a changed value is written as a JSON string with ``"``,
  ``\\`` and control characters escaped, and non-ASCII written as UTF-8 unless
  the original value was written with ``\\uXXXX`` escapes in pure ASCII, in
  which case the new value is too.
- CSV/TSV: every byte outside the named columns: the header, other columns,
  delimiters, quoting, record terminators, newlines inside quoted fields. A
  changed value keeps its quoting: a quoted field stays quoted (inner ``"``
  doubled); an unquoted field is quoted only if the new value needs it
  (delimiter, ``"``, ``\\r`` or ``\\n``).

A record whose named field is missing or not a string (JSON) or that has too
few columns (CSV) passes through unchanged and is counted in ``missing``.

>>> from arabnorm.io.formats import JsonlCodec
>>> JsonlCodec(("text",)).process(b'{"id": 1, "text": "AB"}\\n', 1, 0, "x", _Lower()).data
b'{"id": 1, "text": "ab"}\\n'
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import regex

from arabnorm.errors import InputError, UsageError
from arabnorm.io.compress import strip_compression
from arabnorm.io.text import count_newlines

FORMATS = ("text", "jsonl", "csv", "tsv")
ON_ERROR = ("stop", "skip")
MAX_RECORD = 64 << 20
"""A JSON line or CSV record longer than this many bytes stops the run (bounded memory)."""

_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonlines": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
}


class Transform(Protocol):
    """What a command supplies: a block transform and a batch transform.

    ``apply`` gets a block of whole lines joined by their terminators (text
    format); ``map_batch`` gets independent values (JSON fields, CSV cells)
    and returns one result per value. ``Pipeline`` is one.
    """

    def apply(self, text: str) -> str: ...

    def map_batch(self, texts: Sequence[str]) -> list[str]: ...


class FunctionTransform:
    """A ``Transform`` from a function of one string, for commands other than ``clean``.

    ``apply`` runs the function on a whole block of lines, ``map_batch`` on
    each value; with ``-j`` the function must be picklable (a module-level
    function, or an object whose class is importable).

    >>> FunctionTransform(str.upper).map_batch(["a", "b"])
    ['A', 'B']
    """

    def __init__(self, func: Any) -> None:
        self.func = func

    def apply(self, text: str) -> str:
        return str(self.func(text))

    def map_batch(self, texts: Sequence[str]) -> list[str]:
        func = self.func
        return [str(func(t)) for t in texts]

    def line_streamer(self, margin: int | None = None) -> Any:
        """The function's own streamer for very long lines, else one that gathers the line."""
        make = getattr(self.func, "line_streamer", None)
        if make is not None:
            return make(margin)
        from arabnorm.io.longline import GatherStreamer

        return GatherStreamer(self.apply)


class _Lower:
    """A toy transform for the doctest above."""

    def apply(self, text: str) -> str:
        return text.lower()

    def map_batch(self, texts: Sequence[str]) -> list[str]:
        return [t.lower() for t in texts]


def detect_format(name: str, explicit: str | None = None) -> str:
    """The format named by ``explicit``, else by the file name (``-`` is text).

    >>> detect_format("dump/part-1.jsonl.gz"), detect_format("a.TSV"), detect_format("-")
    ('jsonl', 'tsv', 'text')
    """
    if explicit and explicit != "auto":
        if explicit not in FORMATS:
            raise UsageError(f"unknown format {explicit!r}; choose from: {', '.join(FORMATS)}")
        return explicit
    base = strip_compression(os.path.basename(name)).lower()
    return _EXTENSIONS.get(os.path.splitext(base)[1], "text")


@dataclass
class BlockResult:
    """The output of one block and what was counted on the way.

    ``data`` is a view of shared memory when a worker left the output there.
    """

    data: bytes | memoryview
    lines: int = 0
    records: int = 0
    missing: int = 0
    invalid: list[int] = field(default_factory=list)


def decode(raw: bytes, line: int, offset: int, source: str, errors: str) -> str:
    try:
        return raw.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        from arabnorm.io.encoding import utf8_error

        bad_line = line + raw.count(b"\n", 0, exc.start)
        raise utf8_error(source, bad_line, offset, raw, exc.start, exc.end) from None


def _out_errors(errors: str) -> str:
    return "surrogateescape" if errors == "surrogateescape" else "strict"


def count_lines(raw: bytes) -> int:
    """Lines in ``raw``: a last line without a terminator counts too."""
    n = count_newlines(raw)
    return n + 1 if raw and not raw.endswith(b"\n") else n


def _cut_after_line(data: bytes, final: bool) -> int:
    """Where a block of whole lines ends: after the last line break (all of it at the end)."""
    return len(data) if final else data.rfind(b"\n") + 1


@dataclass(frozen=True)
class TextCodec:
    """Plain text: the transform sees blocks of whole lines."""

    errors: str = "strict"
    kind = "text"

    def cut(self, data: bytes, final: bool) -> int:
        return _cut_after_line(data, final)

    def process(
        self, raw: bytes, line: int, offset: int, source: str, transform: Transform
    ) -> BlockResult:
        text = decode(raw, line, offset, source, self.errors)
        out = transform.apply(text).encode("utf-8", _out_errors(self.errors))
        n = count_lines(raw)
        return BlockResult(out, lines=n, records=n)


_JSON_WS = regex.compile(r"[ \t\r]*+")
_raw_decode = json.JSONDecoder().raw_decode  # one JSON value at a position: (value, end)


def _dump(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _dump_ascii(value: str) -> str:
    return json.dumps(value, ensure_ascii=True)


class _BadJson(ValueError):
    pass


def _locate_fields(line: str, fields: frozenset[str]) -> list[tuple[int, int, Any]] | None:
    """Spans ``(start, end, value)`` of the top-level ``fields`` of a JSON object line.

    ``None`` when the line is valid JSON but not an object. Raises
    ``_BadJson`` (with json's own message) when the line is not valid JSON.
    """
    ws = _JSON_WS.match
    n = len(line)
    i = ws(line, 1 if line.startswith("\ufeff") else 0).end()  # a byte order mark is kept
    if i >= n or line[i] != "{":
        try:
            json.loads(line[i:])
        except ValueError as exc:
            raise _BadJson(str(exc)) from None
        return None
    found: list[tuple[int, int, Any]] = []
    try:
        i = ws(line, i + 1).end()
        if i < n and line[i] == "}":
            i += 1
        else:
            while True:
                if i >= n or line[i] != '"':
                    raise _BadJson(f"expecting property name in double quotes: column {i + 1}")
                key, i = _raw_decode(line, i)
                i = ws(line, i).end()
                if i >= n or line[i] != ":":
                    raise _BadJson(f"expecting ':' delimiter: column {i + 1}")
                i = ws(line, i + 1).end()
                if i >= n or line[i] in ",}":
                    raise _BadJson(f"expecting value: column {i + 1}")
                value, end = _raw_decode(line, i)
                if key in fields:
                    found.append((i, end, value))
                i = ws(line, end).end()
                if i < n and line[i] == ",":
                    i = ws(line, i + 1).end()
                    continue
                if i < n and line[i] == "}":
                    i += 1
                    break
                raise _BadJson(f"expecting ',' delimiter: column {i + 1}")
    except ValueError as exc:
        if isinstance(exc, _BadJson):
            raise
        raise _BadJson(str(exc)) from None
    if ws(line, i).end() != n:
        raise _BadJson(f"extra data: column {i + 1}")
    return found


@dataclass(frozen=True)
class JsonlCodec:
    """JSON Lines: one JSON value per line; the named string fields change."""

    fields: tuple[str, ...] = ("text",)
    errors: str = "strict"
    on_error: str = "stop"
    stamp: str | None = None  # --provenance: the spec hash added to each record
    kind = "jsonl"

    def cut(self, data: bytes, final: bool) -> int:
        return _cut_after_line(data, final)

    def process(
        self, raw: bytes, line: int, offset: int, source: str, transform: Transform
    ) -> BlockResult:
        text = decode(raw, line, offset, source, self.errors)
        lines = text.split("\n")
        names = frozenset(self.fields)
        result = BlockResult(b"", lines=count_lines(raw))
        # (line index, start, end, original raw slice) per string value, in order
        where: list[tuple[int, int, int]] = []
        values: list[str] = []
        records: list[int] = []
        for idx, ln in enumerate(lines):
            if not ln or ln.isspace():
                continue
            result.records += 1
            try:
                spans = _locate_fields(ln, names)
            except _BadJson as exc:
                if self.on_error == "skip":
                    result.invalid.append(line + idx)
                    continue
                raise InputError(source, line + idx, f"invalid JSON: {exc}") from None
            records.append(idx)
            strings = [s for s in spans or () if isinstance(s[2], str)]
            if len(strings) < len(names) or spans is None:
                result.missing += 1
            for start, end, value in strings:
                where.append((idx, start, end))
                values.append(value)
        if values:
            new_values = transform.map_batch(values)
            _rewrite_json_lines(lines, where, values, new_values)
        if self.stamp is not None:
            _stamp_records(lines, records, self.stamp)
        result.data = "\n".join(lines).encode("utf-8", _out_errors(self.errors))
        return result


def _stamp_records(lines: list[str], records: list[int], stamp: str) -> None:
    """Add the provenance key to each record that is a JSON object."""
    from arabnorm.provenance import stamp_json_line

    for idx in records:
        try:
            lines[idx] = stamp_json_line(lines[idx], stamp)
        except ValueError:
            pass  # not an object: nowhere to put the key


def _rewrite_json_lines(
    lines: list[str],
    where: list[tuple[int, int, int]],
    old: Sequence[str],
    new: Sequence[str],
) -> None:
    """Replace the changed values in ``lines``, right to left within each line."""
    k = len(where) - 1
    while k >= 0:
        idx = where[k][0]
        ln = lines[idx]
        changed = False
        while k >= 0 and where[k][0] == idx:
            _, start, end = where[k]
            if new[k] != old[k]:
                piece = ln[start:end]
                ascii_style = "\\u" in piece and piece.isascii()
                enc = _dump_ascii(new[k]) if ascii_style else _dump(new[k])
                ln = ln[:start] + enc + ln[end:]
                changed = True
            k -= 1
        if changed:
            lines[idx] = ln


def _csv_field_pattern(delimiter: str) -> str:
    d = regex.escape(delimiter)
    # A quoted field (with "" escapes, then any stray characters up to the
    # delimiter, as Python's csv module reads them), or an unquoted field that
    # does not start with a quote, or an empty field. Possessive: linear time.
    return rf'(?:"(?:[^"]++|"")*+"[^{d}\n]*+|[^{d}\n"][^{d}\n]*+|)'


@dataclass(frozen=True)
class CsvCodec:
    """CSV or TSV (RFC 4180 quoting): the named columns change, nothing else.

    ``wanted`` are the ``--column`` values (names or 0-based numbers), resolved
    to ``columns`` (indices) against each file's header; ``header`` says
    whether the first record of each file is a header (passed through, never
    transformed).
    """

    delimiter: str = ","
    columns: tuple[int, ...] = ()
    errors: str = "strict"
    header: bool = True
    wanted: tuple[str, ...] = ("text",)

    @property
    def kind(self) -> str:
        return "tsv" if self.delimiter == "\t" else "csv"

    def _patterns(self) -> tuple[Any, Any, Any]:
        cached = _CSV_PATTERNS.get(self.delimiter)
        if cached is None:
            f = _csv_field_pattern(self.delimiter)
            d = regex.escape(self.delimiter)
            records = regex.compile(rf"(?:{f}(?:{d}{f})*+\n)*+".encode())
            record = regex.compile(rf"{f}(?:{d}{f})*+(?:\n|\Z)".encode())
            cached = (regex.compile(f), records, record)
            _CSV_PATTERNS[self.delimiter] = cached
        return cached

    def cut(self, data: bytes, final: bool) -> int:
        if final:
            return len(data)
        return int(self._patterns()[1].match(data).end())

    def header_end(self, data: bytes, final: bool) -> int:
        """Bytes of the header record at the start of ``data`` (0 if not complete yet)."""
        m = self._patterns()[2].match(data)
        if m is None or (not final and not data[: m.end()].endswith(b"\n")):
            return 0
        return int(m.end())

    def parse(self, text: str) -> list[list[tuple[int, int, str | None]]]:
        """Records as lists of ``(start, end, value)``; value None if unparseable."""
        field_re = self._patterns()[0]
        d = self.delimiter
        n = len(text)
        pos = 0
        records: list[list[tuple[int, int, str | None]]] = []
        while pos < n:
            cells: list[tuple[int, int, str | None]] = []
            while True:
                m = field_re.match(text, pos)
                s, e = m.span()
                pos = e
                end_of_record = pos >= n or text[pos] == "\n"
                ve = e - 1 if end_of_record and e > s and text[e - 1] == "\r" else e
                cells.append((s, ve, _csv_value(text, s, ve)))
                if pos < n and text[pos] == d:
                    pos += 1
                    continue
                break
            if pos < n and text[pos] != "\n":
                raise ValueError(f"unterminated quoted field at character {pos}")
            pos += 1
            records.append(cells)
        return records

    def process(
        self, raw: bytes, line: int, offset: int, source: str, transform: Transform
    ) -> BlockResult:
        text = decode(raw, line, offset, source, self.errors)
        try:
            records = self.parse(text)
        except ValueError as exc:
            raise InputError(source, line, f"invalid CSV: {exc}") from None
        result = BlockResult(b"", lines=count_lines(raw), records=len(records))
        wanted = self.columns
        spans: list[tuple[int, int]] = []
        values: list[str] = []
        for cells in records:
            ok = True
            for col in wanted:
                if col >= len(cells) or cells[col][2] is None:
                    ok = False
                    continue
                s, e, v = cells[col]
                spans.append((s, e))
                values.append(v)  # type: ignore[arg-type]
            if not ok:
                result.missing += 1
        out = text
        if values:
            new_values = transform.map_batch(values)
            pieces: list[str] = []
            last = 0
            order = sorted(range(len(spans)), key=lambda k: spans[k][0])
            for k in order:
                if new_values[k] == values[k]:
                    continue
                s, e = spans[k]
                pieces.append(text[last:s])
                pieces.append(self._quote(text[s:e], new_values[k]))
                last = e
            if pieces:
                pieces.append(text[last:])
                out = "".join(pieces)
        result.data = out.encode("utf-8", _out_errors(self.errors))
        return result

    def _quote(self, original: str, value: str) -> str:
        if original.startswith('"') or any(c in value for c in (self.delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    def header_names(self, raw: bytes, source: str) -> list[str]:
        """The column names in a header record."""
        text = decode(raw, 1, 0, source, self.errors)
        try:
            records = self.parse(text)
        except ValueError as exc:
            raise InputError(source, 1, f"invalid CSV header: {exc}") from None
        if not records:
            return []
        names = [v if v is not None else text[s:e] for s, e, v in records[0]]
        if names:
            names[0] = names[0].removeprefix("\ufeff")  # a byte order mark is not a name
        return names


_CSV_PATTERNS: dict[str, tuple[Any, Any, Any]] = {}


def _csv_value(text: str, s: int, e: int) -> str | None:
    """The value of field ``text[s:e]``; None for a quoted field with stray characters."""
    if s < e and text[s] == '"':
        close = text.rfind('"', s + 1, e)
        if close != e - 1:
            return None
        return text[s + 1 : e - 1].replace('""', '"')
    return text[s:e]


def resolve_columns(
    wanted: Sequence[str], names: Sequence[str] | None, source: str
) -> tuple[int, ...]:
    """Column indices for ``--column`` values: header names, or 0-based indices.

    >>> resolve_columns(["text", "2"], ["id", "text", "title"], "a.csv")
    (1, 2)
    """
    out: list[int] = []
    for col in wanted:
        if names is not None and col in names:
            out.append(list(names).index(col))
        elif col.isdigit():
            out.append(int(col))
        elif names is None:
            raise UsageError(f"--column {col!r}: without a header, columns are 0-based numbers")
        else:
            shown = ", ".join(names) if names else "(none)"
            raise UsageError(f"{source}: no column {col!r} in the header; columns: {shown}")
    return tuple(dict.fromkeys(out))


def make_codec(
    fmt: str,
    *,
    fields: Sequence[str] = (),
    columns: Sequence[str] = (),
    errors: str = "strict",
    on_error: str = "stop",
    header: bool = True,
    stamp: str | None = None,
) -> TextCodec | JsonlCodec | CsvCodec:
    """The codec for a format; CSV columns are resolved later, per file."""
    if stamp is not None and fmt != "jsonl":
        raise UsageError(f"--provenance needs JSON Lines input (--format jsonl), not {fmt}")
    if fmt == "text":
        return TextCodec(errors)
    if fmt == "jsonl":
        return JsonlCodec(tuple(fields) or ("text",), errors, on_error, stamp)
    if fmt in ("csv", "tsv"):
        if not columns and not header:
            raise UsageError("--no-header needs --column with 0-based column numbers")
        delimiter = "," if fmt == "csv" else "\t"
        return CsvCodec(delimiter, (), errors, header, tuple(columns) or ("text",))
    raise UsageError(f"unknown format {fmt!r}; choose from: {', '.join(FORMATS)}")


Codec = TextCodec | JsonlCodec | CsvCodec
