"""``arabnorm stages``: every stage and preset, as a table."""

from __future__ import annotations

import click

from arabnorm.cli.common import handle_errors
from arabnorm.cli.control import with_config


@click.command()
@click.option(
    "--markdown",
    is_flag=True,
    help="Print the stage and preset tables as Markdown (the README's tables).",
)
@with_config
@handle_errors
def stages(markdown: bool) -> None:
    """List every stage (what it does, an example, parameters, lossy or not) and every preset."""
    from arabnorm import catalog

    if markdown:
        click.echo(catalog.markdown(), nl=False)
        return
    from rich.console import Console
    from rich.table import Table

    from arabnorm.presets import all_presets, config_source, default_preset

    console = Console(soft_wrap=False)
    table = Table(title="Stages", show_lines=False)
    table.add_column("stage", style="bold", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("lossy", no_wrap=True)
    table.add_column("what it does")
    table.add_column("parameters")
    for e in catalog.entries():
        params = "\n".join(
            f"{p.name}={p.default}"
            + (f" ({'|'.join(c for c in p.choices if c)})" if p.choices else "")
            + f": {p.help}"
            for p in e.params
        )
        what = "\n".join([e.summary, *e.shown_settings()])
        table.add_row(e.name, e.kind, "yes" if e.lossy else "no", what, params or "-")
    console.print(table)
    source = config_source()
    title = f"Presets (default: {default_preset()}" + (f"; config: {source})" if source else ")")
    presets = Table(title=title)
    presets.add_column("preset", style="bold", no_wrap=True)
    presets.add_column("stages, in order")
    presets.add_column("for")
    for name, (spec, purpose) in all_presets().items():
        presets.add_row(name, spec.replace(",", ", ") or "(none)", purpose)
    console.print(presets)
