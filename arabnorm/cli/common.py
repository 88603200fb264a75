"""What every processing command shares: options, pipeline choice, errors.

Library errors become one line on stderr (``arabnorm: FILE:LINE: problem``)
and their documented exit code; no traceback reaches the user. Writing into a
closed pipe ends the run quietly.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from arabnorm.cli.complete import complete_presets, complete_stages
from arabnorm.errors import (
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_OK,
    ArabnormError,
    UsageError,
)
from arabnorm.io.text import ERROR_POLICIES

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int) -> None:
    """Print one line to stderr and exit with ``code``."""
    click.echo(f"arabnorm: {message}", err=True)
    sys.exit(code)


def _quiet_broken_pipe() -> None:
    # Further writes to stdout (including at interpreter exit) must not raise.
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_OK)


def handle_errors(func: F) -> F:
    """Turn library errors, OS errors and Ctrl-C into one line and an exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except ArabnormError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", EXIT_INTERRUPTED)
        except OSError as exc:
            if exc.filename is not None:
                from arabnorm.io.files import describe_os_error

                fail(describe_os_error(exc.filename, exc), EXIT_IO)
            fail(exc.strerror or str(exc), EXIT_IO)
        return None

    return wrapper  # type: ignore[return-value]


def pipeline_options(func: F) -> F:
    """``-p/--preset`` and ``-s/--stages``."""
    func = click.option(
        "-s",
        "--stages",
        "stages",
        multiple=True,
        metavar="SPEC",
        shell_complete=complete_stages,
        help="Stages to run, e.g. 'alef,diacritics:keep=shadda'. Alone: exactly these "
        "stages; with --preset: after the preset's stages. Repeatable.",
    )(func)
    func = click.option(
        "-p",
        "--preset",
        metavar="NAME",
        default=None,
        shell_complete=complete_presets,
        help="Named stage list: standard (default), search, camel, lucene, none. "
        "See 'arabnorm stages'.",
    )(func)
    return func


ENCODING_HELP = (
    "Encoding of the inputs: any Python codec name (cp1256, iso8859-6, mac-arabic, "
    "cp720, utf-16, ...) or auto (decided per file: byte order mark, valid UTF-8, "
    "else the Arabic code page the bytes read best in). Output is always UTF-8."
)


def encoding_option(func: F) -> F:
    """``--encoding NAME|auto``: how every command that reads text decodes its inputs."""
    return click.option(
        "--encoding",
        "encoding",
        metavar="NAME|auto",
        default="utf-8",
        show_default=True,
        help=ENCODING_HELP,
    )(func)


def resolve_encoding(name: str) -> str:
    """The codec ``--encoding`` names (``auto`` stays); a usage error for an unknown one."""
    from arabnorm.io.encoding import resolve_encoding as resolve

    return resolve(name)


def io_options(func: F) -> F:
    """Inputs, ``-o``, ``-i``, ``--errors`` and ``--encoding``."""
    func = encoding_option(func)
    func = click.option(
        "--errors",
        type=click.Choice(ERROR_POLICIES),
        default="strict",
        show_default=True,
        help="Undecodable bytes: stop with an error (strict), pass them through "
        "unchanged (surrogateescape), or write U+FFFD (replace).",
    )(func)
    func = click.option(
        "-i",
        "--in-place",
        is_flag=True,
        help="Rewrite each input file atomically (temporary file, then rename).",
    )(func)
    func = click.option(
        "-o",
        "--output",
        metavar="FILE",
        type=click.Path(dir_okay=False, allow_dash=True),
        default=None,
        help="Write to FILE (atomically) instead of standard output.",
    )(func)
    func = click.argument(
        "inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(allow_dash=True)
    )(func)
    return func


def resolve_pipeline(preset: str | None, stages: Sequence[str]) -> Any:
    """The pipeline named by ``--preset`` and ``--stages``."""
    from arabnorm import build_pipeline

    spec = ",".join(s for s in stages if s.strip()) if stages else None
    return build_pipeline(preset, spec)


def dask_option(func: F) -> F:
    """``--dask ADDRESS``: run the job on a Dask cluster."""
    return click.option(
        "--dask",
        metavar="ADDRESS",
        default=None,
        help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or local:N "
        "for a local cluster of N worker processes. Inputs and outputs must be files "
        "every worker can reach. Needs pip install 'arabnorm[dask]'.",
    )(func)


def make_corpus_options(format_flags: Sequence[str] = ("--format",)) -> Callable[[F], F]:
    """The corpus options, with the input-format option under ``format_flags``.

    A command whose ``--format`` already means something else (``tokenize``
    chooses its output format with it) passes e.g. ``("--input-format",)``;
    the value reaches the command as ``input_format`` either way.
    """

    def decorate(func: F) -> F:
        return _corpus_options(func, tuple(format_flags))

    return decorate


def corpus_options(func: F) -> F:
    """Formats, fields, directories, parallel jobs, progress and stats."""
    return _corpus_options(func, ("--format",))


def _corpus_options(func: F, format_flags: tuple[str, ...]) -> F:
    options = [
        click.option(
            "--stats",
            "show_stats",
            is_flag=True,
            help="Print one summary line (files, lines, MB, MB/s) to stderr at the end.",
        ),
        click.option(
            "--progress/--no-progress",
            "progress",
            default=None,
            help="Show a progress bar on stderr. Default: only when stderr is a terminal "
            "and the run takes more than a second.",
        ),
        click.option(
            "-j",
            "--jobs",
            type=click.IntRange(min=0),
            default=None,
            envvar="ARABNORM_JOBS",
            show_envvar=True,
            metavar="N",
            help="Worker processes (0: one per core). Default: one per core when the "
            "input files hold 16 MiB or more, else 1 (standard input: 1). "
            "Output is identical for every N.",
        ),
        click.option(
            "--output-dir",
            metavar="DIR",
            type=click.Path(file_okay=False),
            default=None,
            help="Write each input to DIR under its own name, mirroring directories "
            "given with -r. Never writes outside DIR.",
        ),
        click.option(
            "--glob",
            "globs",
            multiple=True,
            metavar="PATTERN",
            help="With -r: only files whose name or path below the directory matches "
            "PATTERN (e.g. '*.jsonl'). Repeatable.",
        ),
        click.option(
            "-r",
            "--recursive",
            is_flag=True,
            help="Read every file in directories given as inputs (hidden ones skipped).",
        ),
        click.option(
            "--on-error",
            type=click.Choice(["stop", "skip"]),
            default="stop",
            show_default=True,
            help="A line that is not valid JSON: stop with an error naming file and line, "
            "or pass it through unchanged and report it.",
        ),
        click.option(
            "--no-header",
            "no_header",
            is_flag=True,
            help="CSV/TSV files have no header record; --column takes 0-based numbers.",
        ),
        click.option(
            "--column",
            "columns",
            multiple=True,
            metavar="NAME",
            help="CSV/TSV column to change (header name, or 0-based number). Repeatable. "
            "Default: text.",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME",
            help="JSON Lines field to change (top-level key). Repeatable. Default: text.",
        ),
        click.option(
            *format_flags,
            "input_format",
            type=click.Choice(["auto", "text", "jsonl", "csv", "tsv"]),
            default="auto",
            show_default=True,
            help="Input format. auto: from the file name (.jsonl, .csv, .tsv, also with "
            ".gz/.bz2/.xz), otherwise text.",
        ),
    ]
    for option in options:
        func = option(func)
    return func


def run_corpus(
    make_transform: Callable[[], Any],
    inputs: Sequence[str],
    *,
    output: str | None,
    in_place: bool,
    errors: str,
    input_format: str,
    encoding: str = "utf-8",
    fields: Sequence[str],
    columns: Sequence[str],
    no_header: bool,
    on_error: str,
    recursive: bool,
    globs: Sequence[str],
    output_dir: str | None,
    jobs: int | None,
    progress: bool | None,
    show_stats: bool,
    text_only: str | None = None,
    stamp: str | None = None,
    dask: str | None = None,
) -> None:
    """Run a transform (``apply`` + ``map_batch``) over the inputs as the options say.

    ``text_only``, when given, is the reason a command accepts only text
    inputs; a JSON Lines or CSV input is then refused with it. ``dask``: a
    scheduler address (or ``local:N``) to run the job on (``arabnorm.dask``).

    ``make_transform`` is called once the inputs and outputs are known to be
    usable, so a usage mistake is reported before any costly set-up. Warnings
    (records passed through) and, with ``--stats``, the summary line
    go to stderr; nothing else does.
    """
    from arabnorm.io.allocator import tune_allocator
    from arabnorm.io.corpus import CorpusOptions, plan, process_corpus
    from arabnorm.io.progress import summary_line

    tune_allocator()

    options = CorpusOptions(
        output=output,
        in_place=in_place,
        output_dir=output_dir,
        format=None if input_format == "auto" else input_format,
        fields=tuple(fields),
        columns=tuple(columns),
        header=not no_header,
        errors=errors,
        on_error=on_error,
        recursive=recursive,
        globs=tuple(globs),
        jobs=jobs,
        progress=progress,
        stamp=stamp,
        encoding=resolve_encoding(encoding),
    )
    files = plan(inputs, options)
    if text_only is not None:
        from arabnorm.io.formats import detect_format

        for f in files:
            if detect_format(f.path, options.format) != "text":
                raise UsageError(f"{f.path}: {text_only}")
    if dask is not None:
        from arabnorm.dask import process_corpus as process_on_dask

        result = process_on_dask(make_transform(), inputs, options, dask)
    else:
        result = process_corpus(make_transform(), inputs, options)
    for line in result.warnings():
        click.echo(f"arabnorm: warning: {line}", err=True)
    if show_stats:
        click.echo(f"arabnorm: {summary_line(result.total, result.seconds)}", err=True)
