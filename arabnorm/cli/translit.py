"""``arabnorm translit``: Arabic script to a transliteration scheme, or back."""

from __future__ import annotations

from typing import Any

import click

from arabnorm import chars
from arabnorm.cli.common import (
    corpus_options,
    handle_errors,
    io_options,
    resolve_pipeline,
    run_corpus,
)
from arabnorm.cli.complete import complete_presets, complete_stages
from arabnorm.cli.control import (
    control_options_for,
    explain_option,
    explained,
    pipeline_stamp,
    provenance_option,
)
from arabnorm.errors import UsageError
from arabnorm.translit import SCHEMES


def translit_pipeline(options: dict[str, Any]) -> Any:
    """The pipeline the options ask for: ``-p``/``-s`` stages, if any, then ``translit``.

    Nothing is normalized unless ``-p`` or ``-s`` says so (a config file's
    default preset is not applied: transliteration keeps the text as it is).
    """
    from arabnorm.pipeline import Pipeline
    from arabnorm.stages import make_stage

    to: str | None = options.get("to")
    back: str | None = options.get("back")
    marker: str | None = options.get("marker")
    if bool(to) == bool(back):
        raise UsageError("give one of --to SCHEME or --from SCHEME")
    params = {"to": to} if to else {"from": str(back)}
    if marker is not None:
        if not marker:
            raise UsageError("--marker is empty")
        if any(c in chars.STR_WHITESPACE for c in marker):
            raise UsageError(f"--marker {marker!r} contains whitespace")
        if "," in marker or ":" in marker:
            raise UsageError(f"--marker {marker!r} contains ',' or ':', which specs reserve")
        params["marker"] = marker
    if options.get("strip_markers"):
        if marker is None:
            raise UsageError("--strip-markers needs --marker")
        params["marked"] = "strip"
    stage = make_stage("translit", params)
    preset, stages = options.get("preset"), options.get("stages", ())
    if preset is None and not any(s.strip() for s in stages):
        return Pipeline([stage])
    return resolve_pipeline(preset, stages).then(stage)


_SCHEME = click.Choice(list(SCHEMES))


@click.command()
@click.option(
    "--to",
    "to",
    type=_SCHEME,
    metavar="SCHEME",
    default=None,
    help=f"Write Arabic script in SCHEME: {', '.join(SCHEMES)}.",
)
@click.option(
    "--from",
    "back",
    type=_SCHEME,
    metavar="SCHEME",
    default=None,
    help="Read SCHEME back into Arabic script.",
)
@click.option(
    "--marker",
    metavar="STRING",
    default=None,
    help="Leave tokens that start with STRING as they are (from STRING to the next "
    "whitespace), as camel_transliterate -m does; e.g. --marker @@IGNORE@@.",
)
@click.option(
    "--strip-markers",
    is_flag=True,
    help="Remove the marker from marked tokens (the rest of the token is kept as it is).",
)
@click.option(
    "-s",
    "--stages",
    "stages",
    multiple=True,
    metavar="SPEC",
    shell_complete=complete_stages,
    help="Normalize with these stages first (after --preset's, if given). Repeatable.",
)
@click.option(
    "-p",
    "--preset",
    metavar="NAME",
    default=None,
    shell_complete=complete_presets,
    help="Normalize with this preset first (default: nothing is normalized).",
)
@io_options
@corpus_options
@control_options_for(translit_pipeline)
@provenance_option
@explain_option
@handle_errors
def translit(
    inputs: tuple[str, ...],
    output: str | None,
    in_place: bool,
    errors: str,
    explain: bool = False,
    provenance: bool = False,
    **options: Any,
) -> None:
    """Transliterate INPUT files (or standard input) to or from a Latin scheme.

    \b
    Examples:
      arabnorm translit --to bw article.txt
      arabnorm translit --from bw article.bw -o article.txt
      arabnorm translit --to hsb -p standard --field text posts.jsonl -o hsb.jsonl
      arabnorm translit --from safebw --marker @@IGNORE@@ mixed.txt

    \b
    Schemes: bw, safebw, xmlbw, hsb (Buckwalter, Safe and XML Buckwalter,
    Habash-Soudi-Buckwalter; byte-identical to CAMeL Tools 1.6.0) and
    iso233-2 (the ISO 233-2 letters, one to one, reversible).

    Characters a scheme does not name are kept; --to X then --from X gives
    back any run of Arabic letters and marks. Line count and each line's
    terminator are kept; in JSON Lines and CSV/TSV only the named fields change.
    """
    corpus = {k: v for k, v in options.items() if k not in _PIPELINE_OPTIONS}
    pipeline = translit_pipeline(options)  # usage mistakes first, before any file is touched

    def make_transform() -> Any:
        return explained(pipeline) if explain else pipeline

    if explain:
        corpus["jobs"] = 1  # the counts are kept in this process
    run_corpus(
        make_transform,
        inputs,
        output=output,
        in_place=in_place,
        errors=errors,
        stamp=pipeline_stamp(provenance, lambda: pipeline),
        **corpus,
    )


_PIPELINE_OPTIONS = frozenset({"to", "back", "marker", "strip_markers", "preset", "stages"})
