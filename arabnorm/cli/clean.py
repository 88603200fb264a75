"""``arabnorm clean``: normalize files or standard input."""

from __future__ import annotations

import click

from arabnorm.cli.common import (
    check_outputs,
    handle_errors,
    io_options,
    output_stream,
    pipeline_options,
    resolve_pipeline,
)


@click.command()
@pipeline_options
@io_options
@handle_errors
def clean(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    preset: str | None,
    stages: tuple[str, ...],
) -> None:
    """Normalize Arabic text from INPUT files (or standard input) to standard output.

    \b
    Examples:
      arabnorm clean seeds/*.txt
      arabnorm clean -p search corpus.txt -o clean.txt
      arabnorm clean -s alef,yaa -i notes.txt
      cat file.txt | arabnorm clean -p camel

    Line count, empty lines and each line's terminator (\\n or \\r\\n) are kept.
    """
    from arabnorm.io.files import atomic_write, open_input
    from arabnorm.io.text import process_text

    paths = check_outputs(inputs, output, in_place)
    pipeline = resolve_pipeline(preset, stages)
    if in_place:
        for path in paths:
            with open_input(path) as src, atomic_write(path, like=path) as dst:
                process_text(pipeline.apply, src, dst, path, errors)
        return
    with output_stream(output) as dst:
        for path in paths:
            with open_input(path) as src:
                process_text(pipeline.apply, src, dst, _name(path), errors)


def _name(path: str) -> str:
    return "<stdin>" if path == "-" else path
