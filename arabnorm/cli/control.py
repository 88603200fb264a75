"""Options that show and control what a command changes: ``--config``,
``--print-spec`` and ``--explain``.

Each is a decorator placed above ``handle_errors`` on a command that has
``pipeline_options``; the option's work happens in the decorator, so a
command's body only needs to know about ``--explain``::

    @click.command()
    @pipeline_options
    @control_options
    @explain_option
    @handle_errors
    def clean(..., explain: bool) -> None:
        pipeline = resolve_pipeline(preset, stages)
        transform = explained(pipeline) if explain else pipeline

``explained(pipeline)`` stands in for the pipeline (``apply``, ``map_batch``,
``align``, ``stages``), so any command that runs a pipeline, ``tokenize``
included, gets ``--explain`` the same way.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any, BinaryIO, TypeVar, cast

import click

from arabnorm.cli.common import handle_errors, resolve_pipeline

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "control_options",
    "control_options_for",
    "explain_option",
    "explained",
    "input_paths",
    "pipeline_stamp",
    "provenance_option",
    "provenance_stamp",
    "reading",
    "reading_text",
    "walk_options",
    "with_config",
]


def with_config(func: F) -> F:
    """``--config FILE``: load it (or the config of the current directory) first."""

    @functools.wraps(func)
    def wrapper(*args: Any, config_file: str | None = None, **kwargs: Any) -> Any:
        from arabnorm.config import use_config

        handle_errors(use_config)(config_file)
        return func(*args, **kwargs)

    return cast(
        F,
        click.option(
            "--config",
            "config_file",
            metavar="FILE",
            type=click.Path(dir_okay=False),
            default=None,
            help="Read presets and the default preset from FILE instead of "
            "./arabnorm.toml or [tool.arabnorm] in ./pyproject.toml.",
        )(wrapper),
    )


Resolver = Callable[[dict[str, Any]], Any]
"""The pipeline a command runs, from its options (``preset``, ``stages``, ...)."""


def _preset_and_stages(options: dict[str, Any]) -> Any:
    return resolve_pipeline(options.get("preset"), options.get("stages", ()))


def control_options(func: F) -> F:
    """``--config FILE`` and ``--print-spec`` for a command with ``pipeline_options``."""
    return control_options_for(_preset_and_stages)(func)


def control_options_for(resolve: Resolver) -> Callable[[F], F]:
    """``control_options`` for a command whose pipeline ``resolve`` builds from its options."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, print_spec: bool = False, **kwargs: Any) -> Any:
            if print_spec:
                handle_errors(_print_spec)(resolve, kwargs)
                return None
            return func(*args, **kwargs)

        wrapped = click.option(
            "--print-spec",
            is_flag=True,
            help="Print the fully resolved pipeline (every stage, every parameter) and "
            "its short stable hash, then exit.",
        )(wrapper)
        return with_config(cast(F, wrapped))

    return decorate


def _print_spec(resolve: Resolver, options: dict[str, Any]) -> None:
    from arabnorm.provenance import describe

    click.echo(describe(resolve(options)))


# The counters ``explained`` made during the current command.
_counters: ContextVar[list[Any] | None] = ContextVar("arabnorm_explain", default=None)


def explained(pipeline: Any) -> Any:
    """A ``ChangeCounter``: it transforms like ``pipeline`` and counts per stage.

    Its counts are printed on stderr when the command decorated with
    ``explain_option`` ends. Counting happens in this process, so a command
    that fans blocks out to worker processes runs them here instead when
    explaining.
    """
    from arabnorm.explain import ChangeCounter

    counter = ChangeCounter(pipeline)
    counters = _counters.get()
    if counters is not None:
        counters.append(counter)
    return counter


def explain_option(func: F) -> F:
    """``--explain``: after the run, print on stderr what each stage changed."""

    @functools.wraps(func)
    def wrapper(*args: Any, explain: bool = False, **kwargs: Any) -> Any:
        if not explain:
            return func(*args, explain=False, **kwargs)
        from arabnorm.explain import format_counts

        counters: list[Any] = []
        token = _counters.set(counters)
        try:
            result = func(*args, explain=True, **kwargs)
        finally:
            _counters.reset(token)
        if counters:
            total = counters[0]
            for other in counters[1:]:
                total.merge(other)
            click.echo(format_counts(total.counts(), total.chars_in), err=True)
        return result

    option = click.option(
        "--explain",
        is_flag=True,
        help="After the run, print on standard error how many characters each stage changed.",
    )
    return cast(F, option(wrapper))


def provenance_option(func: F) -> F:
    """``--provenance``: add the spec hash to every JSON Lines record written."""
    option = click.option(
        "--provenance",
        is_flag=True,
        help="Add the pipeline's spec hash (see --print-spec) to each JSON Lines record "
        'as "arabnorm_spec".',
    )
    return option(func)


def provenance_stamp(provenance: bool, preset: str | None, stages: tuple[str, ...]) -> str | None:
    """The hash ``--provenance`` writes into each record, or ``None`` without it."""
    return pipeline_stamp(provenance, lambda: resolve_pipeline(preset, stages))


def pipeline_stamp(provenance: bool, pipeline: Callable[[], Any]) -> str | None:
    """The hash ``--provenance`` writes for the pipeline ``pipeline()`` builds, if asked."""
    if not provenance:
        return None
    from arabnorm.provenance import spec_hash

    return spec_hash(pipeline())


def walk_options(func: F) -> F:
    """``-r/--recursive`` and ``--glob`` for commands that only read their inputs."""
    func = click.option(
        "--glob",
        "globs",
        multiple=True,
        metavar="PATTERN",
        help="With -r: only files whose name or path below the directory matches "
        "PATTERN (e.g. '*.txt'). Repeatable.",
    )(func)
    return click.option(
        "-r",
        "--recursive",
        is_flag=True,
        help="Read every file in directories given as inputs (hidden ones skipped).",
    )(func)


def input_paths(inputs: tuple[str, ...], recursive: bool, globs: tuple[str, ...]) -> list[str]:
    """The files to read, directories walked with ``-r``; ``-`` is standard input."""
    from arabnorm.io.walk import expand_inputs

    return [f.path for f in expand_inputs(inputs, recursive, globs)]


@contextlib.contextmanager
def reading(path: str) -> Iterator[BinaryIO]:
    """Open an input for reading, decompressing ``.gz``, ``.bz2`` and ``.xz`` files."""
    from arabnorm.io.compress import compression_of, decompressing
    from arabnorm.io.files import open_input

    with open_input(path) as raw:
        kind = None if path == "-" else compression_of(path)
        if kind is None:
            yield raw
        else:
            with decompressing(raw, kind) as stream:
                yield stream


@contextlib.contextmanager
def reading_text(path: str, encoding: str, errors: str) -> Iterator[tuple[BinaryIO, Any]]:
    """``reading``, decoded from ``encoding`` (``--encoding``) to UTF-8.

    Yields the UTF-8 stream and the ``DecodingReader`` behind it (None when
    the file is read as UTF-8), whose ``encoding`` and ``detection`` say how
    the file was read once it has been.
    """
    from arabnorm.io.encoding import decoded

    name = "<stdin>" if path == "-" else path
    with reading(path) as raw:
        yield decoded(raw, encoding, errors, name)
