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

from arabnorm.cli.common import handle_errors, pipeline_options, resolve_pipeline
from arabnorm.cli.control import control_options

# Marker style: (before, after) for removed and inserted text.
PLAIN = (("[-", "-]"), ("{+", "+}"))
COLOR = (("\x1b[1;31;7m", "\x1b[0m"), ("\x1b[1;32;7m", "\x1b[0m"))
DOTTED_CIRCLE = "\u25cc"  # DOTTED CIRCLE: the base on which a lone mark is shown
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def _visible(text: str, highlighted: bool) -> str:
    """Make ``text`` printable; inside a highlight, make every character seen."""
    out: list[str] = []
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if cat == "Cs" or (highlighted and cat in _HIDDEN and ch != " "):
            out.append(f"<U+{ord(ch):04X}>")
        elif highlighted and i == 0 and cat in ("Mn", "Me"):
            out.append(DOTTED_CIRCLE + ch)
        else:
            out.append(ch)
    return "".join(out)


def render(text: str, spans: list[tuple[int, int]], marks: tuple[str, str]) -> str:
    """``text`` with each ``(start, end)`` slice wrapped in ``marks``."""
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        if end <= start:
            continue
        pieces.append(_visible(text[last:start], False))
        pieces.append(marks[0] + _visible(text[start:end], True) + marks[1])
        last = end
    pieces.append(_visible(text[last:], False))
    return "".join(pieces)


def _blocks(path: str, errors: str) -> Iterator[str]:
    from arabnorm.io.files import open_input
    from arabnorm.io.text import iter_text_blocks

    with open_input(path) as src:
        for text, _raw in iter_text_blocks(src, _name(path), errors):
            yield text


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
    type=click.Choice(["strict", "surrogateescape", "replace"]),
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
@click.option("-q", "--quiet", is_flag=True, help="Print nothing; only the exit status tells.")
@control_options
@handle_errors
def diff(
    inputs: tuple[str, ...],
    errors: str,
    color: str,
    quiet: bool,
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

    \b
    Examples:
      arabnorm diff seeds/*.txt
      arabnorm diff -p search --color never notes.txt
      arabnorm diff -q -p camel corpus.txt || echo "corpus is not clean"
    """
    from arabnorm.explain import changed_lines

    pipeline = resolve_pipeline(preset, stages)
    removed, inserted = COLOR if _use_color(color) else PLAIN
    out = sys.stdout.buffer
    changed = files_changed = 0
    paths = list(inputs) or ["-"]
    for path in paths:
        in_file = 0
        for change in changed_lines(pipeline, _blocks(path, errors)):
            in_file += 1
            if quiet:
                continue
            old = render(change.old, [(e[0], e[1]) for e in change.edits], removed)
            new = render(change.new, [(e[2], e[3]) for e in change.edits], inserted)
            out.write(f"{_name(path)}:{change.line}\n- {old}\n+ {new}\n".encode())
        changed += in_file
        files_changed += in_file > 0
    out.flush()
    if changed:
        if not quiet:
            files = f" in {files_changed} of {len(paths)} files" if len(paths) > 1 else ""
            lines = "line" if changed == 1 else "lines"
            click.echo(f"arabnorm: {changed} {lines} would change{files}", err=True)
        click.get_current_context().exit(1)
