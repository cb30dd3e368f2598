"""``calfeed build --out DIR``: the static export from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the site into (created if missing).")
@click.pass_context
def build(ctx: click.Context, out: Path) -> None:
    """Write every feed, each event's .ics and the pages as static files for any web server or CDN."""
    from calfeed.cli import EXIT_INPUT, load_config_or_exit, open_store_or_exit
    from calfeed.feeds.export import build as build_site
    from calfeed.feeds.export import SOURCES
    from calfeed.web.export import page_files

    config = load_config_or_exit(ctx)
    store = open_store_or_exit(config)
    try:
        result = build_site(store, config, out, sources=[*SOURCES, page_files])
    except OSError as exc:
        click.echo(f"calfeed: cannot write {exc.filename or out}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    click.echo(f"calfeed: {result.total} files in {out}: {len(result.written)} written, "
               f"{len(result.unchanged)} unchanged, {len(result.removed)} removed", err=True)
