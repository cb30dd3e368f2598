"""Reading a configured source into documents: a folder of files, a feed, or a web page.

No database and no extraction here: :func:`read_source` returns a :class:`Listing`
and the refresh stores what it extracts from each :class:`Document`.

Modules: ``model`` (Document, Listing, SourceError, Validators), ``http`` (HttpClient),
``article`` (an HTML page's main text, title, date and links), ``dates``, and one module
per source type: ``folder``, ``feed``, ``page``.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from calfeed.config import Config, SourceConfig
from calfeed.sources.http import HttpClient, HttpError, Response
from calfeed.sources.model import Document, Listing, MemoryValidators, SourceError, Validators

__all__ = ["Document", "HttpClient", "HttpError", "Listing", "MemoryValidators", "Response", "SourceError",
           "Validators", "client_for", "read_source"]


def client_for(config: Config, **options) -> HttpClient:
    """An HttpClient whose User-Agent names this site (``calfeed/0.1.0 (+<site.base_url>)``)."""
    return HttpClient(contact=config.site.base_url, **options)


def read_source(source: SourceConfig, *, root: Path, client: HttpClient | None = None,
                validators: Validators | None = None,
                known: Mapping[str, str] = {}) -> Listing:  # noqa: B006 - read only, never mutated
    """Read ``source`` once.

    ``root`` anchors a relative folder location (the config file's folder). ``client``
    is the HTTP client for feeds and pages (a default one when None). ``validators``
    remembers ETag/Last-Modified per URL; they are put only once the whole source has
    been read, so persist them with the documents. ``known`` maps the keys the store
    already holds to their content hashes: conditional requests are only made for a
    source or page the store has, so a 304 (``not_modified`` or ``text=None``) never
    stands for an article the store lacks.

    Raises :class:`SourceError` when the source as a whole cannot be read.
    """
    if source.type == "folder":
        from calfeed.sources.folder import read_folder

        return read_folder(source, Path(root), known)
    if source.type in ("feed", "page"):
        client = client or HttpClient()
        if source.type == "feed":
            from calfeed.sources.feed import read_feed

            return read_feed(source, client, validators, known)
        from calfeed.sources.page import read_page

        return read_page(source, client, validators, known)
    raise SourceError(f"{source.name}: unknown source type {source.type!r}")
