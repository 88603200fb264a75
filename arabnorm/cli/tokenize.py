"""``arabnorm tokenize``: normalize, then split into tokens."""

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


class _OptionalValueCommand(click.Command):
    """Lets ``--clitics`` stand alone before an input file.

    click would take the word after a bare ``--clitics`` as its value
    (``--clitics in.txt``); only ``split`` and ``mark`` are values, so any
    other word after it is left to be an input.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        fixed: list[str] = []
        for i, arg in enumerate(args):
            if arg == "--":
                fixed.extend(args[i:])
                break
            if arg == "--clitics" and (i + 1 == len(args) or args[i + 1] not in ("split", "mark")):
                arg = "--clitics=split"
            fixed.append(arg)
        return super().parse_args(ctx, fixed)


@click.command(cls=_OptionalValueCommand)
@pipeline_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl", "conllu"]),
    default="text",
    show_default=True,
    help="text: tokens separated by one space, one line per input line; jsonl: "
    '{"tokens": [...], "spans": [[start, end], ...]} per line, spans in code points '
    "of the original line; conllu: one sentence per line, ID and FORM, SpaceAfter=No.",
)
@click.option(
    "--sentences",
    is_flag=True,
    help="Split into sentences too: one per output line, JSON object or CoNLL-U sentence.",
)
@click.option(
    "--clitics",
    type=click.Choice(["split", "mark"]),
    is_flag=False,
    flag_value="split",
    default=None,
    help="Also split proclitics (و ف ب ل ك س) and pronoun enclitics off Arabic words: "
    "--clitics gives و ب كتاب ه, --clitics=mark gives و+ ب+ كتاب +ه; with --format "
    "conllu a split word is a multiword-token range. Needs pip install 'arabnorm[clitics]'.",
)
@io_options
@handle_errors
def tokenize(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    preset: str | None,
    stages: tuple[str, ...],
    fmt: str,
    sentences: bool,
    clitics: str | None,
) -> None:
    """Normalize INPUT files (or standard input) with a preset, then tokenize.

    \b
    Examples:
      arabnorm tokenize seeds/*.txt
      arabnorm tokenize -p none --format jsonl article.txt
      arabnorm tokenize --sentences --format conllu corpus.txt -o corpus.conllu
      arabnorm tokenize --clitics=mark article.txt

    Numbers, URLs, e-mails, @mentions, #hashtags and emoji stay whole; every
    punctuation mark is its own token. --preset none changes no character;
    spans always point into the original line.
    """
    from arabnorm.io.files import atomic_write, open_input
    from arabnorm.io.text import process_text
    from arabnorm.io.tokens import WRITERS

    paths = check_outputs(inputs, output, in_place)
    pipeline = resolve_pipeline(preset, stages)
    make_writer = WRITERS[fmt]
    if in_place:
        for path in paths:
            with open_input(path) as src, atomic_write(path, like=path) as dst:
                process_text(make_writer(pipeline, sentences, clitics), src, dst, path, errors)
        return
    with output_stream(output) as dst:
        for path in paths:
            with open_input(path) as src:
                name = "<stdin>" if path == "-" else path
                process_text(make_writer(pipeline, sentences, clitics), src, dst, name, errors)
