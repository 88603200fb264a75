"""``arabnorm clean``: normalize files or standard input."""

from __future__ import annotations

from typing import Any

import click

from arabnorm.cli.common import (
    corpus_options,
    dask_option,
    handle_errors,
    io_options,
    pipeline_options,
    resolve_pipeline,
    run_corpus,
)
from arabnorm.cli.control import (
    control_options,
    explain_option,
    explained,
    provenance_option,
    provenance_stamp,
)
from arabnorm.errors import UsageError


@click.command()
@pipeline_options
@io_options
@corpus_options
@dask_option
@control_options
@provenance_option
@explain_option
@handle_errors
def clean(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    preset: str | None,
    stages: tuple[str, ...],
    explain: bool = False,
    provenance: bool = False,
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
      arabnorm clean -p search -r crawl/ --output-dir clean/ --dask local:4

    Line count, empty lines and each line's terminator (\\n or \\r\\n) are kept.
    In JSON Lines and CSV/TSV only the named fields change; everything else is
    written back byte for byte.
    """

    def make_transform() -> Any:
        pipeline = resolve_pipeline(preset, stages)
        return explained(pipeline) if explain else pipeline

    if explain:
        if corpus.get("dask") is not None:
            raise UsageError("--explain keeps its counts in this process; drop --dask")
        corpus["jobs"] = 1  # the counts are kept in this process
    run_corpus(
        make_transform,
        inputs,
        output=output,
        in_place=in_place,
        errors=errors,
        stamp=provenance_stamp(provenance, preset, stages),
        **corpus,
    )
