"""The ``arabnorm`` command: a thin Click layer over the library.

Subcommands are imported only when they run, so ``arabnorm --version`` and
``arabnorm --help`` start fast.

Exit codes: 0 success; 1 bad input data; 2 bad usage (unknown stage,
parameter, preset or option); 3 a file could not be read or written;
130 interrupted.
"""

from __future__ import annotations

import importlib
import os
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


def main() -> None:
    """Console-script entry point.

    numpy's OpenBLAS starts a thread per core when numpy is imported; no
    command does linear algebra, so the command asks for none (unless the
    user's environment says otherwise): numpy loads faster, and no idle
    thread shares the cores with the workers of ``-j``.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli(prog_name="arabnorm")
