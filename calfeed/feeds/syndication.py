"""RSS 2.0 and Atom (with ``feedgen``) and JSON Feed 1.1 (by hand: it is only JSON).

Entries are dated when calfeed first found the event, not when it happens, so
a reader shows new finds as new; the feed's own date is ``FeedInfo.updated``,
never the render time, so an unchanged store gives byte-identical feeds.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Sequence

from feedgen.feed import FeedGenerator

from calfeed import __version__
from calfeed.feeds import FeedInfo
from calfeed.feeds.items import body_html, body_text, category_label, event_url, title
from calfeed.feeds.text import clean, clean_line
from calfeed.records import StoredEvent

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_ID_NAMESPACE = uuid.UUID("6f1c1b8e-3c55-4a53-9d55-0d3c8f0a2b61")  # calfeed's own namespace for entry ids


def entry_id(uid: str) -> str:
    """A permanent id from the store's UID alone, so it survives a move of the site."""
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, uid)}"


def render_rss(events: Sequence[StoredEvent], info: FeedInfo) -> bytes:
    return _generator(events, info).rss_str(pretty=True)


def render_atom(events: Sequence[StoredEvent], info: FeedInfo) -> bytes:
    return _generator(events, info).atom_str(pretty=True)


def _generator(events: Sequence[StoredEvent], info: FeedInfo) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(info.self_url)
    feed.title(clean_line(info.title))
    feed.link(href=info.self_url, rel="self")
    feed.link(href=info.page_url, rel="alternate", type="text/html")  # feedgen takes RSS <link> from the last
    feed.description(clean(info.description) or clean_line(info.title))
    feed.language(info.language)
    feed.generator("calfeed", version=__version__)
    feed.updated(info.updated.astimezone(info.tz))
    feed.lastBuildDate(info.updated.astimezone(info.tz))
    feed.ttl(info.refresh_minutes)
    for event in events:
        page = event_url(info.base_url, event.uid)
        entry = feed.add_entry(order="append")
        entry.id(entry_id(event.uid))
        entry.guid(entry_id(event.uid), permalink=False)
        entry.title(title(event))
        entry.link(href=page)
        entry.content(body_html(event, page), type="html")  # Atom <content type="html">, RSS <description>
        entry.published(event.first_seen.astimezone(info.tz))
        entry.updated(event.last_modified.astimezone(info.tz))
        entry.category(term=event.category, label=category_label(event))
    return feed


def render_json(events: Sequence[StoredEvent], info: FeedInfo) -> bytes:
    """JSON Feed 1.1; its feed object has no "updated", so a ``_calfeed`` extension carries it."""
    items = []
    for event in events:
        page = event_url(info.base_url, event.uid)
        items.append({
            "id": entry_id(event.uid),
            "url": page,
            "title": title(event),
            "content_html": body_html(event, page),
            "content_text": body_text(event, page),
            "date_published": event.first_seen.astimezone(info.tz).isoformat(),
            "date_modified": event.last_modified.astimezone(info.tz).isoformat(),
            "tags": [category_label(event)],
        })
    feed = {
        "version": JSON_FEED_VERSION,
        "title": clean_line(info.title),
        "home_page_url": info.page_url,
        "feed_url": info.self_url,
        "description": clean(info.description),
        "language": info.language,
        "_calfeed": {"updated": info.updated.astimezone(info.tz).isoformat()},
        "items": items,
    }
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
