"""``arabnorm diff``: show only the lines a pipeline would change; exit 1 if any.

Each changed line prints as its place, the old text and the new text, with
the changed characters highlighted: in colour on a terminal, otherwise (or
when ``NO_COLOR`` is set) between plain markers, ``[-removed-]`` in the old
line and ``{+inserted+}`` in the new one::

    seeds/a.txt:3
    - الرئيـ[-ـــ-]س
    + الرئيس

A combining mark shown alone is drawn on a dotted circle (``[-◌َ-]``) and an
invisible character by its code point (``[-<U+200F>-]``), so that every
change can be seen.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from typing import Any

import click

from arabnorm import chars
from arabnorm.cli.common import (
    encoding_option,
    handle_errors,
    pipeline_options,
    resolve_encoding,
    resolve_pipeline,
)
from arabnorm.cli.control import control_options, input_paths, reading_text, walk_options
from arabnorm.io.text import ERROR_POLICIES

# Marker style: (before, after) for removed and inserted text.
PLAIN = (("[-", "-]"), ("{+", "+}"))
COLOR = (("\x1b[1;31;7m", "\x1b[0m"), ("\x1b[1;32;7m", "\x1b[0m"))
ELLIPSIS = chars.HORIZONTAL_ELLIPSIS  # stands for text left out by --context
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def _visible(text: str, highlighted: bool) -> str:
    """Make ``text`` printable; inside a highlight, make every character seen."""
    out: list[str] = []
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if cat == "Cs" or (highlighted and cat in _HIDDEN and ch != " "):
            out.append(f"<U+{ord(ch):04X}>")
        elif highlighted and i == 0 and cat in ("Mn", "Me"):
            out.append(chars.DOTTED_CIRCLE + ch)
        else:
            out.append(ch)
    return "".join(out)


def _windows(spans: list[tuple[int, int]], size: int, context: int) -> list[tuple[int, int]]:
    """Slices of ``context`` characters around each span, merged where they meet."""
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - context), min(size, end + context)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    return windows


def render(
    text: str,
    spans: list[tuple[int, int]],
    marks: tuple[str, str],
    context: int | None = None,
) -> str:
    """``text`` with each ``(start, end)`` slice wrapped in ``marks``.

    With ``context``, only that many characters around each span are shown;
    ``…`` stands for the rest.

    >>> render("abcdefgh", [(3, 4)], ("[-", "-]"), context=1)
    '…c[-d-]e…'
    """
    size = len(text)
    windows = [(0, size)] if context is None else _windows(spans, size, context)
    starts = [start for start, _ in spans]  # in order, as the windows are
    pieces: list[str] = []
    for lo, hi in windows:
        if lo > 0:
            pieces.append(ELLIPSIS)
        pos = lo
        for start, end in spans[bisect_left(starts, lo) : bisect_left(starts, hi)]:
            if end <= start or end > hi:
                continue
            pieces.append(_visible(text[pos:start], False))
            pieces.append(marks[0] + _visible(text[start:end], True) + marks[1])
            pos = end
        pieces.append(_visible(text[pos:hi], False))
    if windows and windows[-1][1] < size:
        pieces.append(ELLIPSIS)
    return "".join(pieces)


class StreamRenderer:
    """``render`` for text given in parts, writing as it goes (a very long line).

    ``add(text, spans)`` takes the next part with its spans in the coordinates
    of the whole; ``finish()`` ends the line. What is written to ``out``
    equals ``render`` of the whole text, while only the text around the open
    window (``context`` characters either side) is held.

    >>> import io
    >>> out = io.StringIO()
    >>> r = StreamRenderer(out, ("[-", "-]"), context=1)
    >>> r.add("abcd", [(3, 4)]); r.add("efgh", []); r.finish()
    >>> out.getvalue() == render("abcdefgh", [(3, 4)], ("[-", "-]"), context=1)
    True
    """

    def __init__(self, out: Any, marks: tuple[str, str], context: int | None) -> None:
        self._out = out
        self._marks = marks
        self._context = context
        self._pos = 0  # characters added so far
        self._buf = ""  # recent text, from _buf_start
        self._buf_start = 0
        self._window: list[Any] | None = None  # [lo, hi, spans]
        self._shown_to = -1  # end of the last window written, -1: none yet

    def add(self, text: str, spans: list[tuple[int, int]]) -> None:
        if self._context is None:
            base = self._pos
            local = [(a - base, b - base) for a, b in spans]
            self._out.write(render(text, local, self._marks))
            self._pos += len(text)
            return
        c = self._context
        self._buf += text
        self._pos += len(text)
        for start, end in spans:
            lo, hi = max(0, start - c), end + c
            w = self._window
            if w is not None and lo <= w[1]:
                w[1] = max(w[1], hi)
                w[2].append((start, end))
                continue
            if w is not None:
                self._emit(w)
            self._window = [lo, hi, [(start, end)]]
        w = self._window
        if w is not None and self._pos > w[1] + c:  # no later span can reach it
            self._emit(w)
            self._window = None
        keep = min(self._window[0] if self._window else self._pos, self._pos - c)
        if keep > self._buf_start:
            self._buf = self._buf[keep - self._buf_start :]
            self._buf_start = keep

    def _emit(self, window: list[Any]) -> None:
        lo, hi, spans = window
        hi = min(hi, self._pos)
        if lo > 0:
            self._out.write(ELLIPSIS)
        part = self._buf[lo - self._buf_start : hi - self._buf_start]
        self._out.write(render(part, [(a - lo, b - lo) for a, b in spans], self._marks))
        self._shown_to = hi

    def finish(self) -> None:
        if self._context is None:
            return
        if self._window is not None:
            self._emit(self._window)
            self._window = None
        if 0 <= self._shown_to < self._pos:
            self._out.write(ELLIPSIS)


def _items(path: str, errors: str, encoding: str, notes: list[str]) -> Iterator[Any]:
    """The blocks (and pieces of very long lines) of an input, decoded."""
    from arabnorm.io import runner
    from arabnorm.io.encoding import doubt_warning
    from arabnorm.io.formats import TextCodec, decode

    name = _name(path)
    with reading_text(path, encoding, errors) as (src, reader):
        for item in runner.iter_blocks(src, TextCodec(errors), name, long_line=runner.LONG_LINE):
            yield item, decode(item.data, item.line, item.offset, name, errors)
        found = reader.detection if reader is not None else None
        if found is not None and found.doubt is not None:
            notes.append(doubt_warning(name, found.encoding, found.doubt))


class _LongLine:
    """The diff of one very long line, fed in pieces, in bounded memory.

    With a pipeline that can run on segments of the line cut at spaces
    between words (``longline.segment_cutter``), each segment is traced on its own,
    and the old and new lines rendered into temporary files as they go;
    otherwise the line is gathered and traced whole.
    """

    def __init__(self, pipeline: Any, marks: tuple[Any, Any], context: int | None) -> None:
        import tempfile

        from arabnorm.io.longline import segment_cutter

        self._pipeline = pipeline
        self._cutter = segment_cutter(pipeline.stages)
        self._parts: list[str] = []
        self._spools = [tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass")]
        self._spools.append(tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogatepass"))
        self._old = StreamRenderer(self._spools[0], marks[0], context)
        self._new = StreamRenderer(self._spools[1], marks[1], context)
        self._offsets = [0, 0]  # where the next segment starts, old and new
        self.changed = False

    def feed(self, text: str, final: bool) -> None:
        if final:  # the line's terminator is not part of it
            text = text[: -2 if text.endswith("\r\n") else -1 if text.endswith("\n") else None]
        if self._cutter is None:
            self._parts.append(text)
            if final:
                self._segment("".join(self._parts))
            return
        for segment in self._cutter.feed(text, final):
            if self._offsets[0]:
                self._old.add(" ", [])
                self._new.add(" ", [])
                self._offsets = [self._offsets[0] + 1, self._offsets[1] + 1]
            self._segment(segment)

    def _segment(self, old: str) -> None:
        from arabnorm.explain import line_edits

        new = self._pipeline.apply(old)
        edits: tuple[tuple[int, int, int, int], ...] = ()
        if new != old:
            new, edits = line_edits(self._pipeline.stages, old)
            self.changed = True
        o, n = self._offsets
        self._old.add(old, [(a + o, b + o) for a, b, _, _ in edits])
        self._new.add(new, [(c + n, d + n) for _, _, c, d in edits])
        self._offsets = [o + len(old), n + len(new)]

    def write(self, out: Any, where: str) -> None:
        self._old.finish()
        self._new.finish()
        out.write(f"{where}\n- ".encode())
        self._replay(self._spools[0], out)
        out.write(b"\n+ ")
        self._replay(self._spools[1], out)
        out.write(b"\n")

    @staticmethod
    def _replay(spool: Any, out: Any) -> None:
        spool.seek(0)
        while chunk := spool.read(1 << 20):
            out.write(chunk.encode("utf-8", "surrogatepass"))

    def close(self) -> None:
        for spool in self._spools:
            spool.close()


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def _use_color(color: str) -> bool:
    if color != "auto":
        return color == "always"
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@click.command()
@pipeline_options
@click.argument("inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(allow_dash=True))
@click.option(
    "--errors",
    type=click.Choice(ERROR_POLICIES),
    default="strict",
    show_default=True,
    help="Undecodable bytes: stop with an error (strict), keep them (surrogateescape, "
    "shown as <U+DCxx>), or read them as U+FFFD (replace).",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Highlight in colour; auto means on a terminal unless NO_COLOR is set.",
)
@click.option(
    "-C",
    "--context",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Show only N characters around each change (default: the whole line).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status tells.")
@encoding_option
@walk_options
@control_options
@handle_errors
def diff(
    inputs: tuple[str, ...],
    errors: str,
    color: str,
    context: int | None,
    quiet: bool,
    encoding: str,
    recursive: bool,
    globs: tuple[str, ...],
    preset: str | None,
    stages: tuple[str, ...],
) -> None:
    """Show the lines of INPUT files (or standard input) that a pipeline would change.

    \b
    Exit status: 0 when nothing would change, 1 when something would
    (so 'arabnorm diff corpus/*.txt' checks in CI that a corpus is clean),
    2 for bad usage, 3 when a file cannot be read. Undecodable input stops
    the run with exit 1 and a message naming the byte, unless --errors says
    otherwise.

    Compressed files (.gz, .bz2, .xz) are read as their text; -r reads the
    files of directories.

    \b
    Examples:
      arabnorm diff seeds/*.txt
      arabnorm diff -q -r corpus/ --glob '*.txt'
      arabnorm diff -p search --color never -C 20 notes.txt
      arabnorm diff -q -p camel corpus.txt || echo "corpus is not clean"
    """
    from arabnorm.explain import changed_lines
    from arabnorm.io.runner import Block

    encoding = resolve_encoding(encoding)
    pipeline = resolve_pipeline(preset, stages)
    removed, inserted = COLOR if _use_color(color) else PLAIN
    notes: list[str] = []
    out = sys.stdout.buffer
    changed = files_changed = 0
    paths = input_paths(inputs, recursive, globs)
    for path in paths:
        in_file = 0
        long_line: _LongLine | None = None
        for item, text in _items(path, errors, encoding, notes):
            if isinstance(item, Block):
                for change in changed_lines(pipeline, [text], item.line):
                    in_file += 1
                    if quiet:
                        continue
                    edits = change.edits
                    old = render(change.old, [(e[0], e[1]) for e in edits], removed, context)
                    new = render(change.new, [(e[2], e[3]) for e in edits], inserted, context)
                    out.write(f"{_name(path)}:{change.line}\n- {old}\n+ {new}\n".encode())
                continue
            if long_line is None:
                long_line = _LongLine(pipeline, (removed, inserted), context)
            long_line.feed(text, item.final)
            if item.final:
                if long_line.changed:
                    in_file += 1
                    if not quiet:
                        long_line.write(out, f"{_name(path)}:{item.line}")
                long_line.close()
                long_line = None
        changed += in_file
        files_changed += in_file > 0
    out.flush()
    for note in notes:
        click.echo(f"arabnorm: warning: {note}", err=True)
    if changed:
        if not quiet:
            files = f" in {files_changed} of {len(paths)} files" if len(paths) > 1 else ""
            lines = "line" if changed == 1 else "lines"
            click.echo(f"arabnorm: {changed} {lines} would change{files}", err=True)
        click.get_current_context().exit(1)
