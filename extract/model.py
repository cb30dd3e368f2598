"""The values the extractor produces: time expressions, events, and an article's extraction."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


def iso(value: date | datetime | None) -> str | None:
    """``YYYY-MM-DD`` for a day, ``YYYY-MM-DDTHH:MM`` for a time of day."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class TimeExpr:
    """One time expression found in a text, with [begin, end) offsets into that text."""

    text: str
    begin: int
    end: int
    kind: str  # point | span | duration | recurring
    start: date | datetime | None  # resolved first day / moment
    last: date | datetime | None  # resolved inclusive last day / end moment (spans)
    open_start: bool = False  # "until 3月31日": the article gives no first day
    rule: str = ""  # name of the grammar rule that matched
    conflict: bool = False  # a weekday given with the date names another day

    def to_json(self, index: int | None = None) -> dict:
        data = {
            "text": self.text,
            "offset": [self.begin, self.end],
            "kind": self.kind,
            "start": iso(self.start),
            "end": iso(self.last),
        }
        return data if index is None else {"input": index, **data}


@dataclass
class Event:
    title: str
    start: date | datetime
    end: date | datetime | None  # inclusive; None for a single day
    all_day: bool
    location: str | None
    category: str
    evidence: str
    confidence: float
    open_start: bool = False  # the article only says when it ends

    def to_json(self) -> dict:
        return {
            "title": self.title,
            "start": iso(self.start),
            "end": iso(self.end),
            "all_day": self.all_day,
            "location": self.location,
            "category": self.category,
            "evidence": self.evidence,
            "confidence": round(self.confidence, 2),
        }


@dataclass
class Extraction:
    """An article's events, with the publication date they were resolved against."""

    published: date | None
    published_source: str | None  # text | caller | inferred | None
    events: list[Event] = field(default_factory=list)
    year: int | None = None  # publication year, known even when the day is not
