"""The ``arabnorm`` command: a thin Click layer over the library.

Subcommands are imported only when they run, so ``arabnorm --version`` and
``arabnorm --help`` start fast.

Exit codes: 0 success; 1 bad input data; 2 bad usage (unknown stage,
parameter, preset or option); 3 a file could not be read or written;
130 interrupted.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from typing import Any

import click

from arabnorm import __version__

# name -> "module:attribute"; help comes from the command itself.
COMMANDS: dict[str, str] = {
    "analyze": "arabnorm.cli.analyze:analyze",
    "audit": "arabnorm.cli.audit:audit",
    "clean": "arabnorm.cli.clean:clean",
    "diff": "arabnorm.cli.diff:diff",
    "stages": "arabnorm.cli.stages:stages",
    "tokenize": "arabnorm.cli.tokenize:tokenize",
    "translit": "arabnorm.cli.translit:translit",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module, _, attr = target.partition(":")
        command: Any = getattr(importlib.import_module(module), attr)
        return command  # type: ignore[no-any-return]


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="arabnorm")
def cli() -> None:
    """Arabic text normalization and tokenization.

    \b
    Exit codes: 0 success, 1 bad input data, 2 bad usage,
    3 file not readable or writable, 130 interrupted.
    """


_EXIT_STATUS: list[int] = []


def _end_process() -> None:
    """End the process once every exit handler has run, skipping the interpreter's teardown.

    Registered by ``main`` before anything else is, so it runs last among the
    exit handlers (they run in reverse order): every handler that libraries,
    plugins or the worker pool registered has run by then. What it skips is
    the teardown of modules and objects that follows, about 40 ms once numpy
    is loaded, a sixth of a small run. Every file arabnorm writes is closed
    before the command returns; standard output and error are flushed here,
    and if that fails (a closed pipe) the interpreter's own exit reports it
    as usual.
    """
    if not _EXIT_STATUS:
        return  # no exit status from the command: an unexpected exception
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(_EXIT_STATUS[-1])


def main() -> None:
    """Console-script entry point."""
    atexit.register(_end_process)
    try:
        cli(prog_name="arabnorm")
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        if isinstance(code, int):
            _EXIT_STATUS.append(code)
        raise
