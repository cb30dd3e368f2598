"""The four feed formats: where each is published, its media type and its renderer."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calfeed.feeds import FeedInfo
from calfeed.feeds.ics import render_ics
from calfeed.feeds.syndication import render_atom, render_json, render_rss
from calfeed.records import StoredEvent


@dataclass(frozen=True)
class FeedKind:
    name: str
    path: str  # absolute path on the site; also the file's place in a static build
    content_type: str
    render: Callable[[Sequence[StoredEvent], FeedInfo], bytes]


KINDS = {
    kind.name: kind
    for kind in (
        FeedKind("ics", "/calendar.ics", "text/calendar; charset=utf-8", render_ics),
        FeedKind("rss", "/feeds/rss.xml", "application/rss+xml; charset=utf-8", render_rss),
        FeedKind("atom", "/feeds/atom.xml", "application/atom+xml; charset=utf-8", render_atom),
        FeedKind("json", "/feeds/feed.json", "application/feed+json; charset=utf-8", render_json),
    )
}
EVENT_ICS = FeedKind("event", "/events/{uid}.ics", "text/calendar; charset=utf-8", render_ics)
