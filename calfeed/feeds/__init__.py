"""Subscribable feeds: iCalendar, RSS 2.0, Atom and JSON Feed over the stored events.

Renderers are pure functions of (events, ``FeedInfo``) returning bytes, so the
cache, the web endpoints and the static export share them, and the same input
always gives the same bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Stands in for "updated" when a feed has never held an event, so an empty feed is still reproducible.
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedInfo:
    """Everything about a feed that is not its events."""

    title: str
    description: str
    base_url: str  # the site, without a trailing slash
    self_url: str  # this feed's own public address
    page_url: str  # the listing page showing the same filter
    timezone: str
    language: str
    refresh_minutes: int
    updated: datetime  # the feed's latest real change, never "now"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
