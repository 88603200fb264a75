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
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, TypeVar

import click

from arabnorm.errors import (
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_OK,
    ArabnormError,
    FileAccessError,
    UsageError,
)

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
        help="Stages to run, e.g. 'alef,diacritics:keep=shadda'. Alone: exactly these "
        "stages; with --preset: after the preset's stages. Repeatable.",
    )(func)
    func = click.option(
        "-p",
        "--preset",
        metavar="NAME",
        default=None,
        help="Named stage list: standard (default), search, camel, none. See 'arabnorm stages'.",
    )(func)
    return func


def io_options(func: F) -> F:
    """Inputs, ``-o``, ``-i`` and ``--errors``."""
    func = click.option(
        "--errors",
        type=click.Choice(["strict", "surrogateescape", "replace"]),
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


def check_outputs(inputs: Sequence[str], output: str | None, in_place: bool) -> list[str]:
    """Validate the input/output combination; return the inputs (``-`` for stdin)."""
    paths = list(inputs) or ["-"]
    if in_place:
        if output is not None:
            raise UsageError("--in-place and --output cannot be used together")
        if "-" in paths:
            raise UsageError("--in-place needs file inputs, not standard input")
    if output is not None and output != "-":
        for path in paths:
            if path != "-" and _same_file(path, output):
                raise UsageError(
                    f"output file {output} is also an input; use --in-place to rewrite it"
                )
    return paths


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


@contextlib.contextmanager
def output_stream(output: str | None) -> Iterator[BinaryIO]:
    """Standard output, or an atomically written file."""
    if output is None or output == "-":
        stream = sys.stdout.buffer
        yield stream
        stream.flush()
        return
    from arabnorm.io.files import atomic_write

    try:
        with atomic_write(output) as stream:
            yield stream
    except FileAccessError:
        raise
    except OSError as exc:
        if exc.filename is None:
            exc.filename = output
        raise
