"""What the store hands to the feeds, the page and the API: one object per stored event."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

CATEGORIES = ("meeting", "exhibition", "sports", "culture", "ceremony", "visit", "service", "festival", "community", "other")

CATEGORY_LABELS = {
    "meeting": "会议",
    "exhibition": "展览",
    "sports": "体育",
    "culture": "文化",
    "ceremony": "仪式",
    "visit": "走访",
    "service": "服务",
    "festival": "节庆",
    "community": "社区",
    "other": "其他",
}

STATUSES = ("confirmed", "cancelled")


@dataclass(frozen=True)
class StoredEvent:
    uid: str
    sequence: int
    status: str  # confirmed | cancelled
    title: str
    start: date | datetime  # naive datetime = wall time in the site's time zone
    end: date | datetime | None  # inclusive last day (or end time); None for a single day
    all_day: bool
    location: str | None
    category: str
    evidence: str
    confidence: float
    first_seen: datetime  # timezone-aware
    last_modified: datetime  # timezone-aware
    source: str
    district: str | None
    article_id: int
    article_url: str | None
    article_title: str | None
    published: date | None
    open_start: bool = False  # the article only said when it ends

    @property
    def first_day(self) -> date:
        return self.start.date() if isinstance(self.start, datetime) else self.start

    @property
    def last_day(self) -> date:
        """Inclusive last day of the event."""
        end = self.end if self.end is not None else self.start
        return end.date() if isinstance(end, datetime) else end

    @property
    def end_exclusive_day(self) -> date:
        """The day after the last day, as iCalendar's all-day DTEND wants it."""
        return self.last_day + timedelta(days=1)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True)
class StoredArticle:
    id: int
    source: str
    url: str | None  # http(s) URL, or None for a folder file
    path: str | None  # folder-relative path for folder sources
    title: str | None
    text: str
    published: date | None
    published_source: str | None
    fetched: datetime


@dataclass(frozen=True)
class SourceStatus:
    name: str
    type: str
    location: str
    district: str | None
    last_run: datetime | None
    last_ok: bool | None
    last_error: str | None
    articles: int
    events: int


@dataclass(frozen=True)
class RunRecord:
    """One refresh of one source, as the refresh logged it."""

    id: int
    source: str
    started: datetime  # timezone-aware
    finished: datetime  # timezone-aware
    ok: bool
    error: str | None
    articles_seen: int
    added: int
    updated: int
    cancelled: int
