"""The store as the pages and the API show it: text that no page, link or JSON can carry is removed.

The store keeps article text verbatim, lone surrogates and control characters
included; an HTML response, a URL or JSON cannot encode some of them, so every
record the web reads passes through here once, instead of each template and
link builder guarding itself.
"""
from __future__ import annotations

from dataclasses import fields, replace

from calfeed.feeds.text import carriable


def shown(record):
    """A copy of a record (StoredEvent, StoredArticle, SourceStatus) with every text field carriable."""
    if record is None:
        return None
    changes = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and (kept := carriable(value)) is not value:
            changes[f.name] = kept
    return replace(record, **changes) if changes else record


class ShownStore:
    """Read access to a store for the web; everything else passes through unchanged."""

    def __init__(self, store):
        self.store = store

    def events(self, *args, **kwargs):
        return [shown(event) for event in self.store.events(*args, **kwargs)]

    def event(self, uid: str):
        return shown(self.store.event(uid))

    def article(self, article_id: int):
        return shown(self.store.article(article_id))

    def sources(self):
        return [shown(source) for source in self.store.sources()]

    def __getattr__(self, name: str):
        return getattr(self.store, name)
