"""``arabnorm audit``: what is in a text and what each stage would change.

Prints, per file and in total, a table of counts with small bar charts, or
with ``--json`` one document::

    {"files": [{"path", "lines", "chars", "counts": {...}, "changes": {...},
                "pipeline_changes"}],
     "total": {"files", "lines", "chars", "counts", "changes", "pipeline_changes"},
     "pipeline": {"spec", "hash"}}

``changes`` says, for every stage, how many characters it alone would
change; ``pipeline_changes`` how many the chosen pipeline (``-p``/``-s``,
default preset otherwise) changes as a whole.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from arabnorm.cli.common import (
    encoding_option,
    handle_errors,
    pipeline_options,
    resolve_encoding,
    resolve_pipeline,
)
from arabnorm.cli.control import control_options, input_paths, reading_text, walk_options

BAR_WIDTH = 16
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(fraction: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar ``fraction`` (0..1) of ``width`` cells, to 1/8 of a cell.

    >>> bar(0.5, 4), bar(0.0, 4), bar(1.0, 2)
    ('██', '', '██')
    """
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    if eighths == 0 and fraction > 0:
        eighths = 1  # never hide a non-zero count
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def _share(n: int, of: int) -> float:
    return n / of if of else 0.0


def _rows(report: Any) -> tuple[list[tuple[str, int, float]], list[tuple[str, int, float]]]:
    from arabnorm.audit import LINE_CATEGORIES

    counts = [
        (name, n, _share(n, report.lines if name in LINE_CATEGORIES else report.chars))
        for name, n in report.counts.items()
    ]
    changes = [(name, n, _share(n, report.chars)) for name, n in report.changes.items()]
    return counts, changes


def _table(report: Any, pipeline_label: str) -> Any:
    from rich.table import Table

    from arabnorm.audit import LINE_CATEGORIES

    counts, changes = _rows(report)
    changes.append(
        (pipeline_label, report.pipeline_changes, _share(report.pipeline_changes, report.chars))
    )
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("in the text / stage alone", no_wrap=True)
    table.add_column("count", justify="right", no_wrap=True)
    table.add_column("share", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True, style="cyan")
    for section, rows in (("contents", counts), ("changes", changes)):
        # Bars compare like with like: shares of characters, shares of lines.
        top = {
            kind: max((s for name, _, s in rows if (name in LINE_CATEGORIES) == kind), default=0.0)
            for kind in (False, True)
        }
        for name, n, share in rows:
            unit = " of lines" if name in LINE_CATEGORIES else ""
            style = "bold" if section == "changes" and name == pipeline_label else None
            table.add_row(
                name,
                f"{n:,}",
                f"{100 * share:.2f}%{unit}",
                bar(share / top[name in LINE_CATEGORIES]) if n else "",
                style=style,
            )
        if section == "contents":
            table.add_section()
    return table


@click.command()
@pipeline_options
@click.argument("inputs", nargs=-1, metavar="[INPUT]...", type=click.Path(allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of tables.")
@click.option("--total", "total_only", is_flag=True, help="Show only the total, not each file.")
@encoding_option
@walk_options
@control_options
@handle_errors
def audit(
    inputs: tuple[str, ...],
    as_json: bool,
    total_only: bool,
    encoding: str,
    recursive: bool,
    globs: tuple[str, ...],
    preset: str | None,
    stages: tuple[str, ...],
) -> None:
    """Count what INPUT files (or standard input) hold and what each stage would change.

    \b
    Counts diacritics, tatweel, presentation forms, invisible characters
    (bidi marks, zero-width characters, BOM, soft hyphen), Persian/Urdu
    letters, Arabic-Indic and ASCII digits, Latin letters; lines with bytes
    that cannot be decoded (counted, never fatal), lines the mojibake stage
    would repair (UTF-8 read as cp1256 or Latin-1, such as 'ظ…ط±ط­ط¨ط§') and
    lines the visual stage would put back in logical order. With --json,
    files[].encoding says how each file was read (see --encoding). Then,
    for every stage, how many characters it alone would change, and how
    many the pipeline (-p/-s, default preset otherwise) changes.

    \b
    Compressed files (.gz, .bz2, .xz) are read as their text; -r reads the
    files of directories. A JSON Lines or CSV file is audited as text, keys
    and delimiters included.

    \b
    Examples:
      arabnorm audit seeds/*.txt
      arabnorm audit --total -r corpus/ --glob '*.txt.gz'
      arabnorm audit --json corpus.txt | jq .total.counts
    """
    from arabnorm.audit import Audit, audit_stream, default_stages
    from arabnorm.io.encoding import doubt_warning
    from arabnorm.provenance import spec_hash

    encoding = resolve_encoding(encoding)
    pipeline = resolve_pipeline(preset, stages)
    every_stage = default_stages()
    paths = input_paths(inputs, recursive, globs)
    reports: list[Audit] = []
    total = Audit("total", changes=dict.fromkeys((s.spec for s in every_stage), 0))
    for path in paths:
        name = "<stdin>" if path == "-" else path
        # an audit counts undecodable bytes, it does not stop at them
        with reading_text(path, encoding, "surrogateescape") as (src, reader):
            report = audit_stream(src, name, every_stage, pipeline)
        if reader is not None:
            report.encoding = reader.encoding or "utf-8"
            found = reader.detection
            if found is not None and found.doubt is not None:
                click.echo(
                    f"arabnorm: warning: {doubt_warning(name, found.encoding, found.doubt)}",
                    err=True,
                )
        reports.append(report)
        total.add(report)
    if as_json:
        document = {
            "files": [r.to_dict() for r in reports],
            "total": {"files": len(reports), **total.to_dict(with_path=False)},
            "pipeline": {"spec": pipeline.full_spec, "hash": spec_hash(pipeline)},
        }
        sys.stdout.buffer.write(json.dumps(document, ensure_ascii=False, indent=2).encode())
        sys.stdout.buffer.write(b"\n")
        return
    from rich.console import Console

    from arabnorm.presets import default_preset

    if stages and not preset:
        label = "pipeline (-s)"
    else:
        label = f"pipeline ({preset or default_preset()}{' + -s' if stages else ''})"
    console = Console(soft_wrap=False, highlight=False)
    shown = [] if total_only and len(reports) > 1 else reports
    for report in shown:
        title = f"{report.path}: {report.lines:,} lines, {report.chars:,} characters"
        console.print(title, style="bold", soft_wrap=True, markup=False)
        console.print(_table(report, label))
        console.print()
    if len(reports) > 1:
        title = f"total: {len(reports)} files, {total.lines:,} lines, {total.chars:,} characters"
        console.print(title, style="bold", soft_wrap=True, markup=False)
        console.print(_table(total, label))
