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
from collections.abc import Iterator

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
    pieces: list[str] = []
    for lo, hi in windows:
        if lo > 0:
            pieces.append(ELLIPSIS)
        pos = lo
        for start, end in spans:
            if end <= start or start < lo or end > hi:
                continue
            pieces.append(_visible(text[pos:start], False))
            pieces.append(marks[0] + _visible(text[start:end], True) + marks[1])
            pos = end
        pieces.append(_visible(text[pos:hi], False))
    if windows and windows[-1][1] < size:
        pieces.append(ELLIPSIS)
    return "".join(pieces)


def _blocks(path: str, errors: str, encoding: str, notes: list[str]) -> Iterator[str]:
    from arabnorm.io.encoding import doubt_warning
    from arabnorm.io.text import iter_text_blocks

    with reading_text(path, encoding, errors) as (src, reader):
        for text, _raw in iter_text_blocks(src, _name(path), errors):
            yield text
        found = reader.detection if reader is not None else None
        if found is not None and found.doubt is not None:
            notes.append(doubt_warning(_name(path), found.encoding, found.doubt))


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

    encoding = resolve_encoding(encoding)
    pipeline = resolve_pipeline(preset, stages)
    removed, inserted = COLOR if _use_color(color) else PLAIN
    notes: list[str] = []
    out = sys.stdout.buffer
    changed = files_changed = 0
    paths = input_paths(inputs, recursive, globs)
    for path in paths:
        in_file = 0
        for change in changed_lines(pipeline, _blocks(path, errors, encoding, notes)):
            in_file += 1
            if quiet:
                continue
            old = render(change.old, [(e[0], e[1]) for e in change.edits], removed, context)
            new = render(change.new, [(e[2], e[3]) for e in change.edits], inserted, context)
            out.write(f"{_name(path)}:{change.line}\n- {old}\n+ {new}\n".encode())
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
