"""``calfeed serve``: the web app under waitress, with the scheduler refreshing sources.

One process serves and refreshes, so a small site needs no cron and no second
service; waitress rather than Flask's development server because this is what
people leave running.
"""
from __future__ import annotations

import logging
import signal
import sys

import click

from calfeed.config import Config


def run(config: Config, host: str, port: int, threads: int) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM), then stop the scheduler and the server."""
    import waitress

    from calfeed.cli import open_store_or_exit
    from calfeed.scheduler import start_scheduler
    from calfeed.web import create_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", stream=sys.stderr)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)  # calfeed.scheduler logs each run itself
    store = open_store_or_exit(config)
    app = create_app(config, store)
    try:
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="calfeed")
    except OSError as exc:
        from calfeed.cli import EXIT_INPUT

        click.echo(f"calfeed: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_INPUT)
    scheduler = start_scheduler(config, store)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    click.echo(f"calfeed: serving {config.site.name} on http://{host}:{server.effective_port} "
               f"({len(config.sources)} sources refreshing on their schedules)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        scheduler.shutdown(wait=False)
        server.close()
        click.echo("calfeed: stopped", err=True)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0 picks a free one).")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64), help="Worker threads.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Serve the event pages, feeds and API, refreshing sources on their schedules."""
    from calfeed.cli import load_config_or_exit

    run(load_config_or_exit(ctx), host, port, threads)
