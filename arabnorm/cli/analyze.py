"""``arabnorm analyze``: the terms Lucene's Arabic or Persian analyzer indexes, line by line."""

from __future__ import annotations

from typing import Any

import click

from arabnorm.cli.common import handle_errors, io_options, make_corpus_options, run_corpus


@click.command()
@click.option(
    "-a",
    "--analyzer",
    type=click.Choice(["arabic", "persian"]),
    default="arabic",
    show_default=True,
    help="Lucene's ArabicAnalyzer or PersianAnalyzer (Elasticsearch's and OpenSearch's "
    "arabic and persian analyzers, Solr's Arabic and Persian field types).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help='text: the terms of each line separated by one space; jsonl: {"tokens": [{"token", '
    '"start_offset", "end_offset", "type", "position"}, ...]} per line, as Elasticsearch\'s '
    "_analyze API returns it.",
)
@click.option(
    "--offsets",
    type=click.Choice(["codepoints", "utf16"]),
    default="codepoints",
    show_default=True,
    help="jsonl offsets: code points of the line (Python string indices), or UTF-16 code "
    "units as Elasticsearch reports them. They differ only after characters above U+FFFF "
    "(emoji).",
)
@io_options
@make_corpus_options(("--input-format",))
@handle_errors
def analyze(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    analyzer: str,
    fmt: str,
    offsets: str,
    **corpus: Any,
) -> None:
    """Write the terms Lucene's Arabic or Persian analyzer makes of each line of INPUT.

    \b
    Examples:
      arabnorm analyze queries.txt
      arabnorm analyze -a persian --format jsonl fa.txt -o fa.terms.jsonl
      arabnorm analyze --field text posts.jsonl -o posts.terms.jsonl

    The same terms as Lucene 8's ArabicAnalyzer (StandardTokenizer, lower
    case, decimal digits, stop words, ArabicNormalizer, ArabicStemmer) or
    PersianAnalyzer, so they match what Elasticsearch, OpenSearch or Solr
    index. Positions count removed stop words, as Lucene's do. In JSON Lines
    and CSV/TSV inputs each named field becomes its terms separated by
    spaces (--format text only).
    """
    from arabnorm.lucene.analyzer import AnalyzeWriter

    def make_transform() -> AnalyzeWriter:
        return AnalyzeWriter(analyzer, fmt, offsets)

    run_corpus(
        make_transform,
        inputs,
        output=output,
        in_place=in_place,
        errors=errors,
        text_only=None if fmt == "text" else "--format jsonl needs text input",
        **corpus,
    )
