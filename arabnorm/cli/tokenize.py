"""``arabnorm tokenize``: normalize, then split into tokens."""

from __future__ import annotations

from typing import Any

import click

from arabnorm.cli.common import (
    dask_option,
    handle_errors,
    io_options,
    make_corpus_options,
    pipeline_options,
    resolve_pipeline,
    run_corpus,
)
from arabnorm.cli.control import control_options, explain_option, explained


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
@make_corpus_options(("--input-format",))
@dask_option
@control_options
@explain_option
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
    explain: bool = False,
    **corpus: Any,
) -> None:
    """Normalize INPUT files (or standard input) with a preset, then tokenize.

    \b
    Examples:
      arabnorm tokenize seeds/*.txt
      arabnorm tokenize -p none --format jsonl article.txt
      arabnorm tokenize --sentences --format conllu corpus.txt -o corpus.conllu
      arabnorm tokenize --clitics=mark article.txt
      arabnorm tokenize --field text posts.jsonl -o tokenized.jsonl

    Numbers, URLs, e-mails, @mentions, #hashtags and emoji stay whole; every
    punctuation mark is its own token. --preset none changes no character;
    spans always point into the original line. In JSON Lines and CSV/TSV
    inputs the named fields become their tokens separated by spaces
    (--format text only).
    """
    from arabnorm.io.formats import FunctionTransform
    from arabnorm.io.tokens import TokenWriter

    def make_transform() -> FunctionTransform:
        pipeline = resolve_pipeline(preset, stages)
        if explain:
            pipeline = explained(pipeline)
        return FunctionTransform(TokenWriter(fmt, pipeline, sentences, clitics))

    structured_ok = fmt == "text" and not sentences
    in_order = TokenWriter.in_order(fmt, sentences)
    if corpus.get("dask") is not None and (in_order or explain):
        from arabnorm.errors import UsageError

        raise UsageError(
            "--dask runs tokenize with --format text or jsonl, without --sentences or --explain"
        )
    if in_order or explain:
        # CoNLL-U and --sentences number sentences across the whole input,
        # so every block must follow the one before, in one process.
        # --explain keeps its counts in this process, so it runs here too.
        corpus["jobs"] = 1
    run_corpus(
        make_transform,
        inputs,
        output=output,
        in_place=in_place,
        errors=errors,
        text_only=None
        if structured_ok
        else "--format jsonl/conllu and --sentences need text input",
        **corpus,
    )
