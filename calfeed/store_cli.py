"""``calfeed refresh`` (for cron, or by hand) and ``calfeed events`` (what the store holds)."""
from __future__ import annotations

import json
import sys

import click

from calfeed.query import EventQuery, QueryError
from calfeed.records import STATUSES, StoredEvent
from calfeed.terminal import cell, when
from extract.model import iso


class _Bar:
    """A progress bar per source on stderr, made once the number of documents is known."""

    def __init__(self, label: str):
        self.label, self.bar = label, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _summary(reports) -> str:
    head = (f"{cell('source', 16)} {'result':<8} {'documents':>9} {'read':>5} {'new':>5} {'updated':>7} "
            f"{'cancelled':>9} {'skipped':>7} {'time':>6}")
    lines = [head]
    for r in reports:
        result = "failed" if not r.ok else "304" if r.not_modified else "ok"
        lines.append(f"{cell(r.source, 16)} {result:<8} {r.seen:>9} {r.extracted:>5} {r.added:>5} {r.updated:>7} "
                     f"{r.cancelled:>9} {len(r.failures):>7} {r.seconds:>5.1f}s")
    for r in reports:
        if not r.ok:
            lines.append(f"{r.source}: {r.error}")
        for failure in r.failures[:5]:
            lines.append(f"{r.source}: skipped {failure}")
        if len(r.failures) > 5:
            lines.append(f"{r.source}: … and {len(r.failures) - 5} more skipped")
    return "\n".join(lines)


def _chosen_sources(config, names: tuple[str, ...]):
    from calfeed.config import ConfigError

    try:
        return [config.source(name) for name in names] if names else list(config.sources)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--source") from None


@click.command()
@click.option("--source", "names", multiple=True, metavar="NAME", help="Refresh only this source (repeatable).")
@click.option("--quiet", is_flag=True, help="No progress bar; the summary only.")
@click.pass_context
def refresh(ctx: click.Context, names: tuple[str, ...], quiet: bool) -> None:
    """Read the configured sources and store their new and changed events.

    Exit status 4 when a source failed; the other sources are still refreshed.
    """
    from calfeed.cli import EXIT_PARTIAL, load_config_or_exit, open_store_or_exit
    from calfeed.refresh import refresh as run_refresh

    config = load_config_or_exit(ctx)
    chosen = _chosen_sources(config, names)
    if not chosen:
        click.echo("calfeed: config.yaml lists no sources", err=True)
        return
    store = open_store_or_exit(config)
    bars: list[_Bar] = []

    def progress(source):
        if quiet or not sys.stderr.isatty():  # cron mail and logs get the summary only
            return None
        bars.append(_Bar(source.name))
        return bars[-1]

    try:
        reports = run_refresh(store, config, chosen, progress=progress)
    finally:
        for bar in bars:
            bar.close()
    click.echo(_summary(reports), err=True)
    total = store.count_events()
    click.echo(f"calfeed: {total} events stored in {config.database_shown}", err=True)
    if any(not r.ok for r in reports):
        sys.exit(EXIT_PARTIAL)


def event_json(event: StoredEvent) -> dict:
    return {
        "uid": event.uid, "sequence": event.sequence, "status": event.status,
        "title": event.title, "start": iso(event.start), "end": iso(event.end), "all_day": event.all_day,
        "location": event.location, "category": event.category, "evidence": event.evidence,
        "confidence": round(event.confidence, 2), "source": event.source, "district": event.district,
        "article_url": event.article_url, "article_title": event.article_title, "published": iso(event.published),
        "first_seen": event.first_seen.isoformat(), "last_modified": event.last_modified.isoformat(),
    }


def _event_table(events: list[StoredEvent]) -> str:
    lines = [f"{'date':<23} {'category':<10} {cell('title', 30)} {cell('place', 16)} {cell('source', 10)} "
             f"{'seq':>3} uid"]
    for event in events:
        title = ("[已取消] " if event.cancelled else "") + event.title
        lines.append(f"{cell(when(iso(event.start), iso(event.end)), 23)} {event.category:<10} {cell(title, 30)} "
                     f"{cell(event.location or '', 16)} {cell(event.source, 10)} {event.sequence:>3} {event.uid}")
    return "\n".join(lines)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@click.option("--source", help="Only this source (name or district).")
@click.option("--status", type=click.Choice(STATUSES), help="Only confirmed or only cancelled events.")
@click.option("--category", help="Only this category.")
@click.option("-q", "--query", "text", help="Text in the title, place or evidence.")
@click.option("--from", "date_from", help="Events running on or after this day.")
@click.option("--to", "date_to", help="Events starting on or before this day.")
@click.pass_context
def events(ctx: click.Context, fmt: str, **filters) -> None:
    """List the stored events with their UID, SEQUENCE and status."""
    from calfeed.cli import load_config_or_exit, open_store_or_exit

    params = {"source": filters["source"], "status": filters["status"], "category": filters["category"],
              "q": filters["text"], "from": filters["date_from"], "to": filters["date_to"]}
    try:
        query = EventQuery.from_params({k: v for k, v in params.items() if v})
    except QueryError as exc:
        name = str(exc).split(":", 1)[0]
        raise click.BadParameter(str(exc), param_hint=f"--{'query' if name == 'q' else name}") from None
    config = load_config_or_exit(ctx)
    found = open_store_or_exit(config).events(query)
    if fmt == "jsonl":
        for event in found:
            click.echo(json.dumps(event_json(event), ensure_ascii=False))
    elif found:
        click.echo(_event_table(found))
    else:
        click.echo("no events stored" + (" for this filter" if not query.is_empty else "; run `calfeed refresh`"),
                   err=True)
