"""One refresh of one source: read it, extract each new or changed article, store the result.

Reading (network, disk) and extraction happen before the transaction; everything
a source changes in the store -- articles, events, removals and the HTTP validators
that would let the next read skip them -- is written in one transaction, so a
failure or a killed process leaves the store as it was and the next refresh
reads the same documents again. Whatever happens, the run is logged.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import extract
from calfeed.config import Config, SourceConfig
from calfeed.sources import Document, SourceError, client_for, read_source
from extract import Extraction, extract_events

log = logging.getLogger("calfeed.refresh")

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass
class SourceReport:
    """What one source's refresh did, for the summary and the run log."""

    source: str
    ok: bool = True
    error: str | None = None
    seen: int = 0  # documents the source listed
    extracted: int = 0  # new or changed documents read through the extractor
    added: int = 0
    updated: int = 0
    cancelled: int = 0
    removed: int = 0  # articles gone from a folder
    not_modified: bool = False
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.cancelled)


class PendingValidators:
    """Conditional-GET validators read from the store, written back only with the source's transaction.

    Saving an ETag before the article it stands for is stored would make the
    next read answer 304 for an article the store never got.
    """

    def __init__(self, store):
        self.store = store
        self.pending: dict[str, tuple[str | None, str | None]] = {}

    def get(self, url: str) -> tuple[str | None, str | None]:
        return self.pending.get(url) or self.store.http_validators(url)

    def put(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.pending[url] = (etag, last_modified)

    def flush(self) -> None:
        for url, (etag, last_modified) in self.pending.items():
            self.store.save_http_validators(url, etag, last_modified)
        self.pending.clear()


def _now() -> datetime:
    return datetime.now(UTC)


@functools.cache
def engine_fingerprint() -> str:
    """A digest of the extraction engine and its rules: stored with each article's hash, so an upgraded
    engine re-reads every article once (events keep their UIDs through the store's matching)."""
    package = Path(extract.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".yaml")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def stored_hash(doc: Document) -> str:
    return f"{doc.content_hash}+{engine_fingerprint()}"


def _extract(source: SourceConfig, todo: list[Document], report: SourceReport,
             progress: Progress | None) -> list[tuple[Document, Extraction]]:
    """Every new or changed document through the engine, before the transaction opens, so the
    store is locked only for the writes."""
    extracted = []
    for done, doc in enumerate(todo, 1):
        try:
            extracted.append((doc, extract_events(doc.text, published=doc.published)))
        except Exception as exc:  # one article the engine cannot read must not cost the others
            log.exception("%s: %s: extraction failed", source.name, doc.key)
            report.failures.append(f"{doc.key}: extraction failed: {type(exc).__name__}: {exc}")
        if progress:
            progress(done, len(todo))
    return extracted


def _write(store, source: SourceConfig, extracted: list[tuple[Document, Extraction]], report: SourceReport) -> None:
    for doc, extraction in extracted:
        change = store.upsert_article(
            source.name, doc.key, text=doc.text, events=extraction.events, title=doc.title, url=doc.url,
            path=doc.path, published=extraction.published, published_source=extraction.published_source,
            district=source.district, content_hash=stored_hash(doc),
        )
        report.extracted += 1
        report.added += change.added
        report.updated += change.updated
        report.cancelled += change.cancelled


def refresh_source(store, config: Config, source: SourceConfig, *, client=None,
                   progress: Progress | None = None) -> SourceReport:
    """Refresh ``source`` into ``store``; never raises for a failing source: the report says what failed.

    ``client`` is the HTTP client for feeds and pages (default: one naming this site in its User-Agent).
    """
    report = SourceReport(source.name)
    client = client or client_for(config)
    started, clock = _now(), time.perf_counter()
    try:
        known = store.article_hashes(source.name)
        validators = PendingValidators(store)
        listing = read_source(source, root=config.root, client=client, validators=validators, known=known)
        report.seen, report.not_modified = len(listing.documents), listing.not_modified
        report.failures.extend(listing.failures)
        todo = [doc for doc in listing.documents if doc.text is not None and stored_hash(doc) != known.get(doc.key)]
        extracted = _extract(source, todo, report, progress)
        with store.transaction():
            _write(store, source, extracted, report)
            if listing.complete:
                for key in sorted(set(known) - {doc.key for doc in listing.documents}):
                    report.cancelled += store.remove_article(source.name, key).cancelled
                    report.removed += 1
            validators.flush()
    except SourceError as exc:
        report.ok, report.error = False, str(exc)
    except Exception as exc:  # a bug or a database error: recorded, and the other sources still run
        log.exception("%s: refresh failed", source.name)
        report.ok, report.error = False, f"{type(exc).__name__}: {exc}"
    report.seconds = time.perf_counter() - clock
    _record(store, report, started)
    return report


def _record(store, report: SourceReport, started: datetime) -> None:
    error = report.error
    if report.ok and report.failures:
        error = f"{len(report.failures)} documents skipped; first: {report.failures[0]}"
    try:
        store.record_run(report.source, started=started, finished=_now(), ok=report.ok, error=error,
                         articles_seen=report.seen, added=report.added, updated=report.updated,
                         cancelled=report.cancelled)
    except Exception:  # the database itself is down: the report still reaches the caller
        log.exception("%s: could not record the run", report.source)


def refresh(store, config: Config, sources: Iterable[SourceConfig] | None = None, *, client=None,
            progress: Callable[[SourceConfig], Progress | None] | None = None) -> list[SourceReport]:
    """Refresh each source in turn; a failing source is reported and the next one still runs."""
    chosen = list(config.sources if sources is None else sources)
    store.sync_sources(config.sources)
    client = client or client_for(config)
    return [refresh_source(store, config, source, client=client, progress=progress(source) if progress else None)
            for source in chosen]
