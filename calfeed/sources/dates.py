"""Publication dates from metadata strings and feed items, as a day in the site's zone."""
from __future__ import annotations

import re
import time
from datetime import UTC, date, datetime
from email.utils import parsedate
from zoneinfo import ZoneInfo

SITE_ZONE = ZoneInfo("Asia/Shanghai")

_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})(?:[T ]?\d{2,6})?$")
# A date that says which zone it is in: "+0800", "-05:00", "Z", "GMT", "UT", "EST"... but not
# "CST", which Chinese feeds write for China Standard Time and feedparser reads as US Central.
_CST = re.compile(r"\s*\bCST\s*$", re.I)
_HAS_ZONE = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|\b(?:UTC?|GMT|[ECMP]DT|[EMP]ST|HKT|JST))\s*$", re.I)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(value: str | None, zone: ZoneInfo = SITE_ZONE) -> date | None:
    """The day a metadata date string names, in ``zone``; None when it names none.

    ISO 8601 with an offset is converted to ``zone``; a date or time without one is
    taken as already local (Chinese sites write local time). Other forms
    (``2025年3月5日``, ``05 Mar 2025``, ``2025-03-05-10:30:00``) are read too, free-form
    ones with dateparser.
    """
    if not value:
        return None
    text = value.strip()
    if not text or len(text) > 100:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        moment = None
    if moment is not None:
        if moment.tzinfo is not None:
            return moment.astimezone(zone).date()
        return moment.date()
    compact = _COMPACT.match(text)
    if compact:
        return _valid(*map(int, compact.groups()))
    ymd = _YMD.search(text)
    if ymd and not _HAS_ZONE.search(text):
        return _valid(*map(int, ymd.groups()))
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a dependency
        return None
    settings = {"TIMEZONE": str(zone), "TO_TIMEZONE": str(zone), "RETURN_AS_TIMEZONE_AWARE": True,
                "PREFER_DATES_FROM": "past", "DATE_ORDER": "YMD", "REQUIRE_PARTS": ["year", "month", "day"]}
    try:
        parsed = dateparser.parse(text, languages=["zh", "en"], settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        parsed = None
    if parsed is None:
        return ymd and _valid(*map(int, ymd.groups()))
    return parsed.astimezone(zone).date()


def feed_date(parsed: time.struct_time | None, raw: str | None, zone: ZoneInfo = SITE_ZONE) -> date | None:
    """A feed item's day in ``zone`` from feedparser's ``*_parsed`` (UTC) and the raw string.

    feedparser reads a date without a zone as UTC; Chinese feeds that write
    ``2025-03-05 20:00:00`` mean local time, so such a date is taken as it stands.
    """
    if raw and _CST.search(raw):  # feedparser took it for US Central: read the wall-clock date
        wall = parsedate(_CST.sub("", raw))
        return _valid(*wall[:3]) if wall else parse_date(_CST.sub("", raw), zone)
    if parsed is not None:
        if raw and not _HAS_ZONE.search(raw.strip()):
            return _valid(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
        try:
            moment = datetime(*parsed[:6], tzinfo=UTC)
        except (TypeError, ValueError):
            return None
        return moment.astimezone(zone).date()
    return parse_date(raw, zone)
