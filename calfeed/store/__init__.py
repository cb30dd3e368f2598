"""Where events live between refreshes: articles, their events with stable UIDs, sources and runs.

    store = Store("sqlite:///data/calfeed.db")   # or postgresql://...
    with store.transaction():                     # one source's refresh
        store.upsert_article("yangpu", "2025/a.txt", text=text, events=extraction.events)
    store.events(EventQuery(category="sports"), since=today, limit=20)
"""
from calfeed.store.articles import ArticleChange
from calfeed.store.schema import SchemaError
from calfeed.store.store import Store

__all__ = ["ArticleChange", "SchemaError", "Store"]
