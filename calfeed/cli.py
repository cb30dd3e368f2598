"""The ``calfeed`` command line."""
from __future__ import annotations

import os
import sys

import click

from calfeed import __version__
from calfeed.extract_cli import extract, timex
from calfeed.feeds.cli import build
from calfeed.store_cli import events, refresh
from calfeed.web.serve import serve

# Documented exit codes (README "Exit codes").
EXIT_INPUT = 2  # bad arguments or unreadable/undecodable input
EXIT_CONFIG = 3  # invalid config.yaml
EXIT_PARTIAL = 4  # some sources or files failed, the rest were processed
EXIT_DATABASE = 5  # the database cannot be opened (unreachable, unwritable, or from a newer calfeed)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="calfeed")
@click.option(
    "--config",
    "config_path",
    default=lambda: os.environ.get("CALFEED_CONFIG", "config.yaml"),
    show_default="config.yaml or $CALFEED_CONFIG",
    help="Path to the configuration file.",
)
@click.pass_context
def cli(ctx: click.Context, config_path: str) -> None:
    """calfeed: civic event and service calendars from Chinese local news."""
    ctx.obj = {"config_path": config_path}


def load_config_or_exit(ctx: click.Context):
    """The configuration for commands that need one; a clear message and exit 3 if invalid."""
    from calfeed.config import ConfigError, load_config

    try:
        return load_config(ctx.obj["config_path"])
    except ConfigError as exc:
        click.echo(f"calfeed: config error: {exc}", err=True)
        sys.exit(EXIT_CONFIG)


def open_store_or_exit(config):
    """The configured store; a one-line reason and exit 5 when it cannot be opened."""
    from sqlalchemy.exc import SQLAlchemyError

    from calfeed.store import SchemaError, Store

    try:
        return Store(config.database)
    except (SQLAlchemyError, SchemaError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        click.echo(f"calfeed: cannot open the database {config.database_shown}: {reason}", err=True)
        sys.exit(EXIT_DATABASE)


cli.add_command(extract)
cli.add_command(timex)
cli.add_command(build)
cli.add_command(refresh)
cli.add_command(events)
cli.add_command(serve)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
