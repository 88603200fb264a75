"""``arabnorm clean``: normalize files or standard input."""

from __future__ import annotations

from typing import Any

import click

from arabnorm.cli.common import (
    corpus_options,
    handle_errors,
    io_options,
    pipeline_options,
    resolve_pipeline,
    run_corpus,
)


@click.command()
@pipeline_options
@io_options
@corpus_options
@handle_errors
def clean(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    preset: str | None,
    stages: tuple[str, ...],
    **corpus: Any,
) -> None:
    """Normalize Arabic text from INPUT files (or standard input) to standard output.

    \b
    Examples:
      arabnorm clean seeds/*.txt
      arabnorm clean -p search corpus.txt -o clean.txt
      arabnorm clean -s alef,yaa -i notes.txt
      cat file.txt | arabnorm clean -p camel
      arabnorm clean -p search --field text dump.jsonl.gz -o clean.jsonl.gz
      arabnorm clean -r corpus/ --glob '*.csv' --column body --output-dir out/ -j 0

    Line count, empty lines and each line's terminator (\\n or \\r\\n) are kept.
    In JSON Lines and CSV/TSV only the named fields change; everything else is
    written back byte for byte.
    """
    run_corpus(
        lambda: resolve_pipeline(preset, stages),
        inputs,
        output=output,
        in_place=in_place,
        errors=errors,
        **corpus,
    )
