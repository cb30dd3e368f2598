"""The one filter shared by the store, the feeds, the page and the API.

A filter has exactly one URL: ``to_params`` emits its parameters in a fixed
order with defaults left out, so caches, ETags and subscriptions agree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from calfeed.records import CATEGORIES, STATUSES

# Canonical order of the filter parameters in every URL calfeed writes.
PARAMS = ("category", "place", "source", "q", "from", "to", "status", "page")
MAX_PAGE = 10_000
MAX_TEXT = 100
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class QueryError(ValueError):
    """A filter parameter is invalid; the message names the parameter."""


def parse_day(value: str, name: str) -> date:
    """A day from a query parameter: ISO first, then free-form (2025年3月8日, 8 March 2025)."""
    text = value.strip()
    if _ISO_DAY.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise QueryError(f"{name}: {value!r} is not a valid date") from None
    import dateparser

    parsed = dateparser.parse(
        text,
        languages=["zh", "en"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    if parsed is None:
        raise QueryError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)")
    return parsed.date()


@dataclass(frozen=True)
class EventQuery:
    category: str | None = None
    place: str | None = None  # substring of the location
    source: str | None = None  # source name or district
    q: str | None = None  # text search over title, location and evidence
    date_from: date | None = None  # events whose last day is on or after
    date_to: date | None = None  # events whose first day is on or before
    status: str | None = None  # None = every status
    page: int = 1

    @classmethod
    def from_params(cls, params: Mapping[str, str] | Iterable[tuple[str, str]]) -> EventQuery:
        items = params.items() if isinstance(params, Mapping) else params
        values: dict[str, str] = {}
        for key, value in items:
            if key in PARAMS and value is not None and str(value).strip():
                values[key] = str(value).strip()
        category = values.get("category")
        if category is not None and category not in CATEGORIES:
            raise QueryError(f"category: unknown category {category!r} (one of {', '.join(CATEGORIES)})")
        status = values.get("status")
        if status is not None and status not in STATUSES:
            raise QueryError(f"status: unknown status {status!r} (one of {', '.join(STATUSES)})")
        for name in ("place", "source", "q"):
            if len(values.get(name, "")) > MAX_TEXT:
                raise QueryError(f"{name}: longer than {MAX_TEXT} characters")
        date_from = parse_day(values["from"], "from") if "from" in values else None
        date_to = parse_day(values["to"], "to") if "to" in values else None
        if date_from and date_to and date_from > date_to:
            raise QueryError(f"from: {date_from} is after to: {date_to}")
        page = 1
        if "page" in values:
            if not values["page"].isdigit() or not 1 <= int(values["page"]) <= MAX_PAGE:
                raise QueryError(f"page: expected a whole number from 1 to {MAX_PAGE}, got {values['page']!r}")
            page = int(values["page"])
        return cls(
            category=category,
            place=values.get("place"),
            source=values.get("source"),
            q=values.get("q"),
            date_from=date_from,
            date_to=date_to,
            status=status,
            page=page,
        )

    def to_params(self, *, page: bool = True) -> list[tuple[str, str]]:
        """Parameters in canonical order, defaults omitted."""
        values = {
            "category": self.category,
            "place": self.place,
            "source": self.source,
            "q": self.q,
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "status": self.status,
            "page": str(self.page) if page and self.page != 1 else None,
        }
        return [(name, values[name]) for name in PARAMS if values[name]]

    def query_string(self, *, page: bool = True) -> str:
        params = self.to_params(page=page)
        return ("?" + urlencode(params)) if params else ""

    def with_page(self, page: int) -> EventQuery:
        return replace(self, page=page)

    @property
    def is_empty(self) -> bool:
        return not self.to_params(page=False)
