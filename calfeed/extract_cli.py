"""``calfeed extract`` and ``calfeed timex``: the extraction engine on the command line."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import click

from extract import DecodeError, decode_bytes, extract_events, find_times
from calfeed.terminal import cell, when
from extract.model import iso

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 10 * 1024 * 1024  # a newspaper page is ~100 KB; larger input is almost surely not one article
EXIT_INPUT = 2
EXIT_ENGINE = 6


class InputError(Exception):
    """One input could not be read as an article; the message says why, in one line."""


@dataclass
class Article:
    name: str
    text: str


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


def _expand(paths: tuple[str, ...]) -> list[Path | str]:
    items: list[Path | str] = []
    for raw in paths:
        if raw == "-":
            items.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            items.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES))
        else:
            items.append(path)
    return items


def read_article(item: Path | str, max_bytes: int = MAX_BYTES) -> Article:
    """Read and decode one input; every failure becomes an InputError with a one-line reason."""
    name = "-" if item == "-" else item.name
    try:
        if item == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            if not item.exists():
                raise InputError(f"{item}: no such file")
            if item.stat().st_size > max_bytes:
                raise InputError(f"{item}: {item.stat().st_size / 1e6:.1f} MB is larger than the {max_bytes / 1e6:.0f} MB limit for one article")
            data = item.read_bytes()
    except OSError as exc:
        raise InputError(f"{item}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the {max_bytes / 1e6:.0f} MB limit for one article")
    try:
        text = decode_bytes(data)
    except DecodeError as exc:
        raise InputError(f"{item}: {exc}") from None
    if not text.strip():
        raise InputError(f"{item}: empty")
    return Article(name, text)


def _row(doc: str, result, event) -> dict:
    return {"doc": doc, **event.to_json(), "published": iso(result.published),
            "published_source": result.published_source}


def _table(rows: list[dict]) -> str:
    lines = [f"{'date':<23} {'category':<10} {cell('title', 34)} {cell('place', 18)} doc"]
    for row in rows:
        lines.append(f"{cell(when(row['start'], row['end']), 23)} {row['category']:<10} {cell(row['title'], 34)} "
                     f"{cell(row['location'] or '', 18)} {row['doc']}")
    return "\n".join(lines)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (YYYY-MM-DD) used when the text has no dated header.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "json"]), default="table", show_default=True)
def extract(paths: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Extract dated civic events from articles: files, folders, or - for stdin.

    Exit status 2 when any input could not be read, 6 when the engine failed on one (a bug: the message
    says which input); the others are still processed.
    """
    published_day = _day(published, "--published") if published else None
    rows: list[dict] = []
    failed = broken = False
    for item in _expand(paths):
        try:
            article = read_article(item)
        except InputError as exc:
            click.echo(f"calfeed: {exc}", err=True)
            failed = True
            continue
        try:
            result = extract_events(article.text, published=published_day)
        except Exception as exc:  # an engine bug on one article must not lose the others' events
            click.echo(f"calfeed: {item}: the extractor failed ({type(exc).__name__}: {exc}); please report this "
                       "article", err=True)
            broken = True
            continue
        for event in result.events:
            row = _row(article.name, result, event)
            if fmt == "jsonl":
                click.echo(json.dumps(row, ensure_ascii=False))
            rows.append(row)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "table":
        if rows:
            click.echo(_table(rows))
        elif not (failed or broken):
            click.echo("no events found", err=True)
    if broken:
        sys.exit(EXIT_ENGINE)
    if failed:
        sys.exit(EXIT_INPUT)


def _base(value: str | None) -> datetime:
    if value is None:
        return datetime.now().replace(second=0, microsecond=0)
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM", param_hint="--base") from None


@click.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--base", help="What relative expressions resolve against (YYYY-MM-DD[THH:MM]); default now.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def timex(texts: tuple[str, ...], base: str | None, fmt: str) -> None:
    """Show the time expressions calfeed reads in TEXT (or - : one text per line on stdin)."""
    anchor = _base(base)
    inputs = [line.rstrip("\n") for line in sys.stdin] if texts == ("-",) else list(texts)
    rows = []
    for index, text in enumerate(inputs):
        for expr in find_times(text, anchor):
            rows.append(expr.to_json(index))
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("no time expressions found", err=True)
        return
    click.echo(f"{'in':>3} {cell('text', 26)} {'offset':<9} {'kind':<9} {'start':<16} end")
    for row in rows:
        offset = f"{row['offset'][0]}-{row['offset'][1]}"
        click.echo(f"{row['input']:>3} {cell(row['text'], 26)} {offset:<9} {row['kind']:<9} "
                   f"{row['start'] or '-':<16} {row['end'] or '-'}")
